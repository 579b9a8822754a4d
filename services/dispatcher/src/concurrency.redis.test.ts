import type { AlertsJobData, NotifyJobData } from '@tocsin/queues';
import { ALERTS_QUEUE, GROUPS_QUEUE } from '@tocsin/queues';
import { waitFor } from '@tocsin/test-support';
import { Queue, Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { Stack, summary, webhookConfig } from './dispatcher.fixture.js';
import { type TickJobData, tickJobId } from './flush-queue.js';

const stacks: Stack[] = [];
afterEach(async () => {
  for (const s of stacks.splice(0)) await s.close();
});

async function start(name: string, dispatchers: number, config = webhookConfig()): Promise<Stack> {
  const s = await Stack.start(name, config, dispatchers, { alertsConcurrency: 2, flushConcurrency: 4 });
  stacks.push(s);
  return s;
}

const GROUPS = ['G1', 'G2', 'G3', 'G4'];
const alert = (group: string, instance: number) => ({
  labels: { alertname: group, instance: String(instance) },
});

/**
 * Four groups of five alerts, every alert in its own request (so the `alerts` jobs spread over
 * the dispatchers), then one alert of each group resolved, again one request each.
 */
async function run(s: Stack): Promise<NotifyJobData[]> {
  await Promise.all(GROUPS.flatMap((g) => [1, 2, 3, 4, 5].map((i) => s.post([alert(g, i)]))));
  await s.waitForSent(4);
  await Promise.all(GROUPS.map((g) => s.resolve([alert(g, 1)])));
  await s.waitForSent(8);
  // Two more ticks of every group: nothing else may follow.
  for (const g of GROUPS) {
    const { id } = s.groupOf({ alertname: g });
    const tick = (await s.groups.timer(id))?.tick ?? 0;
    await s.waitForTick(id, tick + 2);
  }
  return s.sent();
}

const normalized = (sent: NotifyJobData[]) =>
  sent
    .map((n) => `${n.groupKey} ${n.reason} ${summary(n).join(',')}`)
    .sort()
    .join('\n');

describe('several dispatchers on one prefix', () => {
  it('send what one dispatcher sends, none twice', async () => {
    const [one, two] = await Promise.all([start('disp-one', 1), start('disp-two', 2)]);
    const [alone, together] = await Promise.all([run(one as Stack), run(two as Stack)]);
    expect(together).toHaveLength(8);
    expect(normalized(together)).toBe(normalized(alone));
    const ticks = together.map((n) => `${n.groupKey}@${n.flushedAt}`);
    expect(new Set(ticks).size).toBe(ticks.length);
  });

  it('agree on one group, one epoch and one chain when they create it together', async () => {
    const s = await start('disp-create', 3);
    await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => s.post([alert('Same', i)])));
    const [first] = await s.waitForSent(1);
    const { id } = s.groupOf({ alertname: 'Same' });
    const epoch = (await s.groups.timer(id))?.epoch ?? 0;
    expect(first?.flushedAt).toBe(epoch + 200);
    expect(first?.alerts).toHaveLength(9);
    await s.waitForTick(id, 3);
    expect(await s.sent()).toHaveLength(1);
    // Every tick so far belongs to that one epoch, numbered without a gap.
    const queue = new Queue<TickJobData>(GROUPS_QUEUE, { connection: s.redis, prefix: s.prefix });
    const ticks = (await queue.getJobs(['completed', 'active', 'delayed', 'waiting']))
      .map((j) => j.data)
      .filter((d) => d.groupId === id);
    await queue.close();
    expect(new Set(ticks.map((t) => t.epoch))).toEqual(new Set([epoch]));
    const numbers = ticks.map((t) => t.tick).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i));
  });
});

