import { hostname } from 'node:os';

/**
 * `externalURL` of notifications as Alertmanager derives it: `--web.external-url`, or
 * `http://<hostname>:9093`, with trailing slashes of the path removed.
 */
export function externalUrl(flag: string | undefined, host = hostname()): string {
  const url = new URL(flag ?? `http://${host}:9093/`);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}${url.search}`;
}
