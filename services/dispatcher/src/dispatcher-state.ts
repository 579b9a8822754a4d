import type { Config, Receiver, TimeIntervalSpec } from '@tocsin/config';
import { Inhibitor } from '@tocsin/inhibit';
import { RouteTree } from '@tocsin/routing';

/**
 * Everything the dispatcher derives from one config. Built whole on each reload and swapped in
 * one assignment; every job reads it once when it starts, so no job mixes two configs.
 */
export interface DispatcherState {
  routes: RouteTree;
  /** Rules only; each flush indexes the current alerts into its own copy. */
  inhibitRules: Config['inhibit_rules'];
  receivers: ReadonlyMap<string, Receiver>;
  /** `time_intervals` and the deprecated `mute_time_intervals`, by name. */
  intervals: ReadonlyMap<string, TimeIntervalSpec[]>;
}

export function buildDispatcherState(config: Config): DispatcherState {
  const intervals = new Map<string, TimeIntervalSpec[]>();
  for (const ti of [...config.mute_time_intervals, ...config.time_intervals])
    intervals.set(ti.name, ti.time_intervals);
  return {
    routes: RouteTree.fromConfig(config),
    inhibitRules: config.inhibit_rules,
    receivers: new Map(config.receivers.map((r) => [r.name, r])),
    intervals,
  };
}

/** A fresh inhibitor for one flush (an Inhibitor holds the alerts it indexed). */
export function newInhibitor(state: DispatcherState): Inhibitor {
  return new Inhibitor(state.inhibitRules);
}
