import { Matcher } from '@tocsin/matchers';
import { stringify } from 'yaml';
import type { Config } from './config.js';
import type { InhibitRule } from './inhibit-rule.js';
import type { Route } from './route.js';
import {
  formatMinutes,
  formatRange,
  formatWeekdayRange,
  type TimeInterval,
  type TimeIntervalSpec,
} from './time-interval.js';

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

/**
 * The loaded config as YAML, the way Alertmanager shows it (`/api/v2/status` `config.original`,
 * `amtool config show`): sections in Go's field order, `global` with its defaults, secrets as
 * `<secret>`, `*_file` paths as they are, matchers as strings, durations in Prometheus form.
 * Loading the text again gives the same config, except that masked secrets stay masked.
 */
export function marshalConfig(config: Config): string {
  const out: Record<string, Plain> = {};
  out.global = toPlain(config.global) ?? {};
  out.route = routeToPlain(config.route);
  if (config.inhibit_rules.length > 0) out.inhibit_rules = config.inhibit_rules.map(inhibitRuleToPlain);
  if (config.receivers.length > 0) out.receivers = toPlain(config.receivers) ?? [];
  out.templates = [...config.templates];
  if (config.mute_time_intervals.length > 0)
    out.mute_time_intervals = config.mute_time_intervals.map(intervalToPlain);
  if (config.time_intervals.length > 0) out.time_intervals = config.time_intervals.map(intervalToPlain);
  if (config.tracing) out.tracing = toPlain(config.tracing) ?? {};
  const recorder = toPlain(config.event_recorder) as Record<string, Plain[]>;
  for (const key of Object.keys(recorder)) if (recorder[key]?.length === 0) delete recorder[key];
  if (Object.keys(recorder).length > 0) out.event_recorder = recorder;
  return stringify(out, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}

function routeToPlain(route: Route): Plain {
  const out: Record<string, Plain> = {};
  if (route.receiver) out.receiver = route.receiver;
  // Alertmanager drops `group_by: []` here; it is kept so the dump still overrides the parent.
  if (route.group_by) out.group_by = [...route.group_by];
  if (route.match && Object.keys(route.match).length > 0) out.match = { ...route.match };
  if (route.match_re && Object.keys(route.match_re).length > 0) out.match_re = { ...route.match_re };
  if (route.matchers.length > 0) out.matchers = route.matchers.map(String);
  if (route.mute_time_intervals.length > 0) out.mute_time_intervals = [...route.mute_time_intervals];
  if (route.active_time_intervals.length > 0) out.active_time_intervals = [...route.active_time_intervals];
  out.continue = route.continue;
  if (route.routes.length > 0) out.routes = route.routes.map(routeToPlain);
  if (route.group_wait) out.group_wait = route.group_wait.toString();
  if (route.group_interval) out.group_interval = route.group_interval.toString();
  if (route.repeat_interval) out.repeat_interval = route.repeat_interval.toString();
  if (route.labels && Object.keys(route.labels).length > 0) out.labels = { ...route.labels };
  return out;
}

function inhibitRuleToPlain(rule: InhibitRule): Plain {
  const out: Record<string, Plain> = {};
  if (rule.name) out.name = rule.name;
  for (const side of ['source', 'target'] as const) {
    const match = rule[`${side}_match`];
    if (match && Object.keys(match).length > 0) out[`${side}_match`] = { ...match };
    const matchRe = rule[`${side}_match_re`];
    if (matchRe && Object.keys(matchRe).length > 0) out[`${side}_match_re`] = { ...matchRe };
    const matchers = rule[`${side}_matchers`];
    if (matchers.length > 0) out[`${side}_matchers`] = matchers.map(String);
  }
  if (rule.equal.length > 0) out.equal = [...rule.equal];
  return out;
}

function intervalToPlain(interval: TimeInterval): Plain {
  return { name: interval.name, time_intervals: interval.time_intervals.map(specToPlain) };
}

function specToPlain(spec: TimeIntervalSpec): Plain {
  const out: Record<string, Plain> = {};
  // An empty list is kept: it matches nothing, while a missing field matches everything.
  if (spec.times) {
    out.times = spec.times.map((t) => ({
      start_time: formatMinutes(t.start_minute),
      end_time: formatMinutes(t.end_minute),
    }));
  }
  if (spec.weekdays) out.weekdays = spec.weekdays.map(formatWeekdayRange);
  if (spec.days_of_month) out.days_of_month = spec.days_of_month.map(formatRange);
  if (spec.months) out.months = spec.months.map(formatRange);
  if (spec.years) out.years = spec.years.map(formatRange);
  if (spec.location !== undefined) out.location = spec.location;
  return out;
}

/**
 * Plain data for YAML: undefined keys dropped, values with `toJSON` (Secret → `<secret>`,
 * durations, host:port) replaced by it, matchers as their text.
 */
export function toPlain(value: unknown): Plain | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (value instanceof Matcher) return value.toString();
  if (Array.isArray(value)) return value.map((v) => toPlain(v) ?? null);
  if (value instanceof Map) return toPlain(Object.fromEntries(value));
  if (typeof value === 'object') {
    const withJson = value as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === 'function') return toPlain(withJson.toJSON());
    const out: Record<string, Plain> = {};
    for (const [k, v] of Object.entries(value)) {
      const plain = toPlain(v);
      if (plain !== undefined) out[k] = plain;
    }
    return out;
  }
  return String(value);
}
