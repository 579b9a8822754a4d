import type { PagerdutyConfig } from '@tocsin/config';
import { goJsonObject, goJsonString, goJsonValue } from '../../go-json.js';
import { groupKeyHash } from '../../group-key-hash.js';
import type { RenderText } from '../../notification-renderer.js';
import { UnrecoverableNotifyError } from '../../notify-errors.js';
import { truncateInRunes } from '../../truncate-in-runes.js';

/** PagerDuty refuses events larger than this many bytes. */
export const MAX_EVENT_BYTES = 512_000;
/** Events API v1 `description` and v2 `payload.summary`: at most 1024 characters. */
export const MAX_SUMMARY_RUNES = 1024;
const DETAILS_REMOVED = `Custom details have been removed because the original event exceeds the maximum size of ${metricBytes(MAX_EVENT_BYTES)}`;

export type PagerdutyEventType = 'trigger' | 'resolve';

export interface PagerdutyEvent {
  /** The request body, as Go's json.Encoder writes Alertmanager's `pagerDutyMessage`. */
  body: string;
  /** The description (v1) or summary (v2) was cut at MAX_SUMMARY_RUNES. */
  summaryTruncated: boolean;
  /** The event was too large: its details were replaced by a note; the size it had. */
  detailsRemovedFrom?: number;
}

interface EventFields {
  routingKey?: string;
  serviceKey?: string;
  dedupKey?: string;
  incidentKey?: string;
  eventType?: string;
  description?: string;
  eventAction: string;
  payload?: {
    summary: string;
    source: string;
    severity: string;
    class: string;
    component: string;
    group: string;
    customDetails: Record<string, unknown>;
  };
  client?: string;
  clientUrl?: string;
  details?: Record<string, unknown>;
  images?: { src: string; alt: string; href: string }[];
  links?: { href: string; text: string }[];
}

/** `omitempty` strings, maps and slices are left out; `event_action` and `payload` never are. */
function encode(e: EventFields): string {
  const fields: [string, string][] = [];
  const str = (name: string, v: string | undefined) => {
    if (v) fields.push([name, goJsonString(v)]);
  };
  const nonEmptyMap = (v: Record<string, unknown> | undefined) =>
    v !== undefined && Object.keys(v).length > 0;
  str('routing_key', e.routingKey);
  str('service_key', e.serviceKey);
  str('dedup_key', e.dedupKey);
  str('incident_key', e.incidentKey);
  str('event_type', e.eventType);
  str('description', e.description);
  fields.push(['event_action', goJsonString(e.eventAction)]);
  if (e.payload) {
    const p = e.payload;
    const payload: [string, string][] = [
      ['summary', goJsonString(p.summary)],
      ['source', goJsonString(p.source)],
      ['severity', goJsonString(p.severity)],
    ];
    if (p.class) payload.push(['class', goJsonString(p.class)]);
    if (p.component) payload.push(['component', goJsonString(p.component)]);
    if (p.group) payload.push(['group', goJsonString(p.group)]);
    if (nonEmptyMap(p.customDetails)) payload.push(['custom_details', goJsonValue(p.customDetails)]);
    fields.push(['payload', goJsonObject(payload)]);
  } else {
    fields.push(['payload', 'null']);
  }
  str('client', e.client);
  str('client_url', e.clientUrl);
  if (nonEmptyMap(e.details)) fields.push(['details', goJsonValue(e.details)]);
  if (e.images?.length) {
    const images = e.images.map((i) =>
      goJsonObject([
        ['src', goJsonString(i.src)],
        ['alt', goJsonString(i.alt)],
        ['href', goJsonString(i.href)],
      ]),
    );
    fields.push(['images', `[${images.join(',')}]`]);
  }
  if (e.links?.length) {
    const links = e.links.map((l) =>
      goJsonObject([
        ['href', goJsonString(l.href)],
        ['text', goJsonString(l.text)],
      ]),
    );
    fields.push(['links', `[${links.join(',')}]`]);
  }
  return `${goJsonObject(fields)}\n`;
}

/**
 * Alertmanager's `encodeMessage`: an event over MAX_EVENT_BYTES is sent with its details
 * replaced by a note saying so.
 */
