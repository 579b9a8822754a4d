import type { MattermostAttachment, MattermostConfig, MattermostField } from '@tocsin/config';
import type { RenderText } from '../../notification-renderer.js';
import { truncateInRunes } from '../../truncate-in-runes.js';

/** Mattermost takes at most 16383 characters of text; Alertmanager cuts the message text there. */
export const MAX_TEXT_RUNES = 16383;

type Field = Partial<MattermostField>;

/** Alertmanager's Mattermost `attachment`: a configured one, rendered; undefined keys are omitted. */
export type MattermostAttachmentBody = Omit<MattermostAttachment, 'fields'> & { fields?: Field[] };

/** The incoming webhook request (upstream notify/mattermost `request`). */
export interface MattermostRequest {
  text?: string;
  channel?: string;
  username?: string;
  icon_url?: string;
  icon_emoji?: string;
  attachments?: MattermostAttachmentBody[];
  type?: string;
  props?: { card?: string };
  priority?: { priority?: string; requested_ack?: boolean; persistent_notifications?: boolean };
}

export interface BuiltMattermostRequest {
  request: MattermostRequest;
  /** The top-level text was cut at MAX_TEXT_RUNES. */
  textTruncated: boolean;
  /** A priority Mattermost does not know became `standard`, or a flag it forbids was cleared. */
  priorityWarnings: string[];
}

const omitEmpty = (s: string) => (s === '' ? undefined : s);

function fields(list: readonly MattermostField[] | undefined, text: RenderText): Field[] | undefined {
  if (!list?.length) return undefined;
  return list.map((f) => ({
    title: omitEmpty(text('field title', f.title)),
    value: omitEmpty(text('field value', f.value)),
    short: f.short,
  }));
}

type AttachmentString = Exclude<keyof MattermostAttachment, 'fields' | 'text'>;

/**
 * One attachment rendered, keys in Alertmanager's order. `prefix` names its fields in template
 * errors; `messageText`, when given, is the already rendered text that replaces the attachment's.
 */
function renderAttachment(
  a: MattermostAttachment,
  prefix: string,
  text: RenderText,
  messageText?: string,
): MattermostAttachmentBody {
  const field = (name: AttachmentString) => omitEmpty(text(`${prefix}${name}`, a[name]));
  return {
    fallback: field('fallback'),
    color: field('color'),
    pretext: field('pretext'),
    text: omitEmpty(messageText ?? text(`${prefix}text`, a.text)),
    author_name: field('author_name'),
    author_link: field('author_link'),
    author_icon: field('author_icon'),
    title: field('title'),
    title_link: field('title_link'),
    fields: fields(a.fields, text),
    thumb_url: field('thumb_url'),
    footer: field('footer'),
    footer_icon: field('footer_icon'),
    image_url: field('image_url'),
  };
}

/**
 * The request Alertmanager builds: the config's `attachments` when it has any (the message text
 * then goes on top), otherwise one attachment of the top-level fields carrying the text; the
 * top-level text cut at 16383 characters; the priority normalised as Mattermost accepts it.
 */
export function buildMattermostRequest(config: MattermostConfig, text: RenderText): BuiltMattermostRequest {
  const messageText = text('text', config.text);
  const request: MattermostRequest = {
    text: undefined,
    channel: omitEmpty(text('channel', config.channel)),
    username: omitEmpty(text('username', config.username)),
    icon_url: omitEmpty(text('icon_url', config.icon_url)),
    icon_emoji: omitEmpty(text('icon_emoji', config.icon_emoji)),
    attachments: undefined,
    type: omitEmpty(text('type', config.type)),
    props: undefined,
    priority: undefined,
  };
  if (config.priority?.priority) {
    request.priority = {
      priority: omitEmpty(text('priority', config.priority.priority)),
      requested_ack: config.priority.requested_ack || undefined,
      persistent_notifications: config.priority.persistent_notifications || undefined,
    };
  }
  if (config.props?.card) request.props = { card: omitEmpty(text('props card', config.props.card)) };
  if (config.attachments?.length) {
    request.attachments = config.attachments.map((a) => renderAttachment(a, 'attachment ', text));
    request.text = omitEmpty(messageText);
  } else {
    request.attachments = [renderAttachment(config, '', text, messageText)];
  }
  // Upstream cuts only the top-level text (set when attachments are configured), not an attachment's.
  const cut = truncateInRunes(request.text ?? '', MAX_TEXT_RUNES);
  if (cut.truncated) request.text = cut.text;
  const textTruncated = cut.truncated;
  return { request, textTruncated, priorityWarnings: normalisePriority(request) };
}

const PRIORITIES = ['urgent', 'important', 'standard'];

/** Mattermost's rules: a known priority (else standard), acks not on standard, persistence only when urgent. */
function normalisePriority(r: MattermostRequest): string[] {
  const p = r.priority;
  if (!p) return [];
  const warnings: string[] = [];
  const lower = (p.priority ?? '').toLowerCase();
  if (PRIORITIES.includes(lower)) {
    p.priority = lower;
  } else {
    warnings.push(`Priority ${JSON.stringify(p.priority ?? '')} is set to standard due to invalid value`);
    p.priority = 'standard';
  }
  if (p.requested_ack && p.priority === 'standard') {
    warnings.push('RequestedAck is set to false due to priority is standard');
    p.requested_ack = undefined;
  }
  if (p.persistent_notifications && p.priority !== 'urgent') {
    warnings.push('PersistentNotifications is set to false due to priority is not urgent');
    p.persistent_notifications = undefined;
  }
  return warnings;
}
