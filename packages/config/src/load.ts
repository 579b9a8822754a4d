import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type Config,
  type ConfigFeatures,
  type ReadOptions,
  readOptions,
  type WarningHandler,
} from './config.js';
import { emptyEventRecorder, readEventRecorder } from './event-recorder.js';
import { readGlobal } from './global.js';
import { readInhibitRule } from './inhibit-rule.js';
import { readReceiver } from './receivers/index.js';
import { type Route, readRoute, resolveRoute, walkRoutes } from './route.js';
import { readTimeInterval } from './time-interval.js';
import { readTracing } from './tracing.js';
import { ConfigError, configError, formatDuration, YamlObject } from './yaml/index.js';

export interface LoadOptions {
  /** The file the text came from: relative paths in the config are joined to its directory. */
  file?: string;
  features?: ConfigFeatures;
  /** Called for what Alertmanager logs but accepts. */
  onWarning?: WarningHandler;
  /** `--data.retention` in milliseconds, for the repeat_interval warning (default 120h). */
  retention?: number;
}

const DEFAULT_RETENTION = 120 * 3600_000;

const TOP_LEVEL_KEYS = new Set([
  'global',
  'route',
  'inhibit_rules',
  'receivers',
  'templates',
  'mute_time_intervals',
  'time_intervals',
  'tracing',
  'event_recorder',
]);

/** Parses and validates an `alertmanager.yml`; throws `ConfigError` with Alertmanager's meaning. */
export function loadConfig(text: string, options: LoadOptions = {}): Config {
  if (options.features?.classicMode && options.features.utf8StrictMode) {
    throw new ConfigError('cannot have both classic and UTF-8 modes enabled');
  }
  const root = YamlObject.parse(text);
  // Go never calls Config.UnmarshalYAML for an empty document, so this message differs from the
  // one for a document without `route`.
  if (!root) throw new ConfigError('no route provided in config');
  const opts = readOptions(options.features, options.onWarning);
  const config = readConfig(root, opts);
  if (options.file !== undefined) resolvePaths(config, path.dirname(path.resolve(options.file)));
  warnAboutTimers(config.route, options.retention ?? DEFAULT_RETENTION, opts.onWarning);
  return config;
}

/** Reads and loads a file; `text` is what was read (for hashing and `config.original`). */
export async function loadConfigFile(
  file: string,
  options: Omit<LoadOptions, 'file'> = {},
): Promise<{ config: Config; text: string }> {
  const text = await readFile(file, 'utf8');
  return { config: loadConfig(text, { ...options, file }), text };
}

function readConfig(root: YamlObject, opts: ReadOptions): Config {
  // Receivers inherit from `global`, wherever it is in the file.
  const global = readGlobal(root.object('global'));
  let route: Route | undefined;
  const config: Omit<Config, 'route'> = {
    global,
    inhibit_rules: [],
    receivers: [],
    templates: [],
    time_intervals: [],
    mute_time_intervals: [],
    event_recorder: emptyEventRecorder(),
  };
  // Top-level sections are read in file order, as yaml.v2 decodes them.
  for (const key of root.keys()) {
    if (!TOP_LEVEL_KEYS.has(key)) continue; // left for finish() to reject
    const v = root.value(key);
    switch (key) {
      case 'route':
        if (!v.isNull) route = readRoute(v, opts);
        break;
      case 'inhibit_rules':
        config.inhibit_rules = v.asList((item) => readInhibitRule(item, opts));
        break;
      case 'receivers': {
        // Go checks each receiver's name before its integrations' global defaults.
        const names = new Set<string>();
        config.receivers = v.asList((item) => {
          const receiver = readReceiver(item, global);
          if (names.has(receiver.name)) {
            throw configError(
              `${item.path}.name`,
              `notification config name ${JSON.stringify(receiver.name)} is not unique`,
            );
          }
          names.add(receiver.name);
          return receiver;
        });
        break;
      }
      case 'templates':
        config.templates = v.asList((item) => item.asString());
        break;
      case 'time_intervals':
        config.time_intervals = v.asList((item) => readTimeInterval(item, 'time interval'));
        break;
      case 'mute_time_intervals':
        config.mute_time_intervals = v.asList((item) => readTimeInterval(item, 'mute time interval'));
        break;
      case 'tracing': {
        const tracing = readTracing(v);
        if (tracing) config.tracing = tracing;
        break;
      }
      case 'event_recorder':
        config.event_recorder = readEventRecorder(v);
        break;
    }
  }
  root.accept('global');
  root.finish('config.plain');
  if (!route) throw configError('route', 'no routes provided');
  checkRootRoute(route);
  checkReceiversDefined(route, 'route', new Set(config.receivers.map((r) => r.name)));
  checkTimeIntervals({ ...config, route });
  if (route.continue) throw configError('route.continue', 'cannot have continue in root route');
  // Keys in Alertmanager's order: global and route first.
  const { global: _global, ...rest } = config;
  return { global, route, ...rest };
}

