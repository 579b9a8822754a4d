import { afterEach, describe, expect, it } from 'vitest';
import { iso, Stack, summary, webhookConfig } from './dispatcher.fixture.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const config = webhookConfig({
  top: `inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [cluster]
time_intervals:
  - name: always
    time_intervals:
      - times: [{start_time: '00:00', end_time: '24:00'}]
  - name: never
    time_intervals:
      - years: ['1999']
`,
  route: `  routes:
    - matchers: [alertname="Quiet"]
      mute_time_intervals: [always]
    - matchers: [alertname="Closed"]
      active_time_intervals: [never]
`,
});

async function suppressed(s: Stack, reason: string): Promise<number> {
  let total = 0;
  for (const d of s.dispatchers) {
    const metric = d.registry.getSingleMetric('alertmanager_notifications_suppressed_total');
    const values = (await metric?.get())?.values ?? [];
    total += values.find((v) => v.labels.reason === reason)?.value ?? 0;
  }
  return total;
}

function silence(s: Stack, name: string, value: string) {
  return s.silences.set({
    matchers: [{ name, value, isRegex: false, isEqual: true }],
    startsAt: iso(),
    endsAt: iso(3_600_000),
    createdBy: 'test',
    comment: 'test',
  });
}

describe('muting at flush time', () => {
  it('leaves silenced alerts out of the notification and counts them', async () => {
    stack = await Stack.start('disp-silence', config);
    await silence(stack, 'instance', '2');
    await stack.post(['1', '2', '3'].map((instance) => ({ labels: { alertname: 'Loud', instance } })));
    const [first] = await stack.waitForSent(1);
    expect(first && summary(first)).toEqual(['1=firing', '3=firing']);
    // The firing set the nflog will record holds what was sent, not the silenced alert.
    expect(first?.firing).toHaveLength(2);
    expect(await suppressed(stack, 'silence')).toBeGreaterThanOrEqual(1);
  });

  it('leaves inhibited alerts out until their source resolves', async () => {
    stack = await Stack.start('disp-inhibit', config);
    const source = { labels: { alertname: 'NodeDown', severity: 'critical', cluster: 'c1' } };
    const latency = (cluster: string) => ({
      labels: { alertname: 'HighLatency', severity: 'warning', cluster },
    });
    await stack.post([source, latency('c1'), latency('c2')]);
    const sent = await stack.waitForSent(2);
    const forLatency = sent.filter((n) => n.groupKey.includes('HighLatency'));
    expect(forLatency.map((n) => summary(n, 'cluster'))).toEqual([['c2=firing']]);
    expect(await suppressed(stack, 'inhibition')).toBeGreaterThanOrEqual(1);

    await stack.resolve([source]);
    const later = await stack.waitForSent(4);
    const released = later.filter((n) => n.groupKey.includes('HighLatency'))[1];
    expect(released && summary(released, 'cluster')).toEqual(['c1=firing', 'c2=firing']);
    expect(released?.reason).toBe('new alerts added');
  });

  it('queues nothing and logs nothing while everything is muted, then notifies once unmuted', async () => {
    stack = await Stack.start('disp-all-muted', config);
    const { id } = await silence(stack, 'alertname', 'Muted');
    await stack.post([{ labels: { alertname: 'Muted', instance: '1' } }]);
    const group = stack.groupOf({ alertname: 'Muted' });
    await stack.waitForTick(group.id, 2);
    expect(await stack.sent()).toEqual([]);
    expect(
      await stack.nflog.query({ groupKey: group.key, receiver: 'team', integration: 'webhook', index: 0 }),
    ).toBe(undefined);

    await stack.silences.expire(id);
    const [first] = await stack.waitForSent(1);
    expect(first?.reason).toBe('first notification');
  });

  it('mutes a route inside its mute_time_intervals and records the group’s mutedBy', async () => {
    stack = await Stack.start('disp-mute-interval', config);
    await stack.post([{ labels: { alertname: 'Quiet', instance: '1' } }]);
    const group = stack.groupOf({ alertname: 'Quiet' });
    await stack.waitForTick(group.id, 2);
    expect(await stack.sent()).toEqual([]);
    expect((await stack.groups.read(group.id))?.group.mutedBy).toEqual(['always']);
    expect(await suppressed(stack, 'mute_time_interval')).toBeGreaterThanOrEqual(1);
  });

  it('mutes a route outside all its active_time_intervals', async () => {
    stack = await Stack.start('disp-active-interval', config);
    await stack.post([{ labels: { alertname: 'Closed', instance: '1' } }]);
    const group = stack.groupOf({ alertname: 'Closed' });
    await stack.waitForTick(group.id, 2);
    expect(await stack.sent()).toEqual([]);
    expect((await stack.groups.read(group.id))?.group.mutedBy).toEqual(['never']);
    expect(await suppressed(stack, 'active_time_interval')).toBeGreaterThanOrEqual(1);
  });
});
