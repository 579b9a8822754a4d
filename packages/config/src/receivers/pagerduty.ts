import type { GlobalConfig } from '../global.js';
import type { GoDuration } from '../yaml/go-duration.js';
import { goDurationField, optionalString, secretField, stringOr, urlField } from '../yaml/go-fields.js';
import { configError, type Secret, type YamlObject, type YamlValue } from '../yaml/index.js';
import { type HttpNotifierConfig, inheritHttpConfig, readHttpNotifier } from './notifier-config.js';

export interface PagerdutyLink {
  href?: string;
  text?: string;
}

export interface PagerdutyImage {
  src?: string;
  alt?: string;
  href?: string;
}

export interface PagerdutyConfig extends HttpNotifierConfig {
  /** Events API v1 integration key. */
  service_key?: Secret;
  service_key_file?: string;
  /** Events API v2 routing key. */
  routing_key?: Secret;
  routing_key_file?: string;
  url?: string;
  client: string;
  client_url: string;
  description: string;
  /** Always holds the default `firing`, `resolved`, `num_firing`, `num_resolved` unless overridden. */
  details: Record<string, unknown>;
  images?: PagerdutyImage[];
  links?: PagerdutyLink[];
  /** Defaults to `client`. */
  source?: string;
  severity?: string;
  class?: string;
  component?: string;
  group?: string;
  timeout?: GoDuration;
}

export const DEFAULT_PAGERDUTY_DETAILS: Readonly<Record<string, string>> = {
  firing: '{{ .Alerts.Firing | toJson }}',
  resolved: '{{ .Alerts.Resolved | toJson }}',
  num_firing: '{{ .Alerts.Firing | len }}',
  num_resolved: '{{ .Alerts.Resolved | len }}',
};

export function readPagerdutyConfig(obj: YamlObject): PagerdutyConfig {
  const details = obj.value('details');
  const c: PagerdutyConfig = {
    ...readHttpNotifier(obj, true),
    service_key: secretField(obj, 'service_key'),
    service_key_file: optionalString(obj, 'service_key_file'),
    routing_key: secretField(obj, 'routing_key'),
    routing_key_file: optionalString(obj, 'routing_key_file'),
    url: urlField(obj, 'url'),
    client: stringOr(obj, 'client', '{{ template "pagerduty.default.client" . }}'),
    client_url: stringOr(obj, 'client_url', '{{ template "pagerduty.default.clientURL" . }}'),
    description: stringOr(obj, 'description', '{{ template "pagerduty.default.description" .}}'),
    details: details.isNull ? {} : Object.fromEntries(details.asMap((v) => v.toJS())),
    images: obj.list('images', (v) => readPlain(v, ['src', 'alt', 'href'], 'pagerduty.PagerdutyImage')),
    links: obj.list('links', (v) => readPlain(v, ['href', 'text'], 'pagerduty.PagerdutyLink')),
    source: optionalString(obj, 'source'),
    severity: optionalString(obj, 'severity'),
    class: optionalString(obj, 'class'),
    component: optionalString(obj, 'component'),
    group: optionalString(obj, 'group'),
    timeout: goDurationField(obj, 'timeout'),
  };
  obj.finish('pagerduty.plain');
  if (!c.routing_key && !c.service_key && !c.routing_key_file && !c.service_key_file) {
    throw obj.error('', 'missing service or routing key in PagerDuty config');
  }
  if (c.routing_key && c.routing_key_file)
    throw obj.error('', 'at most one of routing_key & routing_key_file must be configured');
  if (c.service_key && c.service_key_file)
    throw obj.error('', 'at most one of service_key & service_key_file must be configured');
  c.source ||= c.client;
  c.details = { ...c.details };
  for (const [k, v] of Object.entries(DEFAULT_PAGERDUTY_DETAILS)) if (!(k in c.details)) c.details[k] = v;
  return c;
}

export function resolvePagerdutyConfig(
  c: PagerdutyConfig,
  global: GlobalConfig,
  path: string,
): PagerdutyConfig {
  inheritHttpConfig(c, global);
  c.url ??= global.pagerduty_url;
  if (c.url === undefined) throw configError(path, 'no global PagerDuty URL set');
  return c;
}

/** A small struct of optional strings (images, links). */
function readPlain(value: YamlValue, keys: string[], typeName: string): Record<string, string> {
  const obj = value.asObject();
  const out: Record<string, string> = {};
  if (!obj) return out;
  for (const key of keys) {
    const text = optionalString(obj, key);
    if (text !== undefined) out[key] = text;
  }
  obj.finish(typeName);
  return out;
}
