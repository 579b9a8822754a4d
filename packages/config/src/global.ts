import { Duration, type Secret, type YamlObject } from './yaml/index.js';

/** Alertmanager's `global` section (stub; being filled in). */
export interface GlobalConfig {
  resolve_timeout: Duration;
  [key: string]: unknown;
}

export function readGlobal(obj: YamlObject | undefined): GlobalConfig {
  return { resolve_timeout: obj?.duration('resolve_timeout') ?? new Duration(5 * 60 * 1000) };
}

export type { Secret };
