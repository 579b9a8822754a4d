// Helpers shared by the store's tests (excluded from the build).
import { type Alert, fingerprint, type LabelSet } from '@tocsin/model';
import type { Redis } from 'ioredis';

export const T = Date.UTC(2024, 0, 1);
export const MIN = 60_000;

export type AlertFields = Partial<Omit<Alert, 'labels' | 'fingerprint'>>;

/** A firing alert at T (ends T+10m, updated T) with the given labels and overrides. */
export function makeAlert(labels: LabelSet, over: AlertFields = {}): Alert {
  return {
    labels,
    annotations: {},
    startsAt: T,
    endsAt: T + 10 * MIN,
    generatorURL: '',
    updatedAt: T,
    timeout: false,
    ...over,
    fingerprint: fingerprint(labels),
  };
}

export interface CommandLog {
  /** Every command sent since the last reset: name and arguments as strings. */
  readonly sent: { name: string; args: string[] }[];
  reset(): void;
  /** Runs `action` once, right before the next command named `name` goes out. */
  before(name: string, action: () => Promise<unknown>): void;
  restore(): void;
}

/** Records (and can delay) what a connection sends by wrapping its sendCommand. */
export function recordCommands(redis: Redis): CommandLog {
  const original = redis.sendCommand;
  const sent: { name: string; args: string[] }[] = [];
  let hook: { name: string; action: () => Promise<unknown> } | undefined;
  redis.sendCommand = function (this: Redis, ...params: Parameters<Redis['sendCommand']>) {
    const [command] = params;
    sent.push({ name: command.name, args: command.args.map(String) });
    if (hook?.name === command.name) {
      const { action } = hook;
      hook = undefined;
      return action().then(() => original.apply(this, params));
    }
    return original.apply(this, params);
  };
  return {
    sent,
    reset: () => {
      sent.length = 0;
    },
    before: (name, action) => {
      hook = { name, action };
    },
    restore: () => {
      redis.sendCommand = original;
    },
  };
}
