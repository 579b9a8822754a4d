import type { MSTeamsV2Config } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import { encodeGoJson } from '../../go-json.js';
import { notificationData, textRenderer } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import { HttpNotifier } from '../http-notifier.js';
import { buildAdaptiveCardMessage } from './adaptive-card.js';

/**
 * Alertmanager's msteamsv2 notifier (0.28+), for Teams' Workflows (Power Automate) webhooks: a
 * `message` with one Adaptive Card attachment (the title as a coloured heading, the text below)
 * POSTed to `webhook_url` or `webhook_url_file`. 2xx is success, 5xx is retried, other statuses
 * fail at once; a 429 waits for Retry-After.
 */
export class MSTeamsV2Notifier extends HttpNotifier implements Notifier<'msteamsv2'> {
  readonly type = 'msteamsv2';

  async send(n: NotifyJobData, config: MSTeamsV2Config, ctx: NotifyContext): Promise<void> {
    const text = textRenderer(this.templates.current, notificationData(n, ctx));
    const message = buildAdaptiveCardMessage(
      config,
      text,
      n.alerts.some((a) => a.status === 'firing'),
    );
    await this.postToWebhook(config, encodeGoJson(message), ctx);
  }
}
