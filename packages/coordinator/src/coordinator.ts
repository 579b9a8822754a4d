import { createHash } from 'node:crypto';
import { type Config, loadConfigFile } from '@tocsin/config';
import { type LogSink, silentLogger } from '@tocsin/runtime';
import { checkTemplateFiles } from '@tocsin/templates';
import type { Registry } from 'prom-client';
import { ConfigMetrics } from './config-metrics.js';

export type Subscriber = (config: Config) => void | Promise<void>;

export interface CoordinatorOptions {
  logger?: LogSink;
  /** Where the `alertmanager_config_*` gauges are registered; none when absent. */
  meter?: Registry;
  /** Options for the loader (feature flags such as classic mode). */
  load?: Parameters<typeof loadConfigFile>[1];
  /** Extra checks a loaded config must pass before any subscriber sees it. */
  validate?: (config: Config, file: string) => Promise<void> | void;
  now?: () => number;
}

export type ReloadResult =
  | { ok: true; hash: string }
  | { ok: false; hash: string | undefined; error: string };

/**
 * Owns the current config, as Alertmanager's config.Coordinator does: `reload()` loads and
 * validates the file, then hands it to every subscriber in order. When anything fails the old
 * config stays current: subscribers that already took the new one get the old one back, so no
 * part of a process runs on a config another part rejected.
 */
export class Coordinator {
  private readonly subscribers: Subscriber[] = [];
  private readonly logger: LogSink;
  private readonly metrics: ConfigMetrics | undefined;
  private readonly now: () => number;
  private current: { config: Config; text: string; hash: string } | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly options: CoordinatorOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.metrics = options.meter ? new ConfigMetrics(options.meter) : undefined;
    this.now = options.now ?? Date.now;
  }

  get config(): Config | undefined {
    return this.current?.config;
  }

  /** The md5 of the loaded file, hex; what the fleet compares. */
  get hash(): string | undefined {
    return this.current?.hash;
  }

  /** The text of the loaded file. */
  get text(): string | undefined {
    return this.current?.text;
  }

  /** Adds a subscriber; it is called on every successful reload from then on. */
  subscribe(fn: Subscriber): () => void {
    this.subscribers.push(fn);
    return () => {
      const i = this.subscribers.indexOf(fn);
      if (i >= 0) this.subscribers.splice(i, 1);
    };
  }

  /** Loads the file and notifies subscribers. Reloads never overlap: a second call waits its turn. */
  reload(): Promise<ReloadResult> {
    const run = this.queue.then(() => this.reloadNow());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async reloadNow(): Promise<ReloadResult> {
    const previous = this.current;
    this.logger.info({ file: this.file }, 'Loading configuration file');
    let next: typeof this.current;
    try {
      const { config, text } = await loadConfigFile(this.file, this.options.load);
      // A template that does not parse fails the reload like an invalid config.
      await checkTemplateFiles(config.templates ?? []);
      await this.options.validate?.(config, this.file);
      next = { config, text, hash: createHash('md5').update(text).digest('hex') };
    } catch (err) {
      return this.fail(err, previous);
    }
    const notified: Subscriber[] = [];
    try {
      for (const fn of [...this.subscribers]) {
        await fn(next.config);
        notified.push(fn);
      }
    } catch (err) {
      if (previous) await this.restore(notified, previous.config);
      return this.fail(err, previous);
    }
    this.current = next;
    this.metrics?.succeeded(next.text, this.now(), next.config);
    this.logger.info({ file: this.file, hash: next.hash }, 'Completed loading of configuration file');
    return { ok: true, hash: next.hash };
  }

  private async restore(subscribers: Subscriber[], config: Config): Promise<void> {
    for (const fn of subscribers) {
      try {
        await fn(config);
      } catch (err) {
        this.logger.error({ err: String(err) }, 'Restoring the previous configuration failed');
      }
    }
  }

  private fail(err: unknown, previous: typeof this.current): ReloadResult {
    const error = err instanceof Error ? err.message : String(err);
    this.metrics?.failed();
    this.logger.error({ file: this.file, err: error }, 'Loading configuration file failed');
    return { ok: false, hash: previous?.hash, error };
  }
}
