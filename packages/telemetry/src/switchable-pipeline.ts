import type { Attributes, Context, Link, SpanKind } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  type ReadableSpan,
  type Sampler,
  type SamplingResult,
  type Span,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/**
 * The sampler and span processor the SDK is started with when the config file drives tracing:
 * the OpenTelemetry API takes a tracer provider once per process, so a reload that changes the
 * `tracing` block swaps what these two delegate to instead of the provider.
 */
export class SwitchableSampler implements Sampler {
  delegate: Sampler = new AlwaysOffSampler();

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    return this.delegate.shouldSample(context, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return `Switchable{${this.delegate.toString()}}`;
  }
}

export class SwitchableSpanProcessor implements SpanProcessor {
  private delegate: SpanProcessor | undefined;

  /** Installs `next` and shuts the previous processor down (flushing what it holds). */
  async swap(next: SpanProcessor | undefined): Promise<void> {
    const previous = this.delegate;
    this.delegate = next;
    await previous?.shutdown();
  }

  onStart(span: Span, parentContext: Context): void {
    this.delegate?.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    this.delegate?.onEnd(span);
  }

  async forceFlush(): Promise<void> {
    await this.delegate?.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.swap(undefined);
  }
}
