import { waitFor } from '@tocsin/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { iso, Stack, summary } from './dispatcher.fixture.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

// A long group_interval leaves room for a reload between two ticks.
const config = (repeat: string, routes = '') => `
route:
  receiver: team
  group_by: [alertname]
  group_wait: 200ms
  group_interval: 1500ms
  repeat_interval: ${repeat}
${routes}
receivers:
  - name: team
    webhook_configs:
      - url: 'http://127.0.0.1:1/hook'
  - name: db
    webhook_configs:
      - url: 'http://127.0.0.1:1/db'
`;
const dbRoute = `  routes:
    - matchers: [service="db"]
      receiver: db
`;

describe('config reload', () => {
  it('neither re-notifies nor flushes early a group waiting for its next tick (AM #2492, #3407)', async () => {
    stack = await Stack.start('disp-reload', config('1h'), 2);
    await stack.post([{ labels: { alertname: 'Reload', instance: '1' } }]);
    const [first] = await stack.waitForSent(1);
    // A second alert joins and waits for the next tick; then the config changes.
    await stack.post([{ labels: { alertname: 'Reload', instance: '2' } }]);
    await stack.reload(config('2h'));
    // Prometheus keeps re-sending its alerts: that must not restart anything either.
    await stack.post([
      { labels: { alertname: 'Reload', instance: '1' }, startsAt: iso(-60_000) },
      { labels: { alertname: 'Reload', instance: '2' }, startsAt: iso(-60_000) },
    ]);
    const sent = await stack.waitForSent(2);
    const second = sent[1];
    // Exactly one tick later, on the new config, and nothing in between.
    expect((second?.flushedAt ?? 0) - (first?.flushedAt ?? 0)).toBe(1500);
    expect(second?.reason).toBe('new alerts added');
    expect(second?.repeatIntervalMs).toBe(2 * 3_600_000);
    expect(second && summary(second)).toEqual(['1=firing', '2=firing']);

    const { id } = stack.groupOf({ alertname: 'Reload' });
    const tick = (await stack.groups.timer(id))?.tick ?? 0;
    await stack.waitForTick(id, tick + 2);
    expect(await stack.sent()).toHaveLength(2);
  });

  it('drops a group whose route is gone and regroups its alerts under the new routes, after group_wait', async () => {
    stack = await Stack.start('disp-route-gone', config('1h', dbRoute));
    const labels = { alertname: 'Slow', service: 'db' };
    await stack.post([{ labels, startsAt: iso(-10 * 60_000) }]);
    const [first] = await stack.waitForSent(1);
    expect(first).toMatchObject({ receiver: 'db', groupKey: '{}/{service="db"}:{alertname="Slow"}' });
    const old = stack.groupOf(labels);

    await stack.reload(config('1h'));
    const s = stack;
    await waitFor(async () => (await s.groups.timer(old.id)) === undefined, {
      what: 'the old group dropped',
    });
    const [, second] = await stack.waitForSent(2);
    expect(second).toMatchObject({
      receiver: 'team',
      groupKey: '{}:{alertname="Slow"}',
      reason: 'first notification',
    });
    // Moved, not new: group_wait, not the immediate flush its old startsAt would give a new alert.
    const moved = await stack.groups.timer(stack.groupOf(labels).id);
    expect(second?.flushedAt).toBe((moved?.epoch ?? 0) + 200);
  });
});
