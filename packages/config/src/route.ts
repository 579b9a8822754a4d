import {
  type Matcher,
  MatcherError,
  matchersFromLegacy,
  parseMatchers,
  sortMatchers,
} from '@tocsin/matchers';
import { isValidLabelName } from '@tocsin/model';
import type { ReadOptions } from './config.js';
import { ConfigError, type Duration, type YamlObject, type YamlValue } from './yaml/index.js';

/** One node of the routing tree, as the file gives it (nothing inherited). */
export interface Route {
  receiver?: string;
  /** As written: unset inherits, `[]` means one group, `['...']` groups by all labels. */
  group_by?: string[];
  /** Deprecated equality matchers. */
  match?: Record<string, string>;
  /** Deprecated regex matchers (the regex text, anchored when used). */
  match_re?: Record<string, string>;
  /** The `matchers` list, parsed and sorted. */
  matchers: Matcher[];
  mute_time_intervals: string[];
  active_time_intervals: string[];
  continue: boolean;
  routes: Route[];
  group_wait?: Duration;
  group_interval?: Duration;
  repeat_interval?: Duration;
  /** Route labels (≥0.34); values are Go templates rendered per aggregation group. */
  labels?: Record<string, string>;
}

/** Classic label names: `match`, `match_re`, `source_match`... keep this rule in every mode. */
const CLASSIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function readRoute(value: YamlValue, opts: ReadOptions): Route {
  const obj = value.asObject();
  if (!obj) throw value.error('missing route');
  const route: Route = {
    matchers: [],
    mute_time_intervals: [],
    active_time_intervals: [],
    continue: false,
    routes: [],
  };
  // Read in Go's field order, so that when several things are wrong the same one is reported.
  const receiver = obj.string('receiver');
  if (receiver !== undefined) route.receiver = receiver;
  const groupBy = obj.stringList('group_by');
  if (groupBy) route.group_by = groupBy;
  const match = readMatch(obj, 'match');
  if (match) route.match = match;
  const matchRe = readMatchRe(obj, 'match_re');
  if (matchRe) route.match_re = matchRe;
  route.matchers = readMatchers(obj, 'matchers', opts);
  route.mute_time_intervals = obj.stringList('mute_time_intervals') ?? [];
  route.active_time_intervals = obj.stringList('active_time_intervals') ?? [];
  route.continue = obj.bool('continue') ?? false;
  route.routes = obj.list('routes', (item) => readRoute(item, opts)) ?? [];
  const groupWait = obj.duration('group_wait');
  if (groupWait) route.group_wait = groupWait;
  const groupInterval = obj.duration('group_interval');
  if (groupInterval) route.group_interval = groupInterval;
  const repeatInterval = obj.duration('repeat_interval');
  if (repeatInterval) route.repeat_interval = repeatInterval;
  const labels = obj.stringMap('labels');
  if (labels) route.labels = labels;
  obj.finish('config.plain');
  checkRoute(route, obj, opts);
  return route;
}

/** The checks of Alertmanager's `Route.UnmarshalYAML`, after its fields are read. */
function checkRoute(route: Route, obj: YamlObject, opts: ReadOptions): void {
  for (const name of Object.keys(route.match ?? {})) {
    if (!CLASSIC_NAME.test(name)) throw obj.error('match', `invalid label name ${JSON.stringify(name)}`);
  }
  for (const name of Object.keys(route.labels ?? {})) {
    if (!isValidLabelName(name, opts.labelNames)) {
      throw obj.error('labels', `invalid label name ${JSON.stringify(name)} in route labels`);
    }
  }
  const groupBy = route.group_by ?? [];
  for (const name of groupBy) {
    if (name !== '...' && !isValidLabelName(name, opts.labelNames)) {
      throw obj.error('group_by', `invalid label name ${JSON.stringify(name)} in group_by list`);
    }
  }
  const labels = groupBy.filter((name) => name !== '...');
  if (labels.length > 0 && labels.length < groupBy.length) {
    throw obj.error('group_by', 'cannot have wildcard group_by (`...`) and other labels at the same time');
  }
  const seen = new Set<string>();
  for (const name of labels) {
    if (seen.has(name)) throw obj.error('group_by', `duplicated label ${JSON.stringify(name)} in group_by`);
    seen.add(name);
  }
  if (route.group_interval?.ms === 0) throw obj.error('group_interval', 'group_interval cannot be zero');
  if (route.repeat_interval?.ms === 0) throw obj.error('repeat_interval', 'repeat_interval cannot be zero');
}

/** A `match` / `source_match` map: label name to value. Names are checked by the caller's rules. */
export function readMatch(obj: YamlObject, key: string): Record<string, string> | undefined {
  return obj.stringMap(key);
}

