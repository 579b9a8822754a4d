import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';

const tracing = (yaml: string) =>
  loadConfig(`route: {receiver: r}\nreceivers: [{name: r}]\ntracing:\n${yaml}\n`).tracing;

describe('tracing', () => {
  it('defaults the client type to grpc', () => {
    expect(tracing('  endpoint: localhost:4317')).toEqual({
      client_type: 'grpc',
      endpoint: 'localhost:4317',
    });
  });

  it('reads every field', () => {
    const t = tracing(`  client_type: http
  endpoint: otel:4318
  sampling_fraction: 0.5
  insecure: true
  compression: gzip
  timeout: 5s
  headers:
    X-Scope-OrgID: {values: [tenant]}
  tls_config: {insecure_skip_verify: true}`);
    expect(t).toMatchObject({
      client_type: 'http',
      sampling_fraction: 0.5,
      insecure: true,
      compression: 'gzip',
      headers: { 'X-Scope-OrgID': { values: ['tenant'] } },
      tls_config: { insecure_skip_verify: true },
    });
    expect(t?.timeout?.ms).toBe(5000);
  });

  it('is off without a block', () => {
    expect(loadConfig('route: {receiver: r}\nreceivers: [{name: r}]\n').tracing).toBeUndefined();
  });

  it.each([
    ['  insecure: true', 'tracing endpoint must be set'],
    [
      '  endpoint: x\n  client_type: udp',
      'expected tracing client type to be to be http or grpc, but got udp',
    ],
    ['  endpoint: x\n  compression: zstd', 'invalid compression type zstd provided, valid options: gzip'],
    ['  endpoint: x\n  sampler: always', 'field sampler not found in type tracing.plain'],
  ])('rejects %j', (yaml, message) => {
    expect(() => tracing(yaml)).toThrow(message);
  });
});
