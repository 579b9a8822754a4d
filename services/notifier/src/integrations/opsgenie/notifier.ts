import type { OpsGenieConfig } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import { checkStatus } from '../../http/check-status.js';
import { notificationData, textRenderer } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import { readSecretFile } from '../../secret-file.js';
import { HttpNotifier } from '../http-notifier.js';
import { MAX_MESSAGE_RUNES, opsGenieRequests } from './opsgenie-requests.js';

/**
 * Alertmanager's OpsGenie notifier: create (and with `update_alerts` update the message and
 * description of) the group's alert while anything fires, close it once all is resolved, each
 * request with `Authorization: GenieKey <api_key>`. The requests go one after the other and the
 * first failure ends the attempt (a retry starts over, as Alertmanager's does). 5xx and 429 are
 * retried, other statuses fail at once.
 */
export class OpsGenieNotifier extends HttpNotifier implements Notifier<'opsgenie'> {
  readonly type = 'opsgenie';

  async send(n: NotifyJobData, config: OpsGenieConfig, ctx: NotifyContext): Promise<void> {
    const data = notificationData(n, ctx);
    const render = textRenderer(this.templates.current, data);
    const firing = n.alerts.some((a) => a.status === 'firing');
    const built = opsGenieRequests(config, render, n.groupKey, data.commonLabels, firing);
    if (built.messageTruncated) ctx.logger.warn({ max_runes: MAX_MESSAGE_RUNES }, 'Truncated message');
    // The key is a template too; from a file, trimmed after rendering.
    const apiKey = config.api_key
      ? render('api_key', config.api_key.reveal())
      : render('api_key_file', await readSecretFile('key_file', config.api_key_file ?? '')).trim();
    for (const r of built.requests) {
      const res = await this.postJson(`${config.api_url ?? ''}${r.path}`, r.body, config.http_config, ctx, {
        method: r.method,
        headers: { Authorization: `GenieKey ${apiKey}` },
      });
      checkStatus(res, { retryCodes: [429] });
    }
  }
}
