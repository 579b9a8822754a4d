import type { SlackConfig } from '@tocsin/config';
import type { NotifyAlert, NotifyJobData } from '@tocsin/queues';
import { checkStatus } from '../../http/check-status.js';
import type { HttpResponse } from '../../http/http-client.js';
import { notificationData } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import { NotifyError, RetryableError, UnrecoverableNotifyError } from '../../notify-errors.js';
import { secretOrFile } from '../../secret-file.js';
import { HttpNotifier } from '../http-notifier.js';
import { buildSlackMessage, encodeSlackRequest, MAX_TEXT_RUNES, MAX_TITLE_RUNES } from './slack-message.js';

/**
 * Alertmanager's Slack notifier: one attachment with every templated field, POSTed to an
 * incoming webhook (`api_url`, `api_url_file`) or, with a bot token, to `app_url`
 * (chat.postMessage) with the token as Bearer authorization. A 2xx reply must say so: `ok` as
 * text, or JSON with `"ok": true`; 5xx is retried, 429 waits for Retry-After.
 */
export class SlackNotifier extends HttpNotifier implements Notifier<'slack'> {
  readonly type = 'slack';

  async send(n: NotifyJobData, config: SlackConfig, ctx: NotifyContext): Promise<void> {
    const templates = this.templates.current;
    const dataFor = (alerts: readonly NotifyAlert[]) => notificationData(n, ctx, alerts);
    const built = buildSlackMessage(config, templates, n.alerts, dataFor);
    if (built.titleTruncated) ctx.logger.warn({ max_runes: MAX_TITLE_RUNES }, 'Truncated title');
    if (built.truncatedAlerts > 0) {
      ctx.logger.warn(
        { truncatedAlerts: built.truncatedAlerts, maxTextRunes: MAX_TEXT_RUNES },
        "Left alerts out of the Slack message to stay under Slack's size limit",
      );
    }
    const url = await slackUrl(config);
    const channel = JSON.stringify(built.request.channel ?? '');
    const res = await this.postJson(url, encodeSlackRequest(built.request), config.http_config, ctx, {
      readSuccessBody: true,
    });
    try {
      checkStatus(res);
      checkSlackReply(res);
    } catch (err) {
      if (err instanceof NotifyError) {
        err.message = `channel ${channel}: ${err.message}`;
      }
      throw err;
    }
  }
}

/** `api_url` (with a bot token, `app_url`), or the trimmed contents of `api_url_file`, read at send time. */
async function slackUrl(config: SlackConfig): Promise<string> {
  // Unlike the other webhooks, an empty api_url_file is not an error here.
  if (!config.api_url && !config.api_url_file)
    throw new UnrecoverableNotifyError('slack config has neither api_url nor api_url_file');
  return secretOrFile(config.api_url, config.api_url_file, 'api_url_file');
}

/**
 * Slack answers errors with a 200 too: a JSON reply (chat.postMessage) must say `"ok": true`, a
 * text reply (incoming webhooks) must be exactly `ok`.
 */
function checkSlackReply(res: HttpResponse): void {
  const type = res.headers['content-type'];
  const contentType = Array.isArray(type) ? (type[0] ?? '') : (type ?? '');
  if (!contentType.startsWith('application/json')) {
    if (res.body !== 'ok') {
      throw new UnrecoverableNotifyError(`received an error response from Slack: ${res.body}`, 'clientError');
    }
    return;
  }
  let reply: { ok?: unknown; error?: unknown };
  try {
    reply = JSON.parse(res.body);
  } catch (err) {
    throw new RetryableError(
      `could not unmarshal JSON response ${JSON.stringify(res.body)}: ${(err as Error).message}`,
    );
  }
  if (reply?.ok !== true) {
    throw new UnrecoverableNotifyError(
      `error response from Slack: ${String(reply?.error ?? '')}`,
      'clientError',
    );
  }
}
