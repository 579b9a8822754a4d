import { DeadLetters, registerDeadLettersGauge } from '@tocsin/dead-letters';
import { QueueMetrics } from '@tocsin/queues';
import { Counter, collectDefaultMetrics, Gauge, Histogram, type Registry } from 'prom-client';
import { ALERT_STATES, countAlertStates } from './alert-states.js';
import type { IngestContext } from './ingest-context.js';
import { stackQueues } from './stack-queues.js';
import { throttleScrape } from './throttle-scrape.js';
import { VERSION_INFO } from './version.js';

/** The two histograms of one handler and method (http-metrics.ts). */
export interface HttpObserver {
  duration: Histogram.Internal<'handler' | 'method'>;
  /** Absent for the API v2, which Alertmanager instruments for duration only. */
  size: Histogram.Internal<'handler' | 'method'> | undefined;
}

/** Alertmanager's API and alert metrics, with its names and labels, plus the queues' job counts. */
export class IngestMetrics {
  private readonly received: Counter<'status' | 'version'>;
  private readonly invalid: Counter<'version'>;
  private readonly requestDuration: Histogram<'handler' | 'method'>;
  private readonly responseSize: Histogram<'handler' | 'method'>;

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
    // Alertmanager's buckets, so its dashboards' quantiles read the same.
    this.requestDuration = new Histogram({
      name: 'alertmanager_http_request_duration_seconds',
      help: 'Histogram of latencies for HTTP requests.',
      labelNames: ['handler', 'method'],
      buckets: [0.05, 0.1, 0.25, 0.5, 0.75, 1, 2, 5, 20, 60],
      registers,
    });
    this.responseSize = new Histogram({
      name: 'alertmanager_http_response_size_bytes',
      help: 'Histogram of response size for HTTP requests.',
      labelNames: ['handler', 'method'],
      buckets: [100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8],
      registers,
    });
    new Gauge({
      name: 'alertmanager_build_info',
      help: 'A metric with a constant 1 value labeled by the version, revision and branch Tocsin was built from, and the Node.js version it runs on (goversion).',
      labelNames: ['version', 'revision', 'branch', 'goversion'],
      registers,
    }).set(
      {
        version: VERSION_INFO.version,
        revision: VERSION_INFO.revision,
        branch: VERSION_INFO.branch,
        goversion: VERSION_INFO.goVersion,
      },
      1,
    );
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

  /**
   * The histogram children of one handler and method; http-metrics.ts keeps them per route, so
   * the per-request cost is two observations. `method` is lower-cased, as Go's promhttp labels it.
   */
  httpObserver(handler: string, method: string): HttpObserver {
    const labels = { handler, method: method.toLowerCase() };
    return {
      duration: this.requestDuration.labels(labels),
      size: handler.startsWith('/api/v2/') ? undefined : this.responseSize.labels(labels),
    };
  }

  alertsReceived(received: { firing: number; resolved: number }, invalid: number): void {
    if (received.firing > 0) this.received.inc({ status: 'firing', version: 'v2' }, received.firing);
    if (received.resolved > 0) this.received.inc({ status: 'resolved', version: 'v2' }, received.resolved);
    if (invalid > 0) this.invalid.inc({ version: 'v2' }, invalid);
  }
}
