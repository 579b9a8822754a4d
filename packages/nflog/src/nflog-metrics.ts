import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * Alertmanager's notification-log query metrics, same names. Its GC, snapshot and gossip
 * metrics have no counterpart here: entries expire through Redis TTLs and nothing is gossiped.
 */
export class NflogMetrics {
  readonly queries: Counter;
  readonly queryErrors: Counter;
  readonly queryDuration: Histogram;

  constructor(registry: Registry) {
    const registers = [registry];
    this.queries = new Counter({
      name: 'alertmanager_nflog_queries_total',
      help: 'Notification log slots read (one per group, receiver and integration asked about).',
      registers,
    });
    this.queryErrors = new Counter({
      name: 'alertmanager_nflog_query_errors_total',
      help: 'Notification log slot reads that failed.',
      registers,
    });
    this.queryDuration = new Histogram({
      name: 'alertmanager_nflog_query_duration_seconds',
      help: 'Time one notification log read took (one Redis round trip, however many slots it reads).',
      registers,
    });
  }
}
