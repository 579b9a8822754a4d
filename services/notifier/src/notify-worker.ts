import { type NotifyJobData, notifyQueue, WORKER_OPTIONS } from '@tocsin/queues';
import type { Logger } from '@tocsin/runtime';
import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { alertmanagerBackoff } from './backoff.js';
import type { NotificationProcessor, NotifyOutcome } from './process-notification.js';

export interface NotifyWorkerOptions {
  redis: Redis;
  prefix: string;
  type: string;
  concurrency: number;
  processor: NotificationProcessor;
  logger: Logger;
}

/** BullMQ's backoff hook: the delay the processor already chose, else Alertmanager's schedule. */
function notifyBackoff(attemptsMade: number, _type?: string, err?: Error): number {
  const chosen = (err as { retryDelayMs?: unknown } | undefined)?.retryDelayMs;
  return typeof chosen === 'number' ? chosen : alertmanagerBackoff(attemptsMade);
}

/**
 * One Worker on `notify.<type>`. Replicas of a notifier share the queue; WORKER_OPTIONS' lock
 * and stall settings bring a crashed replica's jobs back within about 25 s.
 */
export function createNotifyWorker(options: NotifyWorkerOptions): Worker<NotifyJobData, NotifyOutcome> {
  const { processor, logger } = options;
  const worker = new Worker<NotifyJobData, NotifyOutcome>(
    notifyQueue(options.type as NotifyJobData['integration']),
    // Three declared parameters: BullMQ passes the abort signal only to processors that take it.
    (job: Job<NotifyJobData>, token: string | undefined, signal: AbortSignal | undefined) =>
      processor.process(job, token, signal),
    {
      connection: options.redis,
      prefix: options.prefix,
      concurrency: options.concurrency,
      ...WORKER_OPTIONS,
      settings: { backoffStrategy: notifyBackoff },
    },
  );
  worker.on('error', (err) => logger.error({ err: err.message, queue: worker.name }, 'Worker error'));
  worker.on('failed', (job, err) => void processor.failed(job, err));
  return worker;
}
