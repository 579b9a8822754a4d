import type { WebhookConfig } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import { checkStatus } from '../../http/check-status.js';
import { HttpClient } from '../../http/http-client.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import { UnrecoverableNotifyError } from '../../notify-errors.js';
import { buildWebhookMessage, encodeWebhookMessage } from './payload.js';
import { webhookUrl } from './webhook-url.js';

/**
 * Alertmanager's webhook notifier: POSTs the version 4 JSON payload; 2xx is success, 5xx is
 * retried, 429 waits for Retry-After, any other status fails at once.
 */
export class WebhookNotifier implements Notifier<'webhook'> {
  readonly type = 'webhook';

  constructor(private readonly http: HttpClient = new HttpClient()) {}

  async send(n: NotifyJobData, config: WebhookConfig, ctx: NotifyContext): Promise<void> {
    if (config.payload !== undefined) {
      throw new UnrecoverableNotifyError('custom webhook payloads (payload:) are not supported yet');
    }
    const url = await webhookUrl(config);
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
    const res = await this.http.post({
      url,
      body: encodeWebhookMessage(message),
      contentType: 'application/json',
      headers: { 'Idempotency-Key': ctx.idempotencyKey },
      httpConfig: config.http_config,
      signal: ctx.signal,
      timeoutMs: ctx.timeoutMs,
    });
    checkStatus(res);
  }

  configChanged(): void {
    this.http.configChanged();
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
