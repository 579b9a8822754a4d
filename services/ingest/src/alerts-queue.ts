import { ALERTS_QUEUE, type AlertsJobData } from '@tocsin/queues';
import {
  ATTR,
  contextFromCarrier,
  inSpan,
  linksFromCarriers,
  SPAN,
  SpanKind,
  type TraceCarrier,
  traceCarrier,
} from '@tocsin/telemetry';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

interface Batch {
  fingerprints: Set<string>;
  /** The trace context of each request in the batch (only while tracing). */
  traces: TraceCarrier[];
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
    const trace = traceCarrier();
    if (trace) batch.traces.push(trace);
    return batch.added;
  }

  private flush(): void {
    const batch = this.pending;
    if (!batch || this.inFlight) return;
    this.pending = undefined;
    const add = publish(this.queue, [...batch.fingerprints], batch.traces);
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
  return { fingerprints: new Set(), traces: [], added, resolve, reject };
}

/**
 * Adds the job. While tracing, one `alerts publish` span covers it: a child of the batch's first
 * request and linked to the others (one job serves them all, so the first request's trace goes
 * on through the dispatcher and the others reach it through the link); the job carries it.
 */
function publish(queue: Queue<AlertsJobData>, fingerprints: string[], traces: TraceCarrier[]) {
  const [first, ...others] = traces;
  if (!first) return queue.add('alerts', { fingerprints });
  return inSpan(
    SPAN.alertsPublish,
    {
      kind: SpanKind.PRODUCER,
      links: linksFromCarriers(others),
      attributes: {
        [ATTR.messagingSystem]: 'bullmq',
        [ATTR.messagingDestination]: ALERTS_QUEUE,
        [ATTR.messagingOperation]: 'send',
        [ATTR.messagingBatchCount]: traces.length,
        [ATTR.fingerprints]: fingerprints.length,
      },
    },
    async (span) => {
      const job = await queue.add('alerts', { fingerprints, traceContext: traceCarrier() });
      if (job.id) span.setAttribute(ATTR.messagingMessageId, job.id);
      return job;
    },
    contextFromCarrier(first),
  );
}
