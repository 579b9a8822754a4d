import { ALERTS_QUEUE, type AlertsJobData } from '@tocsin/queues';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

interface Batch {
  fingerprints: Set<string>;
  added: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * The hop to the dispatcher: jobs carrying the changed fingerprints. Requests in flight
 * together share one job (a job costs ~150 µs and a Redis key): a batch is added on the next
 * tick when no add is in flight, otherwise right after the add in flight. `enqueue` resolves
 * once the job carrying its fingerprints is in Redis.
 */
export class AlertsQueue {
  private readonly queue: Queue<AlertsJobData>;
  private pending: Batch | undefined;
  private inFlight: Promise<void> | undefined;

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

  enqueue(fingerprints: readonly string[]): Promise<void> {
    if (fingerprints.length === 0) return Promise.resolve();
    let batch = this.pending;
    if (!batch) {
      batch = newBatch();
      this.pending = batch;
      if (!this.inFlight) setImmediate(() => this.flush());
    }
    for (const fp of fingerprints) batch.fingerprints.add(fp);
    return batch.added;
  }

  private flush(): void {
    const batch = this.pending;
    if (!batch || this.inFlight) return;
    this.pending = undefined;
    const add = this.queue.add('alerts', { fingerprints: [...batch.fingerprints] });
    this.inFlight = add.then(
      () => batch.resolve(),
      (err: unknown) => batch.reject(err),
    );
    void this.inFlight.then(() => {
      this.inFlight = undefined;
      this.flush(); // the batch that gathered behind this add
    });
  }

  async close(): Promise<void> {
    while (this.inFlight || this.pending) {
      this.flush();
      await this.inFlight?.catch(() => undefined);
    }
    return this.queue.close();
  }
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const added = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { fingerprints: new Set(), added, resolve, reject };
}
