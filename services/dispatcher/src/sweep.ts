import { randomUUID } from 'node:crypto';
import type { AlertsJobData } from '@tocsin/queues';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DispatcherContext } from './dispatcher-context.js';
import { tickJobId } from './flush-queue.js';

export interface SweepOptions {
  /** How often to look for dead chains (default 30s). */
  intervalMs: number;
  /** How long past due a tick may not have started before its chain is looked at (default 5s). */
  graceMs: number;
  /** Groups looked at per sweep, oldest due first. */
  batch?: number;
  /** The `alerts` queue, whose batches that failed for good each sweep sends back. */
  alerts?: Queue<AlertsJobData>;
}

/**
 * The safety net of the timer chains: a chain dies when a tick could not schedule its
 * successor (Redis down for all its attempts) or a crash fell between creating a group and
 * adding its tick 0. Every group's next tick is in the due index; a group whose tick is
 * overdue and whose expected job is missing gets it again (same id, so a sweep racing the
 * chain adds nothing), a failed one is retried. One dispatcher sweeps at a time (a lease).
 * A chain revived this way is late by up to one sweep interval plus the grace.
 *
 * It also sends back `alerts` batches BullMQ failed for good (Redis away through all their
 * attempts, or a worker that died under them three times): their alerts are stored, only their
 * routing is missing, and routing an alert twice changes nothing.
 */
export class Sweeper {
  private timer: NodeJS.Timeout | undefined;
  private readonly token = randomUUID();

  constructor(
    private readonly ctx: DispatcherContext,
    private readonly redis: Redis,
    private readonly options: SweepOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((err: Error) => this.ctx.logger.warn({ err: err.message }, 'Sweep failed'));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * One sweep; returns the number of chains revived plus alert batches retried (0 when another
   * dispatcher holds the lease).
   */
  async sweep(): Promise<number> {
    if (!(await this.lease())) return 0;
    const retried = await this.retryFailedAlertBatches();
    const overdue = await this.ctx.groups.overdue(
      this.ctx.now() - this.options.graceMs,
      this.options.batch ?? 1000,
    );
    let revived = 0;
    for (const { groupId, dueAt } of overdue) if (await this.revive(groupId, dueAt)) revived++;
    if (revived > 0) this.ctx.logger.warn({ revived }, 'Revived flush chains');
    return revived + retried;
  }

  private async retryFailedAlertBatches(): Promise<number> {
    const queue = this.options.alerts;
    if (!queue) return 0;
    const failed = await queue.getFailedCount();
    if (failed === 0) return 0;
    await queue.retryJobs({ state: 'failed', count: 1000 });
    this.ctx.logger.warn({ failed }, 'Retrying alert batches that had failed');
    return failed;
  }

  // The lease lasts one interval and stays with its holder while it keeps sweeping, so the
  // fleet sweeps about once per interval, never twice at the same time.
  private async lease(): Promise<boolean> {
    const key = this.ctx.groups.keys.sweep;
    const ttl = Math.max(1, this.options.intervalMs);
    if ((await this.redis.set(key, this.token, 'PX', ttl, 'NX')) === 'OK') return true;
    if ((await this.redis.get(key)) !== this.token) return false;
    await this.redis.pexpire(key, ttl);
    return true;
  }

  /** Makes sure the group's next tick exists as a job; true when it had to add or retry it. */
  async revive(groupId: string, dueAt?: number): Promise<boolean> {
    const timer = await this.ctx.groups.timer(groupId);
    if (!timer) {
      await this.ctx.groups.forgetIfMissing(groupId);
      return false;
    }
    const tick = timer.tick === undefined ? 0 : timer.tick + 1;
    const job = await this.ctx.flushQueue.find(tickJobId(groupId, timer.epoch, tick));
    if (job) {
      if (!(await job.isFailed())) return false;
      // Another sweeper may retry it first; then this one has nothing to do.
      await job.retry('failed').catch(() => undefined);
      return true;
    }
    const due = dueAt ?? (await this.ctx.groups.dueAt(groupId)) ?? this.ctx.now();
    const interval = this.ctx.state().routes.byId(timer.route)?.groupInterval ?? 0;
    await this.ctx.flushQueue.schedule(
      { groupId, epoch: timer.epoch, tick, dueAt: due },
      interval,
      this.ctx.now(),
    );
    return true;
  }
}