function encodeWithinLimit(e: EventFields): Pick<PagerdutyEvent, 'body' | 'detailsRemovedFrom'> {
  const body = encode(e);
  const size = Buffer.byteLength(body, 'utf8');
  if (size <= MAX_EVENT_BYTES) return { body };
  const note = { error: DETAILS_REMOVED };
  const smaller = e.payload
    ? { ...e, payload: { ...e.payload, customDetails: note } }
    : { ...e, details: note };
  return { body: encode(smaller), detailsRemovedFrom: size };
}

export interface EventInput {
  config: PagerdutyConfig;
  render: RenderText;
  eventType: PagerdutyEventType;
  groupKey: string;
  /** The key before templating: `service_key` for v1, `routing_key` for v2 (from its file if so). */
  key: string;
  /** The rendered `details` (template.DeepCopyWithTemplate of the config's). */
  details: Record<string, unknown>;
}

/** The Events API v1 body (`service_key`): description cut at 1024, no client on a resolve. */
export function eventV1({ config, render, eventType, groupKey, key, details }: EventInput): PagerdutyEvent {
  const description = truncateInRunes(render('description', config.description), MAX_SUMMARY_RUNES);
  const serviceKey = render('service_key', key);
  if (serviceKey === '') throw new UnrecoverableNotifyError('service key cannot be empty');
  const e: EventFields = {
    serviceKey,
    incidentKey: groupKeyHash(groupKey),
    eventType,
    description: description.text,
    eventAction: '',
    details,
  };
  if (eventType === 'trigger') {
    e.client = render('client', config.client);
    e.clientUrl = render('client_url', config.client_url);
  }
  return { ...encodeWithinLimit(e), summaryTruncated: description.truncated };
}

/** The Events API v2 body (`routing_key`): images without `src` and links without `href` left out. */
export function eventV2({ config, render, eventType, groupKey, key, details }: EventInput): PagerdutyEvent {
  const routingKey = render('routing_key', key);
  if (routingKey === '') throw new UnrecoverableNotifyError('routing key cannot be empty');
  const summary = truncateInRunes(render('description', config.description), MAX_SUMMARY_RUNES);
  const images = (config.images ?? [])
    .map((i) => ({
      src: render('image src', i.src),
      alt: render('image alt', i.alt),
      href: render('image href', i.href),
    }))
    .filter((i) => i.src !== '');
  const links = (config.links ?? [])
    .map((l) => ({ href: render('link href', l.href), text: render('link text', l.text) }))
    .filter((l) => l.href !== '');
  const e: EventFields = {
    client: render('client', config.client),
    clientUrl: render('client_url', config.client_url),
    routingKey,
    eventAction: eventType,
    dedupKey: groupKeyHash(groupKey),
    images,
    links,
    payload: {
      summary: summary.text,
      source: render('source', config.source),
      severity: render('severity', config.severity || 'error'),
      customDetails: details,
      class: render('class', config.class),
      component: render('component', config.component),
      group: render('group', config.group),
    },
  };
  return { ...encodeWithinLimit(e), summaryTruncated: summary.truncated };
}

/** PagerDuty's answer to a 400 (`{"message": ..., "errors": [...]}`) as Alertmanager words it. */
export function pagerdutyErrorDetails(status: number, body: string): string {
  if (status !== 400 || body === '') return '';
  try {
    const reply = JSON.parse(body) as { message?: unknown; errors?: unknown };
    const errors = Array.isArray(reply.errors) ? reply.errors.map(String).join(',') : '';
    return `${typeof reply.message === 'string' ? reply.message : ''}: ${errors}`;
  } catch {
    return '';
  }
}

/** alecthomas/units' MetricBytes text, as Alertmanager prints sizes: 512000 is `512KB`. */
export function metricBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  const parts: string[] = [];
  let rest = Math.floor(n);
  for (const unit of units) {
    const digit = rest % 1000;
    if (digit !== 0 || (parts.length === 0 && rest < 1000)) parts.unshift(`${digit}${unit}`);
    rest = Math.floor(rest / 1000);
    if (rest === 0) break;
  }
  return parts.join('');
}
