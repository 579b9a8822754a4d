import type { IncidentioConfig } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import { checkStatus } from '../../http/check-status.js';
import { HttpClient } from '../../http/http-client.js';
import { notificationData } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import { UnrecoverableNotifyError } from '../../notify-errors.js';
import { readSecretFile } from '../../secret-file.js';
import { encodeIncidentioMessage, incidentioErrorDetails } from './incidentio-message.js';

/**
 * Alertmanager's incident.io notifier (0.29+): the webhook-style message POSTed to the alert
 * source `url` (or `url_file`) with `alert_source_token` as Bearer authorization. 5xx and 429
 * are retried (429 after its Retry-After), other statuses fail at once; the error message carries
 * incident.io's `message`, `error` and `errors`.
 */
export class IncidentioNotifier implements Notifier<'incidentio'> {
  readonly type = 'incidentio';

  constructor(private readonly http: HttpClient = new HttpClient()) {}

  async send(n: NotifyJobData, config: IncidentioConfig, ctx: NotifyContext): Promise<void> {
    const encoded = encodeIncidentioMessage(
      (alerts) => notificationData(n, ctx, alerts),
      n.alerts,
      n.groupKey,
      config.max_alerts,
    );
    if (encoded.shrunk) {
      const { originalBytes, finalBytes, stillTooLarge } = encoded.shrunk;
      const fields = { original_size: originalBytes, final_size: finalBytes, max_size: 512 * 1024 };
      if (stillTooLarge) {
        ctx.logger.error(
          fields,
          'Truncated alert content due to incident.io payload size limit, but still exceeds limit',
        );
      } else {
        ctx.logger.warn(fields, 'Truncated alert content due to incident.io payload size limit');
      }
    }
    const url = config.url ?? (config.url_file ? await readSecretFile('url_file', config.url_file) : '');
    if (url === '') throw new UnrecoverableNotifyError('incidentio config has neither url nor url_file');
    // The alert source token replaces whatever authorization http_config has.
    const token = config.alert_source_token_file
      ? await readSecretFile('alert_source_token_file', config.alert_source_token_file)
      : (config.alert_source_token?.reveal() ?? '');
    const res = await this.http.post({
      url,
      body: encoded.body,
      contentType: 'application/json',
      ...(token === '' ? {} : { headers: { Authorization: `Bearer ${token}` } }),
      httpConfig: config.http_config,
      signal: ctx.signal,
      timeoutMs: ctx.timeoutMs,
    });
    checkStatus({ ...res, body: incidentioErrorDetails(res.body) }, { retryCodes: [429] });
  }

  configChanged(): void {
    this.http.configChanged();
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
