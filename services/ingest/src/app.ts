import express, { type NextFunction, type Request, type Response } from 'express';
import { alertsRouter } from './api/alerts.js';
import { lifecycleRouter } from './api/lifecycle.js';
import { inputLimits } from './api/limits/input-limits.js';
import { BadRequest } from './api/query.js';
import { redisErrorHandler, requireRedis } from './api/redis-availability.js';
import { silenceErrorHandler, silencesRouter } from './api/silences.js';
import { statusRouter } from './api/status.js';
import { tocsinRouter } from './api/tocsin.js';
import { httpMetrics } from './http-metrics.js';
import type { IngestContext } from './ingest-context.js';
import { queueDashboard } from './queue-dashboard.js';

/** The ingest HTTP app: Alertmanager's API v2 under `routePrefix` (e.g. `/` or `/alertmanager`). */
export function createApp(ctx: IngestContext, routePrefix = '/'): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.use(httpMetrics(ctx.metrics, routePrefix));
  const prefix = express.Router();

  prefix.use('/api/v2', apiHeaders, requireRedis(ctx), jsonBody(ctx.maxBodyBytes));
  prefix.use('/api/v2', inputLimits(ctx.limits), alertsRouter(ctx), silencesRouter(ctx), statusRouter(ctx));
  prefix.use('/api/tocsin/v1', apiHeaders, requireRedis(ctx), tocsinRouter(ctx));
  prefix.use('/api/v1', (_req: Request, res: Response) => {
    res.status(410).json({
      status: 'deprecated',
      error: 'The Alertmanager v1 API was deprecated in version 0.16.0 and is removed; use the v2 API',
    });
  });
  prefix.use('/queues', queueDashboard(ctx, routePrefix));
  prefix.use(lifecycleRouter(ctx));
  prefix.use(silenceErrorHandler, redisErrorHandler(ctx));

  app.use(routePrefix, prefix);
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof BadRequest) {
      res.status(400).json(err.message);
      return;
    }
    const status = (err as { status?: number }).status;
    if (status === 413) {
      res.status(413).json({ code: 413, message: `request body larger than ${ctx.maxBodyBytes} bytes` });
      return;
    }
    if (err instanceof SyntaxError && status === 400) {
      const what = /silence/.test(req.path) ? 'silence' : 'alerts';
      res
        .status(400)
        .json({ code: 400, message: `parsing ${what} body from "" failed, because ${err.message}` });
      return;
    }
    // Other client errors from body-parser and the router (bad charset or encoding, JSON too
    // deep, a path that does not decode) keep their 4xx: the fuzz test found them answered 500.
    if (status !== undefined && status >= 400 && status < 500) {
      res.status(status).json({ code: status, message: (err as Error).message });
      return;
    }
    ctx.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'API request failed');
    res.status(500).json((err as Error)?.message ?? 'internal error');
  });
  return app;
}

function apiHeaders(req: Request, res: Response, next: NextFunction): void {
  res.set('Cache-Control', 'no-store');
  res.set('Access-Control-Allow-Origin', '*');
  if (req.method === 'OPTIONS') {
    res.set('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
    res.set('Access-Control-Allow-Headers', 'Accept, Authorization, Content-Type, Origin');
    res.status(200).end();
    return;
  }
  next();
}

/** JSON bodies only: another content type on a write is 415, as go-openapi answers. */
function jsonBody(limit: number) {
  const parse = express.json({ limit, strict: false, type: () => true });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST' && req.method !== 'PUT') {
      next();
      return;
    }
    if (!req.is('application/json')) {
      const type = req.headers['content-type'] ?? '';
      res.status(415).json({
        code: 415,
        message: `unsupported media type ${JSON.stringify(type)}, only [application/json] are allowed`,
      });
      return;
    }
    parse(req, res, next);
  };
}
