import type { ChildProcess } from 'node:child_process';
import { connectTestRedis, uniquePrefix, waitFor } from '@tocsin/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  type Received,
  serviceArgs,
  startSink,
  startTocsin,
  stopAll,
  writeConfig,
} from './stack.js';

const GROUPS = 200;
const PER_GROUP = 10;

/** What one notification says, independent of timing: its group and its alerts' labels. */
function summary(r: Received): string {
  const alerts = (r.body.alerts as { labels: Record<string, string> }[])
    .map((a) => JSON.stringify(Object.entries(a.labels).sort()))
    .sort();
  return `${r.body.groupKey} ${alerts.join(' ')}`;
}

async function runStack(dispatchers: number, notifiers: number, sinkUrl: string) {
  const prefix = uniquePrefix(`scale-${dispatchers}x${notifiers}`);
  const config = writeConfig(`route:
  receiver: sink
  group_by: [group]
  group_wait: 4s
  group_interval: 1h
  repeat_interval: 4h
receivers:
  - name: sink
    webhook_configs:
      - url: ${sinkUrl}/${prefix}
`);
  const port = await freePort();
  const children: ChildProcess[] = [
    startTocsin(serviceArgs('ingest', config, prefix, [`--web.listen-address=127.0.0.1:${port}`])),
    ...Array.from({ length: dispatchers }, () => startTocsin(serviceArgs('dispatcher', config, prefix))),
    ...Array.from({ length: notifiers }, () =>
      startTocsin(serviceArgs('notifier', config, prefix, ['--integration=webhook'])),
    ),
  ];
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${base}/-/ready`)).ok, { timeoutMs: 20_000, what: 'ingest ready' });
  return { prefix, children, base };
}

async function postAll(base: string): Promise<void> {
  const alerts = [];
  for (let g = 0; g < GROUPS; g++) {
    for (let i = 0; i < PER_GROUP; i++)
      alerts.push({ labels: { alertname: 'Scale', group: `g${g}`, instance: `i${i}` } });
  }
  for (let i = 0; i < alerts.length; i += 100) {
    const res = await fetch(`${base}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(alerts.slice(i, i + 100)),
    });
    expect(res.status).toBe(200);
  }
}

describe('2 000 alerts in 200 groups through real processes', () => {
  const prefixes: string[] = [];
  const children: ChildProcess[] = [];
  let sink: Awaited<ReturnType<typeof startSink>>;

  beforeAll(async () => {
    sink = await startSink();
  });

  afterAll(async () => {
    await stopAll(children);
    await sink.close();
    const redis = connectTestRedis();
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.unlink(...keys);
    }
    redis.disconnect();
  });

  async function notificationsOf(dispatchers: number, notifiers: number): Promise<string[]> {
    const stack = await runStack(dispatchers, notifiers, sink.url);
    prefixes.push(stack.prefix);
    children.push(...stack.children);
    await postAll(stack.base);
    const mine = () => sink.received.filter((r) => r.path === `/${stack.prefix}`);
    await waitFor(() => mine().length >= GROUPS, { timeoutMs: 60_000, what: `${GROUPS} notifications` });
    // Quiet period: anything sent twice would arrive now.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await stopAll(stack.children);
    return mine().map(summary).sort();
  }

  it('two dispatchers and three notifiers send exactly what one and one send, none twice', async () => {
    const single = await notificationsOf(1, 1);
    expect(single).toHaveLength(GROUPS);
    expect(new Set(single).size).toBe(GROUPS);
    for (const line of single) expect(line.split(' ').length - 1).toBe(PER_GROUP);

    const scaled = await notificationsOf(2, 3);
    // Prefixes differ only in the path the sink saw; the groups and alerts must be identical.
    expect(scaled).toEqual(single);
  });
});
