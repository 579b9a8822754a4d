import { type HttpClientConfig, httpConfigField, type TlsConfig, tlsConfigField } from './http-config.js';
import { secretUrlField } from './yaml/go-fields.js';
import type { Duration, Secret, YamlObject, YamlValue } from './yaml/index.js';

/**
 * The `event_recorder` block (≥0.33): where Alertmanager sends its structured events. It is
 * parsed and checked whether or not `--enable-feature=event-recorder` is on.
 */
export interface EventRecorderConfig {
  file_outputs: FileOutput[];
  webhook_outputs: WebhookOutput[];
  kafka_outputs: KafkaOutput[];
  stdout_outputs: StdoutOutput[];
}

/** JSON lines appended to a file. */
export interface FileOutput {
  path: string;
}

/** Events POSTed to a URL, one per request or in batches. Unset numbers take runtime defaults. */
export interface WebhookOutput {
  url?: Secret;
  http_config?: HttpClientConfig;
  /** Default 10s. */
  timeout?: Duration;
  /** Default 4. */
  workers?: number;
  /** Default 3. */
  max_retries?: number;
  /** Default 500ms, doubled per attempt. */
  retry_backoff?: Duration;
  batch: boolean;
  /** Default 100 (batch only). */
  batch_max_events?: number;
  /** Default 1 MiB (batch only). */
  batch_max_bytes?: number;
  /** Default 100ms (batch only). */
  batch_flush_interval?: Duration;
}

export interface KafkaOutput {
  brokers: string[];
  topic: string;
  /** Default `alertmanager`. */
  client_id?: string;
  format: 'json' | 'protobuf';
  acks?: 'none' | 'leader' | 'all';
  compression?: 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
  /** Default 1024. */
  buffer_size?: number;
  tls_config?: TlsConfig;
}

/** Newline-delimited JSON on stdout; it has no settings. */
export type StdoutOutput = Record<string, never>;

export function emptyEventRecorder(): EventRecorderConfig {
  return { file_outputs: [], webhook_outputs: [], kafka_outputs: [], stdout_outputs: [] };
}

export function readEventRecorder(value: YamlValue): EventRecorderConfig {
  const obj = value.asObject();
  if (!obj) return emptyEventRecorder();
  const c: EventRecorderConfig = {
    file_outputs: obj.list('file_outputs', readFileOutput) ?? [],
    webhook_outputs: obj.list('webhook_outputs', readWebhookOutput) ?? [],
    kafka_outputs: obj.list('kafka_outputs', readKafkaOutput) ?? [],
    stdout_outputs: obj.list('stdout_outputs', readStdoutOutput) ?? [],
  };
  obj.finish('eventrecorder.Config');
  return c;
}

// A null list item is Go's zero value, which yaml.v2 does not pass to the item's validation.

function readFileOutput(value: YamlValue): FileOutput {
  const obj = value.asObject();
  if (!obj) return { path: '' };
  const path = obj.string('path') ?? '';
  obj.finish('eventrecorder.plain');
  if (path === '') throw value.error('event_recorder file output requires a path');
  return { path };
}

function readWebhookOutput(value: YamlValue): WebhookOutput {
  const obj = value.asObject();
  if (!obj) return { batch: false };
  const out: WebhookOutput = { batch: false };
  const url = secretUrlField(obj, 'url');
  if (url) out.url = url;
  const http = httpConfigField(obj);
  if (http) out.http_config = http;
  setIfDefined(out, 'timeout', obj.duration('timeout'));
  setIfDefined(out, 'workers', nonZero(obj.int('workers')));
  setIfDefined(out, 'max_retries', nonZero(obj.int('max_retries')));
  setIfDefined(out, 'retry_backoff', obj.duration('retry_backoff'));
  out.batch = obj.bool('batch') ?? false;
  setIfDefined(out, 'batch_max_events', nonZero(obj.int('batch_max_events')));
  setIfDefined(out, 'batch_max_bytes', nonZero(obj.int('batch_max_bytes')));
  setIfDefined(out, 'batch_flush_interval', obj.duration('batch_flush_interval'));
  obj.finish('eventrecorder.plain');

  if (!out.url) throw value.error('event_recorder webhook output requires a url');
  // `<secret>` reads as a set but empty URL, which has no scheme or host.
  if (out.url.reveal() === '')
    throw value.error('event_recorder webhook output requires an absolute http(s) url');
  const events = out.batch_max_events ?? 0;
  const bytes = out.batch_max_bytes ?? 0;
  const flush = out.batch_flush_interval?.ms ?? 0;
  if (events < 0 || bytes < 0) throw value.error('event_recorder webhook batch settings cannot be negative');
  if (!out.batch && (events !== 0 || bytes !== 0 || flush !== 0)) {
    throw value.error('event_recorder webhook batch settings require batch: true');
  }
  return out;
}

const ACKS = ['none', 'leader', 'all'] as const;
const COMPRESSIONS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
const FORMATS = ['json', 'protobuf'] as const;

function readKafkaOutput(value: YamlValue): KafkaOutput {
  const obj = value.asObject();
  if (!obj) return { brokers: [], topic: '', format: 'json' };
  const brokers = obj.stringList('brokers') ?? [];
  const topic = obj.string('topic') ?? '';
  const clientId = obj.string('client_id') ?? '';
  const format = obj.string('format') ?? '';
  const acks = obj.string('acks') ?? '';
  const compression = obj.string('compression') ?? '';
  const bufferSize = obj.int('buffer_size') ?? 0;
  const tls = tlsConfigField(obj, 'tls_config');
  obj.finish('eventrecorder.plain');

  const fail = (message: string) => value.error(`event_recorder ${message}`);
  if (brokers.length === 0) throw fail('kafka: at least one broker is required');
  if (brokers.includes('')) throw fail('kafka: broker entries must be non-empty');
  if (acks !== '' && !oneOf(ACKS, acks)) {
    throw fail(`kafka: unknown acks ${JSON.stringify(acks)}, must be "none", "leader", or "all"`);
  }
  if (compression !== '' && !oneOf(COMPRESSIONS, compression)) {
    throw fail(`kafka: unknown compression ${JSON.stringify(compression)}`);
  }
  if (topic === '') throw value.error('event_recorder kafka output requires a topic');
  const fmt = format === '' ? 'json' : format;
  if (!oneOf(FORMATS, fmt))
    throw fail(`kafka: unknown format ${JSON.stringify(fmt)}, must be "json" or "protobuf"`);

  const out: KafkaOutput = { brokers, topic, format: fmt };
  if (clientId !== '') out.client_id = clientId;
  if (oneOf(ACKS, acks)) out.acks = acks;
  if (oneOf(COMPRESSIONS, compression)) out.compression = compression;
  if (bufferSize !== 0) out.buffer_size = bufferSize;
  if (tls) out.tls_config = tls;
  return out;
}

function readStdoutOutput(value: YamlValue): StdoutOutput {
  const obj: YamlObject | null = value.asObject();
  obj?.finish('eventrecorder.StdoutOutputConfig');
  return {};
}

function oneOf<T extends string>(list: readonly T[], text: string): text is T {
  return (list as readonly string[]).includes(text);
}

function nonZero(n: number | undefined): number | undefined {
  return n === 0 ? undefined : n;
}

function setIfDefined<T, K extends keyof T>(target: T, key: K, v: T[K] | undefined): void {
  if (v !== undefined) target[key] = v;
}
