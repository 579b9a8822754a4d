import type { TracingConfig } from '@tocsin/config';
import { envEnablesTracing, type Tracing, type TracingOptions } from './tracing-options.js';

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
