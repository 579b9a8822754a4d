import { INTEGRATION_TYPES } from '@tocsin/config';
import { Gauge, type Registry } from 'prom-client';
import type { DeadLetters } from './dead-letters.js';

/**
 * `tocsin_dead_letters{integration}`, read from Redis at scrape time, so every process shows the
 * same fleet-wide number. Every integration type is present (0 when none), as Alertmanager
 * pre-creates its notification series. When Redis cannot answer, the gauge is left out of that
 * scrape rather than failing the whole /metrics.
 */
export function registerDeadLettersGauge(
  registry: Registry,
  deadLetters: Pick<DeadLetters, 'countByIntegration'>,
): Gauge<'integration'> {
  return new Gauge({
    name: 'tocsin_dead_letters',
    help: 'Notifications that failed finally and wait in the dead letters for a replay or discard.',
    labelNames: ['integration'],
    registers: [registry],
    async collect() {
      this.reset();
      let counts: Record<string, number>;
      try {
        counts = await deadLetters.countByIntegration();
      } catch {
        return;
      }
      for (const integration of new Set([...INTEGRATION_TYPES, ...Object.keys(counts)])) {
        this.set({ integration }, counts[integration] ?? 0);
      }
    },
  });
}
