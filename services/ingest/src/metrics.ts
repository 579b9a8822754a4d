import { DeadLetters, registerDeadLettersGauge } from '@tocsin/dead-letters';
import { QueueMetrics } from '@tocsin/queues';
import { Counter, collectDefaultMetrics, Gauge, type Registry } from 'prom-client';
import { ALERT_STATES, countAlertStates } from './alert-states.js';
import type { IngestContext } from './ingest-context.js';
import { stackQueues } from './stack-queues.js';
import { throttleScrape } from './throttle-scrape.js';

/** Alertmanager's API and alert metrics, with its names and labels, plus the queues' job counts. */
export class IngestMetrics {
  private readonly received: Counter<'status' | 'version'>;
  private readonly invalid: Counter<'version'>;

  /**
   * `context` feeds the gauges read at scrape time (`alertmanager_alerts`, `tocsin_queue_jobs`);
   * without it only the request counters exist.
   */
  constructor(registry: Registry, context?: () => IngestContext) {
    const registers = [registry];
    // process_* (resident memory, CPU, start time) as Alertmanager's dashboards read them, and nodejs_*.
    collectDefaultMetrics({ register: registry });
    this.received = new Counter({
      name: 'alertmanager_alerts_received_total',
      help: 'The total number of received alerts.',
      labelNames: ['status', 'version'],
      registers,
    });
    this.invalid = new Counter({
      name: 'alertmanager_alerts_invalid_total',
      help: 'The total number of received alerts that were invalid.',
      labelNames: ['version'],
      registers,
    });
    // Pre-created at 0, as Alertmanager does, so rate() works from the first scrape.
    for (const status of ['firing', 'resolved']) this.received.inc({ status, version: 'v2' }, 0);
    this.invalid.inc({ version: 'v2' }, 0);
    if (context) {
      const alertStates = throttleScrape(() =>
        countAlertStates(context(), stackQueues(context().redis, context().prefix)),
      );
      new Gauge({
        name: 'alertmanager_alerts',
        help: 'How many alerts by state.',
        labelNames: ['state'],
        registers,
        async collect() {
          const counts = await alertStates();
          for (const state of ALERT_STATES) this.set({ state }, counts[state]);
        },
      });
    }
    if (context) new QueueMetrics(registry, () => stackQueues(context().redis, context().prefix));
    // tocsin_dead_letters: the notifiers file them; every process reports the same count from Redis.
    if (context) {
      registerDeadLettersGauge(registry, {
        countByIntegration: () =>
          new DeadLetters(context().redis, { prefix: context().prefix }).countByIntegration(),
      });
    }
  }

  alertsReceived(received: { firing: number; resolved: number }, invalid: number): void {
    if (received.firing > 0) this.received.inc({ status: 'firing', version: 'v2' }, received.firing);
    if (received.resolved > 0) this.received.inc({ status: 'resolved', version: 'v2' }, received.resolved);
    if (invalid > 0) this.invalid.inc({ version: 'v2' }, invalid);
  }
}
