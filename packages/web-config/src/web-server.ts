import { stat } from 'node:fs/promises';
import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { LogSink } from '@tocsin/runtime';
import { BasicAuth } from './basic-auth.js';
import { clientCertificateProblem, type LoadedWebConfig, loadWebConfig } from './load-web-config.js';
import { RateLimiter } from './rate-limiter.js';

export interface WebServerOptions {
  /** `--web.config.file`; unset or empty: plain HTTP, no credentials. */
  webConfigFile?: string | undefined;
  /** Paths (exact, query aside) that need no credentials: the health checks. */
  publicPaths?: readonly string[];
  logger?: LogSink;
  /** How often the file and the files it names are checked for changes. */
  pollIntervalMs?: number;
}

export interface WebServer {
  server: Server;
  scheme: 'http' | 'https';
  /** Listens; resolves with the port bound (useful with port 0). */
  listen(host: string | undefined, port: number): Promise<number>;
  /** Stops watching the file and closes the server. */
  close(): Promise<void>;
}

interface Active {
  loaded: LoadedWebConfig;
  auth: BasicAuth;
  limiter?: RateLimiter;
  headers: [string, string][];
  publicPaths: Set<string>;
}

/**
 * An HTTP or HTTPS server for `handler` governed by `--web.config.file`: TLS, extra response
 * headers, rate limit, and basic auth on every path except `publicPaths`. The file is read here
 * (an invalid one rejects, so start-up fails) and then re-read within `pollIntervalMs` whenever
 * it or a certificate file it names changes; an invalid edit is logged and changes nothing.
 * Certificates, keys, client CA, TLS versions, ciphers, users, headers and the rate limit change
 * on the fly; switching TLS on or off, or client_auth_type, takes a restart.
 */
export async function createWebServer(
  handler: RequestListener,
  options: WebServerOptions = {},
): Promise<WebServer> {
  const file = options.webConfigFile;
  if (!file) {
    const server = createServer(handler);
    return { server, scheme: 'http', listen: (h, p) => listen(server, h, p), close: () => close(server) };
  }
  const logger = options.logger;
  const build = (loaded: LoadedWebConfig): Active => {
    const { config } = loaded;
    const active: Active = {
      loaded,
      auth: new BasicAuth(config.users),
      headers: Object.entries(config.headers),
      publicPaths: new Set([...(options.publicPaths ?? []), ...config.authExcludedPaths]),
    };
    if (config.rateLimit)
      active.limiter = new RateLimiter(config.rateLimit.intervalMs, config.rateLimit.burst);
    return active;
  };
  let active = build(await loadWebConfig(file));
  const startTls = active.loaded.tls;

  const guarded: RequestListener = (req, res) => {
    const a = active;
    for (const [name, value] of a.headers) res.setHeader(name, value);
    if (a.limiter && !a.limiter.take()) {
      plain(res, 429, 'Too Many Requests');
      return;
    }
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    if (!a.auth.enabled || a.publicPaths.has(q === -1 ? url : url.slice(0, q))) {
      handler(req, res);
      return;
    }
    const ok = a.auth.check(req.headers.authorization);
    if (ok === true) handler(req, res);
    else if (ok === false) unauthorized(res);
    else ok.then((yes) => (yes ? handler(req, res) : unauthorized(res)));
  };

  const server: Server = startTls
    ? createHttpsServer(
        {
          ...startTls.context,
          requestCert: startTls.requestCert,
          rejectUnauthorized: startTls.rejectUnauthorized,
        },
        guarded,
      )
    : createServer(guarded);
  if (startTls) {
    server.on('secureConnection', (socket: TLSSocket) => {
      const tls = active.loaded.config.tls;
      const problem = tls && clientCertificateProblem(socket, tls);
      if (problem) {
        logger?.warn({ remote: socket.remoteAddress, reason: problem }, 'TLS client rejected');
        socket.destroy();
      }
    });
    // A failed handshake is the client's problem, not an error of the server.
    server.on('tlsClientError', () => {});
  }

  // Change detection by stat, so an edit of the file or a renewed certificate is picked up.
  let signature = await signatureOf(active.loaded.files);
  let checking = false;
  const poll = setInterval(async () => {
    if (checking) return;
    checking = true;
    try {
      const now = await signatureOf(active.loaded.files);
      if (now === signature) return;
      signature = now;
      const loaded = await loadWebConfig(file);
      if (Boolean(loaded.tls) !== Boolean(startTls) || loaded.tls?.requestCert !== startTls?.requestCert) {
        logger?.error(
          { file },
          'Web config: turning TLS on or off or changing client_auth_type needs a restart',
        );
      }
      const next = build(loaded);
      if (startTls && loaded.tls && 'setSecureContext' in server)
        (server as unknown as { setSecureContext(o: object): void }).setSecureContext(loaded.tls.context);
      active = next;
      signature = await signatureOf(loaded.files);
      logger?.info({ file }, 'Web config reloaded');
    } catch (err) {
      logger?.error(
        { file, err: (err as Error).message },
        'Web config reload failed; the previous one stays',
      );
    } finally {
      checking = false;
    }
  }, options.pollIntervalMs ?? 1000);
  poll.unref();

  logger?.info({ file, tls: Boolean(startTls), basicAuth: active.auth.enabled }, 'Web config loaded');
  return {
    server,
    scheme: startTls ? 'https' : 'http',
    listen: (h, p) => listen(server, h, p),
    close: () => {
      clearInterval(poll);
      return close(server);
    },
  };
}

async function signatureOf(files: readonly string[]): Promise<string> {
  const parts = await Promise.all(
    files.map((f) =>
      stat(f).then(
        (s) => `${s.ino}:${s.size}:${s.mtimeMs}`,
        () => 'missing',
      ),
    ),
  );
  return parts.join('|');
}

function unauthorized(res: ServerResponse): void {
  res.setHeader('WWW-Authenticate', 'Basic');
  plain(res, 401, 'Unauthorized');
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
}

function listen(server: Server, host: string | undefined, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      const bound = server.address();
      resolve(typeof bound === 'object' && bound ? bound.port : port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections would hold close() open until they time out.
    server.closeIdleConnections();
  });
}
