import type { EventRecorderConfig } from './event-recorder.js';
import type { GlobalConfig } from './global.js';
import type { InhibitRule } from './inhibit-rule.js';
import type { Receiver } from './receivers/index.js';
import type { Route } from './route.js';
import type { TimeInterval } from './time-interval.js';
import type { TracingConfig } from './tracing.js';

/** A loaded `alertmanager.yml`, keyed as the file is. */
export interface Config {
  /** Always present: the defaults when the file has no `global` block. */
  global: GlobalConfig;
  route: Route;
  inhibit_rules: InhibitRule[];
  receivers: Receiver[];
  /** Template globs; relative ones are joined to the config file's directory by `loadConfigFile`. */
  templates: string[];
  time_intervals: TimeInterval[];
  /** Deprecated alias of `time_intervals`; names are unique across both lists. */
  mute_time_intervals: TimeInterval[];
  /** Unset when the file has no `tracing` block. */
  tracing?: TracingConfig;
  event_recorder: EventRecorderConfig;
}

/** Alertmanager's `--enable-feature` flags that change what a config may contain. */
export interface ConfigFeatures {
  /** `classic-mode`: classic matcher grammar and `[a-zA-Z_][a-zA-Z0-9_]*` label names. */
  classicMode?: boolean;
  /** `utf8-strict-mode`: UTF-8 matcher grammar only, no fallback to the classic one. */
  utf8StrictMode?: boolean;
}

/** Something Alertmanager logs at load but accepts (matcher fallback, odd timers). */
export interface ConfigWarning {
  message: string;
  /** Field path, such as `route.routes[0].matchers[1]`. */
  path?: string;
  details?: Record<string, unknown>;
}

export type WarningHandler = (warning: ConfigWarning) => void;

/** What the readers of routes and inhibit rules need to know about the load. */
export interface ReadOptions {
  matcherMode: 'fallback' | 'utf8-strict' | 'classic';
  labelNames: 'utf8' | 'classic';
  onWarning: WarningHandler;
}

export function readOptions(features: ConfigFeatures | undefined, onWarning?: WarningHandler): ReadOptions {
  const classic = features?.classicMode === true;
  return {
    matcherMode: classic ? 'classic' : features?.utf8StrictMode ? 'utf8-strict' : 'fallback',
    labelNames: classic ? 'classic' : 'utf8',
    onWarning: onWarning ?? (() => {}),
  };
}
