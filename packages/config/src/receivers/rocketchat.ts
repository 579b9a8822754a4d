import type { GlobalConfig } from '../global.js';
import { boolOr, optionalString, stringOr, urlField } from '../yaml/go-fields.js';
import { configError, Secret, type YamlObject, type YamlValue } from '../yaml/index.js';
import { type HttpNotifierConfig, inheritHttpConfig, readHttpNotifier } from './notifier-config.js';

// Upstream's attachment structs have no yaml tags, so their YAML keys are the Go field names
// lower-cased (`imageurl`, `iswebview`, ...), not the JSON names.
export interface RocketchatField {
  short?: boolean;
  title?: string;
  value?: string;
}

export interface RocketchatAction {
  type?: string;
  text?: string;
  url?: string;
  imageurl?: string;
  iswebview: boolean;
  webviewheightratio?: string;
  msg?: string;
  msginchatwindow: boolean;
  msgprocessingtype?: string;
}

export interface RocketchatConfig extends HttpNotifierConfig {
  api_url?: string;
  token_id?: Secret;
  token_id_file?: string;
  token?: Secret;
  token_file?: string;
  channel?: string;
  color: string;
  title: string;
  title_link: string;
  text: string;
  fields?: RocketchatField[];
  short_fields: boolean;
  emoji: string;
  icon_url: string;
  image_url?: string;
  thumb_url?: string;
  link_names: boolean;
  actions?: RocketchatAction[];
}

const tmpl = (name: string) => `{{ template "rocketchat.default.${name}" . }}`;

export function readRocketchatConfig(obj: YamlObject): RocketchatConfig {
  const c: RocketchatConfig = {
    ...readHttpNotifier(obj, false),
    api_url: urlField(obj, 'api_url'),
    token_id: pointerSecret(obj, 'token_id'),
    token_id_file: optionalString(obj, 'token_id_file'),
    token: pointerSecret(obj, 'token'),
    token_file: optionalString(obj, 'token_file'),
    channel: optionalString(obj, 'channel'),
    color: stringOr(obj, 'color', '{{ if eq .Status "firing" }}red{{ else }}green{{ end }}'),
    title: stringOr(obj, 'title', tmpl('title')),
    title_link: stringOr(obj, 'title_link', tmpl('titlelink')),
    text: stringOr(obj, 'text', tmpl('text')),
    fields: obj.list('fields', readField),
    short_fields: boolOr(obj, 'short_fields', false),
    emoji: stringOr(obj, 'emoji', tmpl('emoji')),
    icon_url: stringOr(obj, 'icon_url', tmpl('iconurl')),
    image_url: optionalString(obj, 'image_url'),
    thumb_url: optionalString(obj, 'thumb_url'),
    link_names: boolOr(obj, 'link_names', false),
    actions: obj.list('actions', readAction),
  };
  obj.finish('config.plain');
  if (c.token && c.token_file) throw obj.error('', 'at most one of token & token_file must be configured');
  if (c.token_id && c.token_id_file)
    throw obj.error('', 'at most one of token_id & token_id_file must be configured');
  return c;
}

/** Token and token id (each with its file) fall back to `global` one by one. */
export function resolveRocketchatConfig(
  c: RocketchatConfig,
  global: GlobalConfig,
  path: string,
): RocketchatConfig {
  inheritHttpConfig(c, global);
  c.api_url ??= global.rocketchat_api_url;
  c.token_id ??= global.rocketchat_token_id;
  c.token_id_file ??= global.rocketchat_token_id_file;
  if (!c.token_id && !c.token_id_file) {
    throw configError(path, 'no global Rocketchat TokenID set either inline or in a file');
  }
  c.token ??= global.rocketchat_token;
  c.token_file ??= global.rocketchat_token_file;
  if (!c.token && !c.token_file)
    throw configError(path, 'no global Rocketchat Token set either inline or in a file');
  return c;
}

/** `*Secret` upstream: any non-null value, even '', counts as set. */
function pointerSecret(obj: YamlObject, key: string): Secret | undefined {
  const v = obj.value(key);
  return v.isNull ? undefined : new Secret(v.asString());
}

function readField(value: YamlValue): RocketchatField {
  const obj = value.asObject();
  if (!obj) return {};
  const f: RocketchatField = {
    short: obj.bool('short'),
    title: optionalString(obj, 'title'),
    value: optionalString(obj, 'value'),
  };
  obj.finish('config.RocketchatAttachmentField');
  return f;
}

function readAction(value: YamlValue): RocketchatAction {
  const obj = value.asObject();
  if (!obj) return { iswebview: false, msginchatwindow: false };
  const a: RocketchatAction = {
    type: optionalString(obj, 'type'),
    text: optionalString(obj, 'text'),
    url: optionalString(obj, 'url'),
    imageurl: optionalString(obj, 'imageurl'),
    iswebview: boolOr(obj, 'iswebview', false),
    webviewheightratio: optionalString(obj, 'webviewheightratio'),
    msg: optionalString(obj, 'msg'),
    msginchatwindow: boolOr(obj, 'msginchatwindow', false),
    msgprocessingtype: optionalString(obj, 'msgprocessingtype'),
  };
  obj.finish('config.RocketchatAttachmentAction');
  return a;
}
