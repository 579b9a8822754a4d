import { type Flags, parseFlags, SERVICE_FLAGS } from '@tocsin/runtime';

/** Alertmanager's flag names where it has one; `--redis.*` are Tocsin's own. */
export const INGEST_FLAGS = {
  ...SERVICE_FLAGS,
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
  'alerts.gc-interval': {
    kind: 'duration',
    help: 'Interval between deleting resolved alerts from the store.',
    default: '30m',
  },
  'data.maintenance-interval': {
    kind: 'duration',
    help: 'Interval between garbage collections of expired silences.',
    default: '15m',
  },
} as const;

export type IngestFlags = Flags<typeof INGEST_FLAGS>;

export function parseIngestFlags(argv: readonly string[], env = process.env): IngestFlags {
  return parseFlags(INGEST_FLAGS, argv, env);
}
