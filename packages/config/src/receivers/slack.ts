import type { GlobalConfig } from '../global.js';
import type { GoDuration } from '../yaml/go-duration.js';
import {
  boolOr,
  goDurationField,
  optionalString,
  secretField,
  secretUrlField,
  stringOr,
  urlField,
} from '../yaml/go-fields.js';
import { configError, Secret, type YamlObject, type YamlValue } from '../yaml/index.js';
import { type HttpNotifierConfig, readHttpNotifier } from './notifier-config.js';

export interface SlackConfirm {
  text: string;
  title?: string;
  ok_text?: string;
  dismiss_text?: string;
}

/** A button: either a link (`url`) or a message action (`name` + `value`, optional `confirm`). */
export interface SlackAction {
  type: string;
  text: string;
  url?: string;
  style?: string;
  name?: string;
  value?: string;
  confirm?: SlackConfirm;
}

export interface SlackField {
  title: string;
  value: string;
  short?: boolean;
}

export interface SlackConfig extends HttpNotifierConfig {
  /** Incoming-webhook URL; with an app token it is set to `app_url`. */
  api_url?: Secret;
  api_url_file?: string;
  app_token?: Secret;
  app_token_file?: string;
  app_url?: string;
  channel?: string;
  username: string;
  color: string;
  title: string;
  title_link: string;
  pretext: string;
  text: string;
  message_text?: string;
  fields?: SlackField[];
  short_fields: boolean;
  footer: string;
  fallback: string;
  callback_id: string;
  icon_emoji: string;
  icon_url: string;
  image_url?: string;
  thumb_url?: string;
  link_names: boolean;
  mrkdwn_in?: string[];
  actions?: SlackAction[];
  /** ≥0.32: edit the previous message; needs a bot token. */
  update_message: boolean;
  timeout?: GoDuration;
}

const CHAT_POST_MESSAGE = 'https://slack.com/api/chat.postMessage';

const tmpl = (name: string) => `{{ template "slack.default.${name}" . }}`;

export function readSlackConfig(obj: YamlObject): SlackConfig {
  const c: SlackConfig = {
    ...readHttpNotifier(obj, false),
    api_url: secretUrlField(obj, 'api_url'),
    api_url_file: optionalString(obj, 'api_url_file'),
    app_token: secretField(obj, 'app_token'),
    app_token_file: optionalString(obj, 'app_token_file'),
    app_url: urlField(obj, 'app_url'),
    channel: optionalString(obj, 'channel'),
    username: stringOr(obj, 'username', tmpl('username')),
    color: stringOr(obj, 'color', tmpl('color')),
    title: stringOr(obj, 'title', tmpl('title')),
    title_link: stringOr(obj, 'title_link', tmpl('titlelink')),
    pretext: stringOr(obj, 'pretext', tmpl('pretext')),
    text: stringOr(obj, 'text', tmpl('text')),
    message_text: optionalString(obj, 'message_text'),
    fields: obj.list('fields', readField)?.filter((f) => f !== null),
    short_fields: boolOr(obj, 'short_fields', false),
    footer: stringOr(obj, 'footer', tmpl('footer')),
    fallback: stringOr(obj, 'fallback', tmpl('fallback')),
    callback_id: stringOr(obj, 'callback_id', tmpl('callbackid')),
    icon_emoji: stringOr(obj, 'icon_emoji', tmpl('iconemoji')),
    icon_url: stringOr(obj, 'icon_url', tmpl('iconurl')),
    image_url: optionalString(obj, 'image_url'),
    thumb_url: optionalString(obj, 'thumb_url'),
    link_names: boolOr(obj, 'link_names', false),
    mrkdwn_in: obj.stringList('mrkdwn_in'),
    actions: obj.list('actions', readAction)?.filter((a) => a !== null),
    update_message: boolOr(obj, 'update_message', false),
    timeout: goDurationField(obj, 'timeout'),
  };
  obj.finish('config.plain');
  const fail = (message: string) => obj.error('', message);
  const webhook = c.api_url !== undefined || c.api_url_file !== undefined;
  const app = c.app_token !== undefined || c.app_token_file !== undefined;
  if (c.api_url && c.api_url_file) throw fail('at most one of api_url & api_url_file must be configured');
  if (c.app_token && c.app_token_file)
    throw fail('at most one of app_token & app_token_file must be configured');
  if (webhook && app)
    throw fail('at most one of api_url/api_url_file & app_token/app_token_file must be configured');
  if (c.update_message && c.api_url?.reveal() !== CHAT_POST_MESSAGE) {
    throw fail(
      `update_message can only be used with bot tokens. api_url must be set to ${CHAT_POST_MESSAGE}`,
    );
  }
  return c;
}

