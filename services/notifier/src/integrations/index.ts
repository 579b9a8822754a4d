import type { IntegrationType } from '@tocsin/config';
import type { Notifier } from '../notifier.js';
import type { CurrentTemplates } from '../notifier-templates.js';
import { DiscordNotifier } from './discord/notifier.js';
import { EmailNotifier } from './email/notifier.js';
import { IncidentioNotifier } from './incidentio/notifier.js';
import { JiraNotifier } from './jira/notifier.js';
import { MattermostNotifier } from './mattermost/notifier.js';
import { MSTeamsNotifier } from './msteams/notifier.js';
import { MSTeamsV2Notifier } from './msteamsv2/notifier.js';
import { OpsGenieNotifier } from './opsgenie/notifier.js';
import { PagerdutyNotifier } from './pagerduty/notifier.js';
import { PushoverNotifier } from './pushover/notifier.js';
import { RocketchatNotifier } from './rocketchat/notifier.js';
import { SlackNotifier } from './slack/notifier.js';
import { SnsNotifier } from './sns/notifier.js';
import { TelegramNotifier } from './telegram/notifier.js';
import { VictorOpsNotifier } from './victorops/notifier.js';
import { WebexNotifier } from './webex/notifier.js';
import { WebhookNotifier } from './webhook/notifier.js';
import { WechatNotifier } from './wechat/notifier.js';

/** What notifiers share: the templates of the current config. */
export interface NotifierDeps {
  templates: CurrentTemplates;
}

// Typed over every integration the config accepts: a new type without a notifier does not compile.
const FACTORIES: { [T in IntegrationType]: (deps: NotifierDeps) => Notifier<T> } = {
  webhook: (deps) => new WebhookNotifier(deps.templates),
  email: (deps) => new EmailNotifier(deps.templates),
  slack: (deps) => new SlackNotifier(deps.templates),
  rocketchat: (deps) => new RocketchatNotifier(deps.templates),
  mattermost: (deps) => new MattermostNotifier(deps.templates),
  incidentio: (deps) => new IncidentioNotifier(deps.templates),
  jira: (deps) => new JiraNotifier(deps.templates),
  sns: (deps) => new SnsNotifier(deps.templates),
  msteams: (deps) => new MSTeamsNotifier(deps.templates),
  msteamsv2: (deps) => new MSTeamsV2Notifier(deps.templates),
  discord: (deps) => new DiscordNotifier(deps.templates),
  telegram: (deps) => new TelegramNotifier(deps.templates),
  webex: (deps) => new WebexNotifier(deps.templates),
  wechat: (deps) => new WechatNotifier(deps.templates),
  pagerduty: (deps) => new PagerdutyNotifier(deps.templates),
  opsgenie: (deps) => new OpsGenieNotifier(deps.templates),
  victorops: (deps) => new VictorOpsNotifier(deps.templates),
  pushover: (deps) => new PushoverNotifier(deps.templates),
};

export function createNotifier<T extends IntegrationType>(type: T, deps: NotifierDeps): Notifier<T> {
  return FACTORIES[type](deps);
}
