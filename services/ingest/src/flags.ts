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
  'web.config.file': {
    kind: 'string',
    help: 'Path to a configuration file that can enable TLS or authentication (Prometheus exporter-toolkit format); re-read when it changes.',
  },
  'api.max-alerts-per-request': {
    kind: 'int',
    help: 'Most alerts one POST /api/v2/alerts may carry; more get 422 (0: no limit).',
    default: '10000',
  },
  'api.max-labels': {
    kind: 'int',
    help: 'Most labels, and most annotations, per alert; most matchers per silence (0: no limit).',
    default: '128',
  },
  'api.max-label-name-bytes': {
    kind: 'int',
    help: 'Longest label, annotation or matcher name in bytes (0: no limit).',
    default: '1024',
  },
  'api.max-label-value-bytes': {
    kind: 'int',
    help: 'Longest label value, matcher value and silence createdBy in bytes (0: no limit).',
    default: '16384',
  },
  'api.max-text-bytes': {
    kind: 'int',
    help: 'Longest annotation value, generatorURL and silence comment in bytes (0: no limit).',
    default: '65536',
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
