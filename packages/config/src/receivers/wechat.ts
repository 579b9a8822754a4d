import type { GlobalConfig } from '../global.js';
import { optionalString, secretField, stringOr, urlField } from '../yaml/go-fields.js';
import { configError, type Secret, type YamlObject } from '../yaml/index.js';
import {
  type HttpNotifierConfig,
  inheritHttpConfig,
  readHttpNotifier,
  withTrailingSlash,
} from './notifier-config.js';

export interface WechatConfig extends HttpNotifierConfig {
  api_secret?: Secret;
  api_secret_file?: string;
  corp_id?: string;
  message: string;
  /** Always ends with `/`. */
  api_url?: string;
  to_user: string;
  to_party: string;
  to_tag: string;
  agent_id: string;
  /** `text` (default) or `markdown`. */
  message_type: string;
}

const MESSAGE_TYPES = /^(text|markdown)$/;
const tmpl = (name: string) => `{{ template "wechat.default.${name}" . }}`;

export function readWechatConfig(obj: YamlObject): WechatConfig {
  const c: WechatConfig = {
    ...readHttpNotifier(obj, false),
    api_secret: secretField(obj, 'api_secret'),
    api_secret_file: optionalString(obj, 'api_secret_file'),
    corp_id: optionalString(obj, 'corp_id'),
    message: stringOr(obj, 'message', tmpl('message')),
    api_url: urlField(obj, 'api_url'),
    to_user: stringOr(obj, 'to_user', tmpl('to_user')),
    to_party: stringOr(obj, 'to_party', tmpl('to_party')),
    to_tag: stringOr(obj, 'to_tag', tmpl('to_tag')),
    agent_id: stringOr(obj, 'agent_id', tmpl('agent_id')),
    message_type: obj.string('message_type') || 'text',
  };
  obj.finish('config.plain');
  if (!MESSAGE_TYPES.test(c.message_type)) {
    throw obj.error(
      '',
      `weChat message type ${JSON.stringify(c.message_type)} does not match valid options ${MESSAGE_TYPES.source}`,
    );
  }
  if (c.api_secret && c.api_secret_file)
    throw obj.error('', 'at most one of api_secret & api_secret_file must be configured');
  return c;
}

export function resolveWechatConfig(c: WechatConfig, global: GlobalConfig, path: string): WechatConfig {
  inheritHttpConfig(c, global);
  c.api_url ??= global.wechat_api_url;
  if (c.api_url === undefined) throw configError(path, 'no global Wechat URL set');
  if (!c.api_secret && !c.api_secret_file) {
    if (!global.wechat_api_secret && !global.wechat_api_secret_file) {
      throw configError(path, 'no global Wechat Api Secret set either inline or in a file');
    }
    c.api_secret = global.wechat_api_secret;
    c.api_secret_file = global.wechat_api_secret_file;
  }
  c.corp_id ??= global.wechat_api_corp_id;
  if (!c.corp_id) throw configError(path, 'no global Wechat CorpID set');
  c.api_url = withTrailingSlash(c.api_url);
  return c;
}
