import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { connectTestRedis, uniquePrefix } from '@tocsin/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { conformanceDir, repoRoot } from './conformance.js';

// The API scenarios recorded from Alertmanager, run against a real `tocsin ingest` process.
const SCENARIOS = ['17', '18'];

describe('API conformance scenarios against tocsin ingest', () => {
  const prefix = uniquePrefix('api-scenarios');

  afterAll(async () => {
    const redis = connectTestRedis();
    const keys = await redis.keys(`${prefix}-*`);
    if (keys.length > 0) await redis.unlink(...keys);
    redis.disconnect();
  });

  it(`passes scenarios ${SCENARIOS.join(', ')}`, () => {
    const runner = path.join(conformanceDir(), 'scenarios/run.mjs');
    const start = `npx tocsin ingest --config.file {config} --web.listen-address 127.0.0.1:{port} --redis.prefix ${prefix}-{scenario}`;
    const run = spawnSync(
      process.execPath,
      [runner, '--target', 'cmd', '--start', start, '--only', SCENARIOS.join(',')],
      { cwd: repoRoot, encoding: 'utf8', timeout: 200_000 },
    );
    const lines = run.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(lines.at(-1)).toBe(`${SCENARIOS.length} passed, 0 failed`);
    expect(run.status).toBe(0);
  });
});
