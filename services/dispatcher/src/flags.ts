import { type Flags, parseFlags, SERVICE_FLAGS } from '@tocsin/runtime';

/** Alertmanager's flag names where it has one; `--redis.*` are Tocsin's own. */
export const DISPATCHER_FLAGS = {
  ...SERVICE_FLAGS,
  'web.listen-address': {
    kind: 'string',
    help: 'Serve /metrics, /-/healthy and /-/ready on this address (host:port); off when unset.',
  },
  'web.config.file': {
    kind: 'string',
    help: 'Path to a configuration file that can enable TLS or authentication on --web.listen-address (Prometheus exporter-toolkit format).',
  },
} as const;

export type DispatcherFlags = Flags<typeof DISPATCHER_FLAGS>;

export function parseDispatcherFlags(argv: readonly string[], env = process.env): DispatcherFlags {
  return parseFlags(DISPATCHER_FLAGS, argv, env);
}