function checkRootRoute(route: Route): void {
  if (!route.receiver) throw configError('route.receiver', 'root route must specify a default receiver');
  const matchers = Object.keys(route.match ?? {}).length + Object.keys(route.match_re ?? {}).length;
  if (matchers + route.matchers.length > 0)
    throw configError('route', 'root route must not have any matchers');
  if (route.mute_time_intervals.length > 0) {
    throw configError('route.mute_time_intervals', 'root route must not have any mute time intervals');
  }
  if (route.active_time_intervals.length > 0) {
    throw configError('route.active_time_intervals', 'root route must not have any active time intervals');
  }
}

/** Children are checked before their parent, so the deepest bad reference is the one reported. */
function checkReceiversDefined(route: Route, at: string, names: Set<string>): void {
  route.routes.forEach((child, i) => {
    checkReceiversDefined(child, `${at}.routes[${i}]`, names);
  });
  if (route.receiver && !names.has(route.receiver)) {
    throw configError(`${at}.receiver`, `undefined receiver ${JSON.stringify(route.receiver)} used in route`);
  }
}

function checkTimeIntervals(config: Config): void {
  const names = new Set<string>();
  config.mute_time_intervals.forEach((ti, i) => {
    if (names.has(ti.name)) {
      throw configError(
        `mute_time_intervals[${i}].name`,
        `mute time interval ${JSON.stringify(ti.name)} is not unique`,
      );
    }
    names.add(ti.name);
  });
  config.time_intervals.forEach((ti, i) => {
    if (names.has(ti.name)) {
      throw configError(
        `time_intervals[${i}].name`,
        `time interval ${JSON.stringify(ti.name)} is not unique`,
      );
    }
    names.add(ti.name);
  });
  checkIntervalsDefined(config.route, 'route', names);
}

function checkIntervalsDefined(route: Route, at: string, names: Set<string>): void {
  route.routes.forEach((child, i) => {
    checkIntervalsDefined(child, `${at}.routes[${i}]`, names);
  });
  for (const key of ['active_time_intervals', 'mute_time_intervals'] as const) {
    for (const name of route[key]) {
      if (!names.has(name)) {
        throw configError(`${at}.${key}`, `undefined time interval ${JSON.stringify(name)} used in route`);
      }
    }
  }
}

/** The warnings Alertmanager logs for the effective timers of every route (`app/reloader.go`). */
function warnAboutTimers(route: Route, retention: number, onWarning: WarningHandler): void {
  walkRoutes(resolveRoute(route), (node) => {
    const { repeatInterval, groupInterval } = node.opts;
    if (repeatInterval > retention) {
      onWarning({
        message:
          'repeat_interval is greater than the data retention period. It can lead to notifications being repeated more often than expected.',
        details: { repeat_interval: formatDuration(repeatInterval), retention: formatDuration(retention) },
      });
    }
    if (repeatInterval < groupInterval) {
      onWarning({
        message:
          'repeat_interval is less than group_interval. Notifications will not repeat until the next group_interval.',
        details: {
          repeat_interval: formatDuration(repeatInterval),
          group_interval: formatDuration(groupInterval),
        },
      });
    }
  });
}

/**
 * Joins relative paths to the config's directory where Alertmanager does: template globs, event
 * recorder file outputs, and the files inside every `http_config` (TLS files, password and
 * credentials files, header files), as prometheus/common's `SetDirectory` does. Other `*_file`
 * fields (`url_file`, `api_key_file`, `smtp_auth_password_file`, ...) stay relative to the working
 * directory, as in Alertmanager. Files are never read here: they are read when a notification goes.
 */
function resolvePaths(config: Config, dir: string): void {
  const join = (p: string) => (p !== '' && !path.isAbsolute(p) ? path.join(dir, p) : p);
  config.templates = config.templates.map(join);
  for (const out of config.event_recorder.file_outputs) out.path = join(out.path);
  const walk = (value: unknown, key: string, inHttpConfig: boolean): unknown => {
    if (typeof value === 'string') return inHttpConfig && key.endsWith('_file') ? join(value) : value;
    if (Array.isArray(value)) {
      return inHttpConfig && key === 'files'
        ? value.map((f) => (typeof f === 'string' ? join(f) : f))
        : value.map((v) => walk(v, '', inHttpConfig));
    }
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      const obj = value as Record<string, unknown>;
      for (const [k, v] of Object.entries(obj)) obj[k] = walk(v, k, inHttpConfig || k === 'http_config');
    }
    return value;
  };
  walk(config.global, '', false);
  walk(config.receivers, '', false);
  walk(config.event_recorder.webhook_outputs, '', false);
  walk(config.event_recorder.kafka_outputs, '', false);
  if (config.tracing) walk(config.tracing, '', false);
}
