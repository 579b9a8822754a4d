import type { ChildProcess } from 'node:child_process';
import { connectTestRedis, uniquePrefix, waitFor } from '@tocsin/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSink, startWebhookStack, stopAll, writeConfig } from './stack.js';

describe('time-interval muting reaches the API (mutedBy) and silences the webhook', () => {
  const prefix = uniquePrefix('muting');
  const children: ChildProcess[] = [];
  let sink: Awaited<ReturnType<typeof startSink>>;
  let base: string;

  beforeAll(async () => {
    sink = await startSink();
    const config = writeConfig(`route:
  receiver: sink
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
  routes:
    - matchers: [team="night"]
      receiver: sink
      mute_time_intervals: [always]
time_intervals:
  - name: always
    time_intervals:
      - times: [{start_time: '00:00', end_time: '24:00'}]
receivers:
  - name: sink
    webhook_configs: [{url: '${sink.url}/hook'}]
`);
    base = await startWebhookStack(config, prefix, children, { readyTimeoutMs: 20_000 });
  });

  afterAll(async () => {
    await stopAll(children);
    await sink.close();
    const redis = connectTestRedis();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.unlink(...keys);
    redis.disconnect();
  });

  it('marks the muted group alerts mutedBy the interval, hides it with muted=false, and sends only the other', async () => {
    const post = await fetch(`${base}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { labels: { alertname: 'Night', team: 'night' } },
        { labels: { alertname: 'Day', team: 'day' } },
      ]),
    });
    expect(post.status).toBe(200);
    await waitFor(() => sink.received.length >= 1, { timeoutMs: 15_000, what: 'the unmuted notification' });
    const alerts = await waitFor(
      async () => {
        const list = (await (await fetch(`${base}/api/v2/alerts`)).json()) as {
          labels: Record<string, string>;
          status: { state: string; mutedBy: string[] };
        }[];
        const night = list.find((a) => a.labels.alertname === 'Night');
        return night && night.status.mutedBy.length > 0 && list;
      },
      { timeoutMs: 15_000, what: 'mutedBy recorded by the dispatcher' },
    );
    const night = alerts.find((a) => a.labels.alertname === 'Night');
    const day = alerts.find((a) => a.labels.alertname === 'Day');
    expect(night?.status).toMatchObject({ state: 'suppressed', mutedBy: ['always'] });
    expect(day?.status).toMatchObject({ state: 'active', mutedBy: [] });

    const groups = (await (await fetch(`${base}/api/v2/alerts/groups?muted=false`)).json()) as {
      labels: Record<string, string>;
    }[];
    expect(groups.map((g) => g.labels.alertname)).toEqual(['Day']);
    const all = (await (await fetch(`${base}/api/v2/alerts/groups`)).json()) as unknown[];
    expect(all).toHaveLength(2);

    // Two more ticks: the muted group must still not have been sent.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const sent = sink.received.map((r) => (r.body.groupLabels as Record<string, string>).alertname);
    expect(sent).toContain('Day');
    expect(sent).not.toContain('Night');
  });
});
