import type { GlobalConfig } from '../global.js';
import { emptyObject } from '../yaml/empty-object.js';
import { configError, type YamlObject, type YamlValue } from '../yaml/index.js';
import { type DiscordConfig, readDiscordConfig, resolveDiscordConfig } from './discord.js';
import { type EmailConfig, readEmailConfig, resolveEmailConfig } from './email.js';
import { type IncidentioConfig, readIncidentioConfig, resolveIncidentioConfig } from './incidentio.js';
import { type JiraConfig, readJiraConfig, resolveJiraConfig } from './jira.js';
import { type MattermostConfig, readMattermostConfig, resolveMattermostConfig } from './mattermost.js';
import { type MSTeamsConfig, readMSTeamsConfig, resolveMSTeamsConfig } from './msteams.js';
import { type MSTeamsV2Config, readMSTeamsV2Config, resolveMSTeamsV2Config } from './msteamsv2.js';
import { type OpsGenieConfig, readOpsGenieConfig, resolveOpsGenieConfig } from './opsgenie.js';
import { type PagerdutyConfig, readPagerdutyConfig, resolvePagerdutyConfig } from './pagerduty.js';
import { type PushoverConfig, readPushoverConfig, resolvePushoverConfig } from './pushover.js';
import { type RocketchatConfig, readRocketchatConfig, resolveRocketchatConfig } from './rocketchat.js';
import { readSlackConfig, resolveSlackConfig, type SlackConfig } from './slack.js';
import { readSnsConfig, resolveSnsConfig, type SnsConfig } from './sns.js';
import { readTelegramConfig, resolveTelegramConfig, type TelegramConfig } from './telegram.js';
import { readVictorOpsConfig, resolveVictorOpsConfig, type VictorOpsConfig } from './victorops.js';
import { readWebexConfig, resolveWebexConfig, type WebexConfig } from './webex.js';
import { readWebhookConfig, resolveWebhookConfig, type WebhookConfig } from './webhook.js';
import { readWechatConfig, resolveWechatConfig, type WechatConfig } from './wechat.js';

/** Integration names, in the order upstream's `Receiver` struct lists (and marshals) them. */
export const INTEGRATION_TYPES = [
  'discord',
  'email',
  'incidentio',
  'pagerduty',
  'slack',
  'webhook',
  'opsgenie',
  'wechat',
  'pushover',
  'victorops',
  'sns',
  'telegram',
  'webex',
  'msteams',
  'msteamsv2',
  'jira',
  'rocketchat',
  'mattermost',
] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

export interface IntegrationConfigs {
  discord: DiscordConfig;
  email: EmailConfig;
  incidentio: IncidentioConfig;
  pagerduty: PagerdutyConfig;
  slack: SlackConfig;
  webhook: WebhookConfig;
  opsgenie: OpsGenieConfig;
  wechat: WechatConfig;
  pushover: PushoverConfig;
  victorops: VictorOpsConfig;
  sns: SnsConfig;
  telegram: TelegramConfig;
  webex: WebexConfig;
  msteams: MSTeamsConfig;
  msteamsv2: MSTeamsV2Config;
  jira: JiraConfig;
  rocketchat: RocketchatConfig;
  mattermost: MattermostConfig;
}

/** A named set of integrations. No integration at all is valid: a black hole. */
export interface Receiver {
  name: string;
  /** ≥0.33; always holds `name` (the receiver's name) once read. */
  labels?: Record<string, string>;
  discord_configs?: DiscordConfig[];
  email_configs?: EmailConfig[];
  incidentio_configs?: IncidentioConfig[];
  pagerduty_configs?: PagerdutyConfig[];
  slack_configs?: SlackConfig[];
  webhook_configs?: WebhookConfig[];
  opsgenie_configs?: OpsGenieConfig[];
  wechat_configs?: WechatConfig[];
  pushover_configs?: PushoverConfig[];
  victorops_configs?: VictorOpsConfig[];
  sns_configs?: SnsConfig[];
  telegram_configs?: TelegramConfig[];
  webex_configs?: WebexConfig[];
  msteams_configs?: MSTeamsConfig[];
  msteamsv2_configs?: MSTeamsV2Config[];
  jira_configs?: JiraConfig[];
  rocketchat_configs?: RocketchatConfig[];
  mattermost_configs?: MattermostConfig[];
}

/** A receiver as read, before `global` is applied: list entries written as null are kept as null. */
export interface ParsedReceiver {
  name: string;
  labels?: Record<string, string>;
  path: string;
  configs: { [K in IntegrationType]?: (IntegrationConfigs[K] | null)[] };
}

interface Integration<T> {
  read: (obj: YamlObject) => T;
  resolve: (c: T, global: GlobalConfig, path: string) => T;
  /** Upstream reads a null entry as an empty config (the error is then about what is missing). */
  nullAsEmpty?: true;
}

