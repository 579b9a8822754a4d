import type { GlobalConfig } from '../global.js';
import { optionalString, secretUrlField, stringOr } from '../yaml/go-fields.js';
import type { Secret, YamlObject } from '../yaml/index.js';
import { type HttpNotifierConfig, inheritHttpConfig, readHttpNotifier } from './notifier-config.js';

export interface MSTeamsConfig extends HttpNotifierConfig {
  webhook_url?: Secret;
  webhook_url_file?: string;
  title: string;
  summary: string;
  text: string;
}

export function readMSTeamsConfig(obj: YamlObject): MSTeamsConfig {
  const c: MSTeamsConfig = {
    ...readHttpNotifier(obj, true),
    webhook_url: secretUrlField(obj, 'webhook_url'),
    webhook_url_file: optionalString(obj, 'webhook_url_file'),
    title: stringOr(obj, 'title', '{{ template "msteams.default.title" . }}'),
    summary: stringOr(obj, 'summary', '{{ template "msteams.default.summary" . }}'),
    text: stringOr(obj, 'text', '{{ template "msteams.default.text" . }}'),
  };
  obj.finish('msteams.plain');
  checkWebhookUrl(obj, c);
  return c;
}

export function resolveMSTeamsConfig(c: MSTeamsConfig, global: GlobalConfig): MSTeamsConfig {
  return inheritHttpConfig(c, global);
}

/** Exactly one of `webhook_url` and `webhook_url_file` (both Teams integrations). */
export function checkWebhookUrl(
  obj: YamlObject,
  c: { webhook_url?: Secret; webhook_url_file?: string },
): void {
  if (!c.webhook_url && !c.webhook_url_file) {
    throw obj.error('', 'one of webhook_url or webhook_url_file must be configured');
  }
  if (c.webhook_url && c.webhook_url_file) {
    throw obj.error('', 'at most one of webhook_url & webhook_url_file must be configured');
  }
}
