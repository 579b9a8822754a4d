import { JobMetrics } from '@tocsin/queues';
import { Counter, collectDefaultMetrics, Gauge, Histogram, type Registry } from 'prom-client';
import type { SuppressedReason } from './mute-stages.js';

/** The dispatcher's metrics, with Alertmanager's names. */
export class DispatcherMetrics {
  readonly suppressed: Counter<'reason'>;
  readonly processingSeconds: Histogram;
  readonly groups: Gauge;
  /** `tocsin_job_duration_seconds` of this process's `alerts` and `groups` workers. */
  readonly jobs: JobMetrics;

  constructor(registry: Registry, countGroups: () => Promise<number>) {
    // process_* (resident memory, CPU, start time) as Alertmanager's dashboards read them, and nodejs_*.
    collectDefaultMetrics({ register: registry });
    this.suppressed = new Counter({
      name: 'alertmanager_notifications_suppressed_total',
      help: 'The total number of notifications suppressed for being silenced, inhibited, outside of active time intervals or within muted time intervals.',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.processingSeconds = new Histogram({
      name: 'alertmanager_dispatcher_alert_processing_duration_seconds',
      help: 'Summary of latencies for the processing of alerts.',
      registers: [registry],
    });
    this.groups = new Gauge({
      name: 'alertmanager_dispatcher_aggregation_groups',
      help: 'Number of active aggregation groups',
      registers: [registry],
      async collect() {
        this.set(await countGroups());
      },
    });
    this.jobs = new JobMetrics(registry);
  }

  countSuppressed(counts: Partial<Record<SuppressedReason, number>>): void {
    for (const [reason, n] of Object.entries(counts)) if (n) this.suppressed.inc({ reason }, n);
  }
}
