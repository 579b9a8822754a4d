import type { GlobalConfig } from '../global.js';
import { configError, type YamlValue } from '../yaml/index.js';

export const INTEGRATION_TYPES = [
  'webhook', 'email', 'pagerduty', 'pushover', 'slack', 'opsgenie', 'victorops', 'wechat', 'telegram',
  'sns', 'webex', 'discord', 'msteams', 'msteamsv2', 'jira', 'rocketchat', 'mattermost', 'incidentio',
] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

/** A receiver (stub; being filled in). */
export interface Receiver {
  name: string;
  labels?: Record<string, string>;
  [key: string]: unknown;
}

export function readReceiver(value: YamlValue, _global: GlobalConfig): Receiver {
  const obj = value.asObject();
  if (!obj) throw value.error('missing name in receiver');
  const name = obj.string('name');
  if (!name) throw configError(value.path, 'missing name in receiver');
  for (const t of INTEGRATION_TYPES) obj.accept(`${t}_configs`);
  obj.accept('labels');
  obj.finish('config.Receiver');
  return { name };
}
