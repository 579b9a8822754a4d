export {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
export {
  contextFromCarrier,
  linksFromCarriers,
  type TraceCarrier,
  traceCarrier,
} from './job-trace-context.js';
export { ATTR, SPAN } from './span-names.js';
export { traceLogMixin } from './trace-log-mixin.js';
export { tracedStart } from './traced-start.js';
export { inSpan } from './tracer.js';
export { applyTracingConfig } from './tracing-registry.js';
