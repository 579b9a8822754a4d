import { type FlushJobData, GROUPS_QUEUE, jobId } from '@tocsin/queues';
import { type TraceCarrier, traceCarrier } from '@tocsin/telemetry';
import { type Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * A flush tick as the dispatcher schedules it. `dueAt` is the tick time (AM's "now" for the
 * flush): carried, not derived from the epoch, because a reload may change group_interval and
 * a late chain skips missed ticks.
 */
export interface TickJobData extends FlushJobData {
  dueAt: number;
  /** The span that scheduled the tick (see the groups worker for how it is used). */
  traceContext?: TraceCarrier;
}

/** The one id of tick `tick` of a group's chain: a re-run or a second dispatcher cannot fork it. */
export function tickJobId(groupId: string, epoch: number, tick: number): string {
  return jobId('flush', groupId, epoch, tick);
}

/** The `groups` queue: one delayed job per tick. */
export class FlushQueue {
  readonly queue: Queue<TickJobData>;

  constructor(redis: Redis, prefix: string) {
    this.queue = new Queue<TickJobData>(GROUPS_QUEUE, { connection: redis, prefix });
  }

  /**
   * Adds the tick unless a job with its id exists (waiting, delayed, active, or finished and
   * still retained: BullMQ ignores the add). Completed ticks are kept a while after they ran
   * so a late duplicate add cannot bring one back.
   */
  async schedule(tick: TickJobData, groupIntervalMs: number, now = Date.now()): Promise<void> {
    const traceContext = traceCarrier();
    await this.queue.add('flush', traceContext ? { ...tick, traceContext } : tick, {
      jobId: tickJobId(tick.groupId, tick.epoch, tick.tick),
      delay: Math.max(0, tick.dueAt - now),
      attempts: 5,
      backoff: { type: 'exponential', delay: 200 },
      removeOnComplete: { age: Math.max(60, Math.ceil((2 * groupIntervalMs) / 1000)) },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  find(id: string): Promise<Job<TickJobData> | undefined> {
    return this.queue.getJob(id);
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
