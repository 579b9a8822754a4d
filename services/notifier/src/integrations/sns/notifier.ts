import type { SNSClientConfig } from '@aws-sdk/client-sns';
import type { SigV4Config, SnsConfig } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import { checkStatus } from '../../http/check-status.js';
import { DispatcherCache } from '../../http/dispatchers.js';
import { notificationData, textRenderer } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import type { CurrentTemplates } from '../../notifier-templates.js';
import { NotifyError, RetryableError } from '../../notify-errors.js';
import { buildPublishInput } from './publish-input.js';
import { UndiciRequestHandler } from './undici-request-handler.js';

// The SDK is large: only a notifier that really sends to SNS loads it.
let sdk: Promise<typeof import('@aws-sdk/client-sns')> | undefined;
const loadSdk = () => {
  sdk ??= import('@aws-sdk/client-sns');
  return sdk;
};

interface SdkError {
  name?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

/**
 * Alertmanager's Amazon SNS notifier: one Publish through the AWS SDK (SigV4 signed, with the
 * static `sigv4` keys, a `profile`, a `role_arn` assumed through STS, or the SDK's default
 * credential chain), to `api_url` when set, over the notifier's connection pools so that
 * `http_config`'s TLS and proxy settings apply. The SDK's own retries are off: 5xx and network
 * errors are retried by the queue like every integration's, other statuses fail at once, a 429
 * waits for Retry-After.
 */
export class SnsNotifier implements Notifier<'sns'> {
  readonly type = 'sns';

  private readonly dispatchers = new DispatcherCache();

  constructor(private readonly templates: CurrentTemplates) {}

  async send(n: NotifyJobData, config: SnsConfig, ctx: NotifyContext): Promise<void> {
    const text = textRenderer(this.templates.current, notificationData(n, ctx));
    const endpoint = text('api_url', config.api_url);
    const { input, truncated } = buildPublishInput(config, text, n.groupKey);
    if (truncated) ctx.logger.warn('Truncated the SNS message to its size limit');
    const { SNSClient, PublishCommand } = await loadSdk();
    const handler = new UndiciRequestHandler(await this.dispatchers.get(config.http_config), ctx.timeoutMs);
    const client = new SNSClient(await clientConfig(config, endpoint, handler));
    try {
      const out = await client.send(new PublishCommand(input), {
        abortSignal: AbortSignal.any([ctx.signal, AbortSignal.timeout(ctx.timeoutMs)]),
      });
      ctx.logger.debug(
        { message_id: out.MessageId, sequence_number: out.SequenceNumber },
        'SNS message successfully published',
      );
    } catch (err) {
      throw snsError(err, ctx);
    } finally {
      client.destroy();
    }
  }

  /** A reload may have changed TLS or proxy settings: start over with fresh pools. */
  configChanged(): void {
    void this.dispatchers.clear();
  }

  close(): Promise<void> {
    return this.dispatchers.clear();
  }
}

async function clientConfig(
  config: SnsConfig,
  endpoint: string,
  handler: UndiciRequestHandler,
): Promise<SNSClientConfig> {
  const sigv4 = config.sigv4;
  const c: SNSClientConfig = {
    // One attempt per job attempt: the queue's backoff decides when to try again.
    maxAttempts: 1,
    requestHandler: handler as unknown as SNSClientConfig['requestHandler'],
  };
  if (sigv4.region) c.region = sigv4.region;
  if (sigv4.profile) c.profile = sigv4.profile;
  if (endpoint !== '') c.endpoint = endpoint;
  const credentials = await credentialsFor(sigv4, handler);
  if (credentials) c.credentials = credentials;
  return c;
}

/** Static keys, or STS AssumeRole on top of them (or of the default chain); undefined: the SDK's default chain. */
async function credentialsFor(
  sigv4: SigV4Config,
  handler: UndiciRequestHandler,
): Promise<SNSClientConfig['credentials']> {
  const keys =
    sigv4.access_key && sigv4.secret_key
      ? { accessKeyId: sigv4.access_key, secretAccessKey: sigv4.secret_key.reveal() }
      : undefined;
  if (!sigv4.role_arn) return keys;
  const { fromTemporaryCredentials } = await import('@aws-sdk/credential-providers');
  return fromTemporaryCredentials({
    params: {
      RoleArn: sigv4.role_arn,
      ...(sigv4.external_id ? { ExternalId: sigv4.external_id } : {}),
    },
    ...(keys ? { masterCredentials: keys } : {}),
    // STS goes through the same client (proxy, TLS) as Publish, but never to api_url.
    clientConfig: {
      requestHandler: handler as unknown as SNSClientConfig['requestHandler'],
      ...(sigv4.region ? { region: sigv4.region } : {}),
      ...(sigv4.profile ? { profile: sigv4.profile } : {}),
    },
  });
}

/** Alertmanager's handling: an API error with a status goes through the retrier, anything else is retried. */
function snsError(err: unknown, ctx: NotifyContext): unknown {
  if (err instanceof NotifyError) return err;
  const e = (err ?? {}) as SdkError;
  const status = e.$metadata?.httpStatusCode;
  if (e.$fault && status) {
    try {
      checkStatus({ status, headers: e.$response?.headers ?? {}, body: e.message ?? '' });
    } catch (checked) {
      return checked;
    }
  }
  if (ctx.signal.aborted) return new RetryableError('context canceled', 'contextCanceled');
  const message = e.message ?? String(err);
  if (/region is missing/i.test(message)) {
    return new RetryableError('region not configured in sns.sigv4.region or in default credentials chain');
  }
  const reason = e.name === 'TimeoutError' || e.name === 'AbortError' ? 'contextDeadlineExceeded' : 'other';
  return new RetryableError(`${e.name ?? 'Error'}: ${message}`, reason);
}
