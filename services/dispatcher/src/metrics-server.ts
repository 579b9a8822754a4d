import { createServer, type Server } from 'node:http';
import { listenAddress } from '@tocsin/runtime';
import type { Registry } from 'prom-client';

/** `/metrics` and Alertmanager's health endpoints on `address`; resolves with the server and its URL. */
export async function serveMetrics(
  address: string,
  registry: Registry,
): Promise<{ server: Server; url: string }> {
  const { host, port } = listenAddress(address);
  const server = createServer((req, res) => {
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
  });
  await new Promise<void>((resolve) => server.listen({ host, port }, resolve));
  const bound = server.address();
  return {
    server,
    url: `http://${host ?? '127.0.0.1'}:${typeof bound === 'object' && bound ? bound.port : port}`,
  };
}
