export {
  type Context,
  context,
  type Link,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
export {
  contextFromCarrier,
  linkFromCarrier,
  linksFromCarriers,
  type TraceCarrier,
  traceCarrier,
} from './job-trace-context.js';
export { ATTR, SPAN } from './span-names.js';
export { traceLogMixin } from './trace-log-mixin.js';
export { parseFraction, tracedStart } from './traced-start.js';
export { inSpan, tracer } from './tracer.js';
export {
  envEnablesTracing,
  type Tracing,
  type TracingOptions,
  type TracingSource,
} from './tracing-options.js';
export { applyTracingConfig, startTracing } from './tracing-registry.js';
