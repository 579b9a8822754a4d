import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { connectTestRedis } from '@tocsin/test-support';
import { freePort, repoRoot } from './stack.js';

/**
 * The shared conformance corpus: $TOCSIN_CONFORMANCE_DIR, else `../shared/conformance` next to
 * the checkout, else /work/shared/conformance. Missing corpus is an error, never a skip.
 */
export function conformanceDir(): string {
  const candidates = [
    process.env.TOCSIN_CONFORMANCE_DIR,
    path.resolve(repoRoot, '../shared/conformance'),
    '/work/shared/conformance',
  ].filter((c): c is string => c !== undefined);
  const found = candidates.find((c) => existsSync(path.join(c, 'configs/check.mjs')));
  if (!found) throw new Error(`conformance corpus not found; looked in ${candidates.join(', ')}`);
  return found;
}

export interface ScenarioRun {
  /** The runner's PASS/FAIL lines of every shard, then `N passed, M failed` over all of them. */
  lines: string[];
  stdout: string;
  /** 0 when every shard passed. */
  status: number;
}

const execFileAsync = promisify(execFile);

/**
 * Runs the shared scenario runner against the whole stack (`npx tocsin start`), each scenario on
 * its own Redis prefix under `prefix`; `scenariosDir` selects another folder of scenarios. The
 * scenarios are split over `shards` runners at once (own API and sink ports each): most of a
 * scenario is waiting on its timeline, so two stacks share the machine without crowding.
 */
export async function runScenarios(prefix: string, scenariosDir?: string, shards = 2): Promise<ScenarioRun> {
  const runner = path.join(conformanceDir(), 'scenarios/run.mjs');
  const folder = scenariosDir ? ['--scenarios', scenariosDir] : [];
  const listed = await execFileAsync(process.execPath, [runner, '--list', ...folder], { cwd: repoRoot });
  const names = listed.stdout
    .split('\n')
    .map((line) => line.split(/\s+/)[0] ?? '')
    .filter((name) => name !== '');
  const groups = Array.from({ length: shards }, (_, i) => names.filter((_, j) => j % shards === i));
  const start = `npx tocsin start --config.file {config} --web.listen-address 127.0.0.1:{port} --redis.prefix ${prefix}-{scenario} --log.level warn`;
  const runs = await Promise.all(
    groups
      .filter((group) => group.length > 0)
      .map(async (group) => {
        const ports = ['--port', String(await freePort()), '--sink-port', String(await freePort())];
        const args = [
          runner,
          '--target',
          'cmd',
          '--start',
          start,
          '--only',
          group.join(','),
          ...ports,
          ...folder,
        ];
        return execFileAsync(process.execPath, args, { cwd: repoRoot, timeout: 400_000 }).then(
          ({ stdout }) => ({ stdout, status: 0 }),
          (err: { stdout?: string; code?: number }) => ({ stdout: err.stdout ?? '', status: err.code ?? 1 }),
        );
      }),
  );
  const lines = runs.flatMap((r) => r.stdout.trim().split('\n')).filter((l) => /^(PASS|FAIL)/.test(l));
  const failed = lines.filter((l) => l.startsWith('FAIL')).length;
  lines.push(`${lines.length - failed} passed, ${failed} failed`);
  return {
    lines,
    stdout: runs.map((r) => r.stdout).join('\n'),
    status: Math.max(0, ...runs.map((r) => r.status)),
  };
}

/** Deletes every key of every scenario run under `prefix`. */
export async function deleteScenarioKeys(prefix: string): Promise<void> {
  const redis = connectTestRedis();
  const keys = await redis.keys(`${prefix}-*`);
  if (keys.length > 0) await redis.unlink(...keys);
  redis.disconnect();
}
