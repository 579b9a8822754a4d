import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeadLetters, type FinalFailure } from '@tocsin/dead-letters';
import { parseIngestFlags, type RunningIngest, startIngest } from '@tocsin/ingest';
import { type NotifyJobData, notifyQueue } from '@tocsin/queues';
import { ReceiverStatus } from '@tocsin/receiver-status';
import { connectTestRedis, deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '@tocsin/test-support';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** `npx tocsin ...` from the repository root, as a user runs it; never blocks this process' server. */
function tocsin(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['--no', 'tocsin', ...args], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, out: stdout, err: stderr });
    });
  });
}

function failure(receiver: string, n: number): FinalFailure {
  const labels = { alertname: `Disk${n}`, severity: 'page' };
  return {
    notification: {
      receiver,
      integration: 'webhook',
      index: 0,
      groupKey: `{}:{alertname="Disk${n}"}`,
      groupLabels: { alertname: `Disk${n}` },
      routeLabels: {},
      alerts: [
        {
          fingerprint: `fp${n}`,
          status: 'firing',
          labels,
          annotations: {},
          startsAt: Date.UTC(2026, 0, 1),
          endsAt: Date.UTC(1, 0, 1),
          generatorURL: '',
        },
      ],
      firing: [`fp${n}`],
      resolved: [],
      repeatIntervalMs: 3_600_000,
      reason: 'first notification',
      flushedAt: Date.UTC(2026, 0, 1),
      configHash: 'h',
    },
    jobId: `notify.cli${n}`,
    lastError: `notify retry canceled due to unrecoverable error after 1 attempts: unexpected status code 400 (${n})`,
    reason: 'clientError',
    attempts: 1,
    failedAt: Date.UTC(2026, 0, 1, 0, n),
  };
}

