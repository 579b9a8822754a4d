import { INTEGRATION_TYPES } from '@tocsin/config';
import { JobMetrics } from '@tocsin/queues';
import { Counter, collectDefaultMetrics, Histogram, type Registry } from 'prom-client';
import { FAILURE_REASONS, type FailureReason } from './notify-errors.js';

/** Alertmanager's notification metrics (notify/metrics.go), same names, labels and buckets. */
export class NotifyMetrics {
  private readonly notifications: Counter<'integration'>;
  private readonly failed: Counter<'integration' | 'reason'>;
  private readonly requests: Counter<'integration'>;
  private readonly requestsFailed: Counter<'integration'>;
  private readonly latency: Histogram<'integration'>;
  /** `tocsin_job_duration_seconds` of this process's `notify.<type>` workers. */
  readonly jobs: JobMetrics;

  constructor(registry: Registry) {
    const registers = [registry];
    // process_* (resident memory, CPU, start time) as Alertmanager's dashboards read them, and nodejs_*.
    collectDefaultMetrics({ register: registry });
    this.notifications = new Counter({
      name: 'alertmanager_notifications_total',
      help: 'The total number of attempted notifications.',
      labelNames: ['integration'],
      registers,
    });
    this.failed = new Counter({
      name: 'alertmanager_notifications_failed_total',
      help: 'The total number of failed notifications.',
      labelNames: ['integration', 'reason'],
      registers,
    });
    this.requests = new Counter({
      name: 'alertmanager_notification_requests_total',
      help: 'The total number of attempted notification requests.',
      labelNames: ['integration'],
      registers,
    });
    this.requestsFailed = new Counter({
      name: 'alertmanager_notification_requests_failed_total',
      help: 'The total number of failed notification requests.',
      labelNames: ['integration'],
      registers,
    });
    this.latency = new Histogram({
      name: 'alertmanager_notification_latency_seconds',
      help: 'The latency of notifications in seconds.',
      labelNames: ['integration'],
      buckets: [1, 5, 10, 15, 20],
      registers,
    });
    this.jobs = new JobMetrics(registry);
    // Alertmanager pre-creates every series at 0 for every integration type, so rate() works
    // from the first scrape.
    for (const integration of INTEGRATION_TYPES) {
      this.notifications.inc({ integration }, 0);
      this.requests.inc({ integration }, 0);
      this.requestsFailed.inc({ integration }, 0);
      this.latency.zero({ integration });
      for (const reason of FAILURE_REASONS) this.failed.inc({ integration, reason }, 0);
    }
  }

  /** One HTTP attempt (Alertmanager counts and times each call of `Notify`). */
  request(integration: string, seconds: number, ok: boolean): void {
    this.requests.inc({ integration });
    this.latency.observe({ integration }, seconds);
    if (!ok) this.requestsFailed.inc({ integration });
  }

  /** One notification reached its end: sent (or nothing to send), or given up. */
  notification(integration: string, failure?: FailureReason): void {
    this.notifications.inc({ integration });
    if (failure) this.failed.inc({ integration, reason: failure });
  }
}
