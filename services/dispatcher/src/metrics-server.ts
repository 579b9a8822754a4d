import type { Server } from 'node:http';
import { type LogSink, listenAddress } from '@tocsin/runtime';
import { createWebServer } from '@tocsin/web-config';
import type { Registry } from 'prom-client';

/**
 * `/metrics` and Alertmanager's health endpoints on `address`, under `--web.config.file` (TLS,
 * basic auth on /metrics; the health checks stay open); resolves with the server and its URL.
 */
export async function serveMetrics(
  address: string,
  registry: Registry,
  options: { webConfigFile?: string | undefined; logger?: LogSink } = {},
): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const { host, port } = listenAddress(address);
  const web = await createWebServer(
    (req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/metrics') {
        registry.metrics().then(
          (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
          (err: Error) => res.writeHead(500).end(err.message),
        );
      } else if (path === '/-/healthy' || path === '/-/ready') {
        res.writeHead(200).end('OK');
      } else {
        res.writeHead(404).end('Not found');
      }
    },
    { ...options, publicPaths: ['/-/healthy', '/-/ready'] },
  );
  const bound = await web.listen(host, port);
  return { server: web.server, url: `${web.scheme}://${host ?? '127.0.0.1'}:${bound}`, close: web.close };
}
