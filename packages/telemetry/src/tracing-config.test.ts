import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Duration, type TracingConfig } from '@tocsin/config';
import { afterAll, describe, expect, it } from 'vitest';
import { inSpan } from './tracer.js';
import { applyTracingConfig, startTracing } from './tracing-registry.js';

/** Names of the spans an OTLP/HTTP JSON receiver got, and the headers of its requests. */
async function receiver() {
  const names: string[] = [];
  const headers: Record<string, string | string[] | undefined>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      headers.push(req.headers);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const rs of body.resourceSpans ?? [])
        for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) names.push(s.name);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, names, headers, close: () => server.close() };
}

const logs: string[] = [];
const logger = {
  info: (_o: object, msg: string) => logs.push(msg),
  warn: (_o: object, msg: string) => logs.push(msg),
};

describe("the config file's tracing block", () => {
  let close = () => {};
  afterAll(() => close());

  it('is off without a block, exports with one, and follows reloads (endpoint, sampling_fraction, headers)', async () => {
    const r = await receiver();
    close = r.close;
    const tracing = await startTracing({ service: 'test', logger, env: {} });
    expect(tracing.source).toBe('off');
    await inSpan('before any block', {}, async () => undefined);

    const block: TracingConfig = {
      client_type: 'http',
      endpoint: `127.0.0.1:${r.port}`,
      insecure: true,
      sampling_fraction: 1,
      headers: { 'X-Scope-OrgID': { values: ['tenant-1'] } },
      timeout: new Duration(5000),
    };
    await applyTracingConfig(block);
    expect(tracing.source).toBe('config');
    await inSpan('sampled', {}, async () => undefined);
    // The block is removed: what was buffered goes out, then nothing more.
    await applyTracingConfig(undefined);
    await inSpan('after removal', {}, async () => undefined);
    // Alertmanager's sampling_fraction defaults to 0: nothing new is recorded.
    await applyTracingConfig({ ...block, sampling_fraction: undefined });
    await inSpan('fraction zero', {}, async () => undefined);
    await applyTracingConfig(block);
    await inSpan('sampled again', {}, async () => undefined);
    await tracing.shutdown();

    expect(r.names).toEqual(['sampled', 'sampled again']);
    expect(r.headers.every((h) => h['x-scope-orgid'] === 'tenant-1')).toBe(true);
    expect(logs).toContain('Tracing provider installed');
    expect(logs).toContain('Tracing provider uninstalled');
  });
});
