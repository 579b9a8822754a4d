import type { HttpClientConfig } from '@tocsin/config';
import { HttpClient, type HttpResponse, type PostRequest } from '../http/http-client.js';
import type { NotifyContext } from '../notifier.js';
import type { CurrentTemplates } from '../notifier-templates.js';

/** What a JSON POST may add to the usual request: another method, headers, a success body to read. */
export type PostOptions = Pick<PostRequest, 'method' | 'headers' | 'readSuccessBody' | 'maxBodyBytes'>;

/**
 * The part every HTTP integration shares: the current templates, one HttpClient (its connection
 * pools dropped on a reload and closed at shutdown), and a JSON POST bound to the attempt's
 * signal and timeout. Status handling stays with each integration: they differ there.
 */
export abstract class HttpNotifier {
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

  configChanged(): void {
    this.http.configChanged();
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
