import { SilenceError } from '@tocsin/silences';
import { type NextFunction, type Request, type Response, Router } from 'express';
import type { IngestContext } from '../ingest-context.js';
import { boolParam, filterMatchers } from './query.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GET/POST /api/v2/silences, GET/DELETE /api/v2/silence/{id}. */
export function silencesRouter(ctx: IngestContext): Router {
  const router = Router();

  router.get('/silences', async (req: Request, res: Response) => {
    const filter = filterMatchers(req);
    const states = (['active', 'pending', 'expired'] as const).filter((s) => boolParam(req, s));
    res.json(await ctx.silences.list({ filter, states }));
  });

  router.post('/silences', async (req: Request, res: Response) => {
    const { id } = await ctx.silences.set(req.body);
    res.json({ silenceID: id });
  });

  router.get('/silence/:id', requireUuid, async (req: Request, res: Response) => {
    const silence = await ctx.silences.get(req.params.id as string);
    if (silence) res.json(silence);
    else res.status(404).end();
  });

  router.delete('/silence/:id', requireUuid, async (req: Request, res: Response) => {
    await ctx.silences.expire(req.params.id as string);
    res.status(200).end();
  });

  return router;
}

/** go-openapi rejects a path id that is not a UUID before the handler runs: 422, code 601. */
function requireUuid(req: Request, res: Response, next: NextFunction): void {
  const id = req.params.id as string;
  if (UUID.test(id)) {
    next();
    return;
  }
  res
    .status(422)
    .json({ code: 601, message: `silenceID in path must be of type uuid: ${JSON.stringify(id)}` });
}

/** Silence errors carry Alertmanager's status code and body. */
export function silenceErrorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!(err instanceof SilenceError)) {
    next(err);
    return;
  }
  res.status(err.status).json(err.body);
}
