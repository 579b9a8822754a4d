import type { IncidentioConfig } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import { checkStatus } from '../../http/check-status.js';
import { notificationData } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import { secretOrFile } from '../../secret-file.js';
import { HttpNotifier } from '../http-notifier.js';
import { encodeIncidentioMessage, incidentioErrorDetails } from './incidentio-message.js';

/**
 * Alertmanager's incident.io notifier (0.29+): the webhook-style message POSTed to the alert
 * source `url` (or `url_file`) with `alert_source_token` as Bearer authorization. 5xx and 429
 * are retried (429 after its Retry-After), other statuses fail at once; the error message carries
 * incident.io's `message`, `error` and `errors`.
 */
export class IncidentioNotifier extends HttpNotifier implements Notifier<'incidentio'> {
  readonly type = 'incidentio';

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
    const url = await secretOrFile(
      config.url,
      config.url_file,
      'url_file',
      'incidentio config has neither url nor url_file',
    );
    // The alert source token replaces whatever authorization http_config has.
    const token = await secretOrFile(
      config.alert_source_token,
      config.alert_source_token_file,
      'alert_source_token_file',
    );
    const res = await this.postJson(
      url,
      encoded.body,
      config.http_config,
      ctx,
      token === '' ? {} : { headers: { Authorization: `Bearer ${token}` } },
    );
    checkStatus({ ...res, body: incidentioErrorDetails(res.body) }, { retryCodes: [429] });
  }
}
