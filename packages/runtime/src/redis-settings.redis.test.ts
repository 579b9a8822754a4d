import { type RedisServer, startRedisServer } from '@tocsin/test-support';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogSink } from './log-sink.js';
import { checkRedisSettings } from './redis.js';

function recordingLogger() {
  const lines: { level: string; fields: object; message?: string }[] = [];
  const sink: LogSink = {
    info: (fields, message) => lines.push({ level: 'info', fields, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
    error: (fields, message) => lines.push({ level: 'error', fields, message }),
  };
  return { sink, lines };
}

describe('checkRedisSettings (own redis-server per case)', () => {
  let server: RedisServer | undefined;
  let redis: Redis | undefined;

  afterEach(async () => {
    redis?.disconnect();
    await server?.destroy();
  });

  async function check(args: string[]) {
    server = await startRedisServer(args);
    redis = new Redis(server.url);
    const log = recordingLogger();
    const warnings = await checkRedisSettings(redis, log.sink);
    return { warnings, lines: log.lines };
  }

  it('is quiet when AOF is on and nothing is evicted', async () => {
    const { warnings, lines } = await check(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']);
    expect(warnings).toEqual([]);
    expect(lines.filter((l) => l.level !== 'info')).toEqual([]);
  });

  it('warns naming each setting that is wrong', async () => {
    const { warnings, lines } = await check(['--appendonly', 'no', '--maxmemory-policy', 'allkeys-lru']);
    expect(warnings).toEqual([
      'Redis appendonly is "no", Tocsin needs "yes"',
      'Redis maxmemory-policy is "allkeys-lru", Tocsin needs "noeviction"',
    ]);
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.fields)).toEqual([
      { setting: 'appendonly', actual: 'no', wanted: 'yes' },
      { setting: 'maxmemory-policy', actual: 'allkeys-lru', wanted: 'noeviction' },
    ]);
  });

  it('carries on when CONFIG is disabled', async () => {
    const { warnings, lines } = await check(['--appendonly', 'no', '--rename-command', 'CONFIG', '""']);
    expect(warnings).toEqual([]);
    expect(lines.map((l) => l.level)).toEqual(['info', 'info']);
    expect(lines[0]?.message).toMatch(/Could not read the Redis setting/);
  });
});
