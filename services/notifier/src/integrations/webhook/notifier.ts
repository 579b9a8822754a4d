import type { WebhookConfig } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import { checkStatus } from '../../http/check-status.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import { UnrecoverableNotifyError } from '../../notify-errors.js';
import { HttpNotifier } from '../http-notifier.js';
import { renderCustomPayload } from './custom-payload.js';
import { buildWebhookMessage, encodeWebhookMessage } from './payload.js';
import { webhookUrl } from './webhook-url.js';

/**
 * Alertmanager's webhook notifier: POSTs the version 4 JSON payload (or the rendered custom
 * `payload`) to the rendered `url`; 2xx is success, 5xx is
 * retried, 429 waits for Retry-After, any other status fails at once.
 */
export class WebhookNotifier extends HttpNotifier implements Notifier<'webhook'> {
  readonly type = 'webhook';

  async send(n: NotifyJobData, config: WebhookConfig, ctx: NotifyContext): Promise<void> {
    const message = buildWebhookMessage({
      receiver: n.receiver,
      groupKey: n.groupKey,
      groupLabels: n.groupLabels,
      routeLabels: n.routeLabels,
      reason: n.reason,
      externalUrl: ctx.externalUrl,
      alerts: n.alerts,
      maxAlerts: config.max_alerts,
    });
    // Templates see the Data part of the message (Alertmanager renders with data.Data).
    const { version: _v, groupKey: _k, truncatedAlerts: _t, ...data } = message;
    const templates = this.templates.current;
    const render = (text: string) => templates.executeText(text, data);
    let body: string;
    if (config.payload === undefined) {
      body = encodeWebhookMessage(message);
    } else {
      try {
        body = renderCustomPayload(config.payload, render);
      } catch (err) {
        throw new UnrecoverableNotifyError(
          `failed to render custom payload: ${(err as Error)?.message ?? String(err)}`,
        );
      }
    }
    const url = await webhookUrl(config, render);
    const headers = { 'Idempotency-Key': ctx.idempotencyKey };
    checkStatus(await this.postJson(url, body, config.http_config, ctx, { headers }));
  }
}
