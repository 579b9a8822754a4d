import type { Job, Worker } from 'bullmq';
import { Histogram, type Registry } from 'prom-client';

/**
 * `tocsin_job_duration_seconds{queue}`: how long this process's workers spent on each job
 * attempt, from BullMQ's processedOn to finishedOn, retried and failed attempts included.
 */
export class JobMetrics {
  private readonly duration: Histogram<'queue'>;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'tocsin_job_duration_seconds',
      help: 'Time workers of this process spent on one job attempt, by queue.',
      labelNames: ['queue'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    });
  }

  /** Observes every attempt `workers` finish, successful or not. */
  watch(...workers: Worker[]): void {
    for (const worker of workers) {
      this.duration.zero({ queue: worker.name });
      const observe = (job: Job | undefined) => {
        if (!job?.processedOn) return;
        const seconds = ((job.finishedOn ?? Date.now()) - job.processedOn) / 1000;
        this.duration.observe({ queue: worker.name }, Math.max(0, seconds));
      };
      worker.on('completed', observe);
      worker.on('failed', observe);
    }
  }
}
