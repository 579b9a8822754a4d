import { matchesLabels } from '@tocsin/matchers';
import { type Alert, type GettableAlert, processPostAlerts, toGettableAlert } from '@tocsin/model';
import { ATTR, context, inSpan, propagation, SPAN, SpanKind } from '@tocsin/telemetry';
import { type Request, type Response, Router } from 'express';
import { passesStateFilter, viewAlert } from '../alert-view.js';
import { mutedByGroup } from '../group-muting.js';
import type { IngestContext } from '../ingest-context.js';
import { boolParam, filterMatchers, receiverFilter, stateFilter } from './query.js';

/** POST/GET /api/v2/alerts and GET /api/v2/alerts/groups. */
export function alertsRouter(ctx: IngestContext): Router {
  const router = Router();

  router.post('/alerts', (req: Request, res: Response) =>
    // The first span of an alert's trace; a client's `traceparent` (Prometheus sends one when it
    // traces) makes it a child of the client's span.
    inSpan(
      SPAN.postAlerts,
      {
        kind: SpanKind.SERVER,
        attributes: { [ATTR.httpMethod]: 'POST', [ATTR.httpRoute]: '/api/v2/alerts' },
      },
      async (span) => {
        const now = ctx.now();
        const outcome = processPostAlerts(req.body, now, ctx.state().resolveTimeoutMs);
        ctx.metrics.alertsReceived(outcome.received, outcome.invalid);
        span.setAttribute(ATTR.alertsReceived, outcome.received.firing + outcome.received.resolved);
        span.setAttribute(ATTR.alertsInvalid, outcome.invalid);
        if (outcome.alerts.length > 0) {
          // Stored before the answer, so a GET right after this POST sees the alerts.
          const { stored } = await ctx.store.put(outcome.alerts, now);
          await ctx.alertsQueue.enqueue(stored.map((a) => a.fingerprint));
        }
        span.setAttribute(ATTR.httpStatus, outcome.status);
        if (outcome.status === 200) res.status(200).end();
        else res.status(outcome.status).json(outcome.body);
      },
      propagation.extract(context.active(), req.headers),
    ),
  );

  router.get('/alerts', async (req: Request, res: Response) => {
    const { receiverOk, flags, now, routes, inhibitor, selected } = await readQuery(ctx, req);
    const groupsOf = new Map(selected.map((alert) => [alert.fingerprint, routes.groupsFor(alert.labels)]));
    const muted = await mutedByGroup(
      ctx.redis,
      ctx.prefix,
      [...groupsOf.values()].flat().map((g) => g.id),
    );
    const out: GettableAlert[] = [];
    for (const alert of selected) {
      const groups = groupsOf.get(alert.fingerprint) ?? [];
      const receivers = groups.map((g) => g.route.receiver);
      if (receiverOk && !receivers.some(receiverOk)) continue;
      const mutedBy = [...new Set(groups.flatMap((g) => muted.get(g.id) ?? []))];
      const view = viewAlert(alert, ctx.silences, inhibitor, now, mutedBy);
      if (!passesStateFilter(view, flags)) continue;
      out.push(toGettableAlert(alert, receivers, view));
    }
    res.json(out);
  });

  router.get('/alerts/groups', async (req: Request, res: Response) => {
    const { receiverOk, flags, now, routes, inhibitor, selected } = await readQuery(ctx, req);
    const groups = new Map<
      string,
      { id: string; labels: Record<string, string>; receiver: string; alerts: Alert[] }
    >();
    // AM lists, for each alert in a group, the receivers of every returned group it is in.
    const receiversOf = new Map<string, string[]>();
    for (const alert of selected) {
      for (const group of routes.groupsFor(alert.labels)) {
        if (receiverOk && !receiverOk(group.route.receiver)) continue;
        let entry = groups.get(group.id);
        if (!entry) {
          entry = { id: group.id, labels: group.labels, receiver: group.route.receiver, alerts: [] };
          groups.set(group.id, entry);
        }
        entry.alerts.push(alert);
        receiversOf.set(alert.fingerprint, [
          ...(receiversOf.get(alert.fingerprint) ?? []),
          group.route.receiver,
        ]);
      }
    }
    const muted = await mutedByGroup(ctx.redis, ctx.prefix, groups.keys());
    // ≥0.28: muted=false leaves out groups a time interval mutes.
    const showMuted = boolParam(req, 'muted');
    const out = [];
    for (const group of groups.values()) {
      const mutedBy = muted.get(group.id) ?? [];
      if (!showMuted && mutedBy.length > 0) continue;
      const members: GettableAlert[] = [];
      for (const alert of group.alerts) {
        const view = viewAlert(alert, ctx.silences, inhibitor, now, mutedBy);
        const receivers = receiversOf.get(alert.fingerprint) ?? [];
        if (passesStateFilter(view, flags)) members.push(toGettableAlert(alert, receivers, view));
      }
      if (members.length > 0)
        out.push({ labels: group.labels, receiver: { name: group.receiver }, alerts: members });
    }
    res.json(out);
  });

  return router;
}

/**
 * What both alert reads start from: the query's filters, the current config's state, and the
 * stored alerts that match `filter` (the inhibitor indexed on all of them, as its sources need).
 */
async function readQuery(ctx: IngestContext, req: Request) {
  const matchers = filterMatchers(req);
  const receiverOk = receiverFilter(req);
  const flags = stateFilter(req);
  const now = ctx.now();
  const { routes, inhibitor } = ctx.state();
  const alerts = await ctx.store.list({ now });
  inhibitor.index(alerts, now);
  const selected = alerts.filter((alert) => matchesLabels(matchers, alert.labels));
  return { receiverOk, flags, now, routes, inhibitor, selected };
}
