import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDispatcherFlags, type RunningDispatcher, startDispatcher } from '@tocsin/dispatcher';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  testRedisUrl,
  uniquePrefix,
  waitFor,
} from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIngestFlags } from './flags.js';
import { type RunningIngest, startIngest } from './main.js';

/** The value of one series in Prometheus text, e.g. `alertmanager_alerts{state="active"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/**
 * Ingest (and a dispatcher, at once or when the test asks) on a Redis prefix of their own with
 * `configLines` as alertmanager.yml: started before the describe block's tests, stopped after.
 */
function useStack(name: string, configLines: string[], { dispatcherAtStart = false } = {}) {
  const prefix = uniquePrefix(`ingest-${name}`);
  const dir = mkdtempSync(path.join(tmpdir(), `tocsin-${name}-`));
  const config = path.join(dir, 'alertmanager.yml');
  const silent = pino({ level: 'silent' });
  const common = [`--config.file=${config}`, `--redis.url=${testRedisUrl()}`, `--redis.prefix=${prefix}`];
  let redis: Redis;
  let ingest: RunningIngest;
  let dispatcher: RunningDispatcher | undefined;
  const startTheDispatcher = async () => {
    dispatcher = await startDispatcher(parseDispatcherFlags(common), silent);
  };

  beforeAll(async () => {
    redis = connectTestRedis();
    writeFileSync(config, [...configLines, ''].join('\n'));
    ingest = await startIngest(parseIngestFlags([...common, '--web.listen-address=127.0.0.1:0']), silent);
    if (dispatcherAtStart) await startTheDispatcher();
  }, 60_000);

  afterAll(async () => {
    await dispatcher?.close();
    await ingest?.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  const scrape = () => fetch(`${ingest.url}/metrics`).then((r) => r.text());
  return {
    url: () => ingest.url,
    startDispatcher: startTheDispatcher,
    scrape,
    post: (alerts: unknown[]) =>
      fetch(`${ingest.url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      }),
    states: async () => {
      const text = await scrape();
      return {
        active: sample(text, 'alertmanager_alerts{state="active"}'),
        suppressed: sample(text, 'alertmanager_alerts{state="suppressed"}'),
        unprocessed: sample(text, 'alertmanager_alerts{state="unprocessed"}'),
      };
    },
  };
}

describe('ingest /metrics: alertmanager_alerts{state} and tocsin_queue_jobs read at scrape time', () => {
  const {
    url,
    startDispatcher: startTheDispatcher,
    scrape,
    post,
    states,
  } = useStack('alert-states', [
    'route:',
    '  receiver: blackhole',
    '  group_by: [alertname]',
    '  group_wait: 1h',
    'inhibit_rules:',
    '  - source_matchers: [severity="critical"]',
    '    target_matchers: [severity="warning"]',
    '    equal: [cluster]',
    'receivers:',
    '  - name: blackhole',
  ]);

  it('counts stored alerts as unprocessed until a dispatcher groups them, then as active or suppressed; resolved ones not at all', async () => {
    expect(await states()).toEqual({ active: 0, suppressed: 0, unprocessed: 0 });
    const silence = await fetch(`${url()}/api/v2/silences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        matchers: [{ name: 'alertname', value: 'Silenced', isRegex: false }],
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        createdBy: 'test',
        comment: 'test',
      }),
    });
    expect(silence.status).toBe(200);
    const res = await post([
      { labels: { alertname: 'Plain' } },
      { labels: { alertname: 'Silenced' } },
      { labels: { alertname: 'Source', severity: 'critical', cluster: 'a' } },
      { labels: { alertname: 'Target', severity: 'warning', cluster: 'a' } },
      { labels: { alertname: 'Gone' }, endsAt: new Date(Date.now() - 1000).toISOString() },
    ]);
    expect(res.status).toBe(200);

    // No dispatcher yet: the four firing alerts wait in the store, their job in `alerts`.
    // (A read is reused for 4 times as long as it took, so the count follows within moments.)
    const waiting = await waitFor(
      async () => {
        const s = await states();
        return s.unprocessed === 4 && s;
      },
      { what: 'four unprocessed alerts' },
    );
    expect(waiting).toEqual({ active: 0, suppressed: 0, unprocessed: 4 });
    expect(sample(await scrape(), 'tocsin_queue_jobs{queue="alerts",state="waiting"}')).toBe(1);

    await startTheDispatcher();
    const grouped = await waitFor(
      async () => {
        const s = await states();
        return s.unprocessed === 0 && s;
      },
      { timeoutMs: 20_000, what: 'the dispatcher grouping every alert' },
    );
    // Plain and Source are active; Silenced (silence) and Target (inhibited by Source) suppressed.
    expect(grouped).toEqual({ active: 2, suppressed: 2, unprocessed: 0 });
    const text = await scrape();
    expect(sample(text, 'tocsin_queue_jobs{queue="alerts",state="waiting"}')).toBe(0);
    // Five groups (the resolved alert's too, as Alertmanager's dispatcher does) wait for their
    // first flush (group_wait 1h) as delayed jobs.
    expect(sample(text, 'tocsin_queue_jobs{queue="groups",state="delayed"}')).toBe(5);
    expect(sample(text, 'tocsin_queue_jobs{queue="notify.webhook",state="waiting"}')).toBe(0);
  }, 30_000);
});

describe('ingest /metrics: alertmanager_alerts counts time-muted alerts as suppressed', () => {
  const { post, states } = useStack(
    'alert-states-muted',
    [
      'route:',
      '  receiver: blackhole',
      '  group_by: [alertname]',
      '  group_wait: 0s',
      '  group_interval: 1h',
      '  routes:',
      '    - matchers: [team="night"]',
      '      mute_time_intervals: [always]',
      'time_intervals:',
      '  - name: always',
      '    time_intervals:',
      "      - times: [{start_time: '00:00', end_time: '24:00'}]",
      'receivers:',
      '  - name: blackhole',
    ],
    { dispatcherAtStart: true },
  );

  it('reads the mute the dispatcher recorded at the flush', async () => {
    const res = await post([
      { labels: { alertname: 'Day' } },
      { labels: { alertname: 'Night', team: 'night' } },
    ]);
    expect(res.status).toBe(200);
    const counted = await waitFor(
      async () => {
        const { active, suppressed, unprocessed } = await states();
        return suppressed === 1 && [active, suppressed, unprocessed];
      },
      { timeoutMs: 20_000, what: 'the time-muted alert counted as suppressed' },
    );
    expect(counted).toEqual([1, 1, 0]);
  }, 30_000);
});
