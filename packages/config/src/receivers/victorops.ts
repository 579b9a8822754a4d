import type { GlobalConfig } from '../global.js';
import { optionalString, secretField, stringOr, urlField } from '../yaml/go-fields.js';
import { configError, type Secret, type YamlObject } from '../yaml/index.js';
import {
  type HttpNotifierConfig,
  inheritHttpConfig,
  readHttpNotifier,
  withTrailingSlash,
} from './notifier-config.js';

export interface VictorOpsConfig extends HttpNotifierConfig {
  api_key?: Secret;
  api_key_file?: string;
  /** Always ends with `/`. */
  api_url?: string;
  routing_key: string;
  message_type: string;
  state_message: string;
  entity_display_name: string;
  monitoring_tool: string;
  custom_fields?: Record<string, string>;
}

// Fields of the VictorOps payload that custom_fields may not override.
const RESERVED_FIELDS = [
  'routing_key',
  'message_type',
  'state_message',
  'entity_display_name',
  'monitoring_tool',
  'entity_id',
  'entity_state',
];
const tmpl = (name: string) => `{{ template "victorops.default.${name}" . }}`;

export function readVictorOpsConfig(obj: YamlObject): VictorOpsConfig {
  const c: VictorOpsConfig = {
    ...readHttpNotifier(obj, true),
    api_key: secretField(obj, 'api_key'),
    api_key_file: optionalString(obj, 'api_key_file'),
    api_url: urlField(obj, 'api_url'),
    routing_key: obj.string('routing_key') ?? '',
    message_type: stringOr(obj, 'message_type', 'CRITICAL'),
    state_message: stringOr(obj, 'state_message', tmpl('state_message')),
    entity_display_name: stringOr(obj, 'entity_display_name', tmpl('entity_display_name')),
    monitoring_tool: stringOr(obj, 'monitoring_tool', tmpl('monitoring_tool')),
    custom_fields: obj.stringMap('custom_fields'),
  };
  obj.finish('config.plain');
  if (c.routing_key === '') throw obj.error('', 'missing Routing key in VictorOps config');
  if (c.api_key && c.api_key_file)
    throw obj.error('', 'at most one of api_key & api_key_file must be configured');
  for (const field of RESERVED_FIELDS) {
    if (c.custom_fields && field in c.custom_fields) {
      throw obj.error(
        '',
        `victorOps config contains custom field ${field} which cannot be used as it conflicts with the fixed/static fields`,
      );
    }
  }
  return c;
}

export function resolveVictorOpsConfig(
  c: VictorOpsConfig,
  global: GlobalConfig,
  path: string,
): VictorOpsConfig {
  inheritHttpConfig(c, global);
  c.api_url ??= global.victorops_api_url;
  if (c.api_url === undefined) throw configError(path, 'no global VictorOps URL set');
  c.api_url = withTrailingSlash(c.api_url);
  c.api_key ??= global.victorops_api_key;
  c.api_key_file ??= global.victorops_api_key_file;
  if (!c.api_key && !c.api_key_file) throw configError(path, 'no global VictorOps API Key set');
  return c;
}
