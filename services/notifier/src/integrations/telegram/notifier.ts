import type { TelegramConfig } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import type { HttpResponse } from '../../http/http-client.js';
import { parseRetryAfter } from '../../http/retry-after.js';
import { notificationData } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import {
  RateLimitedError,
  RetryableError,
  reasonForStatus,
  UnrecoverableNotifyError,
} from '../../notify-errors.js';
import { readSecretFile } from '../../secret-file.js';
import { HttpNotifier } from '../http-notifier.js';
import { buildTelegramMessage, encodeTelegramParams, MAX_MESSAGE_RUNES } from './telegram-message.js';

// The reply is read whole to learn `ok`; it echoes the message (up to 4096 characters).
const MAX_REPLY_BYTES = 256 * 1024;

/**
 * Alertmanager's Telegram notifier: the Bot API's sendMessage, POSTed as JSON to
 * `<api_url>/bot<token>/sendMessage`; the token from `bot_token` or `bot_token_file`, the chat
 * from `chat_id` or `chat_id_file`, both read at send time.
 */
export class TelegramNotifier extends HttpNotifier implements Notifier<'telegram'> {
  readonly type = 'telegram';

  async send(n: NotifyJobData, config: TelegramConfig, ctx: NotifyContext): Promise<void> {
    const built = buildTelegramMessage(
      config,
      this.templates.current,
      notificationData(n, ctx),
      await chatId(config),
    );
    if (built.overLimit === 'truncated')
      ctx.logger.warn({ max_runes: MAX_MESSAGE_RUNES }, 'Truncated message');
    if (built.overLimit === 'replaced') {
      ctx.logger.warn(
        { max_runes: MAX_MESSAGE_RUNES },
        'HTML message too long for Telegram: sent a notice instead (cutting HTML could break its tags)',
      );
    }
    const token = config.bot_token_file
      ? await readSecretFile('bot_token_file', config.bot_token_file)
      : (config.bot_token?.reveal() ?? '');
    const apiUrl = config.api_url ?? 'https://api.telegram.org';
    const url = `${apiUrl}/bot${token}/sendMessage`;
    const res = await this.postJson(url, encodeTelegramParams(built.params), config.http_config, ctx, {
      readSuccessBody: true,
      maxBodyBytes: MAX_REPLY_BYTES,
    });
    checkTelegramReply(res);
  }
}

async function chatId(config: TelegramConfig): Promise<string> {
  if (!config.chat_id_file) return String(config.chat_id);
  const text = await readSecretFile('chat_id_file', config.chat_id_file);
  if (!/^[+-]?\d+$/.test(text)) {
    throw new UnrecoverableNotifyError(
      `could not parse chat_id from ${config.chat_id_file}: ${JSON.stringify(text)}`,
    );
  }
  return String(BigInt(text));
}

interface BotApiReply {
  ok?: unknown;
  error_code?: unknown;
  description?: unknown;
  parameters?: { retry_after?: unknown };
}

/**
 * The Bot API answers `{"ok": true, ...}` or `{"ok": false, "error_code", "description"}`. A
 * flood-control reply (429, `retry_after` seconds) waits that long; 5xx and unreadable replies
 * are retried; other errors (bad token, chat not found, bot blocked) cannot heal by retrying.
 */
export function checkTelegramReply(res: HttpResponse, now = Date.now()): void {
  let reply: BotApiReply | undefined;
  try {
    reply = JSON.parse(res.body) as BotApiReply;
  } catch {
    reply = undefined;
  }
  const ok = res.status >= 200 && res.status < 300;
  if (ok && reply?.ok === true) return;
  const code = typeof reply?.error_code === 'number' ? reply.error_code : res.status;
  const description = typeof reply?.description === 'string' ? reply.description : res.body;
  const message = `telegram: ${description} (${code})`;
  const retryAfter = reply?.parameters?.retry_after;
  if (code === 429 || res.status === 429 || typeof retryAfter === 'number') {
    const ms =
      typeof retryAfter === 'number' ? retryAfter * 1000 : parseRetryAfter(res.headers['retry-after'], now);
    throw new RateLimitedError(message, ms);
  }
  if (!reply || typeof reply.ok !== 'boolean' || res.status >= 500 || code >= 500) {
    throw new RetryableError(
      reply ? message : `telegram: unexpected reply with status code ${res.status}: ${res.body}`,
      reasonForStatus(res.status),
    );
  }
  throw new UnrecoverableNotifyError(message, reasonForStatus(code));
}
