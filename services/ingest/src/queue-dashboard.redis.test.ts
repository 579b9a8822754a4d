import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { allQueueNames } from '@tocsin/queues';
import { connectTestRedis, deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '@tocsin/test-support';
import bcrypt from 'bcryptjs';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIngestFlags } from './flags.js';
import { type RunningIngest, startIngest } from './main.js';

interface BoardQueue {
  name: string;
  readOnlyMode: boolean;
  counts: Record<string, number>;
}

describe('the queue dashboard at <route prefix>/queues', () => {
  const prefix = uniquePrefix('ingest-queues');
  const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-queues-'));
  const auth = `Basic ${Buffer.from('admin:s3cret').toString('base64')}`;
  let redis: Redis;
  let ingest: RunningIngest;

  beforeAll(async () => {
    redis = connectTestRedis();
    const config = path.join(dir, 'alertmanager.yml');
    writeFileSync(config, 'route:\n  receiver: default\nreceivers:\n  - name: default\n');
    const webConfig = path.join(dir, 'web.yml');
    writeFileSync(webConfig, `basic_auth_users:\n  admin: ${bcrypt.hashSync('s3cret', 4)}\n`);
    ingest = await startIngest(
      parseIngestFlags([
        `--config.file=${config}`,
        '--web.listen-address=127.0.0.1:0',
        '--web.route-prefix=/alertmanager',
        `--web.config.file=${webConfig}`,
        `--redis.url=${testRedisUrl()}`,
        `--redis.prefix=${prefix}`,
      ]),
      pino({ level: 'silent' }),
    );
    // No dispatcher runs: the alerts job stays waiting, for the dashboard to show.
    const posted = await fetch(`${ingest.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify([{ labels: { alertname: 'Dashboard' } }]),
    });
    expect(posted.status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await ingest?.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it('serves the bull-board page under the route prefix, behind the same basic auth as the API', async () => {
    expect((await fetch(`${ingest.url}/queues`)).status).toBe(401);
    const page = await fetch(`${ingest.url}/queues`, { headers: { authorization: auth } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    // The UI loads its scripts and API from the prefixed base path.
    expect(html).toContain('/alertmanager/queues/');
    expect(html).toContain('Tocsin queues');
  });

  it('lists alerts, groups and every notify.<type> queue through its API, read-only, with live counts', async () => {
    expect((await fetch(`${ingest.url}/queues/api/queues`)).status).toBe(401);
    const res = await fetch(`${ingest.url}/queues/api/queues`, { headers: { authorization: auth } });
    expect(res.status).toBe(200);
    const { queues } = (await res.json()) as { queues: BoardQueue[] };
    expect(queues.map((q) => q.name).sort()).toEqual(allQueueNames().sort());
    expect(queues.every((q) => q.readOnlyMode)).toBe(true);
    const alerts = queues.find((q) => q.name === 'alerts');
    expect(alerts?.counts.waiting).toBe(1);
    // Read-only: a bulk retry is refused and the job stays where it was.
    const retry = await fetch(`${ingest.url}/queues/api/queues/alerts/retry/waiting`, {
      method: 'PUT',
      headers: { authorization: auth },
    });
    expect(retry.status).toBeGreaterThanOrEqual(400);
    const after = (await (
      await fetch(`${ingest.url}/queues/api/queues`, { headers: { authorization: auth } })
    ).json()) as { queues: BoardQueue[] };
    expect(after.queues.find((q) => q.name === 'alerts')?.counts.waiting).toBe(1);
  });
});
