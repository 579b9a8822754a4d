import { INTEGRATION_TYPES, type IntegrationType } from '@tocsin/config';

/** ingest → dispatcher: fingerprints of alerts that changed. */
export const ALERTS_QUEUE = 'alerts';
/** dispatcher → dispatcher: the delayed flush ticks of aggregation groups. */
export const GROUPS_QUEUE = 'groups';

/**
 * dispatcher → notifier: one queue per integration type, never per receiver, because receivers
 * change on reload and queue names must not. BullMQ forbids `:` in names, hence the dot.
 */
export function notifyQueue(integration: IntegrationType): string {
  return `notify.${integration}`;
}

/** Every queue a stack may use: `alerts`, `groups` and `notify.<type>` for every integration type. */
export function allQueueNames(): string[] {
  return [ALERTS_QUEUE, GROUPS_QUEUE, ...INTEGRATION_TYPES.map(notifyQueue)];
}
