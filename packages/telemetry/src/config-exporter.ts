import { readFileSync } from 'node:fs';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as HttpExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TracingConfig } from '@tocsin/config';

/**
 * The OTLP exporter for the config file's `tracing` block, as Alertmanager builds it: `endpoint`
 * is host:port, TLS unless `insecure`, the HTTP client posts to `/v1/traces`. Returns the
 * settings it could not honour so the caller can log them.
 */
export function exporterForConfig(c: TracingConfig): { exporter: SpanExporter; ignored: string[] } {
  const scheme = c.insecure ? 'http' : 'https';
  const compression = c.compression === 'gzip' ? CompressionAlgorithm.GZIP : undefined;
  const timeoutMillis = c.timeout ? c.timeout.ms : undefined;
  const ignored: string[] = [];
  if (c.client_type === 'grpc') {
    // The gRPC exporter takes credentials and metadata as @grpc/grpc-js objects; only the
    // plain settings are mapped.
    if (c.headers && Object.keys(c.headers).length > 0) ignored.push('headers');
    if (c.tls_config) ignored.push('tls_config');
    return {
      exporter: new GrpcExporter({
        url: `${scheme}://${c.endpoint}`,
        ...(compression ? { compression } : {}),
        ...(timeoutMillis ? { timeoutMillis } : {}),
      }),
      ignored,
    };
  }
  const tls = c.tls_config;
  return {
    exporter: new HttpExporter({
      url: `${scheme}://${c.endpoint}/v1/traces`,
      headers: headerValues(c),
      ...(compression ? { compression } : {}),
      ...(timeoutMillis ? { timeoutMillis } : {}),
      ...(tls && !c.insecure
        ? {
            httpAgentOptions: {
              ca: tls.ca ?? (tls.ca_file ? readFileSync(tls.ca_file, 'utf8') : undefined),
              cert: tls.cert ?? (tls.cert_file ? readFileSync(tls.cert_file, 'utf8') : undefined),
              key: tls.key?.reveal() ?? (tls.key_file ? readFileSync(tls.key_file, 'utf8') : undefined),
              servername: tls.server_name,
              rejectUnauthorized: !tls.insecure_skip_verify,
            },
          }
        : {}),
    }),
    ignored,
  };
}

// One value per header, the first of values, secrets or files, as Alertmanager takes it.
function headerValues(c: TracingConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, h] of Object.entries(c.headers ?? {})) {
    const value =
      h.values?.[0] ??
      h.secrets?.[0]?.reveal() ??
      (h.files?.[0] ? readFileSync(h.files[0], 'utf8').trim() : undefined);
    if (value !== undefined) out[name] = value;
  }
  return out;
}
