import { readFleetStatus } from '@tocsin/coordinator';
import { type Request, type Response, Router } from 'express';
import type { IngestContext } from '../ingest-context.js';
import { VERSION_INFO } from '../version.js';

/** GET /api/v2/status and /api/v2/receivers. */
export function statusRouter(ctx: IngestContext): Router {
  const router = Router();

  router.get('/status', async (_req: Request, res: Response) => {
    const fleet = await readFleetStatus(ctx.redis, ctx.prefix);
    const hashes = new Set(fleet.filter((r) => r.ok).map((r) => r.hash));
    res.json({
      cluster: {
        name: ctx.prefix,
        // "ready" when every process runs the same config, as Alertmanager's settled cluster does.
        status: hashes.size <= 1 && fleet.every((r) => r.ok) ? 'ready' : 'settling',
        peers: fleet.map((r) => ({
          name: `${r.service}/${r.instance}`,
          address: r.instance,
          configHash: r.hash,
          configReloadOk: r.ok,
          configReloadError: r.error,
          configReloadAt: r.at,
        })),
      },
      versionInfo: VERSION_INFO,
      config: { original: ctx.state().original },
      uptime: ctx.startedAt.toISOString(),
    });
  });

  router.get('/receivers', (_req: Request, res: Response) => {
    res.json(ctx.state().config.receivers.map((r) => ({ name: r.name })));
  });

  return router;
}