const INTEGRATIONS: { [K in IntegrationType]: Integration<IntegrationConfigs[K]> } = {
  discord: { read: readDiscordConfig, resolve: resolveDiscordConfig },
  email: { read: readEmailConfig, resolve: resolveEmailConfig },
  incidentio: { read: readIncidentioConfig, resolve: resolveIncidentioConfig },
  pagerduty: { read: readPagerdutyConfig, resolve: resolvePagerdutyConfig },
  slack: { read: readSlackConfig, resolve: resolveSlackConfig, nullAsEmpty: true },
  webhook: { read: readWebhookConfig, resolve: resolveWebhookConfig },
  opsgenie: { read: readOpsGenieConfig, resolve: resolveOpsGenieConfig, nullAsEmpty: true },
  wechat: { read: readWechatConfig, resolve: resolveWechatConfig, nullAsEmpty: true },
  pushover: { read: readPushoverConfig, resolve: resolvePushoverConfig },
  victorops: { read: readVictorOpsConfig, resolve: resolveVictorOpsConfig },
  sns: { read: readSnsConfig, resolve: resolveSnsConfig },
  telegram: { read: readTelegramConfig, resolve: resolveTelegramConfig },
  webex: { read: readWebexConfig, resolve: resolveWebexConfig },
  msteams: { read: readMSTeamsConfig, resolve: resolveMSTeamsConfig },
  msteamsv2: { read: readMSTeamsV2Config, resolve: resolveMSTeamsV2Config },
  jira: { read: readJiraConfig, resolve: resolveJiraConfig },
  rocketchat: { read: readRocketchatConfig, resolve: resolveRocketchatConfig, nullAsEmpty: true },
  mattermost: { read: readMattermostConfig, resolve: resolveMattermostConfig },
};

// The order upstream applies `global` and reports missing settings in.
const RESOLVE_ORDER: readonly IntegrationType[] = [
  'webhook',
  'email',
  'slack',
  'pushover',
  'pagerduty',
  'incidentio',
  'opsgenie',
  'wechat',
  'victorops',
  'sns',
  'telegram',
  'discord',
  'webex',
  'msteams',
  'msteamsv2',
  'jira',
  'rocketchat',
  'mattermost',
];

const LIST_KEYS = new Map<string, IntegrationType>(INTEGRATION_TYPES.map((t) => [`${t}_configs`, t]));

/** Reads one entry of `receivers` and applies `global` to it. */
export function readReceiver(value: YamlValue, global: GlobalConfig): Receiver {
  return resolveReceiver(parseReceiver(value), global);
}

/**
 * What upstream checks while unmarshalling a receiver: every integration config on its own (in
 * file order), then the name and labels. `resolveReceiver` does the rest.
 */
export function parseReceiver(value: YamlValue): ParsedReceiver {
  const obj = value.asObject();
  // A null list entry is a zero receiver upstream: no name, and no check runs on it.
  if (!obj) return { name: '', path: value.path, configs: {} };
  const parsed: ParsedReceiver = { name: '', path: value.path, configs: {} };
  for (const key of obj.keys()) {
    const type = LIST_KEYS.get(key);
    if (type) parsed.configs[type] = readList(obj, type) as never;
  }
  parsed.name = obj.string('name') ?? '';
  const labels = obj.stringMap('labels');
  for (const key of LIST_KEYS.keys()) obj.accept(key);
  obj.finish('config.plain');
  if (parsed.name === '') throw obj.error('', 'missing name in receiver');
  if (labels?.name !== undefined && labels.name !== parsed.name) {
    throw obj.error(
      'labels',
      `receiver label "name" must match receiver name ${JSON.stringify(parsed.name)}, got ${JSON.stringify(labels.name)}`,
    );
  }
  parsed.labels = { ...labels, name: parsed.name };
  return parsed;
}

/** Applies `global` fallbacks and the checks that need them, in upstream's order. */
export function resolveReceiver(parsed: ParsedReceiver, global: GlobalConfig): Receiver {
  const resolved: { [K in IntegrationType]?: IntegrationConfigs[K][] } = {};
  for (const type of RESOLVE_ORDER) {
    const list = parsed.configs[type];
    if (list) resolved[type] = resolveList(type, list, global, parsed.path) as never;
  }
  const receiver: Receiver = { name: parsed.name };
  if (parsed.labels) receiver.labels = parsed.labels;
  for (const type of INTEGRATION_TYPES) {
    const list = resolved[type];
    if (list) (receiver as unknown as Record<string, unknown>)[`${type}_configs`] = list;
  }
  return receiver;
}

function readList<K extends IntegrationType>(obj: YamlObject, type: K): (IntegrationConfigs[K] | null)[] {
  const spec = INTEGRATIONS[type] as Integration<IntegrationConfigs[K]>;
  return (
    obj.list(`${type}_configs`, (item, path) => {
      const entry = item.asObject() ?? (spec.nullAsEmpty ? emptyObject(path) : null);
      return entry ? spec.read(entry) : null;
    }) ?? []
  );
}

function resolveList<K extends IntegrationType>(
  type: K,
  list: (IntegrationConfigs[K] | null)[],
  global: GlobalConfig,
  receiverPath: string,
): IntegrationConfigs[K][] {
  const spec = INTEGRATIONS[type] as Integration<IntegrationConfigs[K]>;
  return list.map((c, i) => {
    const path = `${receiverPath ? `${receiverPath}.` : ''}${type}_configs[${i}]`;
    if (c === null) throw configError(path, `missing ${type} config`);
    return spec.resolve(c, global, path);
  });
}
