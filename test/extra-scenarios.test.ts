import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { connectTestRedis, uniquePrefix } from '@tocsin/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { conformanceDir, repoRoot } from './conformance.js';

// The project's own scenarios (test/scenarios, recorded from Alertmanager 0.25 with the shared
// runner's --record), against the whole stack started by `npx tocsin start`.
describe('extra conformance scenarios (test/scenarios) against tocsin start', () => {
  const prefix = uniquePrefix('extra-scenarios');
  const scenariosDir = path.join(repoRoot, 'test/scenarios');
  const scenarios = readdirSync(scenariosDir, { withFileTypes: true }).filter((d) => d.isDirectory());

  afterAll(async () => {
    const redis = connectTestRedis();
    const keys = await redis.keys(`${prefix}-*`);
    if (keys.length > 0) await redis.unlink(...keys);
    redis.disconnect();
  });

  it('passes every scenario', () => {
    const runner = path.join(conformanceDir(), 'scenarios/run.mjs');
    const start = `npx tocsin start --config.file {config} --web.listen-address 127.0.0.1:{port} --redis.prefix ${prefix}-{scenario} --log.level warn`;
    const run = spawnSync(
      process.execPath,
      [runner, '--target', 'cmd', '--scenarios', scenariosDir, '--start', start],
      { cwd: repoRoot, encoding: 'utf8', timeout: 400_000 },
    );
    const lines = run.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    const totals = /^(\d+) passed, 0 failed$/.exec(lines.at(-1) ?? '');
    expect(totals, run.stdout.slice(-2000)).not.toBeNull();
    expect(Number(totals?.[1])).toBe(scenarios.length);
    expect(run.status).toBe(0);
  });
});
