import type { GlobalConfig } from '../global.js';
import { optionalString, secretUrlField, stringOr } from '../yaml/go-fields.js';
import { configError, type Secret, type YamlObject, type YamlValue } from '../yaml/index.js';
import { type HttpNotifierConfig, inheritHttpConfig, readHttpNotifier } from './notifier-config.js';

export interface MattermostField {
  title: string;
  value: string;
  short?: boolean;
}

export interface MattermostAttachment {
  fallback?: string;
  color?: string;
  pretext?: string;
  text?: string;
  author_name?: string;
  author_link?: string;
  author_icon?: string;
  title?: string;
  title_link?: string;
  fields?: MattermostField[];
  thumb_url?: string;
  footer?: string;
  footer_icon?: string;
  image_url?: string;
}

export interface MattermostPriority {
  priority?: string;
  requested_ack?: boolean;
  persistent_notifications?: boolean;
}

export interface MattermostConfig extends HttpNotifierConfig {
  webhook_url?: Secret;
  webhook_url_file?: string;
  channel?: string;
  username: string;
  text: string;
  fallback: string;
  color: string;
  pretext?: string;
  author_name?: string;
  author_link?: string;
  author_icon?: string;
  title: string;
  title_link: string;
  fields?: MattermostField[];
  thumb_url?: string;
  footer?: string;
  footer_icon?: string;
  image_url?: string;
  icon_url?: string;
  icon_emoji?: string;
  attachments?: MattermostAttachment[];
  type?: string;
  props?: { card?: string };
  priority?: MattermostPriority;
}

const tmpl = (name: string) => `{{ template "mattermost.default.${name}" . }}`;
const ATTACHMENT_STRINGS = [
  'fallback',
  'color',
  'pretext',
  'text',
  'author_name',
  'author_link',
  'author_icon',
  'title',
  'title_link',
  'thumb_url',
  'footer',
  'footer_icon',
  'image_url',
] as const;

export function readMattermostConfig(obj: YamlObject): MattermostConfig {
  const props = obj.object('props');
  const priority = obj.object('priority');
  const c: MattermostConfig = {
    ...readHttpNotifier(obj, true),
    webhook_url: secretUrlField(obj, 'webhook_url'),
    webhook_url_file: optionalString(obj, 'webhook_url_file'),
    channel: optionalString(obj, 'channel'),
    username: stringOr(obj, 'username', tmpl('username')),
    text: stringOr(obj, 'text', tmpl('text')),
    fallback: stringOr(obj, 'fallback', tmpl('fallback')),
    color: stringOr(obj, 'color', tmpl('color')),
    pretext: optionalString(obj, 'pretext'),
    author_name: optionalString(obj, 'author_name'),
    author_link: optionalString(obj, 'author_link'),
    author_icon: optionalString(obj, 'author_icon'),
    title: stringOr(obj, 'title', tmpl('title')),
    title_link: stringOr(obj, 'title_link', tmpl('titlelink')),
    fields: readFields(obj),
    thumb_url: optionalString(obj, 'thumb_url'),
    footer: optionalString(obj, 'footer'),
    footer_icon: optionalString(obj, 'footer_icon'),
    image_url: optionalString(obj, 'image_url'),
    icon_url: optionalString(obj, 'icon_url'),
    icon_emoji: optionalString(obj, 'icon_emoji'),
    attachments: obj.list('attachments', readAttachment)?.filter((a) => a !== null),
    type: optionalString(obj, 'type'),
    props: props ? readProps(props) : undefined,
    priority: priority ? readPriority(priority) : undefined,
  };
  obj.finish('mattermost.plain');
  if (c.webhook_url && c.webhook_url_file) {
    throw obj.error('', 'at most one of webhook_url & webhook_url_file must be configured');
  }
  return c;
}

/** The webhook URL (or its file) comes from `global` only when this config sets neither. */
export function resolveMattermostConfig(
  c: MattermostConfig,
  global: GlobalConfig,
  path: string,
): MattermostConfig {
  inheritHttpConfig(c, global);
  if (!c.webhook_url && !c.webhook_url_file) {
    if (!global.mattermost_webhook_url && !global.mattermost_webhook_url_file) {
      throw configError(path, 'missing webhook_url or webhook_url_file on mattermost_config');
    }
    c.webhook_url = global.mattermost_webhook_url;
    c.webhook_url_file = global.mattermost_webhook_url_file;
  }
  return c;
}

function readFields(obj: YamlObject): MattermostField[] | undefined {
  return obj.list('fields', readField)?.filter((f) => f !== null);
}

function readField(value: YamlValue): MattermostField | null {
  const obj = value.asObject();
  if (!obj) return null;
  const f: MattermostField = {
    title: obj.string('title') ?? '',
    value: obj.string('value') ?? '',
    short: obj.bool('short'),
  };
  obj.finish('mattermost.plain');
  if (f.title === '') throw obj.error('', 'missing title in Mattermost field configuration');
  if (f.value === '') throw obj.error('', 'missing value in Mattermost field configuration');
  return f;
}

function readAttachment(value: YamlValue): MattermostAttachment | null {
  const obj = value.asObject();
  if (!obj) return null;
  const a: MattermostAttachment = {};
  for (const key of ATTACHMENT_STRINGS) {
    const text = optionalString(obj, key);
    if (text !== undefined) a[key] = text;
  }
  const fields = readFields(obj);
  if (fields) a.fields = fields;
  obj.finish('mattermost.MattermostAttachment');
  return a;
}

function readProps(obj: YamlObject): { card?: string } {
  const p = { card: optionalString(obj, 'card') };
  obj.finish('mattermost.MattermostProps');
  return p;
}

function readPriority(obj: YamlObject): MattermostPriority {
  const p: MattermostPriority = {
    priority: optionalString(obj, 'priority'),
    requested_ack: obj.bool('requested_ack'),
    persistent_notifications: obj.bool('persistent_notifications'),
  };
  obj.finish('mattermost.MattermostPriority');
  return p;
}
