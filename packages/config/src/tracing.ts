import { type HttpHeader, type TlsConfig, tlsConfigField } from './http-config.js';
import { type Duration, Secret, type YamlObject, type YamlValue } from './yaml/index.js';

/** The `tracing` block (≥0.30): where Alertmanager exports its OpenTelemetry spans. */
export interface TracingConfig {
  client_type: 'grpc' | 'http';
  endpoint: string;
  sampling_fraction?: number;
  insecure?: boolean;
  tls_config?: TlsConfig;
  /** Extra headers, in prometheus/common's `Headers` form (`values`, `secrets`, `files`). */
  headers?: Record<string, HttpHeader>;
  /** '' (none) or `gzip`. */
  compression?: string;
  timeout?: Duration;
}

/** Undefined for a null block: Go keeps its zero value, which means tracing is off. */
export function readTracing(value: YamlValue): TracingConfig | undefined {
  const obj = value.asObject();
  if (!obj) return undefined;
  const c: TracingConfig = { client_type: readClientType(obj), endpoint: obj.string('endpoint') ?? '' };
  const fraction = obj.float('sampling_fraction');
  if (fraction !== undefined) c.sampling_fraction = fraction;
  const insecure = obj.bool('insecure');
  if (insecure !== undefined) c.insecure = insecure;
  const tls = tlsConfigField(obj, 'tls_config');
  if (tls) c.tls_config = tls;
  const headers = obj.value('headers');
  if (!headers.isNull) c.headers = readHeaders(headers);
  const compression = obj.string('compression');
  if (compression !== undefined && compression !== '') c.compression = compression;
  const timeout = obj.duration('timeout');
  if (timeout) c.timeout = timeout;
  obj.finish('tracing.plain');
  if (c.endpoint === '') throw obj.error('endpoint', 'tracing endpoint must be set');
  if (c.compression !== undefined && c.compression !== 'gzip') {
    throw obj.error('compression', `invalid compression type ${c.compression} provided, valid options: gzip`);
  }
  return c;
}

function readClientType(obj: YamlObject): 'grpc' | 'http' {
  const v = obj.value('client_type');
  if (v.isNull) return 'grpc';
  const text = v.asString();
  if (text === 'grpc' || text === 'http') return text;
  throw v.error(`expected tracing client type to be to be http or grpc, but got ${text}`);
}

// Unlike `http_config`, nothing validates these names at load (no reserved-header check).
function readHeaders(value: YamlValue): Record<string, HttpHeader> {
  const out: Record<string, HttpHeader> = {};
  for (const [name, item] of value.asMap((item) => item)) {
    const obj = item.asObject();
    const header: HttpHeader = {};
    if (obj) {
      const values = obj.stringList('values');
      if (values) header.values = values;
      const secrets = obj.list('secrets', (s) => new Secret(s.asString()));
      if (secrets) header.secrets = secrets;
      const files = obj.stringList('files');
      if (files) header.files = files;
      obj.finish('config.Header');
    }
    out[name] = header;
  }
  return out;
}
