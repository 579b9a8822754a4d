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

let current: Tracing | undefined;

/**
 * Tracing for a service's start-up (its `main.ts`), from (first match wins) the `--tracing.*`
 * flags, the standard `OTEL_*` variables, or the config file's `tracing` block. The SDK (about
 * 18 MB and half a second of start-up) is loaded only once one of them asks for it; until then
 * spans are the API's no-ops.
 */
export async function startTracing(options: TracingOptions): Promise<Tracing> {
  const env = options.env ?? process.env;
  let tracing: Tracing;
  if (options.endpoint || envEnablesTracing(env)) {
    tracing = (await import('./tracing-sdk.js')).startSdk(options);
  } else {
    let sdk: Tracing | undefined;
    tracing = {
      get source() {
        return sdk?.source ?? 'off';
      },
      apply: async (config) => {
        if (!config && !sdk) return;
        sdk ??= (await import('./tracing-sdk.js')).startSdk(options);
        await sdk.apply(config);
      },
      shutdown: async () => {
        await sdk?.shutdown();
      },
    };
  }
  current = tracing;
  return tracing;
}

/** Hands a (re)loaded config's `tracing` block to the tracing this process started, if any. */
export function applyTracingConfig(config: TracingConfig | undefined): Promise<void> {
  return current?.apply(config) ?? Promise.resolve();
}

export function envEnablesTracing(env: NodeJS.ProcessEnv): boolean {
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || exporter);
}
