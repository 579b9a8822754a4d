import type { GlobalConfig } from '../global.js';
import { boolOr, optionalString, secretField, stringOr, urlField } from '../yaml/go-fields.js';
import { configError, type Secret, type YamlObject, type YamlValue } from '../yaml/index.js';
import {
  type HttpNotifierConfig,
  inheritHttpConfig,
  readHttpNotifier,
  withTrailingSlash,
} from './notifier-config.js';
import { containsTemplating } from './template-syntax.js';

/** Who gets the alert: one of id, name or username, and a type (a template, or a known type). */
export interface OpsGenieResponder {
  id?: string;
  name?: string;
  username?: string;
  type?: string;
}

export interface OpsGenieConfig extends HttpNotifierConfig {
  api_key?: Secret;
  api_key_file?: string;
  /** Always ends with `/`. */
  api_url?: string;
  message: string;
  description: string;
  source: string;
  details?: Record<string, string>;
  entity?: string;
  responders?: OpsGenieResponder[];
  actions?: string;
  tags?: string;
  note?: string;
  priority?: string;
  update_alerts: boolean;
}

const RESPONDER_TYPES = /^(team|teams|user|escalation|schedule)$/;

export function readOpsGenieConfig(obj: YamlObject): OpsGenieConfig {
  const c: OpsGenieConfig = {
    ...readHttpNotifier(obj, true),
    api_key: secretField(obj, 'api_key'),
    api_key_file: optionalString(obj, 'api_key_file'),
    api_url: urlField(obj, 'api_url'),
    message: stringOr(obj, 'message', '{{ template "opsgenie.default.message" . }}'),
    description: stringOr(obj, 'description', '{{ template "opsgenie.default.description" . }}'),
    source: stringOr(obj, 'source', '{{ template "opsgenie.default.source" . }}'),
    details: obj.stringMap('details'),
    entity: optionalString(obj, 'entity'),
    responders: obj.list('responders', readResponder),
    actions: optionalString(obj, 'actions'),
    tags: optionalString(obj, 'tags'),
    note: optionalString(obj, 'note'),
    priority: optionalString(obj, 'priority'),
    update_alerts: boolOr(obj, 'update_alerts', false),
  };
  obj.finish('opsgenie.plain');
  if (c.api_key && c.api_key_file)
    throw obj.error('', 'at most one of api_key & api_key_file must be configured');
  for (const r of c.responders ?? []) checkResponder(obj, r);
  return c;
}

export function resolveOpsGenieConfig(c: OpsGenieConfig, global: GlobalConfig, path: string): OpsGenieConfig {
  inheritHttpConfig(c, global);
  c.api_url ??= global.opsgenie_api_url;
  if (c.api_url === undefined) throw configError(path, 'no global OpsGenie URL set');
  c.api_url = withTrailingSlash(c.api_url);
  // Key and key file fall back one by one, as upstream's two `cmp.Or` calls do.
  c.api_key ??= global.opsgenie_api_key;
  c.api_key_file ??= global.opsgenie_api_key_file;
  if (!c.api_key && !c.api_key_file)
    throw configError(path, 'no global OpsGenie API Key set either inline or in a file');
  return c;
}

function readResponder(value: YamlValue): OpsGenieResponder {
  const obj = value.asObject();
  if (!obj) return {};
  const r: OpsGenieResponder = {
    id: optionalString(obj, 'id'),
    name: optionalString(obj, 'name'),
    username: optionalString(obj, 'username'),
    type: optionalString(obj, 'type'),
  };
  obj.finish('opsgenie.OpsGenieConfigResponder');
  return r;
}

function checkResponder(obj: YamlObject, r: OpsGenieResponder): void {
  // Go prints the responder struct as `{id name username type}`.
  const show = (type: string) => `{${r.id ?? ''} ${r.name ?? ''} ${r.username ?? ''} ${type}}`;
  if (!r.id && !r.username && !r.name) {
    throw obj.error(
      '',
      `opsGenieConfig responder ${show(r.type ?? '')} has to have at least one of id, username or name specified`,
    );
  }
  let templated: boolean;
  try {
    templated = containsTemplating(r.type ?? '');
  } catch (err) {
    throw obj.error(
      '',
      `opsGenieConfig responder ${show(r.type ?? '')} type contains invalid template syntax: ${(err as Error).message}`,
    );
  }
  if (templated) return;
  const type = (r.type ?? '').toLowerCase();
  if (!RESPONDER_TYPES.test(type)) {
    throw obj.error(
      '',
      `opsGenieConfig responder ${show(type)} type does not match valid options ${RESPONDER_TYPES.source}`,
    );
  }
}
