import type { WechatConfig } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import { encodeGoJson } from '../../go-json.js';
import { checkStatus } from '../../http/check-status.js';
import { goQueryEncode, queryValues, withPathAndQuery } from '../../http/go-query.js';
import { notificationData, textRenderer } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import { RateLimitedError, RetryableError, UnrecoverableNotifyError } from '../../notify-errors.js';
import { readSecretFile } from '../../secret-file.js';
import { HttpNotifier } from '../http-notifier.js';
import { AccessTokens, type FetchedToken } from './access-tokens.js';
import { buildWechatMessage } from './wechat-message.js';

// Replies are small JSON objects; read them whole.
const MAX_REPLY_BYTES = 64 * 1024;
// errcodes of an access token that is expired (42001) or not valid (40014, 40001): fetch a new one.
const TOKEN_ERRCODES = new Set([42001, 40014, 40001]);
// "System busy, try again later."
const BUSY_ERRCODE = -1;
// API call frequency limits.
const RATE_LIMIT_ERRCODES = new Set([45009, 45011, 45033]);

interface WechatReply {
  errcode?: unknown;
  errmsg?: unknown;
  access_token?: unknown;
  expires_in?: unknown;
}

/**
 * Alertmanager's WeChat Work notifier: an access token from `<api_url>gettoken?corpid=&corpsecret=`
 * (fetched once per credentials and cached until it expires or WeChat reports it invalid), then
 * the message POSTed to `<api_url>message/send?access_token=`. A reply's `errcode` decides: 0 is
 * success, an expired or invalid token is fetched again on the retry, "system busy" is retried,
 * a frequency limit waits, anything else fails at once.
 */
export class WechatNotifier extends HttpNotifier implements Notifier<'wechat'> {
  readonly type = 'wechat';
  private readonly tokens = new AccessTokens();

  async send(n: NotifyJobData, config: WechatConfig, ctx: NotifyContext): Promise<void> {
    const text = textRenderer(this.templates.current, notificationData(n, ctx));
    if (!config.api_url) throw new UnrecoverableNotifyError('wechat config has no api_url');
    const apiUrl = config.api_url;
    const secret = text(
      'api_secret',
      config.api_secret_file
        ? await readSecretFile('api_secret_file', config.api_secret_file)
        : (config.api_secret?.reveal() ?? ''),
    );
    const corpId = text('corp_id', config.corp_id);
    const key = AccessTokens.key(apiUrl, corpId, secret);
    const token = await this.tokens.get(key, () => this.fetchToken(config, apiUrl, corpId, secret, ctx));
    const message = buildWechatMessage(config, text);
    const url = withPathAndQuery(
      apiUrl,
      'message/send',
      goQueryEncode({ ...queryValues(apiUrl), access_token: token }),
    );
    const res = await this.postJson(url, encodeGoJson(message), config.http_config, ctx, {
      readSuccessBody: true,
      maxBodyBytes: MAX_REPLY_BYTES,
    });
    checkStatus(res);
    ctx.logger.debug({ reply: res.body }, 'wechat reply');
    const reply = parseReply(res.body);
    const code = reply.errcode;
    if (code === 0 || code === undefined) return;
    const error = `wechat: ${reply.errmsg ?? ''} (errcode ${code})`;
    if (TOKEN_ERRCODES.has(code)) {
      this.tokens.invalidate(key, token);
      throw new RetryableError(`${error}; a new access token is fetched on the next attempt`, 'authError');
    }
    if (code === BUSY_ERRCODE) throw new RetryableError(error, 'serverError');
    if (RATE_LIMIT_ERRCODES.has(code)) throw new RateLimitedError(error, undefined);
    throw new UnrecoverableNotifyError(error, 'clientError');
  }

  private async fetchToken(
    config: WechatConfig,
    apiUrl: string,
    corpId: string,
    secret: string,
    ctx: NotifyContext,
  ): Promise<FetchedToken> {
    const res = await this.http.post({
      method: 'GET',
      url: withPathAndQuery(apiUrl, 'gettoken', goQueryEncode({ corpsecret: secret, corpid: corpId })),
      contentType: '',
      httpConfig: config.http_config,
      signal: ctx.signal,
      timeoutMs: ctx.timeoutMs,
      readSuccessBody: true,
      maxBodyBytes: MAX_REPLY_BYTES,
    });
    checkStatus(res);
    const reply = parseReply(res.body);
    if (typeof reply.access_token === 'string' && reply.access_token !== '') {
      return {
        token: reply.access_token,
        ...(typeof reply.expires_in === 'number' ? { expiresInSeconds: reply.expires_in } : {}),
      };
    }
    const why = reply.errcode === undefined ? '' : `: ${reply.errmsg ?? ''} (errcode ${reply.errcode})`;
    if (reply.errcode === BUSY_ERRCODE) throw new RetryableError(`wechat gettoken${why}`, 'serverError');
    throw new UnrecoverableNotifyError(`invalid APISecret for CorpID: ${corpId}${why}`, 'authError');
  }
}

function parseReply(body: string): { errcode?: number; errmsg?: string } & WechatReply {
  let reply: WechatReply;
  try {
    reply = JSON.parse(body) as WechatReply;
  } catch (err) {
    throw new RetryableError(
      `wechat: could not read the reply ${JSON.stringify(body)}: ${(err as Error).message}`,
    );
  }
  return {
    ...reply,
    errcode: typeof reply?.errcode === 'number' ? reply.errcode : undefined,
    errmsg: typeof reply?.errmsg === 'string' ? reply.errmsg : undefined,
  };
}
