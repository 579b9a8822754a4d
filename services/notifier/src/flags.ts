import { INTEGRATION_TYPES, type IntegrationType } from '@tocsin/config';
import { FlagError, type Flags, parseFlags, SERVICE_FLAGS } from '@tocsin/runtime';

/** Alertmanager's flag names where it has one; `--integration`, `--concurrency`, `--redis.*` are Tocsin's. */
export const NOTIFIER_FLAGS = {
  ...SERVICE_FLAGS,
  integration: {
    kind: 'list',
    help: `Integration types to send (queues notify.<type>), or "all" (${INTEGRATION_TYPES.join(', ')}).`,
    default: 'all',
  },
  'web.external-url': {
    kind: 'string',
    help: 'The URL under which Tocsin is externally reachable, for externalURL in notifications (default http://<hostname>:9093).',
  },
  'web.listen-address': {
    kind: 'string',
    help: 'Serve /metrics, /-/healthy and /-/ready on this address (host:port); off when unset.',
  },
  'web.config.file': {
    kind: 'string',
    help: 'Path to a configuration file that can enable TLS or authentication on --web.listen-address (Prometheus exporter-toolkit format).',
  },
  'dead-letters.retention': {
    kind: 'duration',
    help: 'How long a notification that failed finally stays in the dead letters after its last failure.',
    // A week: a failure on Friday evening is still there after the weekend and an on-call handover.
    default: '168h',
  },
  concurrency: {
    kind: 'int',
    help: 'Notifications in flight at once per integration type in this process.',
    default: '16',
  },
} as const;

export type NotifierFlags = Flags<typeof NOTIFIER_FLAGS>;

export function parseNotifierFlags(argv: readonly string[], env = process.env): NotifierFlags {
  const flags = parseFlags(NOTIFIER_FLAGS, argv, env);
  selectIntegrations(flags.integration);
  if (flags.concurrency < 1) throw new FlagError('--concurrency: must be at least 1');
  return flags;
}

/** `--integration` as the queues to consume: `all` means every integration type. */
export function selectIntegrations(values: readonly string[]): IntegrationType[] {
  const selected = new Set<IntegrationType>();
  for (const value of values) {
    if (value === 'all') {
      for (const type of INTEGRATION_TYPES) selected.add(type);
    } else if ((INTEGRATION_TYPES as readonly string[]).includes(value)) {
      selected.add(value as IntegrationType);
    } else {
      throw new FlagError(`--integration: unknown integration ${JSON.stringify(value)}`);
    }
  }
  if (selected.size === 0) throw new FlagError('--integration: no integration selected');
  return [...selected];
}
