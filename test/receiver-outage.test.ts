import type { ChildProcess } from 'node:child_process';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix, waitFor } from '@tocsin/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifiedIds } from './alert-poster.js';
import { type ScriptedSink, type SinkRequest, startScriptedSink } from './scripted-sink.js';
import { startWebhookStack, stopAll, writeConfig } from './stack.js';

const GROUPS = 20;
const OUTAGE_MS = 20_000;
const RETRY_AFTER_S = 2;
/** 429s each notification gets after the outage before it is accepted. */
const RATE_LIMITED = 2;

/**
 * The receiver fails with 500 for 20 s, then rate-limits each notification twice with
 * `429 Retry-After: 2`, then accepts it.
 *
 * group_interval is 5m on purpose: the notifier retries until the group's next tick, as
 * Alertmanager's flush deadline does (max(group_interval, 10s) after the flush, see
 * services/notifier/src/retry-policy.ts). With 5m that deadline lies far beyond the 20 s outage,
 * so every delivery here comes from the retries of the first notification, not from a later
 * tick sending a fresh one; with a group_interval under ~25 s the first notification would
 * give up during the outage.
 *
 * A second receiver, `strict`, answers 400 (an unrecoverable error: no retry) until the test
 * fixes it; the notification must wait as a dead letter and its replay must deliver it.
 */
describe('receiver outage: 500 for 20 s, then 429 with Retry-After, then 200; a 400 becomes a dead letter', () => {
  const prefix = uniquePrefix('outage');
  const strictPath = `/${prefix}/strict`;
  const children: ChildProcess[] = [];
  let sink: ScriptedSink;
  let base: string;
  let outageEnds = Number.POSITIVE_INFINITY;
  const limited = new Map<string, number>();
  /** The `strict` receiver rejects every notification with 400 until the test "fixes" it. */
  let strictBroken = true;

  beforeAll(async () => {
    sink = await startScriptedSink((r) => {
      if (r.path === strictPath) return { status: strictBroken ? 400 : 200 };
      if (Date.now() < outageEnds) return { status: 500 };
      const key = String(r.headers['idempotency-key']);
      const n = limited.get(key) ?? 0;
      if (n >= RATE_LIMITED) return { status: 200 };
      limited.set(key, n + 1);
      return { status: 429, headers: { 'Retry-After': String(RETRY_AFTER_S) } };
    });
    const config = writeConfig(`route:
  receiver: sink
  group_by: [group]
  group_wait: 1s
  group_interval: 5m
  repeat_interval: 4h
  routes:
    - matchers: ['kind="strict"']
      receiver: strict
receivers:
  - name: sink
    webhook_configs:
      - url: ${sink.url}/${prefix}
  - name: strict
    webhook_configs:
      - url: ${sink.url}${strictPath}
`);
    base = await startWebhookStack(config, prefix, children);
  });

  afterAll(async () => {
    await stopAll(children);
    await sink?.close();
    const redis = connectTestRedis();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it('delivers every notification, none before its Retry-After', async () => {
    const alerts = Array.from({ length: GROUPS }, (_, g) => ({
      labels: { alertname: 'Outage', group: `g${g}`, id: `g${g}` },
    }));
    outageEnds = Date.now() + OUTAGE_MS;
    const res = await fetch(`${base}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(alerts),
    });
    expect(res.status).toBe(200);

    const path = `/${prefix}`;
    await waitFor(() => notifiedIds(sink.delivered(path)).size === GROUPS, {
      timeoutMs: 90_000,
      intervalMs: 250,
      what: 'every notification delivered',
    });

    const byKey = new Map<string, SinkRequest[]>();
    for (const r of sink.requests.filter((q) => q.path === path)) {
      const key = String(r.headers['idempotency-key']);
      byKey.set(key, [...(byKey.get(key) ?? []), r]);
    }
    const patterns = new Map<string, number>();
    for (const rs of byKey.values()) {
      const pattern = rs.map((r) => r.status).join(' ');
      patterns.set(pattern, (patterns.get(pattern) ?? 0) + 1);
    }
    console.log(
      `receiver outage: ${byKey.size} notifications; answers per notification (count): ` +
        [...patterns].map(([p, n]) => `${p} (${n})`).join('; '),
    );
    expect(byKey.size).toBe(GROUPS);
    for (const requests of byKey.values()) {
      requests.sort((a, b) => a.at - b.at);
      const statuses = requests.map((r) => r.status);
      // Retried through the outage (several 500s), then rate-limited twice, then delivered once.
      expect(statuses.filter((s) => s === 500).length).toBeGreaterThanOrEqual(3);
      expect(statuses.slice(-(RATE_LIMITED + 1))).toEqual([429, 429, 200]);
      expect(statuses.filter((s) => s !== 500)).toHaveLength(RATE_LIMITED + 1);
      for (let i = 1; i < requests.length; i++) {
        const prev = requests[i - 1] as SinkRequest;
        const cur = requests[i] as SinkRequest;
        // The Retry-After is honoured: no attempt before it (a few ms of slack for the clocks).
        if (prev.status === 429) expect(cur.at - prev.at).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000 - 20);
      }
      expect(requests.at(-1)?.at).toBeGreaterThanOrEqual(outageEnds);
    }
    // Exactly one delivery per notification: no retry after the 200.
    expect(sink.delivered(path)).toHaveLength(GROUPS);
  });
  it('files a 400 as a dead letter at once; its replay, after the receiver is fixed, delivers it', async () => {
    const res = await fetch(`${base}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { labels: { alertname: 'Strict', kind: 'strict', group: 'strict', id: 'strict-1' } },
      ]),
    });
    expect(res.status).toBe(200);
    type Letter = { id: string; receiver: string; reason: string; attempts: number; lastError: string };
    const letters = await waitFor(
      async () => {
        const list = (await (
          await fetch(`${base}/api/tocsin/v1/dead-letters?receiver=strict`)
        ).json()) as Letter[];
        return list.length > 0 && list;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'a dead letter for the strict receiver' },
    );
    expect(letters).toHaveLength(1);
    const [letter] = letters as [Letter];
    // A 4xx is not retried (Alertmanager's unrecoverable error): one attempt, then the letter.
    expect(letter).toMatchObject({ receiver: 'strict', reason: 'clientError', attempts: 1 });
    expect(letter.lastError).toContain('400');
    const failed = sink.requests.filter((r) => r.path === strictPath);
    expect(failed.map((r) => r.status)).toEqual([400]);

    strictBroken = false;
    const replay = await fetch(`${base}/api/tocsin/v1/dead-letters/${letter.id}/replay`, { method: 'POST' });
    expect(replay.status).toBe(202);
    await waitFor(() => notifiedIds(sink.delivered(strictPath)).has('strict-1'), {
      timeoutMs: 30_000,
      what: 'the replayed notification delivered',
    });
    const delivered = sink.delivered(strictPath);
    expect(delivered).toHaveLength(1);
    // The same notification: the same Idempotency-Key as the attempt that failed.
    expect(delivered[0]?.headers['idempotency-key']).toBe(failed[0]?.headers['idempotency-key']);
    const after = (await (
      await fetch(`${base}/api/tocsin/v1/dead-letters?receiver=strict`)
    ).json()) as Letter[];
    expect(after).toEqual([]);
  });
});
