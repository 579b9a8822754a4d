import { createHash } from 'node:crypto';
import type { HttpClientConfig } from '@tocsin/config';
import { Agent, type Dispatcher, EnvHttpProxyAgent, interceptors } from 'undici';
import { UnrecoverableNotifyError } from '../notify-errors.js';
import { tlsOptions } from './tls-options.js';

// Go's http.Client stops after 10 redirects.
const MAX_REDIRECTS = 10;
// Keep-alive connections idle this long are closed; Alertmanager's client uses 5 minutes.
const KEEP_ALIVE_MS = 5 * 60_000;

interface ClientSettings {
  tls: Awaited<ReturnType<typeof tlsOptions>>;
  proxyUrl?: string;
  noProxy?: string;
  proxyFromEnvironment?: boolean;
  proxyHeaders?: Record<string, string>;
  followRedirects: boolean;
}

async function clientSettings(config: HttpClientConfig | undefined): Promise<ClientSettings> {
  const settings: ClientSettings = {
    tls: await tlsOptions(config?.tls_config),
    followRedirects: config?.follow_redirects ?? true,
  };
  if (config?.proxy_url) settings.proxyUrl = config.proxy_url;
  if (config?.no_proxy) settings.noProxy = config.no_proxy;
  if (config?.proxy_from_environment) settings.proxyFromEnvironment = true;
  if (config?.proxy_connect_header) {
    settings.proxyHeaders = Object.fromEntries(
      Object.entries(config.proxy_connect_header).map(([name, values]) => [
        name,
        values.map((v) => v.reveal()).join(', '),
      ]),
    );
  }
  return settings;
}

function build(s: ClientSettings): Dispatcher {
  const { servername: _servername, ...proxyTls } = s.tls;
  const common = { connect: s.tls, keepAliveTimeout: KEEP_ALIVE_MS };
  let dispatcher: Dispatcher;
  if (s.proxyUrl || s.proxyFromEnvironment) {
    if (s.proxyUrl?.startsWith('socks'))
      throw new UnrecoverableNotifyError('SOCKS proxies are not supported yet');
    dispatcher = new EnvHttpProxyAgent({
      ...common,
      // An explicit proxy_url ignores the environment, as Go's http.ProxyURL does.
      ...(s.proxyUrl ? { httpProxy: s.proxyUrl, httpsProxy: s.proxyUrl, noProxy: s.noProxy ?? '' } : {}),
      requestTls: s.tls,
      proxyTls,
      // Plain HTTP goes through the proxy as absolute-URI requests (no CONNECT), like Go's transport.
      proxyTunnel: false,
      ...(s.proxyHeaders ? { headers: s.proxyHeaders } : {}),
    });
  } else {
    dispatcher = new Agent(common);
  }
  return s.followRedirects
    ? dispatcher.compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTS }))
    : dispatcher;
}

/**
 * Connection pools per distinct client settings (TLS material, proxy, redirects), shared by every
 * integration with the same settings. Built lazily and rebuilt when a TLS file changes.
 */
export class DispatcherCache {
  private readonly pools = new Map<string, Dispatcher>();

  async get(config: HttpClientConfig | undefined): Promise<Dispatcher> {
    const settings = await clientSettings(config);
    const key = createHash('sha256').update(JSON.stringify(settings)).digest('hex');
    let pool = this.pools.get(key);
    if (!pool) {
      pool = build(settings);
      this.pools.set(key, pool);
    }
    return pool;
  }

  /** Closes every pool (in-flight requests finish first); the next send builds fresh ones. */
  async clear(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.allSettled(pools.map((p) => p.close()));
  }
}
