import type { GlobalConfig } from '../global.js';
import { optionalString, stringOr, urlField } from '../yaml/go-fields.js';
import { configError, type Duration, type YamlObject } from '../yaml/index.js';
import { type HttpNotifierConfig, inheritHttpConfig, readHttpNotifier } from './notifier-config.js';

/** A templated issue field; written as a plain string or as `{template, enable_update}`. */
export interface JiraField {
  template?: string;
  /** Unset means true: the field is updated on existing issues. */
  enable_update?: boolean;
}

export interface JiraConfig extends HttpNotifierConfig {
  api_url?: string;
  /** `auto` (default), `cloud` or `datacenter`. */
  api_type: string;
  project: string;
  summary: JiraField;
  description: JiraField;
  labels?: string[];
  priority: string;
  issue_type: string;
  reopen_transition?: string;
  resolve_transition?: string;
  wont_fix_resolution?: string;
  reopen_duration?: Duration;
  /** Custom issue fields, sent as given (string leaves are templates). */
  fields?: Record<string, unknown>;
}

const API_TYPES = ['auto', 'cloud', 'datacenter'];

export function readJiraConfig(obj: YamlObject): JiraConfig {
  const fields = obj.value('fields');
  const c: JiraConfig = {
    ...readHttpNotifier(obj, true),
    api_url: urlField(obj, 'api_url'),
    api_type: stringOr(obj, 'api_type', 'auto'),
    project: obj.string('project') ?? '',
    summary: jiraField(obj, 'summary', '{{ template "jira.default.summary" . }}'),
    description: jiraField(obj, 'description', '{{ template "jira.default.description" . }}'),
    labels: obj.stringList('labels'),
    priority: stringOr(obj, 'priority', '{{ template "jira.default.priority" . }}'),
    issue_type: obj.string('issue_type') ?? '',
    reopen_transition: optionalString(obj, 'reopen_transition'),
    resolve_transition: optionalString(obj, 'resolve_transition'),
    wont_fix_resolution: optionalString(obj, 'wont_fix_resolution'),
    reopen_duration: obj.duration('reopen_duration'),
    fields: fields.isNull ? undefined : Object.fromEntries(fields.asMap((v) => v.toJS())),
  };
  obj.finish('jira.plain');
  if (c.project === '') throw obj.error('', 'missing project in jira_config');
  if (c.issue_type === '') throw obj.error('', 'missing issue_type in jira_config');
  if (!API_TYPES.includes(c.api_type)) {
    throw obj.error('', 'unknown api_type on jira_config, must be auto, cloud or datacenter');
  }
  return c;
}

export function resolveJiraConfig(c: JiraConfig, global: GlobalConfig, path: string): JiraConfig {
  inheritHttpConfig(c, global);
  c.api_url ??= global.jira_api_url;
  if (c.api_url === undefined) throw configError(path, 'no global Jira Cloud URL set');
  return c;
}

function jiraField(obj: YamlObject, key: string, fallback: string): JiraField {
  const v = obj.value(key);
  if (v.node === null) return { template: fallback };
  if (v.isNull) return {};
  const o = v.node !== null && 'items' in v.node ? v.asObject() : null;
  if (!o) return { template: v.asString() };
  // A mapping keeps the default template unless it sets one.
  const f: JiraField = {
    template: stringOr(o, 'template', fallback),
    enable_update: o.bool('enable_update'),
  };
  o.finish('jira.plain');
  return f;
}
