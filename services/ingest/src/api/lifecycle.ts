import { type Request, type Response, Router } from 'express';
import type { IngestContext } from '../ingest-context.js';

/** /-/healthy, /-/ready, /-/reload and /metrics, at Alertmanager's paths. */
export function lifecycleRouter(ctx: IngestContext): Router {
  const router = Router();

  router.all('/-/healthy', (_req: Request, res: Response) => {
    res.type('text/plain').send('OK');
  });

  router.all('/-/ready', (_req: Request, res: Response) => {
    const ready = ctx.redis.status === 'ready' && ctx.hasState();
    res
      .status(ready ? 200 : 503)
      .type('text/plain')
      .send(ready ? 'OK' : 'Not ready');
  });

  router.post('/-/reload', async (_req: Request, res: Response) => {
    const result = await ctx.reload();
    if (result.ok) res.status(200).end();
    else res.status(500).type('text/plain').send(`failed to reload config: ${result.error}`);
  });
  router.all('/-/reload', (_req: Request, res: Response) => {
    res.status(405).type('text/plain').send('Only POST requests allowed');
  });

  router.get('/metrics', async (_req: Request, res: Response) => {
    res.type(ctx.registry.contentType).send(await ctx.registry.metrics());
  });

  return router;
}
