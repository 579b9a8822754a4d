import type { GlobalConfig } from '../global.js';
import { optionalString, secretUrlField, stringOr } from '../yaml/go-fields.js';
import type { Secret, YamlObject } from '../yaml/index.js';
import { checkWebhookUrl } from './msteams.js';
import { type HttpNotifierConfig, readHttpNotifier } from './notifier-config.js';

export interface MSTeamsV2Config extends HttpNotifierConfig {
  webhook_url?: Secret;
  webhook_url_file?: string;
  title: string;
  text: string;
}

export function readMSTeamsV2Config(obj: YamlObject): MSTeamsV2Config {
  const c: MSTeamsV2Config = {
    ...readHttpNotifier(obj, true),
    webhook_url: secretUrlField(obj, 'webhook_url'),
    webhook_url_file: optionalString(obj, 'webhook_url_file'),
    title: stringOr(obj, 'title', '{{ template "msteamsv2.default.title" . }}'),
    text: stringOr(obj, 'text', '{{ template "msteamsv2.default.text" . }}'),
  };
  obj.finish('msteamsv2.plain');
  checkWebhookUrl(obj, c);
  return c;
}

/**
 * No http_config: a copy of the global one. A partial one without `proxy_url` still takes the
 * global `proxy_url` (and only that), so a proxy set globally keeps working.
 */
export function resolveMSTeamsV2Config(c: MSTeamsV2Config, global: GlobalConfig): MSTeamsV2Config {
  if (!c.http_config) c.http_config = { ...global.http_config };
  else if (c.http_config.proxy_url === undefined && global.http_config.proxy_url !== undefined) {
    c.http_config.proxy_url = global.http_config.proxy_url;
  }
  return c;
}
