import type { PushoverConfig } from '@tocsin/config';
import { goQueryEncode } from '../../http/go-query.js';
import type { RenderText } from '../../notification-renderer.js';
import { truncateInRunes } from '../../truncate-in-runes.js';

/** Pushover's limits (https://pushover.net/api#limits), in characters. */
export const PUSHOVER_LIMITS = { title: 250, message: 1024, url: 512 } as const;

export interface PushoverQuery {
  /** Go's url.Values.Encode of the parameters: sorted by name. */
  query: string;
  /** The fields cut at Pushover's limits. */
  truncated: (keyof typeof PUSHOVER_LIMITS)[];
}

/**
 * The parameters of Alertmanager's Pushover message, which it sends as the query string of an
 * empty POST: token and user, the title, message (HTML-escaped with `html`; trimmed, and
 * `(no details)` when empty) and url cut at Pushover's limits, priority, retry and expire in
 * whole seconds, device and sound, and `ttl`, `html`, `monospace` only when set.
 */
export function pushoverQuery(
  config: PushoverConfig,
  render: RenderText,
  renderHtml: RenderText,
  token: string,
  userKey: string,
): PushoverQuery {
  const truncated: (keyof typeof PUSHOVER_LIMITS)[] = [];
  const cut = (field: keyof typeof PUSHOVER_LIMITS, text: string) => {
    const t = truncateInRunes(text, PUSHOVER_LIMITS[field]);
    if (t.truncated) truncated.push(field);
    return t.text;
  };
  const params: Record<string, string> = {
    token: render('token', token),
    user: render('user_key', userKey),
    title: cut('title', render('title', config.title)),
  };
  if (config.html) params.html = '1';
  if (config.monospace) params.monospace = '1';
  const message = cut(
    'message',
    config.html ? renderHtml('message', config.message) : render('message', config.message),
  ).trim();
  // Pushover refuses an empty message.
  params.message = message === '' ? '(no details)' : message;
  params.url = cut('url', render('url', config.url));
  params.url_title = render('url_title', config.url_title);
  params.priority = render('priority', config.priority);
  params.retry = String(Math.trunc(config.retry.ms / 1000));
  params.expire = String(Math.trunc(config.expire.ms / 1000));
  params.device = render('device', config.device);
  params.sound = render('sound', config.sound);
  const ttl = Math.trunc(config.ttl.ms / 1000);
  if (ttl > 0) params.ttl = String(ttl);
  return { query: goQueryEncode(params), truncated };
}