/**
 * Credentials from `global`: the app token only when this config has no token, no
 * `http_config.authorization` and no `api_url`; the webhook URL when it has neither URL nor file.
 * An app token becomes a Bearer authorization and `api_url` becomes `app_url`.
 */
export function resolveSlackConfig(c: SlackConfig, global: GlobalConfig, path: string): SlackConfig {
  c.app_url ??= global.slack_app_url;
  if (c.app_url === undefined) throw configError(path, 'no global Slack App URL set');
  if (!c.app_token && !c.app_token_file && !c.http_config?.authorization && !c.api_url) {
    c.app_token = global.slack_app_token;
    c.app_token_file = global.slack_app_token_file;
  }
  if (!c.api_url && !c.api_url_file) {
    c.api_url = global.slack_api_url;
    c.api_url_file = global.slack_api_url_file;
  }
  if (!c.api_url && !c.api_url_file && !c.app_token && !c.app_token_file) {
    throw configError(path, 'no Slack API URL nor App token set either inline or in a file');
  }
  c.http_config = { ...(c.http_config ?? global.http_config) };
  if (c.app_token || c.app_token_file) {
    if (c.http_config.authorization) {
      throw configError(path, "http authorization can't be set when using Slack App tokens");
    }
    c.http_config.authorization = {
      type: 'Bearer',
      credentials: c.app_token,
      credentials_file: c.app_token_file,
    };
    c.api_url = new Secret(c.app_url);
  }
  return c;
}

function readField(value: YamlValue): SlackField | null {
  const obj = value.asObject();
  if (!obj) return null;
  const f: SlackField = {
    title: obj.string('title') ?? '',
    value: obj.string('value') ?? '',
    short: obj.bool('short'),
  };
  obj.finish('config.plain');
  if (f.title === '') throw obj.error('', 'missing title in Slack field configuration');
  if (f.value === '') throw obj.error('', 'missing value in Slack field configuration');
  return f;
}

function readAction(value: YamlValue): SlackAction | null {
  const obj = value.asObject();
  if (!obj) return null;
  const confirm = obj.object('confirm');
  const a: SlackAction = {
    type: obj.string('type') ?? '',
    text: obj.string('text') ?? '',
    url: optionalString(obj, 'url'),
    style: optionalString(obj, 'style'),
    name: optionalString(obj, 'name'),
    value: optionalString(obj, 'value'),
    confirm: confirm ? readConfirm(confirm) : undefined,
  };
  obj.finish('config.plain');
  if (a.type === '') throw obj.error('', 'missing type in Slack action configuration');
  if (a.text === '') throw obj.error('', 'missing text in Slack action configuration');
  if (a.url) {
    // A link button: the message-action fields are dropped.
    a.name = undefined;
    a.value = undefined;
    a.confirm = undefined;
  } else if (!a.name) {
    throw obj.error('', 'missing name or url in Slack action configuration');
  }
  return a;
}

function readConfirm(obj: YamlObject): SlackConfirm {
  const c: SlackConfirm = {
    text: obj.string('text') ?? '',
    title: optionalString(obj, 'title'),
    ok_text: optionalString(obj, 'ok_text'),
    dismiss_text: optionalString(obj, 'dismiss_text'),
  };
  obj.finish('config.plain');
  if (c.text === '') throw obj.error('', 'missing text in Slack confirmation configuration');
  return c;
}
