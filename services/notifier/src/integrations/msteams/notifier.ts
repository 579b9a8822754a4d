import type { MSTeamsConfig } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import { encodeGoJson } from '../../go-json.js';
import { notificationData, textRenderer } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import { HttpNotifier } from '../http-notifier.js';
import { buildMessageCard } from './msteams-message.js';

/**
 * Alertmanager's Microsoft Teams notifier (0.26+): a MessageCard (title, summary, text, theme
 * colour by status) POSTed to an Office 365 connector webhook (`webhook_url` or
 * `webhook_url_file`). 2xx is success, 5xx is retried, other statuses fail at once; a 429 (Teams
 * throttles connectors) waits for Retry-After.
 */
export class MSTeamsNotifier extends HttpNotifier implements Notifier<'msteams'> {
  readonly type = 'msteams';

  async send(n: NotifyJobData, config: MSTeamsConfig, ctx: NotifyContext): Promise<void> {
    const text = textRenderer(this.templates.current, notificationData(n, ctx));
    const card = buildMessageCard(
      config,
      text,
      n.alerts.some((a) => a.status === 'firing'),
    );
    await this.postToWebhook(config, encodeGoJson(card), ctx);
  }
}
