import type { HttpClientConfig } from '@tocsin/config';
import { ATTR, context, inSpan, propagation, SpanKind, SpanStatusCode } from '@tocsin/telemetry';
import { request } from 'undici';
import { NotifyError, RetryableError } from '../notify-errors.js';
import { DispatcherCache } from './dispatchers.js';
import { redactUrl } from './redact.js';
import { configHeaders } from './request-headers.js';

/** What Alertmanager 0.34 sends (`version.ComponentUserAgent("Alertmanager")`). */
export const USER_AGENT = 'Alertmanager/0.34.0';
// Error bodies end up in messages and in Redis; a receiver's HTML error page need not.
const MAX_ERROR_BODY_BYTES = 4096;

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as text, cut at a few KiB: only read to explain a failure. */
  body: string;
}

export interface PostRequest {
  /** POST unless said otherwise (Jira also GETs and PUTs). */
  method?: 'POST' | 'PUT' | 'GET';
  url: string;
  /** Absent for a GET. */
  body?: string;
  contentType: string;
  headers?: Record<string, string>;
  httpConfig: HttpClientConfig | undefined;
  signal: AbortSignal;
  timeoutMs: number;
  /** Read the body of a 2xx reply too (Slack says `ok: false` with a 200). */
  readSuccessBody?: boolean;
  /** How much of the reply to read; a few KiB unless a 2xx reply must be parsed whole. */
  maxBodyBytes?: number;
}

async function readBody(body: AsyncIterable<Buffer>, limit = MAX_ERROR_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

/**
 * prometheus/common's HTTP client on undici: http_config's auth, headers, TLS, proxy and
 * redirects, one attempt per call, the URL never in an error message.
 */
export class HttpClient {
  private readonly dispatchers = new DispatcherCache();

  /**
   * One request in a client span named after its method (OpenTelemetry's HTTP conventions),
   * a child of the notify job's span; the trace context goes out in the request's headers
   * (`traceparent`) when tracing is on. Only the scheme, host and port are recorded: webhook
   * URLs often carry credentials in their path.
   */
  post(req: PostRequest): Promise<HttpResponse> {
    const method = req.method ?? 'POST';
    const url = URL.canParse(req.url) ? new URL(req.url) : undefined;
    return inSpan(
      method,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [ATTR.httpMethod]: method,
          ...(url
            ? {
                [ATTR.urlScheme]: url.protocol.replace(/:$/, ''),
                [ATTR.serverAddress]: url.hostname,
                [ATTR.serverPort]: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
              }
            : {}),
        },
      },
      async (span) => {
        const res = await this.send(req);
        span.setAttribute(ATTR.httpStatus, res.status);
        if (res.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
        return res;
      },
    );
  }

  private async send(req: PostRequest): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(req.timeoutMs);
    const signal = AbortSignal.any([req.signal, timeout]);
    try {
      const dispatcher = await this.dispatchers.get(req.httpConfig);
      const headers: Record<string, string | string[]> = {
        ...(await configHeaders(req.httpConfig)),
        ...req.headers,
        'User-Agent': USER_AGENT,
        // Go sends no Content-Type on a GET without a body; '' leaves it out.
        ...(req.contentType ? { 'Content-Type': req.contentType } : {}),
      };
      propagation.inject(context.active(), headers);
      const res = await request(req.url, {
        method: req.method ?? 'POST',
        body: req.body,
        headers,
        dispatcher,
        signal,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      if (res.statusCode >= 200 && res.statusCode < 300 && !req.readSuccessBody) {
        // Drain the body so the connection goes back to the pool.
        await res.body.dump();
        return { status: res.statusCode, headers: res.headers, body: '' };
      }
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      const body = await readBody(res.body, ok ? req.maxBodyBytes : undefined);
      return { status: res.statusCode, headers: res.headers, body };
    } catch (err) {
      if (err instanceof NotifyError) throw err;
      const why = timeout.aborted
        ? `context deadline exceeded (timeout ${req.timeoutMs}ms)`
        : req.signal.aborted
          ? 'context canceled'
          : errorText(err);
      const reason = timeout.aborted
        ? 'contextDeadlineExceeded'
        : req.signal.aborted
          ? 'contextCanceled'
          : 'other';
      // Go's wording: `Post "<url>": ...`, `Put ...`, `Get ...`.
      const verb = (req.method ?? 'POST').charAt(0) + (req.method ?? 'POST').slice(1).toLowerCase();
      throw new RetryableError(redactUrl(`${verb} "<redacted>": ${why}`, req.url), reason);
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

function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as NodeJS.ErrnoException).code;
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  const text = `${err.message}${cause}`;
  return code && !text.includes(code) ? `${code}: ${text}` : text;
}
