import type { Readable } from 'node:stream';
import { type Dispatcher, request } from 'undici';

/** The parts of the SDK's HttpRequest this handler reads. */
interface SdkRequest {
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | Readable;
}

function queryString(query: SdkRequest['query']): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    const k = encodeURIComponent(key);
    if (value === null) parts.push(k);
    else for (const v of Array.isArray(value) ? value : [value]) parts.push(`${k}=${encodeURIComponent(v)}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/**
 * The AWS SDK's HTTP handler on undici and the notifier's connection pools, so an SNS config's
 * `http_config` (TLS, proxy, redirects) applies to Publish as prometheus/common's client applies
 * it upstream. The SDK signs the request before it gets here.
 */
export class UndiciRequestHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly timeoutMs: number,
  ) {}

  async handle(req: SdkRequest, options: { abortSignal?: AbortSignal } = {}) {
    const port = req.port ? `:${req.port}` : '';
    const url = `${req.protocol}//${req.hostname}${port}${req.path}${queryString(req.query)}`;
    const signals = [AbortSignal.timeout(this.timeoutMs)];
    if (options.abortSignal) signals.push(options.abortSignal);
    const res = await request(url, {
      method: req.method as Dispatcher.HttpMethod,
      headers: req.headers,
      body: req.body ?? null,
      dispatcher: this.dispatcher,
      signal: AbortSignal.any(signals),
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    // SNS replies are small XML documents: read whole, the SDK takes bytes as a body.
    const body = new Uint8Array(await res.body.arrayBuffer());
    return { response: { statusCode: res.statusCode, headers, body } };
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}
