import type { RocketchatConfig } from '@tocsin/config';
import type { RenderText } from '../../notification-renderer.js';
import { truncateInRunes } from '../../truncate-in-runes.js';

/** Alertmanager cuts the attachment title at 1024 characters. */
export const MAX_TITLE_RUNES = 1024;

/** Upstream's `RocketchatAttachmentAction` as JSON: the two booleans are always written. */
interface ActionBody {
  type?: string;
  text?: string;
  url?: string;
  image_url?: string;
  is_webview: boolean;
  webview_height_ratio?: string;
  msg?: string;
  msg_in_chat_window: boolean;
  msg_processing_type?: string;
}

/** One attachment of chat.postMessage, keys in upstream's field order. */
export interface RocketchatAttachment {
  title?: string;
  title_link?: string;
  text?: string;
  image_url?: string;
  thumb_url?: string;
  color?: string;
  fields?: { short: boolean; title?: string; value?: string }[];
  actions?: ActionBody[];
}

/** The chat.postMessage body Alertmanager sends (`PostMessage`). */
export interface RocketchatPostMessage {
  channel?: string;
  text?: string;
  parseUrls?: boolean;
  alias?: string;
  emoji?: string;
  avatar?: string;
  attachments: RocketchatAttachment[];
}

const omitEmpty = (s: string) => (s === '' ? undefined : s);

/**
 * One attachment with the templated title (cut at 1024 characters), link, text, images and
 * colour, the fields (`short` falling back to `short_fields`) and the actions (always buttons,
 * as Rocket.Chat supports no other type); channel, emoji and avatar (`icon_url`) on top.
 */
export function buildRocketchatMessage(
  config: RocketchatConfig,
  text: RenderText,
): { message: RocketchatPostMessage; titleTruncated: boolean } {
  const title = truncateInRunes(text('title', config.title), MAX_TITLE_RUNES);
  const attachment: RocketchatAttachment = {
    title: omitEmpty(title.text),
    title_link: omitEmpty(text('title_link', config.title_link)),
    text: omitEmpty(text('text', config.text)),
    image_url: omitEmpty(text('image_url', config.image_url)),
    thumb_url: omitEmpty(text('thumb_url', config.thumb_url)),
    color: omitEmpty(text('color', config.color)),
    fields: config.fields?.length
      ? config.fields.map((f) => ({
          short: f.short ?? config.short_fields,
          title: omitEmpty(text('field title', f.title)),
          value: omitEmpty(text('field value', f.value)),
        }))
      : undefined,
    actions: config.actions?.length
      ? config.actions.map((a) => ({
          type: 'button',
          text: omitEmpty(text('action text', a.text)),
          url: omitEmpty(text('action url', a.url)),
          is_webview: false,
          msg: omitEmpty(text('action msg', a.msg)),
          msg_in_chat_window: false,
        }))
      : undefined,
  };
  const message: RocketchatPostMessage = {
    channel: omitEmpty(text('channel', config.channel)),
    emoji: omitEmpty(text('emoji', config.emoji)),
    avatar: omitEmpty(text('icon_url', config.icon_url)),
    attachments: [attachment],
  };
  return { message, titleTruncated: title.truncated };
}

/** `api_url` joined with `api/v1/chat.postMessage` as Go's URL.JoinPath joins them. */
export function postMessageUrl(apiUrl: string): string {
  const u = new URL(apiUrl);
  const base = u.pathname.endsWith('/') ? u.pathname : `${u.pathname}/`;
  u.pathname = `${base}api/v1/chat.postMessage`.replace(/\/{2,}/g, '/');
  return u.toString();
}