/** A `match_re` map. Every regex must compile, and a null one is an error. */
export function readMatchRe(obj: YamlObject, key: string): Record<string, string> | undefined {
  const v = obj.value(key);
  if (v.isNull) return undefined;
  const out: Record<string, string> = {};
  for (const [name, item] of v.asMap((item) => item)) {
    if (!CLASSIC_NAME.test(name)) throw v.error(`invalid label name ${JSON.stringify(name)}`);
    if (item.isNull) throw item.error(`invalid regexp value for ${JSON.stringify(name)}`);
    const regex = item.asString();
    try {
      matchersFromLegacy({}, { [name]: regex });
    } catch (err) {
      throw item.error(matcherMessage(err));
    }
    out[name] = regex;
  }
  return out;
}

/** A `matchers` list: each entry holds one or more matchers; the result is sorted. */
export function readMatchers(obj: YamlObject, key: string, opts: ReadOptions): Matcher[] {
  const lines = obj.list(key, (item) => item);
  if (!lines) return [];
  const out: Matcher[] = [];
  for (const item of lines) {
    const input = item.asString();
    try {
      out.push(
        ...parseMatchers(input, {
          mode: opts.matcherMode,
          onWarning: (message: string) => opts.onWarning({ message, path: item.path, details: { input } }),
        }),
      );
    } catch (err) {
      throw item.error(matcherMessage(err));
    }
  }
  return sortMatchers(out);
}

function matcherMessage(err: unknown): string {
  if (err instanceof MatcherError || err instanceof ConfigError) return err.message;
  throw err;
}

/** Routing options in effect at a node once defaults and the parent's values are applied. */
export interface RouteOpts {
  receiver: string;
  /** Label names to group by; empty with `groupByAll` false means one group for the route. */
  groupBy: string[];
  groupByAll: boolean;
  /** Milliseconds. */
  groupWait: number;
  groupInterval: number;
  repeatInterval: number;
  /** Not inherited: a node only uses its own intervals. */
  muteTimeIntervals: string[];
  activeTimeIntervals: string[];
  /** Parent's labels merged with this node's (unrendered templates). */
  labels: Record<string, string>;
}

/** A routing-tree node with everything inherited resolved, as Alertmanager's dispatcher builds it. */
export interface ResolvedRoute {
  opts: RouteOpts;
  /** `match`, `match_re` and `matchers` together, sorted. */
  matchers: Matcher[];
  continue: boolean;
  routes: ResolvedRoute[];
  /** Post-order index: children are numbered before their parent; the root is last. */
  idx: number;
}

/** Defaults of the root route (`dispatch.DefaultRouteOpts`). */
export const DEFAULT_ROUTE_OPTS: Readonly<RouteOpts> = Object.freeze({
  receiver: '',
  groupBy: [],
  groupByAll: false,
  groupWait: 30_000,
  groupInterval: 5 * 60_000,
  repeatInterval: 4 * 3600_000,
  muteTimeIntervals: [],
  activeTimeIntervals: [],
  labels: {},
});

/** Builds the effective tree: receiver, grouping and timers inherit, labels merge. */
export function resolveRoute(route: Route): ResolvedRoute {
  const counter = { next: 0 };
  return resolveNode(route, DEFAULT_ROUTE_OPTS, counter);
}

function resolveNode(route: Route, parent: Readonly<RouteOpts>, counter: { next: number }): ResolvedRoute {
  const opts: RouteOpts = { ...parent };
  if (route.labels && Object.keys(route.labels).length > 0)
    opts.labels = { ...parent.labels, ...route.labels };
  if (route.receiver) opts.receiver = route.receiver;
  const groupBy = route.group_by?.filter((name) => name !== '...');
  if (route.group_by && (groupBy?.length ?? 0) === route.group_by.length) {
    // A list without `...` (including `[]`) replaces the parent's grouping.
    opts.groupBy = groupBy ?? [];
    opts.groupByAll = false;
  } else if (route.group_by) {
    opts.groupByAll = true;
  }
  if (route.group_wait) opts.groupWait = route.group_wait.ms;
  if (route.group_interval) opts.groupInterval = route.group_interval.ms;
  if (route.repeat_interval) opts.repeatInterval = route.repeat_interval.ms;
  opts.muteTimeIntervals = route.mute_time_intervals;
  opts.activeTimeIntervals = route.active_time_intervals;
  const matchers = sortMatchers([
    ...matchersFromLegacy(route.match ?? {}, route.match_re ?? {}),
    ...route.matchers,
  ]);
  const routes = route.routes.map((child) => resolveNode(child, opts, counter));
  return { opts, matchers, continue: route.continue, routes, idx: counter.next++ };
}

/** Visits the node and then its descendants, depth first. */
export function walkRoutes(route: ResolvedRoute, visit: (node: ResolvedRoute) => void): void {
  visit(route);
  for (const child of route.routes) walkRoutes(child, visit);
}
