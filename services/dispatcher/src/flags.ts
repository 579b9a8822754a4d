import { type Flags, parseFlags } from '@tocsin/runtime';

/** Alertmanager's flag names where it has one; `--redis.*` are Tocsin's own. */
export const DISPATCHER_FLAGS = {
  'config.file': {
    kind: 'string',
    help: 'Alertmanager configuration file name.',
    default: 'alertmanager.yml',
  },
  'web.listen-address': {
    kind: 'string',
    help: 'Serve /metrics, /-/healthy and /-/ready on this address (host:port); off when unset.',
  },
  'data.retention': {
    kind: 'duration',
    help: 'How long to keep notification logs.',
    default: '120h',
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

export type DispatcherFlags = Flags<typeof DISPATCHER_FLAGS>;

export function parseDispatcherFlags(argv: readonly string[], env = process.env): DispatcherFlags {
  return parseFlags(DISPATCHER_FLAGS, argv, env);
}
