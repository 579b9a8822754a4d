import type { OpsGenieConfig } from '@tocsin/config';
import { goJsonObject, goJsonString, goJsonStringMap } from '../../go-json.js';
import { groupKeyHash } from '../../group-key-hash.js';
import type { RenderText } from '../../notification-renderer.js';
import { truncateInRunes } from '../../truncate-in-runes.js';

/** OpsGenie's limit for an alert's message. */
export const MAX_MESSAGE_RUNES = 130;

export interface OpsGenieRequest {
  method: 'POST' | 'PUT';
  /** Appended to `api_url` (which ends with `/`). */
  path: string;
  body: string;
}

export interface OpsGenieRequests {
  requests: OpsGenieRequest[];
  messageTruncated: boolean;
}

/** Go's `safeSplit`: trims the whole text, splits on `sep`, drops empty parts (parts keep their spaces). */
export function safeSplit(s: string, sep: string): string[] {
  return s
    .trim()
    .split(sep)
    .filter((x) => x !== '');
}

const list = (items: string[]) => `[${items.map(goJsonString).join(',')}]`;

interface Responder {
  id: string;
  name: string;
  username: string;
  type: string;
}

function responders(config: OpsGenieConfig, render: RenderText): Responder[] {
  const out: Responder[] = [];
  for (const r of config.responders ?? []) {
    const responder = {
      id: render('responder id', r.id),
      name: render('responder name', r.name),
      username: render('responder username', r.username),
      type: render('responder type', r.type),
    };
    // Responders that render empty are left out, so they can come from labels.
    if (!responder.id && !responder.name && !responder.username && !responder.type) continue;
    if (responder.type === 'teams') {
      for (const team of safeSplit(responder.name, ',')) {
        out.push({ id: '', name: render('responder name', team), username: '', type: 'team' });
      }
      continue;
    }
    out.push(responder);
  }
  return out;
}

function encodeResponder(r: Responder): string {
  const fields: [string, string][] = [];
  if (r.id) fields.push(['id', goJsonString(r.id)]);
  if (r.name) fields.push(['name', goJsonString(r.name)]);
  if (r.username) fields.push(['username', goJsonString(r.username)]);
  fields.push(['type', goJsonString(r.type)]);
  return goJsonObject(fields);
}

const query = '?identifierType=alias';

/**
 * Alertmanager's OpsGenie requests for a group: while anything fires, create the alert (alias:
 * SHA-256 of the group key; details: the common labels overridden by `details`) and, with
 * `update_alerts`, PUT its message and description; once all is resolved, close it.
 */
export function opsGenieRequests(
  config: OpsGenieConfig,
  render: RenderText,
  groupKey: string,
  commonLabels: Readonly<Record<string, string>>,
  firing: boolean,
): OpsGenieRequests {
  const alias = groupKeyHash(groupKey);
  if (!firing) {
    const body = goJsonObject([['source', goJsonString(render('source', config.source))]]);
    return {
      requests: [{ method: 'POST', path: `v2/alerts/${alias}/close${query}`, body: `${body}\n` }],
      messageTruncated: false,
    };
  }
  const details: Record<string, string> = { ...commonLabels };
  for (const [k, v] of Object.entries(config.details ?? {})) details[k] = render(`details ${k}`, v);
  const message = truncateInRunes(render('message', config.message), MAX_MESSAGE_RUNES);
  const description = render('description', config.description);
  const who = responders(config, render);
  const tags = safeSplit(render('tags', config.tags), ',');
  const note = render('note', config.note);
  const priority = render('priority', config.priority);
  const entity = render('entity', config.entity);
  const actions = safeSplit(render('actions', config.actions), ',');
  const fields: [string, string][] = [
    ['alias', goJsonString(alias)],
    ['message', goJsonString(message.text)],
  ];
  if (description) fields.push(['description', goJsonString(description)]);
  fields.push(['details', goJsonStringMap(details)]);
  fields.push(['source', goJsonString(render('source', config.source))]);
  if (who.length > 0) fields.push(['responders', `[${who.map(encodeResponder).join(',')}]`]);
  if (tags.length > 0) fields.push(['tags', list(tags)]);
  if (note) fields.push(['note', goJsonString(note)]);
  if (priority) fields.push(['priority', goJsonString(priority)]);
  if (entity) fields.push(['entity', goJsonString(entity)]);
  if (actions.length > 0) fields.push(['actions', list(actions)]);
  const requests: OpsGenieRequest[] = [
    { method: 'POST', path: 'v2/alerts', body: `${goJsonObject(fields)}\n` },
  ];
  if (config.update_alerts) {
    const omitEmpty = (name: string, value: string) =>
      `${goJsonObject(value ? [[name, goJsonString(value)]] : [])}\n`;
    requests.push(
      { method: 'PUT', path: `v2/alerts/${alias}/message${query}`, body: omitEmpty('message', message.text) },
      {
        method: 'PUT',
        path: `v2/alerts/${alias}/description${query}`,
        body: omitEmpty('description', description),
      },
    );
  }
  return { requests, messageTruncated: message.truncated };
}
