import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectTestRedis } from '@tocsin/test-support';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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

/**
 * Runs the shared scenario runner against the whole stack (`npx tocsin start`), each scenario on
 * its own Redis prefix under `prefix`; `scenariosDir` selects another folder of scenarios.
 */
export function runScenarios(
  prefix: string,
  scenariosDir?: string,
): { lines: string[]; stdout: string; status: number | null } {
  const runner = path.join(conformanceDir(), 'scenarios/run.mjs');
  const start = `npx tocsin start --config.file {config} --web.listen-address 127.0.0.1:{port} --redis.prefix ${prefix}-{scenario} --log.level warn`;
  const args = [runner, '--target', 'cmd', '--start', start];
  if (scenariosDir) args.push('--scenarios', scenariosDir);
  const run = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', timeout: 400_000 });
  return { lines: run.stdout.trim().split('\n'), stdout: run.stdout, status: run.status };
}

/** Deletes every key of every scenario run under `prefix`. */
export async function deleteScenarioKeys(prefix: string): Promise<void> {
  const redis = connectTestRedis();
  const keys = await redis.keys(`${prefix}-*`);
  if (keys.length > 0) await redis.unlink(...keys);
  redis.disconnect();
}
