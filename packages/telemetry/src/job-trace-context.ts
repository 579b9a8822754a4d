import {
  type Context,
  context,
  isSpanContextValid,
  type Link,
  ROOT_CONTEXT,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** A span context as job data carries it: W3C `traceparent` (and `tracestate`) fields. */
export type TraceCarrier = Record<string, string>;

// Job data always uses W3C trace context, whatever propagator the process set for HTTP: the
// format is Tocsin's own, read by Tocsin's other services.
const w3c = new W3CTraceContextPropagator();

const setter = {
  set: (carrier: TraceCarrier, key: string, value: string) => {
    carrier[key] = value;
  },
};
const getter = {
  get: (carrier: TraceCarrier, key: string) => carrier[key],
  keys: (carrier: TraceCarrier) => Object.keys(carrier),
};

/** The active span as a carrier for job data; undefined when no span is active (tracing off). */
export function traceCarrier(from: Context = context.active()): TraceCarrier | undefined {
  const span = trace.getSpanContext(from);
  if (!span || !isSpanContextValid(span)) return undefined;
  const carrier: TraceCarrier = {};
  w3c.inject(from, carrier, setter);
  return carrier;
}

/** The context a job's span continues: the producer's span as remote parent, else a new root. */
export function contextFromCarrier(carrier: TraceCarrier | undefined): Context {
  return carrier ? w3c.extract(ROOT_CONTEXT, carrier, getter) : ROOT_CONTEXT;
}

/** A span link to the span a carrier names (fan-in: one job serving several producers). */
export function linkFromCarrier(carrier: TraceCarrier | undefined): Link | undefined {
  const span = trace.getSpanContext(contextFromCarrier(carrier));
  return span && isSpanContextValid(span) ? { context: span } : undefined;
}

/** Links to every valid carrier, at most `max` (a span with thousands of links helps nobody). */
export function linksFromCarriers(carriers: readonly (TraceCarrier | undefined)[], max = 128): Link[] {
  const links: Link[] = [];
  for (const carrier of carriers) {
    if (links.length >= max) break;
    const link = linkFromCarrier(carrier);
    if (link) links.push(link);
  }
  return links;
}
