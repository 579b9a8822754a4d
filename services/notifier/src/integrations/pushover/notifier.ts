import type { PushoverConfig } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import { checkStatus } from '../../http/check-status.js';
import { notificationData, type RenderText, textRenderer } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import { renderOrFail } from '../../notifier-templates.js';
import { readSecretFile } from '../../secret-file.js';
import { HttpNotifier } from '../http-notifier.js';
import { PUSHOVER_LIMITS, pushoverQuery } from './pushover-query.js';

/** Alertmanager hard-codes Pushover's endpoint (reach a stand-in through `http_config.proxy_url`). */
const PUSHOVER_URL = 'https://api.pushover.net/1/messages.json';

const TRUNCATION_LOG = {
  title: 'Truncated title',
  message: 'Truncated message',
  url: 'Truncated URL',
} as const;

/**
 * Alertmanager's Pushover notifier: one POST with an empty `text/plain` body and every
 * parameter in the query string (so the URL holds the token: it is never logged). Only 5xx are
 * retried (and 429, after its Retry-After); other statuses fail with Pushover's reply.
 */
export class PushoverNotifier extends HttpNotifier implements Notifier<'pushover'> {
  readonly type = 'pushover';

  async send(n: NotifyJobData, config: PushoverConfig, ctx: NotifyContext): Promise<void> {
    const t = this.templates.current;
    const data = notificationData(n, ctx);
    const render = textRenderer(t, data);
    const renderHtml: RenderText = (what, template) =>
      template === undefined || template === ''
        ? ''
        : renderOrFail(what, () => t.executeHtml(template, data));
    // Unlike Alertmanager, which sends a key file's trailing newline along, the files are trimmed.
    const token = config.token?.reveal() ?? (await readSecretFile('token_file', config.token_file ?? ''));
    const userKey =
      config.user_key?.reveal() ?? (await readSecretFile('user_key_file', config.user_key_file ?? ''));
    const { query, truncated } = pushoverQuery(config, render, renderHtml, token, userKey);
    for (const field of truncated) {
      ctx.logger.warn({ max_runes: PUSHOVER_LIMITS[field] }, TRUNCATION_LOG[field]);
    }
    const res = await this.http.post({
      url: `${PUSHOVER_URL}?${query}`,
      body: '',
      contentType: 'text/plain',
      httpConfig: config.http_config,
      signal: ctx.signal,
      timeoutMs: ctx.timeoutMs,
    });
    checkStatus(res);
  }
}
