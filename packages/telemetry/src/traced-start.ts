import type { TracingLogger } from './tracing-options.js';
import { startTracing } from './tracing-registry.js';

interface TracingFlags {
  'tracing.endpoint'?: string | undefined;
  'tracing.sampling-fraction'?: string | undefined;
}

/**
 * Wraps a service's start function for its `main.ts`: starts tracing first (so the first config
 * load can apply a `tracing` block), and exports the last spans after the service closed.
 */
export function tracedStart<
  F extends TracingFlags,
  L extends TracingLogger,
  R extends { close: () => Promise<void> },
>(service: string, start: (flags: F, logger: L) => Promise<R>): (flags: F, logger: L) => Promise<R> {
  return async (flags, logger) => {
    const tracing = await startTracing({
      service,
      endpoint: flags['tracing.endpoint'],
      samplingFraction: parseFraction(flags['tracing.sampling-fraction']),
      logger,
    });
    let running: R;
    try {
      running = await start(flags, logger);
    } catch (err) {
      await tracing.shutdown().catch(() => undefined);
      throw err;
    }
    return {
      ...running,
      close: async () => {
        try {
          await running.close();
        } finally {
          await tracing
            .shutdown()
            .catch((err: Error) => logger.warn({ err: err.message }, 'Trace export at shutdown failed'));
        }
      },
    };
  };
}

export function parseFraction(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new Error(`--tracing.sampling-fraction: ${JSON.stringify(value)} is not a number from 0 to 1`);
  return n;
}
