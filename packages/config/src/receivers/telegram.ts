import type { GlobalConfig } from '../global.js';
import { boolOr, optionalString, secretField, stringOr, urlField } from '../yaml/go-fields.js';
import { configError, type Secret, type YamlObject } from '../yaml/index.js';
import { type HttpNotifierConfig, inheritHttpConfig, readHttpNotifier } from './notifier-config.js';

export interface TelegramConfig extends HttpNotifierConfig {
  api_url?: string;
  bot_token?: Secret;
  bot_token_file?: string;
  /** 0 means unset (Go's int64 zero value). */
  chat_id: number;
  chat_id_file?: string;
  message_thread_id?: number;
  message: string;
  disable_notifications: boolean;
  /** `HTML` (default), `Markdown`, `MarkdownV2` or ''. */
  parse_mode: string;
}

const PARSE_MODES = ['', 'Markdown', 'MarkdownV2', 'HTML'];

export function readTelegramConfig(obj: YamlObject): TelegramConfig {
  const c: TelegramConfig = {
    ...readHttpNotifier(obj, true),
    api_url: urlField(obj, 'api_url'),
    bot_token: secretField(obj, 'bot_token'),
    bot_token_file: optionalString(obj, 'bot_token_file'),
    chat_id: obj.int('chat_id') ?? 0,
    chat_id_file: optionalString(obj, 'chat_id_file'),
    message_thread_id: obj.int('message_thread_id'),
    message: stringOr(obj, 'message', '{{ template "telegram.default.message" . }}'),
    disable_notifications: boolOr(obj, 'disable_notifications', false),
    parse_mode: stringOr(obj, 'parse_mode', 'HTML'),
  };
  obj.finish('telegram.plain');
  const fail = (message: string) => obj.error('', message);
  if (c.bot_token && c.bot_token_file)
    throw fail('at most one of bot_token & bot_token_file must be configured');
  if (c.chat_id === 0 && !c.chat_id_file) throw fail('missing chat_id or chat_id_file on telegram_config');
  if (c.chat_id !== 0 && c.chat_id_file)
    throw fail('at most one of chat_id & chat_id_file must be configured');
  if (!PARSE_MODES.includes(c.parse_mode)) {
    throw fail('unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string');
  }
  return c;
}

/** The API URL and, when this config has neither token nor file, the bot token come from `global`. */
export function resolveTelegramConfig(c: TelegramConfig, global: GlobalConfig, path: string): TelegramConfig {
  inheritHttpConfig(c, global);
  c.api_url ??= global.telegram_api_url;
  if (!c.bot_token && !c.bot_token_file) {
    if (!global.telegram_bot_token && !global.telegram_bot_token_file) {
      throw configError(path, 'missing bot_token or bot_token_file on telegram_config');
    }
    c.bot_token = global.telegram_bot_token;
    c.bot_token_file = global.telegram_bot_token_file;
  }
  return c;
}
