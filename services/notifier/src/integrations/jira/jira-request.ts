import path from 'node:path';
import type { JiraConfig } from '@tocsin/config';
import { goQuote } from '@tocsin/go-syntax';
import { deepCopyWithTemplate } from '../../deep-copy-with-template.js';
import { encodeGoJson, goJsonString, goJsonValue } from '../../go-json.js';
import { groupKeyHash } from '../../group-key-hash.js';
import type { RenderText } from '../../notification-renderer.js';
import { UnrecoverableNotifyError } from '../../notify-errors.js';
import { truncateInRunes } from '../../truncate-in-runes.js';

/** Jira's limits, as Alertmanager cuts to them. */
export const MAX_SUMMARY_RUNES = 255;
export const MAX_DESCRIPTION_RUNES = 32767;

/** The label that finds a group's issue again: `ALERT{<sha256 hex of the group key>}`. */
export function groupLabel(groupKey: string): string {
  return `ALERT{${groupKeyHash(groupKey)}}`;
}

/** Go's URL.JoinPath: the elements joined onto the URL's path and cleaned. */
export function joinUrl(base: string, ...elements: string[]): string {
  const u = new URL(base);
  let joined = path.posix.join(u.pathname || '/', ...elements);
  if (elements.at(-1)?.endsWith('/') && !joined.endsWith('/')) joined += '/';
  u.pathname = joined;
  return u.toString();
}

/** An `api_url` ending in `/3` speaks API v3, whose descriptions are ADF documents (JSON). */
export function isApiV3(apiUrl: string): boolean {
  return new URL(apiUrl).pathname.replace(/\/+$/, '').endsWith('/3');
}

/**
 * The issue search, as Alertmanager picks it: `datacenter` uses `/search` (API v2); `cloud`, or
 * `auto` on an atlassian.net host, uses API v3's `/search/jql` (the old search is gone there);
 * anything else `/search`.
 */
export function searchUrl(config: JiraConfig, apiUrl: string): string {
  const host = new URL(apiUrl).host;
  if (config.api_type === 'cloud' || (config.api_type === 'auto' && host.endsWith('atlassian.net'))) {
    return joinUrl(apiUrl, '/search/jql').replace('/rest/api/2/', '/rest/api/3/');
  }
  return joinUrl(apiUrl, '/search');
}

/**
 * The JQL that finds the group's issue: not done (or, when firing with a reopen transition and
 * `reopen_duration`, resolved at most that long ago), never one resolved as `wont_fix_resolution`,
 * most relevant first.
 */
export function searchJql(config: JiraConfig, project: string, label: string, firing: boolean): string {
  let jql = '';
  if (config.wont_fix_resolution) {
    // `resolution != X` alone would drop unresolved issues (resolution EMPTY) too.
    jql += `(resolution is EMPTY or resolution != ${goQuote(config.wont_fix_resolution)}) and `;
  }
  const reopenMinutes = Math.trunc((config.reopen_duration?.ms ?? 0) / 60_000);
  if (firing && config.reopen_transition && reopenMinutes > 0) {
    jql += `(resolutiondate is EMPTY OR resolutiondate >= -${reopenMinutes}m) and `;
  } else {
    jql += 'statusCategory != Done and ';
  }
  return `${jql}project=${goQuote(project)} and labels=${goQuote(label)} order by status ASC,resolutiondate DESC`;
}

/** The search request body (`issueSearch`): only the status of at most two issues. */
export function encodeSearch(jql: string): string {
  return encodeGoJson({ fields: ['status'], jql, maxResults: 2 });
}

export interface IssueFields {
  summary?: string;
  /** Already encoded JSON: a string (API v2) or an ADF document (API v3). */
  description?: string;
  issuetype: { name?: string };
  labels: string[];
  priority?: { name: string };
  project: { key: string };
  /** Custom fields, rendered. */
  custom: Record<string, unknown>;
}

export interface BuiltIssue {
  fields: IssueFields;
  summaryTruncated: boolean;
  descriptionTruncated: boolean;
}

/**
 * The issue's fields: summary (cut at 255 characters), description (cut at 32767; for API v3
 * it must render to JSON), project and issue type, the configured labels plus the group label
 * (sorted), priority when it renders to something, and the custom `fields` with every string
 * in them rendered (a rendered string that reads as YAML structure or a number becomes that).
 */
export function buildIssue(config: JiraConfig, text: RenderText, groupKey: string): BuiltIssue {
  const summary = truncateInRunes(text('summary', config.summary.template), MAX_SUMMARY_RUNES);
  const project = text('project', config.project);
  const issueType = text('issue_type', config.issue_type);
  const custom: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config.fields ?? {})) {
    custom[key] = deepCopyWithTemplate(value, (t: string) => text('fields', t));
  }
  const rawDescription = truncateInRunes(
    text('description', config.description.template),
    MAX_DESCRIPTION_RUNES,
  );
  let description: string | undefined;
  if (isApiV3(config.api_url ?? '')) {
    const trimmed = rawDescription.text.trim();
    if (trimmed !== '') {
      try {
        description = encodeGoJson(JSON.parse(trimmed)).trimEnd();
      } catch {
        throw new UnrecoverableNotifyError('description template: invalid JSON for API v3');
      }
    }
  } else if (rawDescription.text !== '') {
    description = goJsonString(rawDescription.text);
  }
  const labels = (config.labels ?? []).map((l, i) => text(`labels[${i}]`, l));
  labels.push(groupLabel(groupKey));
  labels.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const priority = text('priority', config.priority);
  return {
    fields: {
      summary: summary.text,
      description,
      issuetype: { name: issueType === '' ? undefined : issueType },
      labels,
      priority: priority === '' ? undefined : { name: priority },
      project: { key: project },
      custom,
    },
    summaryTruncated: summary.truncated,
    descriptionTruncated: rawDescription.truncated,
  };
}

/** `{"fields": {...}}` as Go marshals the fields map: keys sorted, custom fields winning. */
export function encodeIssue(f: IssueFields): string {
  const encoded = new Map<string, string>();
  if (f.summary !== undefined) encoded.set('summary', goJsonString(f.summary));
  if (f.description !== undefined) encoded.set('description', f.description);
  encoded.set('issuetype', encodeGoJson(f.issuetype).trimEnd());
  encoded.set('labels', encodeGoJson(f.labels).trimEnd());
  if (f.priority) encoded.set('priority', encodeGoJson(f.priority).trimEnd());
  encoded.set('project', encodeGoJson(f.project).trimEnd());
  for (const [key, value] of Object.entries(f.custom)) encoded.set(key, goJsonValue(value));
  const keys = [...encoded.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return `{"fields":{${keys.map((k) => `${goJsonString(k)}:${encoded.get(k)}`).join(',')}}}\n`;
}

/** The transition request body. */
export function encodeTransition(id: string): string {
  return encodeGoJson({ transition: { id: id === '' ? undefined : id } });
}
