// Alertmanager's silence metrics, with its names. Counts by state are computed from this
// process's cache when scraped. Snapshot and gossip metrics have no counterpart here.

import { Counter, Gauge, Histogram, type Registry, Summary } from 'prom-client';
import type { SilenceState } from './silence-state.js';

export interface SilenceCounts {
  byState(): Record<SilenceState, number>;
  size(): number;
}

export class SilenceMetrics {
  readonly gcDuration: Summary;
  readonly gcErrors: Counter;
  readonly maintenance: Counter;
  readonly maintenanceErrors: Counter;
  readonly queries: Counter;
  readonly queryErrors: Counter;
  readonly queryDuration: Histogram;
  readonly matcherCompileErrors: Counter<'stage'>;

  /** Without a registry the metrics are kept but exported nowhere. */
  constructor(registry: Registry | undefined, counts: SilenceCounts) {
    const registers = registry ? [registry] : [];
    new Gauge({
      name: 'alertmanager_silences',
      help: 'How many silences by state.',
      labelNames: ['state'],
      registers,
      collect() {
        for (const [state, n] of Object.entries(counts.byState())) this.set({ state }, n);
      },
    });
    new Gauge({
      name: 'alertmanager_silences_state_size',
      help: 'The number of silences in the state map.',
      registers,
      collect() {
        this.set(counts.size());
      },
    });
    this.gcDuration = new Summary({
      name: 'alertmanager_silences_gc_duration_seconds',
      help: 'Duration of the last silence garbage collection cycle.',
      percentiles: [],
      registers,
    });
    this.gcErrors = new Counter({
      name: 'alertmanager_silences_gc_errors_total',
      help: 'How many silence GC errors were encountered.',
      registers,
    });
    this.maintenance = new Counter({
      name: 'alertmanager_silences_maintenance_total',
      help: 'How many maintenances were executed for silences.',
      registers,
    });
    this.maintenanceErrors = new Counter({
      name: 'alertmanager_silences_maintenance_errors_total',
      help: 'How many maintenances were executed for silences that failed.',
      registers,
    });
    this.queries = new Counter({
      name: 'alertmanager_silences_queries_total',
      help: 'How many silence queries were received.',
      registers,
    });
    this.queryErrors = new Counter({
      name: 'alertmanager_silences_query_errors_total',
      help: 'How many silence received queries did not succeed.',
      registers,
    });
    this.queryDuration = new Histogram({
      name: 'alertmanager_silences_query_duration_seconds',
      help: 'Duration of silence query evaluation.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.matcherCompileErrors = new Counter({
      name: 'alertmanager_silences_matcher_compile_errors_total',
      help: 'How many silence matcher compilations failed.',
      labelNames: ['stage'],
      registers,
    });
  }
}