describe('a flush tick', () => {
  it('does nothing when re-run after it finished, when a later tick started, or for an old epoch', async () => {
    const s = await start(
      'disp-rerun',
      1,
      webhookConfig().replace('group_interval: 500ms', 'group_interval: 1500ms'),
    );
    await s.post([alert('Rerun', 1)]);
    const [first] = await s.waitForSent(1);
    const { id } = s.groupOf({ alertname: 'Rerun' });
    const epoch = (await s.groups.timer(id))?.epoch ?? 0;
    const queue = new Queue<TickJobData>(GROUPS_QUEUE, { connection: s.redis, prefix: s.prefix });
    const runOnce = async (name: string, data: TickJobData) => {
      const job = await queue.add('flush', data, { jobId: `${name}.${id}` });
      return waitFor(
        async () => ((await queue.getJob(job.id ?? ''))?.returnvalue as string | null) ?? undefined,
        {
          what: `${name} to run`,
        },
      );
    };
    const tick0 = { groupId: id, epoch, tick: 0, dueAt: first?.flushedAt ?? 0 };
    expect(await runOnce('rerun', tick0)).toBe('done');
    expect(await runOnce('old-epoch', { ...tick0, epoch: epoch - 1 })).toBe('gone');
    await s.waitForTick(id, 1);
    expect(await runOnce('stale', tick0)).toBe('stale');
    await s.waitForTick(id, 2);
    // The re-runs scheduled their successor again under the chain's ids: no tick was doubled.
    const chain = (await queue.getJobs(['completed', 'active', 'delayed', 'waiting']))
      .filter((j) => j.data.groupId === id && j.id?.startsWith('flush.'))
      .map((j) => j.data.tick);
    await queue.close();
    expect(new Set(chain).size).toBe(chain.length);
    expect(chain.length).toBeGreaterThanOrEqual(3);
    expect(await s.sent()).toHaveLength(1);
  });
});

describe('the sweep', () => {
  it('re-creates a chain whose next tick went missing', async () => {
    const s = await start(
      'disp-sweep',
      1,
      webhookConfig().replace('group_interval: 500ms', 'group_interval: 1500ms'),
    );
    await s.post([alert('Swept', 1)]);
    const [first] = await s.waitForSent(1);
    const { id } = s.groupOf({ alertname: 'Swept' });
    const timer = await s.groups.timer(id);
    const queue = new Queue<TickJobData>(GROUPS_QUEUE, { connection: s.redis, prefix: s.prefix });
    // Tick 1 vanishes, as if the dispatcher had died before scheduling it.
    expect(await queue.remove(tickJobId(id, timer?.epoch ?? 0, 1))).toBe(1);
    await queue.close();
    await s.post([alert('Swept', 2)]);
    const dispatcher = s.dispatchers[0];
    // Nothing to revive before the tick is overdue; then exactly this chain.
    const revived = await waitFor(async () => ((await dispatcher?.sweep()) ?? 0) || undefined, {
      what: 'a revived chain',
    });
    expect(revived).toBe(1);
    const [, second] = await s.waitForSent(2);
    expect(second?.reason).toBe('new alerts added');
    expect((second?.flushedAt ?? 0) - (first?.flushedAt ?? 0)).toBe(1500);
  });

  it('sends back an alerts batch that failed for good, and its alert is notified', async () => {
    const s = await Stack.start('disp-sweep-alerts', webhookConfig(), 0);
    stacks.push(s);
    await s.post([alert('Lost', 1)]);
    // Fail the batch by hand before any dispatcher runs, as if every attempt had failed.
    const failer = new Worker<AlertsJobData>(ALERTS_QUEUE, null, {
      connection: s.redis,
      prefix: s.prefix,
    });
    const job = await failer.getNextJob('failer');
    await job?.moveToFailed(new Error('Redis went away'), 'failer', false);
    await failer.close();
    const queue = new Queue<AlertsJobData>(ALERTS_QUEUE, { connection: s.redis, prefix: s.prefix });
    expect(await queue.getFailedCount()).toBe(1);
    const dispatcher = await s.addDispatcher();
    expect(await s.sent()).toHaveLength(0);
    expect(await dispatcher.sweep()).toBe(1);
    const [sent] = await s.waitForSent(1);
    expect(sent?.alerts.map((a) => a.labels.alertname)).toEqual(['Lost']);
    expect(await queue.getFailedCount()).toBe(0);
    await queue.close();
  });
});
