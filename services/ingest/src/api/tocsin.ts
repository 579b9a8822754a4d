import { INTEGRATION_TYPES, type Receiver } from '@tocsin/config';
import { type DeadLetter, DeadLetters } from '@tocsin/dead-letters';
import { type IntegrationRef, type IntegrationStatus, ReceiverStatus } from '@tocsin/receiver-status';
import { type Request, type Response, Router } from 'express';
import type { IngestContext } from '../ingest-context.js';
import { queryValues } from './query.js';

/** Largest `limit` of a dead letter list. */
const MAX_LIMIT = 10_000;
const DEFAULT_LIMIT = 100;

/**
 * Tocsin's own API, beside Alertmanager's v2: the dead letters (list, show, replay, discard)
 * and the delivery status of every receiver integration. Errors are `{code, message}`.
 */
export function tocsinRouter(ctx: IngestContext): Router {
  const router = Router();
  // Readers only: the notifier, which writes them, trims by its --dead-letters.retention.
  const deadLetters = new DeadLetters(ctx.redis, { prefix: ctx.prefix });
  const status = new ReceiverStatus(ctx.redis, { prefix: ctx.prefix });

  router.get('/dead-letters', async (req: Request, res: Response) => {
    const [receiver] = queryValues(req, 'receiver');
    const [integration] = queryValues(req, 'integration');
    const [limitText] = queryValues(req, 'limit');
    if (integration !== undefined && !(INTEGRATION_TYPES as readonly string[]).includes(integration)) {
      fail(
        res,
        400,
        `unknown integration ${JSON.stringify(integration)} (one of ${INTEGRATION_TYPES.join(', ')})`,
      );
      return;
    }
    const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      fail(res, 400, `limit must be an integer from 1 to ${MAX_LIMIT}, got ${JSON.stringify(limitText)}`);
      return;
    }
    const list = await deadLetters.list({
      receiver: receiver || undefined,
      integration: integration || undefined,
      limit,
    });
    res.json(list.map(summary));
  });

  router.get('/dead-letters/:id', async (req: Request, res: Response) => {
    const letter = await deadLetters.get(idOf(req));
    if (!letter) return notFound(res, idOf(req));
    res.json({ ...summary(letter), notification: letter.notification });
  });

  router.post('/dead-letters/:id/replay', async (req: Request, res: Response) => {
    const id = idOf(req);
    const letter = await deadLetters.get(id);
    if (!letter) return notFound(res, id);
    // The notifier drops a notification whose integration a reload removed: say so now instead.
    if (!hasIntegration(ctx.state().config.receivers, letter)) {
      fail(
        res,
        409,
        `receiver ${JSON.stringify(letter.receiver)} has no ${letter.integration} integration at index ${letter.index} in the current configuration; dead letter ${JSON.stringify(id)} not replayed`,
      );
      return;
    }
    const replayed = await deadLetters.replay(id, ctx.now());
    if (!replayed) return notFound(res, id);
    res.status(202).json({ id, jobId: replayed.jobId, queue: replayed.queue });
  });

  router.delete('/dead-letters/:id', async (req: Request, res: Response) => {
    const id = idOf(req);
    if (!(await deadLetters.discard(id))) return notFound(res, id);
    res.json({ id, discarded: true });
  });

  router.get('/receivers', async (_req: Request, res: Response) => {
    const receivers = ctx.state().config.receivers;
    const refs: (IntegrationRef & { sendResolved: boolean })[] = [];
    for (const r of receivers) {
      for (const [integration, index, c] of integrationsOf(r)) {
        refs.push({ receiver: r.name, integration, index, sendResolved: c.send_resolved === true });
      }
    }
    const statuses = await status.read(refs);
    res.json(
      receivers.map((r) => ({
        name: r.name,
        integrations: refs
          .map((ref, i) => ({ ref, status: statuses[i] as IntegrationStatus }))
          .filter(({ ref }) => ref.receiver === r.name)
          .map(({ ref, status }) => ({
            integration: ref.integration,
            index: ref.index,
            sendResolved: ref.sendResolved,
            ...statusView(status),
          })),
      })),
    );
  });

  return router;
}

const idOf = (req: Request): string => String(req.params.id);

function fail(res: Response, code: number, message: string): void {
  res.status(code).json({ code, message });
}

function notFound(res: Response, id: string): void {
  fail(res, 404, `dead letter ${JSON.stringify(id)} not found (discarded, replayed, or past the retention)`);
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A dead letter without its notification, for lists. */
function summary(l: DeadLetter) {
  return {
    id: l.id,
    receiver: l.receiver,
    integration: l.integration,
    index: l.index,
    groupKey: l.groupKey,
    groupLabels: l.notification.groupLabels,
    alertCount: Array.isArray(l.notification.alerts) ? l.notification.alerts.length : 0,
    lastError: l.lastError,
    reason: l.reason,
    attempts: l.attempts,
    replays: l.replays,
    firstFailedAt: iso(l.firstFailedAt),
    lastFailedAt: iso(l.lastFailedAt),
    jobId: l.jobId,
  };
}

function statusView(s: IntegrationStatus) {
  return {
    lastAttemptAt: iso(s.lastAttemptAt),
    lastAttemptDurationSeconds: s.lastAttemptDurationMs === null ? null : s.lastAttemptDurationMs / 1000,
    lastSuccessAt: iso(s.lastSuccessAt),
    lastErrorAt: iso(s.lastErrorAt),
    lastError: s.lastError,
    attempts: s.attempts,
    failures: s.failures,
  };
}

type IntegrationEntry = [integration: string, index: number, config: { send_resolved?: boolean }];

/** A receiver's integrations in upstream's order: type, then position among that type's configs. */
function integrationsOf(r: Receiver): IntegrationEntry[] {
  const out: IntegrationEntry[] = [];
  for (const type of INTEGRATION_TYPES) {
    const list = (r as unknown as Record<string, { send_resolved?: boolean }[] | undefined>)[
      `${type}_configs`
    ];
    list?.forEach((c, index) => {
      out.push([type, index, c]);
    });
  }
  return out;
}

function hasIntegration(receivers: readonly Receiver[], l: DeadLetter): boolean {
  const r = receivers.find((x) => x.name === l.receiver);
  return (
    r !== undefined && integrationsOf(r).some(([type, index]) => type === l.integration && index === l.index)
  );
}
