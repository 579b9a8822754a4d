import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Router } from 'express';
import type { IngestContext } from './ingest-context.js';
import { stackQueues } from './stack-queues.js';

/**
 * bull-board at `<route prefix>/queues`: every queue of the stack (`alerts`, `groups`,
 * `notify.<type>`) with its jobs, payloads and errors. Read-only: retrying, removing or
 * promoting jobs by hand would bypass the group timers and the notification log; failed
 * notifications are replayed through the dead-letters API instead. It sits in the ingest app,
 * so whatever guards the API (`--web.config.file`) guards it too.
 */
export function queueDashboard(ctx: Pick<IngestContext, 'redis' | 'prefix'>, routePrefix: string): Router {
  const board = new ExpressAdapter();
  board.setBasePath(`${routePrefix.replace(/\/+$/, '')}/queues`);
  createBullBoard({
    queues: stackQueues(ctx.redis, ctx.prefix).map((q) => new BullMQAdapter(q, { readOnlyMode: true })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Tocsin queues' } },
  });
  return board.getRouter() as Router;
}
