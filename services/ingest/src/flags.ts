import { type Flags, parseFlags } from '@tocsin/runtime';

/** Alertmanager's flag names where it has one; `--redis.*` are Tocsin's own. */
export const INGEST_FLAGS = {
  'config.file': {
    kind: 'string',
    help: 'Alertmanager configuration file name.',
    default: 'alertmanager.yml',
  },
  'web.listen-address': { kind: 'string', help: 'Address to listen on for the API.', default: ':9093' },
  'web.external-url': {
    kind: 'string',
    help: 'The URL under which Tocsin is externally reachable (default http://<hostname>:<port>).',
  },
  'web.route-prefix': {
    kind: 'string',
    help: 'Prefix for the API routes (defaults to the path of --web.external-url).',
  },
  'web.max-body-bytes': {
    kind: 'int',
    help: 'Largest request body accepted; larger ones get 413.',
    default: '8388608',
  },
  'data.retention': {
    kind: 'duration',
    help: 'How long to keep silences and notification logs.',
    default: '120h',
  },
  'alerts.gc-interval': {
    kind: 'duration',
    help: 'Interval between deleting resolved alerts from the store (and expired silences past retention).',
    default: '30m',
  },
  'data.maintenance-interval': {
    kind: 'duration',
    help: 'Interval between garbage collections of expired silences.',
    default: '15m',
  },
  'redis.url': {
    kind: 'string',
    help: 'Redis to keep state and queues in.',
    default: 'redis://127.0.0.1:6379',
  },
  'redis.prefix': {
    kind: 'string',
    help: 'Prefix of every Redis key and queue of this stack.',
    default: 'tocsin',
  },
  'log.level': {
    kind: 'string',
    help: 'Only log messages with the given severity or above.',
    default: 'info',
  },
} as const;

export type IngestFlags = Flags<typeof INGEST_FLAGS>;

export function parseIngestFlags(argv: readonly string[], env = process.env): IngestFlags {
  return parseFlags(INGEST_FLAGS, argv, env);
}
