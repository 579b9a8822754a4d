import type { IntegrationType } from '@tocsin/config';
import type { Notifier } from '../notifier.js';
import { WebhookNotifier } from './webhook/notifier.js';

/** Integration types this notifier can send; `--integration all` means these. */
export const IMPLEMENTED_INTEGRATIONS = ['webhook'] as const satisfies readonly IntegrationType[];
export type ImplementedIntegration = (typeof IMPLEMENTED_INTEGRATIONS)[number];

const FACTORIES: { [T in ImplementedIntegration]: () => Notifier<T> } = {
  webhook: () => new WebhookNotifier(),
};

export function isImplemented(type: string): type is ImplementedIntegration {
  return (IMPLEMENTED_INTEGRATIONS as readonly string[]).includes(type);
}

export function createNotifier<T extends ImplementedIntegration>(type: T): Notifier<T> {
  return FACTORIES[type]();
}
