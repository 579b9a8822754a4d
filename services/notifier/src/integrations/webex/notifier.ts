import type { WebexConfig } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import { encodeGoJson } from '../../go-json.js';
import { checkStatus } from '../../http/check-status.js';
import { notificationData, textRenderer } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import { UnrecoverableNotifyError } from '../../notify-errors.js';
import { HttpNotifier } from '../http-notifier.js';
import { buildWebexMessage, MAX_MESSAGE_BYTES } from './webex-message.js';

/**
 * Alertmanager's Webex notifier: a markdown message for `room_id` (templated, as Alertmanager
 * 0.28+ does) POSTed to `api_url` (the messages API), authorized by http_config's
 * `authorization` (a bot's Bearer token). 2xx is success, 5xx is retried, other statuses fail at
 * once; a 429 waits for Retry-After.
 */
export class WebexNotifier extends HttpNotifier implements Notifier<'webex'> {
  readonly type = 'webex';

  async send(n: NotifyJobData, config: WebexConfig, ctx: NotifyContext): Promise<void> {
    const text = textRenderer(this.templates.current, notificationData(n, ctx));
    const built = buildWebexMessage(config, text);
    if (built.truncated) {
      ctx.logger.debug({ max_bytes: MAX_MESSAGE_BYTES }, 'message truncated to the longest Webex allows');
    }
    if (!config.api_url) throw new UnrecoverableNotifyError('webex config has no api_url');
    checkStatus(await this.postJson(config.api_url, encodeGoJson(built.message), config.http_config, ctx));
  }
}
