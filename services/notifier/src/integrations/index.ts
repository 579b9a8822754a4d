import type { IntegrationType } from '@tocsin/config';
import type { Notifier } from '../notifier.js';
import type { CurrentTemplates } from '../notifier-templates.js';
import { EmailNotifier } from './email/notifier.js';
import { IncidentioNotifier } from './incidentio/notifier.js';
import { JiraNotifier } from './jira/notifier.js';
import { MattermostNotifier } from './mattermost/notifier.js';
import { RocketchatNotifier } from './rocketchat/notifier.js';
import { SlackNotifier } from './slack/notifier.js';
import { WebhookNotifier } from './webhook/notifier.js';

/** Integration types this notifier can send; `--integration all` means these. */
export const IMPLEMENTED_INTEGRATIONS = [
  'webhook',
  'email',
  'slack',
  'rocketchat',
  'mattermost',
  'incidentio',
  'jira',
] as const satisfies readonly IntegrationType[];
export type ImplementedIntegration = (typeof IMPLEMENTED_INTEGRATIONS)[number];

/** What notifiers share: the templates of the current config. */
export interface NotifierDeps {
  templates: CurrentTemplates;
}

const FACTORIES: { [T in ImplementedIntegration]: (deps: NotifierDeps) => Notifier<T> } = {
  webhook: (deps) => new WebhookNotifier(deps.templates),
  email: (deps) => new EmailNotifier(deps.templates),
  slack: (deps) => new SlackNotifier(deps.templates),
  rocketchat: (deps) => new RocketchatNotifier(deps.templates),
  mattermost: (deps) => new MattermostNotifier(deps.templates),
  incidentio: () => new IncidentioNotifier(),
  jira: (deps) => new JiraNotifier(deps.templates),
};

export function isImplemented(type: string): type is ImplementedIntegration {
  return (IMPLEMENTED_INTEGRATIONS as readonly string[]).includes(type);
}

export function createNotifier<T extends ImplementedIntegration>(type: T, deps: NotifierDeps): Notifier<T> {
  return FACTORIES[type](deps);
}
