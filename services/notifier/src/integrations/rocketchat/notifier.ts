import type { RocketchatConfig } from '@tocsin/config';
import { goQuote } from '@tocsin/go-syntax';
import type { NotifyJobData } from '@tocsin/queues';
import { encodeGoJson } from '../../go-json.js';
import { checkStatus } from '../../http/check-status.js';
import type { HttpResponse } from '../../http/http-client.js';
import { notificationData, textRenderer } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import { NotifyError, RetryableError, UnrecoverableNotifyError } from '../../notify-errors.js';
import { readSecretFile } from '../../secret-file.js';
import { HttpNotifier } from '../http-notifier.js';
import { buildRocketchatMessage, MAX_TITLE_RUNES, postMessageUrl } from './rocketchat-message.js';

/**
 * Alertmanager's Rocket.Chat notifier (0.28+): chat.postMessage under `api_url` with the
 * personal access token in `X-Auth-Token` and its user id in `X-User-Id`. A 2xx reply must say
 * `"success": true`; 5xx is retried, other statuses fail at once, a 429 waits for Retry-After.
 */
export class RocketchatNotifier extends HttpNotifier implements Notifier<'rocketchat'> {
  readonly type = 'rocketchat';

  async send(n: NotifyJobData, config: RocketchatConfig, ctx: NotifyContext): Promise<void> {
    // The file wins: a receiver's token_file beside a global token is allowed.
    const token = config.token_file
      ? await readSecretFile('token_file', config.token_file)
      : (config.token?.reveal() ?? '');
    const tokenId = config.token_id_file
      ? await readSecretFile('token_id_file', config.token_id_file)
      : (config.token_id?.reveal() ?? '');
    if (!config.api_url) throw new UnrecoverableNotifyError('rocketchat config has no api_url');
    const text = textRenderer(this.templates.current, notificationData(n, ctx));
    const { message, titleTruncated } = buildRocketchatMessage(config, text);
    if (titleTruncated) ctx.logger.warn({ max_runes: MAX_TITLE_RUNES }, 'Truncated title');
    const res = await this.postJson(
      postMessageUrl(config.api_url),
      encodeGoJson(message),
      config.http_config,
      ctx,
      {
        headers: { 'X-Auth-Token': token, 'X-User-Id': tokenId },
        readSuccessBody: true,
      },
    );
    try {
      checkStatus(res);
      checkRocketchatReply(res);
    } catch (err) {
      if (err instanceof NotifyError)
        err.message = `channel ${goQuote(message.channel ?? '')}: ${err.message}`;
      throw err;
    }
  }
}

/** Rocket.Chat reports some errors with a 200: the JSON reply must say `"success": true`. */
function checkRocketchatReply(res: HttpResponse): void {
  let reply: { success?: unknown; error?: unknown };
  try {
    reply = JSON.parse(res.body);
  } catch (err) {
    throw new RetryableError(
      `could not unmarshal JSON response ${goQuote(res.body)}: ${(err as Error).message}`,
    );
  }
  if (reply?.success !== true) {
    throw new UnrecoverableNotifyError(
      `error response from Rocketchat: ${typeof reply?.error === 'string' ? reply.error : ''}`,
      'clientError',
    );
  }
}
