import type { GlobalConfig } from '../global.js';
import { optionalString, secretUrlField, stringOr } from '../yaml/go-fields.js';
import type { Secret, YamlObject } from '../yaml/index.js';
import { type HttpNotifierConfig, inheritHttpConfig, readHttpNotifier } from './notifier-config.js';

export interface DiscordConfig extends HttpNotifierConfig {
  webhook_url?: Secret;
  webhook_url_file?: string;
  content?: string;
  title: string;
  message: string;
  username?: string;
  avatar_url?: string;
}

export function readDiscordConfig(obj: YamlObject): DiscordConfig {
  const c: DiscordConfig = {
    ...readHttpNotifier(obj, true),
    webhook_url: secretUrlField(obj, 'webhook_url'),
    webhook_url_file: optionalString(obj, 'webhook_url_file'),
    content: optionalString(obj, 'content'),
    title: stringOr(obj, 'title', '{{ template "discord.default.title" . }}'),
    message: stringOr(obj, 'message', '{{ template "discord.default.message" . }}'),
    username: optionalString(obj, 'username'),
    avatar_url: optionalString(obj, 'avatar_url'),
  };
  obj.finish('discord.plain');
  if (!c.webhook_url && !c.webhook_url_file) {
    throw obj.error('', 'one of webhook_url or webhook_url_file must be configured');
  }
  if (c.webhook_url && c.webhook_url_file) {
    throw obj.error('', 'at most one of webhook_url & webhook_url_file must be configured');
  }
  return c;
}

export function resolveDiscordConfig(c: DiscordConfig, global: GlobalConfig): DiscordConfig {
  return inheritHttpConfig(c, global);
}
