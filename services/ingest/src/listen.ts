import { hostname } from 'node:os';

/** `--web.listen-address` as Alertmanager reads it: `:9093` means every interface. */
export function listenAddress(address: string): { host: string | undefined; port: number } {
  const m = /^(?:\[([^\]]*)\]|([^:]*)):(\d+)$/.exec(address);
  if (!m) throw new Error(`--web.listen-address: ${JSON.stringify(address)} is not host:port`);
  const host = m[1] ?? m[2] ?? '';
  return { host: host === '' ? undefined : host, port: Number(m[3]) };
}

/**
 * The external URL (default `http://<hostname>:<port>`) and the route prefix (default: the
 * external URL's path), as Alertmanager derives them.
 */
export function resolveWebUrls(
  externalUrl: string | undefined,
  routePrefix: string | undefined,
  port: number,
): { externalUrl: string; routePrefix: string } {
  const url = new URL(externalUrl ?? `http://${hostname()}:${port}/`);
  const path = url.pathname.replace(/\/+$/, '');
  const external = `${url.origin}${path}`;
  let prefix = routePrefix ?? path;
  if (!prefix.startsWith('/')) prefix = `/${prefix}`;
  return { externalUrl: external, routePrefix: prefix.replace(/\/+$/, '') || '/' };
}
