import type { Queue } from 'bullmq';
import { Gauge, type Registry } from 'prom-client';

/** The job states `tocsin_queue_jobs` reports, BullMQ's names. */
export const QUEUE_JOB_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'completed',
  'failed',
] as const;

/**
 * `tocsin_queue_jobs{queue,state}`: BullMQ's job counts, read at scrape time (one script call per
 * queue). Counts are per queue, not per process: one process reporting them is enough, and
 * several report the same values (aggregate with `max by (queue, state)`).
 */
export class QueueMetrics {
  constructor(registry: Registry, queues: () => readonly Queue[]) {
    new Gauge({
      name: 'tocsin_queue_jobs',
      help: 'Jobs in each BullMQ queue by state, read from Redis at scrape time.',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        const all = queues();
        const counts = await Promise.all(all.map((q) => q.getJobCounts(...QUEUE_JOB_STATES)));
        this.reset();
        all.forEach((queue, i) => {
          for (const state of QUEUE_JOB_STATES)
            this.set({ queue: queue.name, state }, counts[i]?.[state] ?? 0);
        });
      },
    });
  }
}
