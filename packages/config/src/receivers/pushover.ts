import type { GlobalConfig } from '../global.js';
import { GoDuration } from '../yaml/go-duration.js';
import {
  boolOr,
  goDurationTextField,
  isPresent,
  optionalString,
  secretField,
  stringOr,
} from '../yaml/go-fields.js';
import type { Secret, YamlObject } from '../yaml/index.js';
import { type HttpNotifierConfig, inheritHttpConfig, readHttpNotifier } from './notifier-config.js';

export interface PushoverConfig extends HttpNotifierConfig {
  user_key?: Secret;
  user_key_file?: string;
  token?: Secret;
  token_file?: string;
  title: string;
  message: string;
  url: string;
  url_title?: string;
  device?: string;
  sound?: string;
  /** Template; the default is 2 (emergency) while firing, 0 when resolved. */
  priority: string;
  retry: GoDuration;
  expire: GoDuration;
  ttl: GoDuration;
  html: boolean;
  monospace: boolean;
}

const tmpl = (name: string) => `{{ template "pushover.default.${name}" . }}`;

export function readPushoverConfig(obj: YamlObject): PushoverConfig {
  const duration = (key: string, fallbackMs: number) =>
    goDurationTextField(obj, key) ?? new GoDuration(isPresent(obj, key) ? 0 : fallbackMs);
  const c: PushoverConfig = {
    ...readHttpNotifier(obj, true),
    user_key: secretField(obj, 'user_key'),
    user_key_file: optionalString(obj, 'user_key_file'),
    token: secretField(obj, 'token'),
    token_file: optionalString(obj, 'token_file'),
    title: stringOr(obj, 'title', tmpl('title')),
    message: stringOr(obj, 'message', tmpl('message')),
    url: stringOr(obj, 'url', tmpl('url')),
    url_title: optionalString(obj, 'url_title'),
    device: optionalString(obj, 'device'),
    sound: optionalString(obj, 'sound'),
    priority: stringOr(obj, 'priority', '{{ if eq .Status "firing" }}2{{ else }}0{{ end }}'),
    retry: duration('retry', 60_000),
    expire: duration('expire', 3_600_000),
    ttl: duration('ttl', 0),
    html: boolOr(obj, 'html', false),
    monospace: boolOr(obj, 'monospace', false),
  };
  obj.finish('config.plain');
  const fail = (message: string) => obj.error('', message);
  if (!c.user_key && !c.user_key_file) throw fail('one of user_key or user_key_file must be configured');
  if (c.user_key && c.user_key_file) throw fail('at most one of user_key & user_key_file must be configured');
  if (!c.token && !c.token_file) throw fail('one of token or token_file must be configured');
  if (c.token && c.token_file) throw fail('at most one of token & token_file must be configured');
  if (c.html && c.monospace) throw fail('at most one of monospace & html must be configured');
  return c;
}

export function resolvePushoverConfig(c: PushoverConfig, global: GlobalConfig): PushoverConfig {
  return inheritHttpConfig(c, global);
}
