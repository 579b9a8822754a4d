import type { DiscordConfig } from '@tocsin/config';
import type { RenderText } from '../../notification-renderer.js';
import { truncateInRunes } from '../../truncate-in-runes.js';

// Discord's embed limits (title 256, description 4096) and message content limit (2000), in characters.
export const MAX_TITLE_RUNES = 256;
export const MAX_DESCRIPTION_RUNES = 4096;
export const MAX_CONTENT_RUNES = 2000;

// Embed colours as Alertmanager picks them: red while anything fires, green once all resolved.
export const COLOR_FIRING = 0x992d22;
export const COLOR_RESOLVED = 0x2ecc71;

/** Alertmanager's Discord `webhook`, keys in its field order; undefined keys are `omitempty`. */
export interface DiscordWebhook {
  content: string;
  embeds: { title: string; description: string; color: number }[];
  username?: string;
  avatar_url?: string;
}

export interface BuiltDiscordMessage {
  request: DiscordWebhook;
  /** What was cut to Discord's limits, for the log. */
  truncated: { field: 'title' | 'message' | 'content'; maxRunes: number }[];
  /** avatar_url was set but is no URL; it is left out. */
  badAvatarUrl: boolean;
}

/** Go's url.Parse accepts almost anything; it refuses control characters and broken escapes. */
function parsesAsUrl(s: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what Go refuses
  return !/[\u0000-\u001f\u007f]|%(?![0-9a-fA-F]{2})/.test(s);
}

export function buildDiscordMessage(
  config: DiscordConfig,
  text: RenderText,
  firing: boolean,
): BuiltDiscordMessage {
  const truncated: BuiltDiscordMessage['truncated'] = [];
  const cut = (field: 'title' | 'message' | 'content', value: string, maxRunes: number) => {
    const r = truncateInRunes(value, maxRunes);
    if (r.truncated) truncated.push({ field, maxRunes });
    return r.text;
  };
  const title = cut('title', text('title', config.title), MAX_TITLE_RUNES);
  const description = cut('message', text('message', config.message), MAX_DESCRIPTION_RUNES);
  const content = cut('content', text('content', config.content), MAX_CONTENT_RUNES);
  const avatar = config.avatar_url ?? '';
  const badAvatarUrl = avatar !== '' && !parsesAsUrl(avatar);
  const request: DiscordWebhook = {
    content,
    embeds: [{ title, description, color: firing ? COLOR_FIRING : COLOR_RESOLVED }],
    username: config.username || undefined,
    avatar_url: avatar !== '' && !badAvatarUrl ? avatar : undefined,
  };
  return { request, truncated, badAvatarUrl };
}
