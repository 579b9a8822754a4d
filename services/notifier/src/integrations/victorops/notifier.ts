import type { VictorOpsConfig } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import { goJsonStringMap } from '../../go-json.js';
import { groupKeyHash } from '../../group-key-hash.js';
import { checkStatus } from '../../http/check-status.js';
import { notificationData, type RenderText, textRenderer } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import { readSecretFile } from '../../secret-file.js';
import { truncateInRunes } from '../../truncate-in-runes.js';
import { HttpNotifier } from '../http-notifier.js';

/** VictorOps' limit for `state_message`. */
export const MAX_STATE_MESSAGE_RUNES = 20_480;
// Message types VictorOps knows for a firing group; anything else becomes CRITICAL.
const FIRING_TYPES = new Set(['INFO', 'WARNING', 'CRITICAL']);

/**
 * Alertmanager's VictorOps body: a flat JSON object (keys sorted, as Go marshals a map) with the
 * templated fields, `entity_id` the SHA-256 of the group key, `message_type` RECOVERY once all is
 * resolved, and the custom fields.
 */
export function victorOpsBody(
  config: VictorOpsConfig,
  render: RenderText,
  groupKey: string,
  firing: boolean,
): { body: string; stateMessageTruncated: boolean } {
  let messageType = render('message_type', config.message_type);
  if (firing && !FIRING_TYPES.has(messageType)) messageType = 'CRITICAL';
  if (!firing) messageType = 'RECOVERY';
  const state = truncateInRunes(render('state_message', config.state_message), MAX_STATE_MESSAGE_RUNES);
  const msg: Record<string, string> = {
    message_type: messageType,
    entity_id: groupKeyHash(groupKey),
    entity_display_name: render('entity_display_name', config.entity_display_name),
    state_message: state.text,
    monitoring_tool: render('monitoring_tool', config.monitoring_tool),
  };
  for (const [k, v] of Object.entries(config.custom_fields ?? {})) msg[k] = render(`custom_fields ${k}`, v);
  return { body: `${goJsonStringMap(msg)}\n`, stateMessageTruncated: state.truncated };
}

/**
 * Go's escaping of a URL path (`url.URL.EscapedPath`), which Alertmanager's `apiURL.Path +=`
 * gets: letters, digits, `-_.~` and `$&+,/:;=@` stay, everything else is percent-encoded.
 */
export function goPathEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * Alertmanager's VictorOps notifier: POSTs to `<api_url><api_key>/<routing_key>` (the routing
 * key templated). Only 5xx are retried (and 429, after its Retry-After); other statuses fail.
 */
export class VictorOpsNotifier extends HttpNotifier implements Notifier<'victorops'> {
  readonly type = 'victorops';

  async send(n: NotifyJobData, config: VictorOpsConfig, ctx: NotifyContext): Promise<void> {
    const render = textRenderer(this.templates.current, notificationData(n, ctx));
    const apiKey = config.api_key
      ? config.api_key.reveal()
      : await readSecretFile('API key from file', config.api_key_file ?? '');
    const url = `${config.api_url ?? ''}${goPathEscape(apiKey)}/${goPathEscape(render('routing_key', config.routing_key))}`;
    const firing = n.alerts.some((a) => a.status === 'firing');
    const { body, stateMessageTruncated } = victorOpsBody(config, render, n.groupKey, firing);
    if (stateMessageTruncated) {
      ctx.logger.warn({ max_runes: MAX_STATE_MESSAGE_RUNES }, 'Truncated state_message');
    }
    checkStatus(await this.postJson(url, body, config.http_config, ctx));
  }
}
