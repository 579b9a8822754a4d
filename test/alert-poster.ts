import type { Received, startSink } from './stack.js';

/** One POST attempt as the client saw it. */
export interface Attempt {
  /** ms since the poster was created. */
  at: number;
  /** HTTP status, or the network error (connection refused or reset while ingest was dead). */
  status: number | string;
  ms: number;
}

export interface TestAlert {
  labels: Record<string, string>;
}

/**
 * Posts alert batches the way Prometheus does: an answer other than 200, or no answer, means
 * "not accepted", and the batch is sent again after a pause until ingest says 200.
 */
export class AlertPoster {
  readonly attempts: Attempt[] = [];
  /** Every alert id ingest acknowledged with 200. */
  readonly accepted = new Set<string>();
  private readonly t0 = Date.now();

  constructor(
    private readonly base: string,
    private readonly retryDelayMs = 250,
  ) {}

  async post(alerts: readonly TestAlert[], giveUpAt = Date.now() + 120_000): Promise<void> {
    for (;;) {
      const started = Date.now();
      let status: number | string;
      try {
        const res = await fetch(`${this.base}/api/v2/alerts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(alerts),
          signal: AbortSignal.timeout(30_000),
        });
        await res.arrayBuffer();
        status = res.status;
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause;
        status = cause?.code ?? (err as Error).name;
      }
      this.attempts.push({ at: started - this.t0, status, ms: Date.now() - started });
      if (status === 200) {
        for (const a of alerts) this.accepted.add(alertId(a));
        return;
      }
      if (Date.now() > giveUpAt) throw new Error(`batch never accepted; last answer ${status}`);
      await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
    }
  }

  /** How many attempts ended with each status. */
  statusCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const a of this.attempts) counts[String(a.status)] = (counts[String(a.status)] ?? 0) + 1;
    return counts;
  }
}

function alertId(alert: TestAlert): string {
  return alert.labels.id ?? JSON.stringify(alert.labels);
}

/** The ids of every alert carried by the notifications received. */
export function notifiedIds(received: readonly Received[]): Set<string> {
  const ids = new Set<string>();
  for (const r of received) {
    for (const a of r.body.alerts as TestAlert[]) ids.add(alertId(a));
  }
  return ids;
}

export type Sink = Awaited<ReturnType<typeof startSink>>;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
