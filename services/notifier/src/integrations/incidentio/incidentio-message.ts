import type { NotifyAlert } from '@tocsin/queues';
import type { TemplateData } from '@tocsin/templates';
import { encodeWebhookMessage, truncateAlerts } from '../webhook/payload.js';

/** incident.io refuses bodies over 512 KiB. */
export const MAX_PAYLOAD_BYTES = 512 * 1024;

export interface EncodedIncidentioMessage {
  body: string;
  /** The first encoding was too large and only the first alert was kept. */
  shrunk?: { originalBytes: number; finalBytes: number; stillTooLarge: boolean };
}

/**
 * The body Alertmanager posts to an incident.io alert source: the webhook message (template data,
 * `groupKey`, `truncatedAlerts`) with `version` "1". Over 512 KiB, only the first alert stays
 * (incident.io makes one alert per group anyway); still too large, it is sent as it is.
 */
export function encodeIncidentioMessage(
  data: (alerts: readonly NotifyAlert[]) => TemplateData,
  alerts: readonly NotifyAlert[],
  groupKey: string,
  maxAlerts: number,
): EncodedIncidentioMessage {
  const { kept, truncated } = truncateAlerts(alerts, maxAlerts);
  const d = data(kept);
  const encode = (a: TemplateData['alerts']) =>
    encodeWebhookMessage({ ...d, alerts: a, version: '1', groupKey, truncatedAlerts: truncated });
  const body = encode(d.alerts);
  const originalBytes = Buffer.byteLength(body);
  if (originalBytes <= MAX_PAYLOAD_BYTES) return { body };
  // Upstream keeps the status and common labels of the whole group: only the list shrinks.
  const smaller = encode(d.alerts.slice(0, 1));
  const finalBytes = Buffer.byteLength(smaller);
  return {
    body: smaller,
    shrunk: { originalBytes, finalBytes, stillTooLarge: finalBytes > MAX_PAYLOAD_BYTES },
  };
}

/** Upstream's `errDetails`: message, error and errors of a JSON error reply, joined by ": ". */
export function incidentioErrorDetails(body: string): string {
  let reply: { message?: unknown; error?: unknown; errors?: unknown };
  try {
    reply = JSON.parse(body);
  } catch {
    return '';
  }
  if (reply === null || typeof reply !== 'object') return '';
  const parts: string[] = [];
  if (typeof reply.message === 'string' && reply.message !== '') parts.push(reply.message);
  if (typeof reply.error === 'string' && reply.error !== '') parts.push(reply.error);
  if (Array.isArray(reply.errors) && reply.errors.length > 0) parts.push(reply.errors.join(', '));
  return parts.join(': ');
}
