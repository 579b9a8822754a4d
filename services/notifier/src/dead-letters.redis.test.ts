import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DeadLetter, DeadLetters } from '@tocsin/dead-letters';
import { fingerprint, GO_ZERO_TIME_MS } from '@tocsin/model';
import { NotificationLog } from '@tocsin/nflog';
import { NOTIFY_JOB_OPTIONS, type NotifyAlert, type NotifyJobData, notifyQueue } from '@tocsin/queues';
import { ReceiverStatus } from '@tocsin/receiver-status';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  testRedisUrl,
  uniquePrefix,
  waitFor,
} from '@tocsin/test-support';
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNotifierFlags } from './flags.js';
import { notifyJob } from './integrations/integration-harness.js';
import { type RunningNotifier, startNotifier } from './main.js';

// A secret in the receiver's URL: a dead letter or a status must never show it.
const TOKEN = 'd34d-l3tt3r-s3cr3t';

interface Received {
  path: string;
  idempotencyKey: string | undefined;
  body: { groupKey?: string; alerts?: unknown[] };
}

const received: Received[] = [];
/** Status code per path; 200 when unset. */
const answers = new Map<string, number>();

function handler(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const p = (req.url ?? '').replace(`/${TOKEN}`, '');
    const text = Buffer.concat(chunks).toString();
    received.push({
      path: p,
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      body: text ? JSON.parse(text) : {},
    });
    const status = answers.get(p) ?? 200;
    res.writeHead(status).end(status === 400 ? '{"error":"bad payload"}' : '');
  });
}

let prefix: string;
let redis: Redis;
let queue: Queue<NotifyJobData>;
let notifier: RunningNotifier;
let http: Server;
let deadLetters: DeadLetters;
let status: ReceiverStatus;
let nflog: NotificationLog;
let seq = 0;

beforeAll(async () => {
  prefix = uniquePrefix('notifier-dead-letters');
  redis = connectTestRedis();
  http = createServer(handler);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}/${TOKEN}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-dead-letters-'));
  const configFile = path.join(dir, 'alertmanager.yml');
  writeFileSync(
    configFile,
    `route:
  receiver: rejecting
receivers:
  - name: rejecting
    webhook_configs:
      - url: '${base}/rejecting'
  - name: flaky
    webhook_configs:
      - url: '${base}/flaky'
  - name: broken
    webhook_configs:
      - url: '${base}/broken'
`,
  );
  const flags = parseNotifierFlags(
    [
      `--config.file=${configFile}`,
      `--redis.url=${testRedisUrl()}`,
      `--redis.prefix=${prefix}`,
      '--integration=webhook',
      '--web.listen-address=127.0.0.1:0',
      '--dead-letters.retention=24h',
    ],
    {},
  );
  notifier = await startNotifier(flags, pino({ level: 'silent' }));
  queue = new Queue<NotifyJobData>(notifyQueue('webhook'), { connection: redis, prefix });
  deadLetters = new DeadLetters(redis, { prefix });
  status = new ReceiverStatus(redis, { prefix });
  nflog = new NotificationLog(redis, { prefix });
});

afterAll(async () => {
  await notifier?.close();
  await queue?.close();
  await new Promise((resolve) => http?.close(resolve));
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
});

function notification(receiver: string): NotifyJobData {
  seq += 1;
  const labels = { alertname: 'DeadLetter', n: String(seq) };
  const alert: NotifyAlert = {
    fingerprint: fingerprint(labels),
    status: 'firing',
    labels,
    annotations: {},
    startsAt: Date.UTC(2026, 0, 1),
    endsAt: GO_ZERO_TIME_MS,
    generatorURL: 'http://prometheus/graph',
  };
  return notifyJob('webhook', receiver, { key: `{}:{alertname="DeadLetter", n="${seq}"}`, labels }, [alert]);
}

/** Adds a job as the dispatcher does and waits until BullMQ is done with it. */
async function run(n: NotifyJobData, opts: JobsOptions = {}): Promise<string> {
  const id = `notify.${seq}-${Math.random().toString(16).slice(2)}`;
  await queue.add('notify', n, { ...NOTIFY_JOB_OPTIONS, jobId: id, ...opts });
  await finished(id);
  return id;
}

async function finished(id: string): Promise<string> {
  return waitFor(
    async () => {
      const state = await queue.getJobState(id);
      return state === 'completed' || state === 'failed' ? state : undefined;
    },
    { timeoutMs: 20_000, what: `job ${id} to finish` },
  );
}

async function deadLetterOf(n: NotifyJobData): Promise<DeadLetter> {
  return waitFor(
    async () => (await deadLetters.list({ receiver: n.receiver })).find((l) => l.groupKey === n.groupKey),
    { timeoutMs: 10_000, what: `the dead letter of ${n.groupKey}` },
  );
}

const keyOf = (n: NotifyJobData) => ({
  groupKey: n.groupKey,
  receiver: n.receiver,
  integration: 'webhook',
  index: 0,
});
const requestsTo = (p: string, n: NotifyJobData) =>
  received.filter((r) => r.path === p && r.body.groupKey === n.groupKey);

async function gauge(): Promise<string | undefined> {
  const text = await (await fetch(`${notifier.url}/metrics`)).text();
  return /^tocsin_dead_letters\{integration="webhook"\} (\d+)$/m.exec(text)?.[1];
}

