import { describe, expect, it } from 'vitest';
import { parseFraction } from './traced-start.js';
import { envEnablesTracing } from './tracing-options.js';
import { tracesUrl } from './tracing-sdk.js';

describe('what turns tracing on', () => {
  it('the standard OTEL_* variables, unless the exporter is none', () => {
    expect(envEnablesTracing({})).toBe(false);
    expect(envEnablesTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })).toBe(true);
    expect(envEnablesTracing({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' })).toBe(true);
    expect(envEnablesTracing({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(
      envEnablesTracing({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }),
    ).toBe(false);
  });

  it('--tracing.endpoint takes a base URL or the full traces URL', () => {
    expect(tracesUrl('http://c:4318')).toBe('http://c:4318/v1/traces');
    expect(tracesUrl('http://c:4318/')).toBe('http://c:4318/v1/traces');
    expect(tracesUrl('http://c:4318/v1/traces')).toBe('http://c:4318/v1/traces');
  });

  it('--tracing.sampling-fraction is a number from 0 to 1', () => {
    expect(parseFraction(undefined)).toBeUndefined();
    expect(parseFraction('0.25')).toBe(0.25);
    expect(() => parseFraction('2')).toThrow(/sampling-fraction/);
    expect(() => parseFraction('half')).toThrow(/sampling-fraction/);
  });
});
