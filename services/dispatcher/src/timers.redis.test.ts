import { fingerprint, GO_ZERO_TIME_MS } from '@tocsin/model';
import { waitFor } from '@tocsin/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { iso, Stack, summary, webhookConfig } from './dispatcher.fixture.js';

// group_wait 200ms, group_interval 500ms. Times are checked through the tick times the flushes
// carry (epoch + group_wait + n × group_interval), never by measuring how long anything took.
const WAIT = 200;
const INTERVAL = 500;

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const a = (instance: string, extra: Record<string, string> = {}) => ({
  labels: { alertname: 'Timers', instance, ...extra },
});

async function epochOf(s: Stack, labels: Record<string, string>): Promise<number> {
  const timer = await s.groups.timer(s.groupOf(labels).id);
  if (!timer) throw new Error('group not found');
  return timer.epoch;
}

describe('group timers', () => {
  it('sends a new group’s first notification at its epoch + group_wait', async () => {
    stack = await Stack.start('disp-wait', webhookConfig());
    await stack.post([a('1'), a('2')]);
    const [first] = await stack.waitForSent(1);
    const epoch = await epochOf(stack, a('1').labels);
    expect(first?.flushedAt).toBe(epoch + WAIT);
    expect(first?.reason).toBe('first notification');
    expect(first?.groupKey).toBe('{}:{alertname="Timers"}');
    expect(first && summary(first)).toEqual(['1=firing', '2=firing']);
    expect(first?.alerts.every((x) => x.endsAt === GO_ZERO_TIME_MS)).toBe(true);
    expect(first).toMatchObject({
      receiver: 'team',
      integration: 'webhook',
      index: 0,
      repeatIntervalMs: 3_600_000,
    });
  });

  it('sends an alert joining a notified group with the group’s next tick, not after its own group_wait', async () => {
    stack = await Stack.start('disp-join', webhookConfig());
    await stack.post([a('1')]);
    await stack.waitForSent(1);
    const postedAt = Date.now();
    await stack.post([a('2')]);
    const sent = await stack.waitForSent(2);
    const epoch = await epochOf(stack, a('1').labels);
    const second = sent[1];
    // On the group's grid, after the join: the group's timer was not touched.
    const k = ((second?.flushedAt ?? 0) - epoch - WAIT) / INTERVAL;
    expect(Number.isInteger(k) && k >= 1).toBe(true);
    expect(second?.flushedAt).toBeGreaterThan(postedAt);
    expect(second?.reason).toBe('new alerts added');
    expect(second && summary(second)).toEqual(['1=firing', '2=firing']);
  });

  it('flushes a new group at once when its first alert started more than group_wait ago', async () => {
    stack = await Stack.start('disp-immediate', webhookConfig());
    await stack.post([{ ...a('1'), startsAt: iso(-10 * 60_000) }]);
    const [first] = await stack.waitForSent(1);
    expect(first?.flushedAt).toBe(await epochOf(stack, a('1').labels));
  });

  it('does not flush an existing group early for an old alert joining it', async () => {
    stack = await Stack.start('disp-old-join', webhookConfig());
    await stack.post([a('1')]);
    await stack.waitForSent(1);
    await stack.post([{ ...a('2'), startsAt: iso(-10 * 60_000) }]);
    const sent = await stack.waitForSent(2);
    const epoch = await epochOf(stack, a('1').labels);
    expect(((sent[1]?.flushedAt ?? 0) - epoch - WAIT) % INTERVAL).toBe(0);
  });

  it('repeats on the first tick at least repeat_interval after the last notification', async () => {
    // repeat_interval 1200ms on a 500ms grid: ticks at +200, +700, +1200, +1700, ...; the repeat
    // goes at +1700 (the first tick with timestamp < now - 1200), then at +3200.
    stack = await Stack.start(
      'disp-repeat',
      webhookConfig().replace('repeat_interval: 1h', 'repeat_interval: 1200ms'),
    );
    await stack.post([a('1')]);
    const sent = await stack.waitForSent(3);
    const epoch = await epochOf(stack, a('1').labels);
    expect(sent.slice(0, 3).map((n) => [n.flushedAt - epoch, n.reason])).toEqual([
      [200, 'first notification'],
      [1700, 'repeat interval elapsed'],
      [3200, 'repeat interval elapsed'],
    ]);
  });

  it('never notifies an alert that resolved before group_wait ended, and deletes its group', async () => {
    stack = await Stack.start('disp-early-resolve', webhookConfig());
    await stack.post([{ ...a('1'), endsAt: iso(50) }]);
    const { id } = stack.groupOf(a('1').labels);
    const s = stack;
    await waitFor(async () => (await s.groups.timer(id)) !== undefined, { what: 'the group' });
    await waitUntilGone(stack, id);
    expect(await stack.sent()).toEqual([]);
  });
});

describe('send_resolved', () => {
  const config = webhookConfig({
    receivers: '      - url: http://127.0.0.1:1/quiet\n        send_resolved: false\n',
  });

  it('sends resolutions to send_resolved integrations only; the other one only logs the end', async () => {
    stack = await Stack.start('disp-resolved', config);
    await stack.post([a('1'), a('2')]);
    expect((await stack.waitForSent(2)).map((n) => [n.index, n.reason])).toEqual([
      [0, 'first notification'],
      [1, 'first notification'],
    ]);

    await stack.resolve([a('2')]);
    const partial = (await stack.waitForSent(3))[2];
    expect(partial).toMatchObject({ index: 0, reason: 'some alerts resolved' });
    expect(partial && summary(partial)).toEqual(['1=firing', '2=resolved']);

    await stack.resolve([a('1')]);
    const all = (await stack.waitForSent(4))[3];
    expect(all).toMatchObject({ index: 0, reason: 'all alerts resolved', firing: [] });
    expect(all && summary(all)).toEqual(['1=resolved']);

    // The send_resolved: false integration got nothing more, but its log forgot the firing alerts.
    const { id, key } = stack.groupOf(a('1').labels);
    await waitUntilGone(stack, id);
    expect((await stack.sent()).filter((n) => n.index === 1)).toHaveLength(1);
    const quiet = await stack.nflog.query({
      groupKey: key,
      receiver: 'team',
      integration: 'webhook',
      index: 1,
    });
    expect(quiet?.firing).toEqual([]);
    expect(quiet?.resolved).toEqual([fingerprint(a('1').labels)]);
  });

  it('leaves resolved alerts out of what a send_resolved: false integration is sent', async () => {
    stack = await Stack.start('disp-unresolved-payload', config);
    await stack.post([a('1'), a('2')]);
    await stack.waitForSent(2);
    // One request, so both changes reach the same tick.
    await stack.post([{ ...a('2'), endsAt: iso() }, a('3')]);
    const sent = await stack.waitForSent(4);
    const byIndex = Object.fromEntries(sent.slice(2).map((n) => [n.index, summary(n)]));
    expect(byIndex).toEqual({ 0: ['1=firing', '2=resolved', '3=firing'], 1: ['1=firing', '3=firing'] });
  });
});

async function waitUntilGone(s: Stack, groupId: string): Promise<void> {
  await waitFor(async () => (await s.groups.timer(groupId)) === undefined, {
    what: `group ${groupId} deleted`,
  });
}
