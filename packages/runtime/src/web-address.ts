import { hostname } from 'node:os';

/** `--web.listen-address` as Alertmanager reads it: `:9093` means every interface. */
export function listenAddress(address: string): { host: string | undefined; port: number } {
  const m = /^(?:\[([^\]]*)\]|([^:]*)):(\d+)$/.exec(address);
  if (!m) throw new Error(`--web.listen-address: ${JSON.stringify(address)} is not host:port`);
  const host = m[1] ?? m[2] ?? '';
  return { host: host === '' ? undefined : host, port: Number(m[3]) };
}

/**
 * The external URL as Alertmanager derives it: `--web.external-url`, or `http://<hostname>:<port>`,
 * without trailing slashes.
 */
export function externalUrl(flag: string | undefined, port: number, host = hostname()): string {
  const url = new URL(flag ?? `http://${host}:${port}/`);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}${url.search}`;
}

/** The route prefix: `--web.route-prefix`, else the path of the external URL; `/` at least. */
export function routePrefix(flag: string | undefined, external: string): string {
  let prefix = flag ?? new URL(external).pathname;
  if (!prefix.startsWith('/')) prefix = `/${prefix}`;
  return prefix.replace(/\/+$/, '') || '/';
}
