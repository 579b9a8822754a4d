import type { IntegrationType } from '@tocsin/config';
import { NOTIFY_JOB_OPTIONS, type NotifyJobData, notifyQueue } from '@tocsin/queues';
import { traceCarrier } from '@tocsin/telemetry';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { NotifyJob } from './notify-job.js';

/** The `notify.<integration>` queues, opened as flushes first need them. */
export class NotifyQueues {
  private readonly queues = new Map<IntegrationType, Queue<NotifyJobData>>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async enqueue(job: NotifyJob): Promise<void> {
    // The flush's span: the notifier's span is its child.
    const traceContext = traceCarrier();
    const data = traceContext ? { ...job.data, traceContext } : job.data;
    await this.queue(job.data.integration).add('notify', data, {
      ...NOTIFY_JOB_OPTIONS,
      jobId: job.id,
      deduplication: { id: job.deduplicationId },
      // Kept an hour so a re-run of the same flush is still refused. A final failure becomes a
      // dead letter (@tocsin/dead-letters): that is what people list and replay. BullMQ keeps the
      // failed job only a day, bounded, as the backstop should a notifier die between failing the
      // job and filing its letter; a week of copies of every dead letter's payload would only
      // double the memory an outage costs.
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 24 * 3600, count: 10_000 },
    });
  }

  private queue(type: IntegrationType): Queue<NotifyJobData> {
    let queue = this.queues.get(type);
    if (!queue) {
      queue = new Queue<NotifyJobData>(notifyQueue(type), { connection: this.redis, prefix: this.prefix });
      this.queues.set(type, queue);
    }
    return queue;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
