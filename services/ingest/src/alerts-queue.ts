import { ALERTS_QUEUE, type AlertsJobData } from '@tocsin/queues';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/** The hop to the dispatcher: one job per accepted request, carrying the changed fingerprints. */
export class AlertsQueue {
  private readonly queue: Queue<AlertsJobData>;

  constructor(redis: Redis, prefix: string) {
    this.queue = new Queue<AlertsJobData>(ALERTS_QUEUE, {
      connection: redis,
      prefix,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 200 },
        removeOnComplete: true,
        removeOnFail: 1000,
      },
    });
  }

  async enqueue(fingerprints: string[]): Promise<void> {
    if (fingerprints.length === 0) return;
    await this.queue.add('alerts', { fingerprints });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
