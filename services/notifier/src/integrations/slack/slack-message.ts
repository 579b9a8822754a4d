import type { SlackConfig } from '@tocsin/config';
import type { TemplateData } from '@tocsin/templates';
import { textRenderer } from '../../notification-renderer.js';
import type { TemplateRenderer } from '../../notifier-templates.js';
import { truncateInRunes } from '../../truncate-in-runes.js';

/** Slack's legacy attachment fields limit the title to 1024 characters (Alertmanager cuts it there). */
export const MAX_TITLE_RUNES = 1024;
/**
 * Slack truncates (chat.postMessage) or refuses (`msg_too_long`) longer messages; Tocsin keeps
 * the text of a message (its text, pretext and field values) under this many characters.
 */
export const MAX_TEXT_RUNES = 40_000;

interface SlackField {
  title?: string;
  value?: string;
  short?: boolean;
}

interface SlackAction {
  type?: string;
  text?: string;
  url?: string;
  style?: string;
  name?: string;
  value?: string;
  confirm?: { text?: string; title?: string; ok_text?: string; dismiss_text?: string };
}

/** Alertmanager's `attachment`, keys in its field order; undefined keys are `omitempty` ones. */
export interface SlackAttachment {
  title?: string;
  title_link?: string;
  pretext?: string;
  text: string;
  fallback: string;
  callback_id: string;
  fields?: SlackField[];
  actions?: SlackAction[];
  image_url?: string;
  thumb_url?: string;
  footer: string;
  color?: string;
  mrkdwn_in?: string[];
}

/** Alertmanager's Slack `request`. */
export interface SlackRequest {
  channel?: string;
  username?: string;
  icon_emoji?: string;
  icon_url?: string;
  link_names?: boolean;
  text?: string;
  attachments: SlackAttachment[];
}

export interface BuiltSlackMessage {
  request: SlackRequest;
  /** Alerts left out to stay under MAX_TEXT_RUNES. */
  truncatedAlerts: number;
  /** The title was cut at MAX_TITLE_RUNES. */
  titleTruncated: boolean;
}

const runes = (s: string) => [...s].length;

const omitEmpty = (s: string) => (s === '' ? undefined : s);

/** Every templated field rendered against `data`, as Alertmanager's Slack notifier does. */
function renderSlackRequest(config: SlackConfig, t: TemplateRenderer, data: TemplateData) {
  const text = textRenderer(t, data);
  const title = truncateInRunes(text('title', config.title), MAX_TITLE_RUNES);
  const attachment: SlackAttachment = {
    title: omitEmpty(title.text),
    title_link: omitEmpty(text('title_link', config.title_link)),
    pretext: omitEmpty(text('pretext', config.pretext)),
    text: text('text', config.text),
    fallback: text('fallback', config.fallback),
    callback_id: text('callback_id', config.callback_id),
    fields: config.fields?.length
      ? config.fields.map((f) => ({
          title: omitEmpty(text('field title', f.title)),
          value: omitEmpty(text('field value', f.value)),
          short: f.short ?? config.short_fields,
        }))
      : undefined,
    actions: config.actions?.length
      ? config.actions.map((a) => ({
          type: omitEmpty(text('action type', a.type)),
          text: omitEmpty(text('action text', a.text)),
          url: omitEmpty(text('action url', a.url)),
          style: omitEmpty(text('action style', a.style)),
          name: omitEmpty(text('action name', a.name)),
          value: omitEmpty(text('action value', a.value)),
          confirm: a.confirm && {
            text: omitEmpty(text('confirm text', a.confirm.text)),
            title: omitEmpty(text('confirm title', a.confirm.title)),
            ok_text: omitEmpty(text('confirm ok_text', a.confirm.ok_text)),
            dismiss_text: omitEmpty(text('confirm dismiss_text', a.confirm.dismiss_text)),
          },
        }))
      : undefined,
    image_url: omitEmpty(text('image_url', config.image_url)),
    thumb_url: omitEmpty(text('thumb_url', config.thumb_url)),
    footer: text('footer', config.footer),
    color: omitEmpty(text('color', config.color)),
    mrkdwn_in: config.mrkdwn_in?.length ? config.mrkdwn_in : ['fallback', 'pretext', 'text'],
  };
  const request: SlackRequest = {
    channel: omitEmpty(text('channel', config.channel)),
    username: omitEmpty(text('username', config.username)),
    icon_emoji: omitEmpty(text('icon_emoji', config.icon_emoji)),
    icon_url: omitEmpty(text('icon_url', config.icon_url)),
    link_names: config.link_names || undefined,
    text: omitEmpty(text('message_text', config.message_text)),
    attachments: [attachment],
  };
  return { request, titleTruncated: title.truncated };
}

/** The characters of a message that count towards Slack's limit. */
function textRunes(r: SlackRequest): number {
  let n = runes(r.text ?? '');
  for (const a of r.attachments) {
    n += runes(a.text) + runes(a.pretext ?? '');
    for (const f of a.fields ?? []) n += runes(f.value ?? '');
  }
  return n;
}

/**
 * The Slack message for `data`, kept under MAX_TEXT_RUNES (Alertmanager issue #2769): when the
 * rendered text is too long, it is rendered again for fewer alerts (firing ones first, then
 * resolved, each in their order), as many as fit; when even one alert is too long, the
 * attachment text is cut with `…`.
 */
export function buildSlackMessage<A extends { status: string }>(
  config: SlackConfig,
  t: TemplateRenderer,
  alerts: readonly A[],
  dataFor: (alerts: readonly A[]) => TemplateData,
): BuiltSlackMessage {
  const full = renderSlackRequest(config, t, dataFor(alerts));
  if (textRunes(full.request) <= MAX_TEXT_RUNES || alerts.length === 0) {
    return { ...full, truncatedAlerts: 0 };
  }
  const ordered = [
    ...alerts.filter((a) => a.status === 'firing'),
    ...alerts.filter((a) => a.status !== 'firing'),
  ];
  const render = (k: number) => renderSlackRequest(config, t, dataFor(ordered.slice(0, k)));
  // Largest k whose message fits; more alerts never make a message shorter in practice.
  let lo = 1;
  let hi = ordered.length - 1;
  let best: ReturnType<typeof render> | undefined;
  let bestK = 0;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const candidate = render(mid);
    if (textRunes(candidate.request) <= MAX_TEXT_RUNES) {
      best = candidate;
      bestK = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (!best) {
    best = render(1);
    bestK = 1;
    const [attachment] = best.request.attachments as [SlackAttachment];
    const others = textRunes(best.request) - runes(attachment.text);
    attachment.text = truncateInRunes(attachment.text, Math.max(0, MAX_TEXT_RUNES - others)).text;
  }
  return { ...best, truncatedAlerts: alerts.length - bestK };
}

/** The body as Go's json.Encoder writes it: HTML-sensitive characters escaped, a newline at the end. */
export function encodeSlackRequest(r: SlackRequest): string {
  return `${JSON.stringify(r).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