describe('dead letters and receiver status in the notifier', { timeout: 60_000 }, () => {
  it('files a 400 as a dead letter, and its replay delivers it once the receiver is fixed', async () => {
    answers.set('/rejecting', 400);
    const n = notification('rejecting');
    const jobId = await run(n);
    expect(await queue.getJobState(jobId)).toBe('failed');
    const letter = await deadLetterOf(n);
    expect(letter).toMatchObject({
      receiver: 'rejecting',
      integration: 'webhook',
      index: 0,
      groupKey: n.groupKey,
      reason: 'clientError',
      attempts: 1,
      replays: 0,
      jobId,
      notification: n,
    });
    expect(letter.lastError).toBe(
      'notify retry canceled due to unrecoverable error after 1 attempts: unexpected status code 400: {"error":"bad payload"}',
    );
    expect(letter.firstFailedAt).toBe(letter.lastFailedAt);
    expect(JSON.stringify(letter)).not.toContain(TOKEN);
    expect(await gauge()).toBe('1');
    const [failing] = await status.read([{ receiver: 'rejecting', integration: 'webhook', index: 0 }]);
    expect(failing).toMatchObject({ attempts: 1, failures: 1, lastSuccessAt: null });
    expect(failing?.lastError).toContain('unexpected status code 400');
    expect(JSON.stringify(failing)).not.toContain(TOKEN);

    answers.set('/rejecting', 200);
    const replayed = await deadLetters.replay(letter.id);
    expect(await finished(replayed?.jobId ?? '')).toBe('completed');
    const sent = requestsTo('/rejecting', n);
    expect(sent).toHaveLength(2);
    // The same notification, under its original Idempotency-Key.
    expect(sent[1]?.idempotencyKey).toBe(sent[0]?.idempotencyKey);
    expect(sent[1]?.body.alerts).toHaveLength(1);
    expect(await deadLetters.get(letter.id)).toBeUndefined();
    expect(await nflog.query(keyOf(n))).toEqual({ firing: n.firing, resolved: [], timestamp: n.flushedAt });
    expect(await gauge()).toBe('0');
    const [fixed] = await status.read([{ receiver: 'rejecting', integration: 'webhook', index: 0 }]);
    expect(fixed).toMatchObject({ attempts: 2, failures: 1 });
    expect(fixed?.lastSuccessAt).toBeGreaterThanOrEqual(fixed?.lastErrorAt ?? Number.POSITIVE_INFINITY);
    expect(fixed?.lastAttemptDurationMs).toBeGreaterThanOrEqual(0);
  });

  it('files retries that ran out as a dead letter with their attempts; a replay that fails again comes back', async () => {
    answers.set('/flaky', 500);
    const n = notification('flaky');
    await run(n, { attempts: 2 });
    const letter = await deadLetterOf(n);
    expect(letter).toMatchObject({ reason: 'serverError', attempts: 2 });
    expect(letter.lastError).toMatch(/^notify retry canceled after 2 attempts: unexpected status code 500/);

    // Still broken, now for good: the replay fails at once instead of retrying for its window.
    answers.set('/flaky', 400);
    const replayed = await deadLetters.replay(letter.id);
    expect(await finished(replayed?.jobId ?? '')).toBe('failed');
    const again = await waitFor(async () => deadLetters.get(letter.id), {
      what: 'the dead letter to return',
    });
    expect(again).toMatchObject({
      id: letter.id,
      firstFailedAt: letter.firstFailedAt,
      replays: 1,
      jobId: replayed?.jobId,
      reason: 'clientError',
      notification: n,
    });
    expect(again.lastFailedAt).toBeGreaterThan(letter.lastFailedAt);
    expect(requestsTo('/flaky', n).length).toBeGreaterThan(2);
  });

  it('sends a replay the notification log would drop, without moving the log back', async () => {
    answers.set('/rejecting', 400);
    const n = notification('rejecting');
    await run(n);
    const letter = await deadLetterOf(n);
    // Meanwhile a later flush of the group got through.
    const newer = { firing: n.firing, resolved: [], timestamp: n.flushedAt + 60_000 };
    await nflog.log(keyOf(n), newer, n.repeatIntervalMs);
    answers.set('/rejecting', 200);
    const replayed = await deadLetters.replay(letter.id);
    expect(await finished(replayed?.jobId ?? '')).toBe('completed');
    expect(requestsTo('/rejecting', n)).toHaveLength(2);
    expect(await nflog.query(keyOf(n))).toEqual(newer);
    // The same notification again, not a replay, is dropped as before.
    await run(n);
    expect(requestsTo('/rejecting', n)).toHaveLength(2);
  });

  it('files a replay back when its integration left the configuration', async () => {
    const n = notification('vanished');
    const letter = await deadLetters.record({
      notification: n,
      jobId: 'notify.before-the-reload',
      lastError: 'unexpected status code 400',
      reason: 'clientError',
      attempts: 1,
      failedAt: Date.now() - 60_000,
    });
    const replayed = await deadLetters.replay(letter.id);
    expect(await finished(replayed?.jobId ?? '')).toBe('completed');
    expect((await queue.getJob(replayed?.jobId ?? ''))?.returnvalue).toBe('dropped');
    const back = await deadLetters.get(letter.id);
    expect(back).toMatchObject({ replays: 1, attempts: 0, firstFailedAt: letter.firstFailedAt });
    expect(back?.lastError).toBe(
      'vanished/webhook[0]: not in the current configuration (removed by a reload)',
    );
  });

  it('files a final failure outside the send (from the failed event) too', async () => {
    const n = notification('broken');
    // Job data the processor cannot use: it throws before any send, on the only attempt.
    const bad = { ...n, firing: 5 } as unknown as NotifyJobData;
    await run(bad, { attempts: 1 });
    const letter = await deadLetterOf(n);
    expect(letter).toMatchObject({ reason: 'other', attempts: 1, receiver: 'broken' });
    expect(letter.lastError).toMatch(/not iterable/);
    expect(letter.lastError).not.toMatch(/^notify retry canceled/);
    expect(requestsTo('/broken', n)).toHaveLength(0);
  });
});
