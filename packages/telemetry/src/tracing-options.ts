import type { TracingConfig } from '@tocsin/config';

/** What drives tracing in this process; `off` until a config file brings a `tracing` block. */
export type TracingSource = 'flags' | 'env' | 'config' | 'off';

export interface TracingLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface TracingOptions {
  /** `ingest`, `dispatcher`, `notifier`: the resource's service.name is `tocsin-<service>`. */
  service: string;
  /** `--tracing.endpoint`: an OTLP/HTTP base URL (`http://collector:4318`). */
  endpoint?: string | undefined;
  /** `--tracing.sampling-fraction`: share of new traces recorded (0..1); parent-based. */
  samplingFraction?: number | undefined;
  logger: TracingLogger;
  env?: NodeJS.ProcessEnv;
}

export interface Tracing {
  readonly source: TracingSource;
  /** Applies the config file's `tracing` block (each reload); ignored when flags or env rule. */
  apply(config: TracingConfig | undefined): Promise<void>;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

export function envEnablesTracing(env: NodeJS.ProcessEnv): boolean {
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || exporter);
}
