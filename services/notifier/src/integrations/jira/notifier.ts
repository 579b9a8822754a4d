import type { JiraConfig } from '@tocsin/config';
import { goQuote } from '@tocsin/go-syntax';
import type { NotifyJobData } from '@tocsin/queues';
import { checkStatus } from '../../http/check-status.js';
import { notificationData, textRenderer } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import { NotifyError, UnrecoverableNotifyError } from '../../notify-errors.js';
import { HttpNotifier } from '../http-notifier.js';
import {
  buildIssue,
  encodeIssue,
  encodeSearch,
  encodeTransition,
  groupLabel,
  joinUrl,
  MAX_DESCRIPTION_RUNES,
  MAX_SUMMARY_RUNES,
  searchJql,
  searchUrl,
} from './jira-request.js';

// Search results and transition lists are parsed whole; Jira's are a few KiB.
const MAX_REPLY_BYTES = 4 * 1024 * 1024;

interface FoundIssue {
  key?: string;
  fields?: { status?: { name?: string; statusCategory?: { key?: string } } };
}

/**
 * Alertmanager's Jira notifier (0.28+). One issue per alert group, found again by its
 * `ALERT{sha256(group key)}` label: search (JQL); none found and the group is resolved → nothing;
 * none found → create (POST issue); found → update (PUT issue/KEY, summary and description only
 * where `enable_update` allows), then transition it: `resolve_transition` when the group is
 * resolved and the issue is not done, `reopen_transition` when it fires again on a done issue.
 * 5xx and 429 are retried (429 after Retry-After), other statuses fail at once.
 */
export class JiraNotifier extends HttpNotifier implements Notifier<'jira'> {
  readonly type = 'jira';

  async send(n: NotifyJobData, config: JiraConfig, ctx: NotifyContext): Promise<void> {
    const apiUrl = config.api_url;
    if (!apiUrl) throw new UnrecoverableNotifyError('no global Jira Cloud URL set');
    const text = textRenderer(this.templates.current, notificationData(n, ctx));
    const firing = n.alerts.some((a) => a.status === 'firing');
    const request = (method: 'GET' | 'POST' | 'PUT', url: string, body?: string) =>
      this.request(config, ctx, method, url, body);

    const label = groupLabel(n.groupKey);
    const jql = searchJql(config, text('project', config.project), label, firing);
    ctx.logger.debug({ jql }, 'search for recent issues');
    let existing: FoundIssue | undefined;
    try {
      const reply = await request('POST', searchUrl(config, apiUrl), encodeSearch(jql));
      existing = parseReply<{ issues?: FoundIssue[] }>(reply).issues?.[0];
    } catch (err) {
      throw prefixed(err, 'failed to look up existing issues: HTTP request to JIRA API: ');
    }
    if (!existing && !firing) return; // no issue is opened for a resolved group

    const built = buildIssue(config, text, n.groupKey);
    if (built.summaryTruncated) ctx.logger.warn({ max_runes: MAX_SUMMARY_RUNES }, 'Truncated summary');
    if (built.descriptionTruncated) {
      ctx.logger.warn({ max_runes: MAX_DESCRIPTION_RUNES }, 'Truncated description');
    }
    const method = existing ? 'PUT' : 'POST';
    const issuePath = existing ? `issue/${existing.key ?? ''}` : 'issue';
    if (existing) {
      if (config.description.enable_update === false) built.fields.description = undefined;
      if (config.summary.enable_update === false) built.fields.summary = undefined;
    }
    try {
      await request(method, joinUrl(apiUrl, issuePath), encodeIssue(built.fields));
    } catch (err) {
      throw prefixed(err, `failed to ${method} request to ${goQuote(issuePath)}: `);
    }
    if (existing) await this.transition(existing, firing, config, apiUrl, request, ctx);
  }

  private async transition(
    issue: FoundIssue,
    firing: boolean,
    config: JiraConfig,
    apiUrl: string,
    request: (method: 'GET' | 'POST', url: string, body?: string) => Promise<string>,
    ctx: NotifyContext,
  ): Promise<void> {
    const status = issue.fields?.status;
    if (!issue.key || !status) return;
    const done = status.statusCategory?.key === 'done';
    if (firing === !done) return; // firing and open, or resolved and done: nothing to move
    const name = firing ? config.reopen_transition : config.resolve_transition;
    if (!name) return;
    const url = joinUrl(apiUrl, `issue/${issue.key}/transitions`);
    const list = parseReply<{ transitions?: { id?: string; name?: string }[] }>(await request('GET', url));
    const found = list.transitions?.find((t) => t.name === name);
    if (!found) throw new UnrecoverableNotifyError(`can't find transition ${name} for issue ${issue.key}`);
    ctx.logger.debug({ issue_key: issue.key, transition: name }, 'transitions jira issue');
    await request('POST', url, encodeTransition(found.id ?? ''));
  }

  private async request(
    config: JiraConfig,
    ctx: NotifyContext,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    body?: string,
  ): Promise<string> {
    const res = await this.http.post({
      method,
      url,
      ...(body === undefined ? {} : { body }),
      contentType: 'application/json',
      headers: { 'Accept-Language': 'en' },
      httpConfig: config.http_config,
      signal: ctx.signal,
      timeoutMs: ctx.timeoutMs,
      readSuccessBody: true,
      maxBodyBytes: MAX_REPLY_BYTES,
    });
    checkStatus(res, { retryCodes: [429] });
    return res.body;
  }
}

/** A 2xx reply Jira should have sent as JSON; anything else cannot get better by retrying. */
function parseReply<T>(body: string): T {
  try {
    return JSON.parse(body) as T;
  } catch (err) {
    throw new UnrecoverableNotifyError(`could not parse Jira's reply: ${(err as Error).message}`);
  }
}

function prefixed(err: unknown, prefix: string): unknown {
  if (err instanceof NotifyError) err.message = `${prefix}${err.message}`;
  return err;
}
