import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';

const recorder = (yaml: string) =>
  loadConfig(`route: {receiver: r}\nreceivers: [{name: r}]\nevent_recorder:\n${yaml}\n`).event_recorder;

describe('event_recorder', () => {
  it('reads batching webhook outputs (Alertmanager TestEventRecorderWebhookBatchingConfig)', () => {
    const c = recorder(`  webhook_outputs:
  - url: https://stream-id.ingest.cloudflare.com
    batch: true
    http_config:
      authorization:
        credentials_file: pipeline-token`);
    expect(c.webhook_outputs).toHaveLength(1);
    expect(c.webhook_outputs[0]?.batch).toBe(true);
    expect(c.webhook_outputs[0]?.url?.reveal()).toBe('https://stream-id.ingest.cloudflare.com');
    expect(c.webhook_outputs[0]?.http_config?.authorization?.credentials_file).toBe('pipeline-token');
  });

  it('reads every output kind', () => {
    const c = recorder(`  file_outputs: [{path: /var/log/am.jsonl}]
  stdout_outputs: [{}]
  kafka_outputs:
  - brokers: ['k1:9092']
    topic: events
    acks: all
    compression: zstd`);
    expect(c.file_outputs).toEqual([{ path: '/var/log/am.jsonl' }]);
    expect(c.stdout_outputs).toEqual([{}]);
    expect(c.kafka_outputs).toEqual([
      { brokers: ['k1:9092'], topic: 'events', format: 'json', acks: 'all', compression: 'zstd' },
    ]);
  });

  it.each([
    ['  file_outputs: [{}]', 'event_recorder file output requires a path'],
    ['  webhook_outputs: [{batch: true}]', 'event_recorder webhook output requires a url'],
    [
      "  webhook_outputs: [{url: '<secret>'}]",
      'event_recorder webhook output requires an absolute http(s) url',
    ],
    ['  webhook_outputs: [{url: ftp://x/y}]', 'unsupported scheme "ftp" for URL'],
    [
      '  webhook_outputs: [{url: http://x, batch_max_events: 10}]',
      'event_recorder webhook batch settings require batch: true',
    ],
    ['  webhook_outputs: [{url: http://x, batch_flush_interval: 1s}]', 'batch settings require batch: true'],
    [
      '  webhook_outputs: [{url: http://x, batch: true, batch_max_bytes: -1}]',
      'batch settings cannot be negative',
    ],
    ['  kafka_outputs: [{topic: t}]', 'event_recorder kafka: at least one broker is required'],
    [
      "  kafka_outputs: [{brokers: [''], topic: t}]",
      'event_recorder kafka: broker entries must be non-empty',
    ],
    [
      '  kafka_outputs: [{brokers: [a], topic: t, acks: some}]',
      'kafka: unknown acks "some", must be "none", "leader", or "all"',
    ],
    [
      '  kafka_outputs: [{brokers: [a], topic: t, compression: brotli}]',
      'kafka: unknown compression "brotli"',
    ],
    ['  kafka_outputs: [{brokers: [a]}]', 'event_recorder kafka output requires a topic'],
    [
      '  kafka_outputs: [{brokers: [a], topic: t, format: avro}]',
      'kafka: unknown format "avro", must be "json" or "protobuf"',
    ],
    ['  stdout_outputs: [{pretty: true}]', 'field pretty not found in type eventrecorder.StdoutOutputConfig'],
    ['  syslog_outputs: []', 'field syslog_outputs not found in type eventrecorder.Config'],
  ])('rejects %j', (yaml, message) => {
    expect(() => recorder(yaml)).toThrow(message);
  });
});
