import type { DiscordConfig } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import { encodeGoJson } from '../../go-json.js';
import { notificationData, textRenderer } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import { HttpNotifier } from '../http-notifier.js';
import { buildDiscordMessage } from './discord-message.js';

/**
 * Alertmanager's Discord notifier: one embed (title, description, colour by status) POSTed as
 * JSON to a webhook (`webhook_url` or `webhook_url_file`), texts cut to Discord's limits. 2xx is
 * success, 5xx is retried, other statuses fail at once; a 429 waits for Retry-After.
 */
export class DiscordNotifier extends HttpNotifier implements Notifier<'discord'> {
  readonly type = 'discord';

  async send(n: NotifyJobData, config: DiscordConfig, ctx: NotifyContext): Promise<void> {
    const text = textRenderer(this.templates.current, notificationData(n, ctx));
    const firing = n.alerts.some((a) => a.status === 'firing');
    const built = buildDiscordMessage(config, text, firing);
    for (const t of built.truncated) {
      ctx.logger.warn(
        { max_runes: t.maxRunes },
        t.field === 'title' ? 'Truncated title' : 'Truncated message',
      );
    }
    if (built.badAvatarUrl) ctx.logger.warn({ group_key: n.groupKey }, 'Bad avatar url');
    await this.postToWebhook(config, encodeGoJson(built.request), ctx);
  }
}
