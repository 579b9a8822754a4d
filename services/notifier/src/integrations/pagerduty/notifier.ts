import type { PagerdutyConfig } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import { deepCopyWithTemplate } from '../../deep-copy-with-template.js';
import { checkStatus } from '../../http/check-status.js';
import { notificationData, textRenderer } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import { readSecretFile } from '../../secret-file.js';
import { HttpNotifier } from '../http-notifier.js';
import {
  eventV1,
  eventV2,
  MAX_EVENT_BYTES,
  MAX_SUMMARY_RUNES,
  metricBytes,
  type PagerdutyEventType,
  pagerdutyErrorDetails,
} from './pagerduty-message.js';

/** Alertmanager hard-codes the Events API v1 endpoint. */
const PAGERDUTY_V1_URL = 'https://events.pagerduty.com/generic/2010-04-15/create_event.json';

/**
 * Alertmanager's PagerDuty notifier. With a `service_key` it sends an Events API v1 event to
 * PagerDuty's fixed v1 URL, otherwise an Events API v2 event with the `routing_key` to `url`
 * (global `pagerduty_url`); `trigger` while anything fires, `resolve` once all is resolved, keyed
 * by the SHA-256 of the group key. 5xx are retried, and 403 (v1's rate limit) or 429 (v2's);
 * a 400 carries PagerDuty's message and errors.
 */
export class PagerdutyNotifier extends HttpNotifier implements Notifier<'pagerduty'> {
  readonly type = 'pagerduty';

  async send(n: NotifyJobData, config: PagerdutyConfig, ctx: NotifyContext): Promise<void> {
    const data = notificationData(n, ctx);
    const t = this.templates.current;
    const render = textRenderer(t, data);
    const eventType: PagerdutyEventType = n.alerts.some((a) => a.status === 'firing') ? 'trigger' : 'resolve';
    const details = deepCopyWithTemplate(config.details, (text) => render('details', text)) as Record<
      string,
      unknown
    >;
    const v1 = Boolean(config.service_key || config.service_key_file);
    const key = v1
      ? (config.service_key?.reveal() ??
        (await readSecretFile('service key from file', config.service_key_file ?? '')))
      : (config.routing_key?.reveal() ??
        (await readSecretFile('routing key from file', config.routing_key_file ?? '')));
    const input = { config, render, eventType, groupKey: n.groupKey, key, details };
    const event = v1 ? eventV1(input) : eventV2(input);
    if (event.summaryTruncated) {
      ctx.logger.warn({ max_runes: MAX_SUMMARY_RUNES }, v1 ? 'Truncated description' : 'Truncated summary');
    }
    if (event.detailsRemovedFrom !== undefined) {
      ctx.logger.warn(
        `Truncated Details because message of size ${metricBytes(event.detailsRemovedFrom)} exceeds limit ${metricBytes(MAX_EVENT_BYTES)}`,
      );
    }
    const url = v1 ? PAGERDUTY_V1_URL : (config.url ?? '');
    const res = await this.postJson(url, event.body, config.http_config, ctx);
    checkStatus(
      { ...res, body: pagerdutyErrorDetails(res.status, res.body) },
      { retryCodes: v1 ? [403] : [429] },
    );
  }
}
