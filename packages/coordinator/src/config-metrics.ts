import { createHash } from 'node:crypto';
import { type Config, INTEGRATION_TYPES } from '@tocsin/config';
import { Gauge, type Registry } from 'prom-client';

/** Alertmanager's config metrics, with its names, so existing dashboards and alerts keep working. */
export class ConfigMetrics {
  private readonly hash: Gauge;
  private readonly successful: Gauge;
  private readonly successTimestamp: Gauge;
  private readonly receivers: Gauge;
  private readonly integrations: Gauge;
  private readonly inhibitionRules: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.hash = new Gauge({
      name: 'alertmanager_config_hash',
      help: 'Hash of the currently loaded alertmanager configuration.',
      registers,
    });
    this.successful = new Gauge({
      name: 'alertmanager_config_last_reload_successful',
      help: 'Whether the last configuration reload attempt was successful.',
      registers,
    });
    this.successTimestamp = new Gauge({
      name: 'alertmanager_config_last_reload_success_timestamp_seconds',
      help: 'Timestamp of the last successful configuration reload.',
      registers,
    });
    this.receivers = new Gauge({
      name: 'alertmanager_receivers',
      help: 'Number of receivers in the loaded configuration.',
      registers,
    });
    this.integrations = new Gauge({
      name: 'alertmanager_integrations',
      help: 'Number of integrations over all receivers of the loaded configuration.',
      registers,
    });
    this.inhibitionRules = new Gauge({
      name: 'alertmanager_inhibition_rules',
      help: 'Number of inhibition rules in the loaded configuration.',
      registers,
    });
  }

  succeeded(text: string, at: number, config: Config): void {
    this.hash.set(md5AsMetricValue(text));
    this.successful.set(1);
    this.successTimestamp.set(at / 1000);
    this.receivers.set(config.receivers.length);
    this.integrations.set(
      config.receivers.reduce(
        (n, r) => n + INTEGRATION_TYPES.reduce((m, type) => m + (r[`${type}_configs`]?.length ?? 0), 0),
        0,
      ),
    );
    this.inhibitionRules.set(config.inhibit_rules.length);
  }

  failed(): void {
    this.successful.set(0);
  }
}

/** Alertmanager's gauge value for a hash: the first 6 bytes of the md5, read little-endian. */
export function md5AsMetricValue(text: string): number {
  const sum = createHash('md5').update(text).digest();
  return sum.subarray(0, 6).readUIntLE(0, 6);
}
