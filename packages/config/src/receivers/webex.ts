import type { GlobalConfig } from '../global.js';
import { stringOr, urlField } from '../yaml/go-fields.js';
import { configError, type YamlObject } from '../yaml/index.js';
import { type HttpNotifierConfig, inheritHttpConfig, readHttpNotifier } from './notifier-config.js';

export interface WebexConfig extends HttpNotifierConfig {
  api_url?: string;
  message: string;
  room_id: string;
}

export function readWebexConfig(obj: YamlObject): WebexConfig {
  const c: WebexConfig = {
    ...readHttpNotifier(obj, true),
    api_url: urlField(obj, 'api_url'),
    message: stringOr(obj, 'message', '{{ template "webex.default.message" . }}'),
    room_id: obj.string('room_id') ?? '',
  };
  obj.finish('config.plain');
  if (c.room_id === '') throw obj.error('', 'missing room_id on webex_config');
  // Checked before any inheritance: the credentials must be in this config's own http_config.
  if (!c.http_config?.authorization) throw obj.error('', 'missing webex_configs.http_config.authorization');
  return c;
}

export function resolveWebexConfig(c: WebexConfig, global: GlobalConfig, path: string): WebexConfig {
  inheritHttpConfig(c, global);
  c.api_url ??= global.webex_api_url;
  if (c.api_url === undefined) throw configError(path, 'no global Webex URL set');
  return c;
}
