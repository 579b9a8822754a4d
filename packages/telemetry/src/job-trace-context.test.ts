import { trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFromCarrier, linksFromCarriers, traceCarrier } from './job-trace-context.js';
import { traceLogMixin } from './trace-log-mixin.js';
import { inSpan } from './tracer.js';

const exporter = new InMemorySpanExporter();
const sdk = new NodeSDK({
  spanProcessors: [new SimpleSpanProcessor(exporter)],
  instrumentations: [],
  metricReaders: [],
  logRecordProcessors: [],
  autoDetectResources: false,
});

describe('trace context in job data', () => {
  beforeAll(() => sdk.start());
  afterAll(() => sdk.shutdown());

  it('carries nothing while no span is active, so job data stays as it was with tracing off', () => {
    expect(traceCarrier()).toBeUndefined();
    expect(traceLogMixin()).toEqual({});
  });

  it('continues the producer span in the consumer: same trace, the producer as parent', async () => {
    const carrier = await inSpan('producer', {}, async () => traceCarrier());
    expect(carrier?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    // The carrier survives a JSON round trip, as job data does in Redis.
    const fromJob = JSON.parse(JSON.stringify(carrier));
    await inSpan('consumer', {}, async () => undefined, contextFromCarrier(fromJob));
    const producer = exporter.getFinishedSpans().find((s) => s.name === 'producer');
    const consumer = exporter.getFinishedSpans().find((s) => s.name === 'consumer');
    expect(consumer?.spanContext().traceId).toBe(producer?.spanContext().traceId);
    expect(consumer?.parentSpanContext?.spanId).toBe(producer?.spanContext().spanId);
  });

  it('starts a new trace for a job without a carrier', async () => {
    const outer = await inSpan('outer', {}, async () => trace.getActiveSpan()?.spanContext().traceId);
    const inner = await inSpan(
      'root',
      {},
      async () => trace.getActiveSpan()?.spanContext().traceId,
      contextFromCarrier(undefined),
    );
    expect(inner).toBeDefined();
    expect(inner).not.toBe(outer);
  });

  it('links every producer of a shared job, skipping broken carriers, at most `max`', async () => {
    const carriers = await Promise.all(
      [1, 2, 3].map((i) => inSpan(`request ${i}`, {}, async () => traceCarrier())),
    );
    const links = linksFromCarriers([...carriers, { traceparent: 'garbage' }, undefined]);
    expect(links.map((l) => l.context.traceId)).toEqual(carriers.map((c) => c?.traceparent?.split('-')[1]));
    expect(linksFromCarriers(carriers, 2)).toHaveLength(2);
  });

  it('puts trace_id and span_id of the active span into log lines', async () => {
    const ids = await inSpan('logged', {}, async (span) => ({
      ids: traceLogMixin(),
      ctx: span.spanContext(),
    }));
    expect(ids.ids).toEqual({ trace_id: ids.ctx.traceId, span_id: ids.ctx.spanId });
  });

  it('marks a span failed when its work throws, and still ends it', async () => {
    await expect(inSpan('failing', {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    const failing = exporter.getFinishedSpans().find((s) => s.name === 'failing');
    expect(failing?.status).toMatchObject({ code: 2, message: 'boom' });
  });
});
