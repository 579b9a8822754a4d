export type { DiscordConfig } from './discord.js';
export type { EmailConfig, EmailThreading } from './email.js';
export type { IncidentioConfig } from './incidentio.js';
export type { JiraConfig, JiraField } from './jira.js';
export type {
  MattermostAttachment,
  MattermostConfig,
  MattermostField,
  MattermostPriority,
} from './mattermost.js';
export type { MSTeamsConfig } from './msteams.js';
export type { MSTeamsV2Config } from './msteamsv2.js';
export type { HttpNotifierConfig, NotifierConfig } from './notifier-config.js';
export type { OpsGenieConfig, OpsGenieResponder } from './opsgenie.js';
export {
  DEFAULT_PAGERDUTY_DETAILS,
  type PagerdutyConfig,
  type PagerdutyImage,
  type PagerdutyLink,
} from './pagerduty.js';
export type { PushoverConfig } from './pushover.js';
export {
  INTEGRATION_TYPES,
  type IntegrationConfigs,
  type IntegrationType,
  type ParsedReceiver,
  parseReceiver,
  type Receiver,
  readReceiver,
  resolveReceiver,
} from './receiver.js';
export type { RocketchatAction, RocketchatConfig, RocketchatField } from './rocketchat.js';
export type { SlackAction, SlackConfig, SlackConfirm, SlackField } from './slack.js';
export type { SigV4Config, SnsConfig } from './sns.js';
export type { TelegramConfig } from './telegram.js';
export type { VictorOpsConfig } from './victorops.js';
export type { WebexConfig } from './webex.js';
export type { WebhookConfig } from './webhook.js';
export type { WechatConfig } from './wechat.js';
