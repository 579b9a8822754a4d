import type { MattermostConfig } from '@tocsin/config';
import { goQuote } from '@tocsin/go-syntax';
import type { NotifyJobData } from '@tocsin/queues';
import { encodeGoJson } from '../../go-json.js';
import { checkStatus } from '../../http/check-status.js';
import { notificationData, textRenderer } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import { NotifyError } from '../../notify-errors.js';
import { secretOrFile } from '../../secret-file.js';
import { HttpNotifier } from '../http-notifier.js';
import { buildMattermostRequest, MAX_TEXT_RUNES } from './mattermost-message.js';

/**
 * Alertmanager's Mattermost notifier (0.30+): a Slack-style message POSTed as JSON to an incoming
 * webhook (`webhook_url`, `webhook_url_file`, or the global ones). 2xx is success, 5xx is retried,
 * other statuses fail at once; a 429 waits for Retry-After.
 */
export class MattermostNotifier extends HttpNotifier implements Notifier<'mattermost'> {
  readonly type = 'mattermost';

  async send(n: NotifyJobData, config: MattermostConfig, ctx: NotifyContext): Promise<void> {
    const url = await secretOrFile(
      config.webhook_url,
      config.webhook_url_file,
      'webhook_url_file',
      'webhook url missing',
    );
    const text = textRenderer(this.templates.current, notificationData(n, ctx));
    const built = buildMattermostRequest(config, text);
    if (built.textTruncated) ctx.logger.warn({ max_runes: MAX_TEXT_RUNES }, 'Truncated text');
    for (const warning of built.priorityWarnings) ctx.logger.warn(warning);
    const res = await this.postJson(url, encodeGoJson(built.request), config.http_config, ctx);
    try {
      checkStatus(res);
    } catch (err) {
      if (err instanceof NotifyError)
        err.message = `channel ${goQuote(built.request.channel ?? '')}: ${err.message}`;
      throw err;
    }
  }
}
