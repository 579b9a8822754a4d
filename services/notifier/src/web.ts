import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

/** `/metrics` for Prometheus plus Alertmanager's health endpoints; nothing else. */
export function serveMetrics(registry: Registry, ready: () => boolean) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
        (err: Error) => res.writeHead(500).end(err.message),
      );
    } else if (path === '/-/healthy') {
      res.writeHead(200).end('OK');
    } else if (path === '/-/ready') {
      res.writeHead(ready() ? 200 : 503).end(ready() ? 'OK' : 'Not ready');
    } else {
      res.writeHead(404).end('Not found');
    }
  };
}
