import type { HttpClientConfig, IntegrationType, Secret } from '@tocsin/config';
import { checkStatus } from '../http/check-status.js';
import { HttpClient, type HttpResponse, type PostRequest } from '../http/http-client.js';
import type { NotifyContext } from '../notifier.js';
import type { CurrentTemplates } from '../notifier-templates.js';
import { secretOrFile } from '../secret-file.js';

/** A chat webhook's settings: its URL inline or in a file. */
export interface WebhookUrlConfig {
  webhook_url?: Secret;
  webhook_url_file?: string;
  http_config?: HttpClientConfig;
}

/** What a JSON POST may add to the usual request: another method, headers, a success body to read. */
export type PostOptions = Pick<PostRequest, 'method' | 'headers' | 'readSuccessBody' | 'maxBodyBytes'>;

/**
 * The part every HTTP integration shares: the current templates, one HttpClient (its connection
 * pools dropped on a reload and closed at shutdown), and a JSON POST bound to the attempt's
 * signal and timeout. Status handling stays with each integration: they differ there.
 */
export abstract class HttpNotifier {
  abstract readonly type: IntegrationType;

  constructor(
    protected readonly templates: CurrentTemplates,
    protected readonly http: HttpClient = new HttpClient(),
  ) {}

  protected postJson(
    url: string,
    body: string,
    httpConfig: HttpClientConfig | undefined,
    ctx: NotifyContext,
    options: PostOptions = {},
  ): Promise<HttpResponse> {
    return this.http.post({
      ...options,
      url,
      body,
      contentType: 'application/json',
      httpConfig,
      signal: ctx.signal,
      timeoutMs: ctx.timeoutMs,
    });
  }

  /**
   * POSTs `body` to the config's `webhook_url` (or `webhook_url_file`'s contents): 2xx is
   * success, 5xx is retried, a 429 waits for Retry-After, other statuses fail at once.
   */
  protected async postToWebhook(config: WebhookUrlConfig, body: string, ctx: NotifyContext): Promise<void> {
    const url = await secretOrFile(
      config.webhook_url,
      config.webhook_url_file,
      'webhook_url_file',
      `${this.type} config has neither webhook_url nor webhook_url_file`,
    );
    checkStatus(await this.postJson(url, body, config.http_config, ctx));
  }

  configChanged(): void {
    this.http.configChanged();
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
