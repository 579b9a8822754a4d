import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectTestRedis, deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '@tocsin/test-support';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { parseNotifierFlags } from './flags.js';
import { startNotifier } from './main.js';

// bcrypt of "scrape" at cost 4.
const HASH = '$2b$04$8P6drUqXnOS.xSsRljzkielDi/lvDBMUNpDBcrjGhpQi7KiuC7uHS';

describe('notifier --web.listen-address with --web.config.file', () => {
  it('asks for credentials on /metrics but not on the health checks', async () => {
    const prefix = uniquePrefix('notifier-web-auth');
    const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-notifier-web-'));
    const config = path.join(dir, 'alertmanager.yml');
    writeFileSync(config, 'route:\n  receiver: default\nreceivers:\n  - name: default\n');
    const webConfig = path.join(dir, 'web.yml');
    writeFileSync(webConfig, `basic_auth_users:\n  prom: ${HASH}\n`);
    const notifier = await startNotifier(
      parseNotifierFlags(
        [
          `--config.file=${config}`,
          `--redis.url=${testRedisUrl()}`,
          `--redis.prefix=${prefix}`,
          '--integration=webhook',
          '--web.listen-address=127.0.0.1:0',
          `--web.config.file=${webConfig}`,
        ],
        {},
      ),
      pino({ level: 'silent' }),
    );
    const redis = connectTestRedis();
    try {
      const without = await fetch(`${notifier.url}/metrics`);
      expect(without.status).toBe(401);
      expect(without.headers.get('www-authenticate')).toBe('Basic');
      const wrong = { authorization: `Basic ${Buffer.from('prom:nope').toString('base64')}` };
      expect((await fetch(`${notifier.url}/metrics`, { headers: wrong })).status).toBe(401);
      const right = { authorization: `Basic ${Buffer.from('prom:scrape').toString('base64')}` };
      expect((await fetch(`${notifier.url}/metrics`, { headers: right })).status).toBe(200);
      expect((await fetch(`${notifier.url}/-/healthy`)).status).toBe(200);
      expect((await fetch(`${notifier.url}/-/ready`)).status).toBe(200);
    } finally {
      await notifier.close();
      await deleteKeysWithPrefix(redis, prefix);
      redis.disconnect();
    }
  }, 30_000);
});
