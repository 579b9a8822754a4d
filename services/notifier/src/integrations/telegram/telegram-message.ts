import type { TelegramConfig } from '@tocsin/config';
import type { TemplateData } from '@tocsin/templates';
import { goJsonStringMap } from '../../go-json.js';
import { textRenderer } from '../../notification-renderer.js';
import { renderOrFail, type TemplateRenderer } from '../../notifier-templates.js';
import { truncateInRunes } from '../../truncate-in-runes.js';

/** Telegram refuses messages longer than this many characters. */
export const MAX_MESSAGE_RUNES = 4096;

// Cutting an HTML message could leave a tag open, which Telegram refuses: send a notice instead,
// as Alertmanager does.
export const HTML_TOO_LONG_NOTICE =
  "Notification not sent: the rendered message is longer than Telegram's 4096-character limit. Check its template.";

export interface BuiltTelegramMessage {
  /** The sendMessage parameters, all strings, as the Go bot library sends them. */
  params: Record<string, string>;
  /** What happened to a message over the limit. */
  overLimit?: 'truncated' | 'replaced';
}

/**
 * The sendMessage parameters Alertmanager sends: the message rendered as HTML (escaped values)
 * when parse_mode is HTML, else as text; link previews off; the notification sound off with
 * `disable_notifications`; the forum topic with `message_thread_id`.
 */
export function buildTelegramMessage(
  config: TelegramConfig,
  t: TemplateRenderer,
  data: TemplateData,
  chatId: string,
): BuiltTelegramMessage {
  let text: string;
  let overLimit: BuiltTelegramMessage['overLimit'];
  if (config.parse_mode === 'HTML') {
    text = renderOrFail('message', () => t.executeHtml(config.message, data));
    if ([...text].length > MAX_MESSAGE_RUNES) {
      text = HTML_TOO_LONG_NOTICE;
      overLimit = 'replaced';
    }
  } else {
    const cut = truncateInRunes(textRenderer(t, data)('message', config.message), MAX_MESSAGE_RUNES);
    text = cut.text;
    if (cut.truncated) overLimit = 'truncated';
  }
  const params: Record<string, string> = {
    chat_id: chatId,
    text,
    disable_web_page_preview: 'true',
  };
  if (config.parse_mode !== '') params.parse_mode = config.parse_mode;
  if (config.disable_notifications) params.disable_notification = 'true';
  if (config.message_thread_id) params.message_thread_id = String(config.message_thread_id);
  return overLimit ? { params, overLimit } : { params };
}

/** The request body: a JSON object of strings with sorted keys (a Go map). */
export function encodeTelegramParams(params: Record<string, string>): string {
  return goJsonStringMap(params);
}
