import type { NextFunction, Request, Response } from 'express';
import type { HttpObserver, IngestMetrics } from './metrics.js';

// Answered before reaching their route (Redis down, a 415, an input limit, CORS preflight): the
// API v2 paths Alertmanager instruments are still counted under their own name.
const V2_PATHS = new Set([
  '/api/v2/alerts',
  '/api/v2/alerts/groups',
  '/api/v2/silences',
  '/api/v2/status',
  '/api/v2/receivers',
]);
const SILENCE = '/api/v2/silence/{silenceID}';

/**
 * Alertmanager's `alertmanager_http_request_duration_seconds` and
 * `alertmanager_http_response_size_bytes`, labelled by handler and method. The handler is the
 * route template without the route prefix (`/api/v2/silence/{silenceID}`, never a silence id),
 * as upstream names it; a request that matches no route is not counted.
 */
export function httpMetrics(metrics: IngestMetrics, routePrefix: string) {
  const prefix = routePrefix === '/' ? '' : routePrefix.replace(/\/+$/, '');
  const observers = new Map<string, HttpObserver>();

  const observerFor = (req: Request): HttpObserver | undefined => {
    const route = req.route as { path?: unknown } | undefined;
    if (!route) {
      // Rare (errors before routing): not cached, so random paths cannot grow the map.
      const handler = unroutedName(stripPrefix(req.originalUrl.split('?', 1)[0] ?? '', prefix));
      return handler === undefined ? undefined : metrics.httpObserver(handler, req.method);
    }
    const key = `${req.method} ${req.baseUrl}${String(route.path)}`;
    let observer = observers.get(key);
    if (!observer) {
      observer = metrics.httpObserver(
        handlerName(stripPrefix(req.baseUrl, prefix) + String(route.path)),
        req.method,
      );
      observers.set(key, observer);
    }
    return observer;
  };

  return (req: Request, res: Response, next: NextFunction): void => {
    const start = performance.now();
    res.once('finish', () => {
      const observer = observerFor(req);
      if (!observer) return;
      observer.duration.observe((performance.now() - start) / 1000);
      const length = res.getHeader('content-length');
      if (observer.size && length !== undefined) observer.size.observe(Number(length));
    });
    next();
  };
}

function stripPrefix(path: string, prefix: string): string {
  return prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** Express's `/silence/:id` as Alertmanager's `{name}` template. */
function handlerName(template: string): string {
  const name = template.replace(/:(\w+)/g, '{$1}');
  return name === '/api/v2/silence/{id}' ? SILENCE : name;
}

function unroutedName(path: string): string | undefined {
  if (V2_PATHS.has(path)) return path;
  if (path.startsWith('/api/v2/silence/')) return SILENCE;
  return undefined;
}
