import { Counter, type Registry } from 'prom-client';

/** Alertmanager's API metrics, with its names and labels. */
export class IngestMetrics {
  private readonly received: Counter<'status' | 'version'>;
  private readonly invalid: Counter<'version'>;

  constructor(registry: Registry) {
    const registers = [registry];
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
  }

  alertsReceived(received: { firing: number; resolved: number }, invalid: number): void {
    if (received.firing > 0) this.received.inc({ status: 'firing', version: 'v2' }, received.firing);
    if (received.resolved > 0) this.received.inc({ status: 'resolved', version: 'v2' }, received.resolved);
    if (invalid > 0) this.invalid.inc({ version: 'v2' }, invalid);
  }
}
