import {
  type Context,
  context,
  type Span,
  type SpanOptions,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

/**
 * Tocsin's one tracer. Until a service starts the SDK (startTracing) it is the API's no-op
 * tracer: spans cost a few allocations and are never recorded or exported.
 */
export const tracer = trace.getTracer('tocsin');

/**
 * Runs `fn` inside a new active span (a child of `parent`, else of the active context), marks
 * the span failed when `fn` throws, and always ends it.
 */
export function inSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (span: Span) => Promise<T>,
  parent: Context = context.active(),
): Promise<T> {
  return tracer.startActiveSpan(name, options, parent, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message ?? String(err) });
      throw err;
    } finally {
      span.end();
    }
  });
}