describe('npx tocsin dead-letters and receivers against a real ingest', { timeout: 120_000 }, () => {
  const prefix = uniquePrefix('cli-dead-letters');
  let redis: Redis;
  let ingest: RunningIngest;
  let letters: DeadLetters;
  let url: string;

  beforeAll(async () => {
    redis = connectTestRedis();
    const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-cli-dl-'));
    const config = path.join(dir, 'alertmanager.yml');
    writeFileSync(
      config,
      `route:\n  receiver: team\nreceivers:\n  - name: team\n    webhook_configs: [{url: 'http://127.0.0.1:9/'}]\n  - name: ops\n    webhook_configs: [{url: 'http://127.0.0.1:9/'}]\n`,
    );
    const flags = parseIngestFlags(
      [
        `--config.file=${config}`,
        `--redis.url=${testRedisUrl()}`,
        `--redis.prefix=${prefix}`,
        '--web.listen-address=127.0.0.1:0',
      ],
      {},
    );
    ingest = await startIngest(flags, pino({ level: 'silent' }));
    url = ingest.url;
    letters = new DeadLetters(redis, { prefix });
  });

  afterAll(async () => {
    await ingest?.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it('lists as a table and as JSON, filtered by receiver', async () => {
    const a = await letters.record(failure('team', 1));
    const b = await letters.record(failure('ops', 2));
    const table = await tocsin('dead-letters', 'list', `--alertmanager.url=${url}`);
    expect(table.code, table.err).toBe(0);
    const lines = table.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+INTEGRATION\s+LAST FAILED\s+ATTEMPTS\s+REPLAYS\s+GROUP\s+LAST ERROR$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual([b.id, a.id]);
    expect(lines[2]).toContain('team/webhook[0]');
    expect(lines[2]).toContain('2026-01-01T00:01:00.000Z');
    expect(lines[2]).toContain('{alertname="Disk1"}');
    expect(lines[2]).toContain('unexpected status code 400');

    const json = await tocsin('dead-letters', 'list', '--tocsin.url', url, '--receiver', 'ops', '-o', 'json');
    expect(json.code, json.err).toBe(0);
    expect(
      (JSON.parse(json.out) as { id: string; receiver: string }[]).map((l) => [l.id, l.receiver]),
    ).toEqual([[b.id, 'ops']]);
    await letters.discard(a.id);
    await letters.discard(b.id);
  });

  it('shows one, replays it onto notify.webhook, and discards another', async () => {
    const a = await letters.record(failure('team', 3));
    const b = await letters.record(failure('team', 4));
    const shown = await tocsin('dead-letters', 'show', a.id, `--alertmanager.url=${url}/`);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toMatch(new RegExp(`^ID:\\s+${a.id}$`, 'm'));
    expect(shown.out).toMatch(/^Group key:\s+\{\}:\{alertname="Disk3"\}$/m);
    expect(shown.out).toMatch(/^Alerts:\s+1 \(1 firing, 0 resolved\)$/m);
    expect(shown.out).toContain('firing   {alertname="Disk3", severity="page"}');

    const replayed = await tocsin('dead-letters', 'replay', a.id, `--alertmanager.url=${url}`);
    expect(replayed.code, replayed.err).toBe(0);
    const jobId = /as job (\S+) on notify\.webhook$/m.exec(replayed.out)?.[1];
    expect(jobId).toBeDefined();
    const queue = new Queue<NotifyJobData>(notifyQueue('webhook'), { connection: redis, prefix });
    try {
      expect((await queue.getJob(jobId ?? ''))?.data.replay?.deadLetterId).toBe(a.id);
    } finally {
      await queue.close();
    }

    // Several ids: each is tried, an unknown one makes the exit status 1.
    const discarded = await tocsin('dead-letters', 'discard', 'nope', b.id, `--alertmanager.url=${url}`);
    expect(discarded.code).toBe(1);
    expect(discarded.out.trim()).toBe(`Discarded dead letter ${b.id}`);
    expect(discarded.err).toContain('tocsin dead-letters discard nope: 404 Not Found');
    expect(await letters.list()).toEqual([]);
  });

  it('exits 1 with the API message for an unknown id, 1 when ingest is unreachable, 2 on bad usage', async () => {
    const missing = await tocsin('dead-letters', 'replay', 'nope', `--alertmanager.url=${url}`);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('404 Not Found: dead letter "nope" not found');

    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    const closedPort = (spare.address() as AddressInfo).port;
    await new Promise((resolve) => spare.close(resolve));
    const down = await tocsin('dead-letters', 'list', `--alertmanager.url=http://127.0.0.1:${closedPort}`);
    expect(down.code).toBe(1);
    expect(down.err).toContain(`cannot reach http://127.0.0.1:${closedPort}: ECONNREFUSED`);

    const usage = await tocsin('dead-letters', 'show');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('usage: tocsin dead-letters');
  });

  it('tocsin receivers lists every integration of the config with its status', async () => {
    const status = new ReceiverStatus(redis, { prefix });
    const ref = { receiver: 'ops', integration: 'webhook', index: 0 } as const;
    await status.record(ref, { at: Date.UTC(2026, 0, 1, 0, 5), durationMs: 250 });
    await status.record(ref, {
      at: Date.UTC(2026, 0, 1, 0, 6),
      durationMs: 1500,
      error: 'unexpected status code 503',
    });
    const shown = await tocsin('receivers', `--alertmanager.url=${url}`);
    expect(shown.code, shown.err).toBe(0);
    const lines = shown.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^INTEGRATION\s+LAST ATTEMPT\s+DURATION\s+LAST SUCCESS\s+FAILED\s+LAST ERROR$/);
    expect(lines[1]).toMatch(/^team\/webhook\[0\]\s+-\s+-\s+-\s+0\/0\s+-$/);
    expect(lines[2]).toMatch(
      /^ops\/webhook\[0\]\s+2026-01-01T00:06:00.000Z\s+1.500s\s+2026-01-01T00:05:00.000Z\s+1\/2\s+unexpected status code 503$/,
    );
    const json = await tocsin('receivers', '--tocsin.url', url, '-o', 'json');
    expect(json.code, json.err).toBe(0);
    const parsed = JSON.parse(json.out) as { name: string; integrations: { failures: number }[] }[];
    expect(parsed.map((r) => [r.name, r.integrations[0]?.failures])).toEqual([
      ['team', 0],
      ['ops', 1],
    ]);
    expect((await tocsin('receivers', '-o', 'yaml')).code).toBe(2);
  });
});
