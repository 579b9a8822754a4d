import type { NotifyAlert } from '@tocsin/queues';
import {
  type TemplateAlert,
  type TemplateData,
  type TemplateDataInput,
  templateData,
} from '@tocsin/templates';
import { goJsonObject, goJsonString, goJsonStringMap } from '../../go-json.js';

/** The webhook body, version 4 (notify/webhook/webhook.go `Message`: template Data plus three fields). */
export interface WebhookMessage extends TemplateData {
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
}

/** `max_alerts`: 0 keeps all; otherwise the surplus is dropped and counted. */
export function truncateAlerts<T>(alerts: readonly T[], maxAlerts: number): { kept: T[]; truncated: number } {
  if (maxAlerts > 0 && alerts.length > maxAlerts) {
    return { kept: alerts.slice(0, maxAlerts), truncated: alerts.length - maxAlerts };
  }
  return { kept: [...alerts], truncated: 0 };
}

export interface WebhookMessageInput extends Omit<TemplateDataInput, 'alerts'> {
  groupKey: string;
  alerts: readonly NotifyAlert[];
  maxAlerts: number;
}

/** Truncates first, then computes status and common labels on what is left, as Alertmanager does. */
export function buildWebhookMessage(input: WebhookMessageInput): WebhookMessage {
  const { kept, truncated } = truncateAlerts(input.alerts, input.maxAlerts);
  return {
    ...templateData({ ...input, alerts: kept }),
    version: '4',
    groupKey: input.groupKey,
    truncatedAlerts: truncated,
  };
}

function encodeAlert(a: TemplateAlert): string {
  return goJsonObject([
    ['status', goJsonString(a.status)],
    ['labels', goJsonStringMap(a.labels)],
    ['annotations', goJsonStringMap(a.annotations)],
    ['startsAt', goJsonString(a.startsAt)],
    ['endsAt', goJsonString(a.endsAt)],
    ['generatorURL', goJsonString(a.generatorURL)],
    ['fingerprint', goJsonString(a.fingerprint)],
  ]);
}

/**
 * The exact bytes Alertmanager's json.Encoder writes for a Message: the embedded Data's fields
 * in declaration order, then version, groupKey and truncatedAlerts; map keys sorted; HTML
 * characters escaped; a trailing newline.
 */
export function encodeWebhookMessage(m: Omit<WebhookMessage, 'version'> & { version: string }): string {
  const body = goJsonObject([
    ['receiver', goJsonString(m.receiver)],
    ['status', goJsonString(m.status)],
    ['alerts', `[${m.alerts.map(encodeAlert).join(',')}]`],
    ['notification_reason', goJsonString(m.notification_reason)],
    ['groupLabels', goJsonStringMap(m.groupLabels)],
    ['commonLabels', goJsonStringMap(m.commonLabels)],
    ['commonAnnotations', goJsonStringMap(m.commonAnnotations)],
    ['routeLabels', goJsonStringMap(m.routeLabels)],
    ['externalURL', goJsonString(m.externalURL)],
    ['version', goJsonString(m.version)],
    ['groupKey', goJsonString(m.groupKey)],
    ['truncatedAlerts', String(m.truncatedAlerts)],
  ]);
  return `${body}\n`;
}
