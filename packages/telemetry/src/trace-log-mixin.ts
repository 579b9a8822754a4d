import { isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * pino `mixin` for createLogger: every line written while a span is active carries its
 * `trace_id` and `span_id`, so logs and traces join up. Nothing is added when tracing is off.
 */
export function traceLogMixin(): object {
  const span = trace.getActiveSpan()?.spanContext();
  if (!span || !isSpanContextValid(span)) return {};
  return { trace_id: span.traceId, span_id: span.spanId };
}
