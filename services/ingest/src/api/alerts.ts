import { matchesLabels } from '@tocsin/matchers';
import { type Alert, type GettableAlert, processPostAlerts, toGettableAlert } from '@tocsin/model';
import { type Request, type Response, Router } from 'express';
import { passesStateFilter, viewAlert } from '../alert-view.js';
import type { IngestContext } from '../ingest-context.js';
import { filterMatchers, receiverFilter, stateFilter } from './query.js';

/** POST/GET /api/v2/alerts and GET /api/v2/alerts/groups. */
export function alertsRouter(ctx: IngestContext): Router {
  const router = Router();

  router.post('/alerts', async (req: Request, res: Response) => {
    const now = ctx.now();
    const outcome = processPostAlerts(req.body, now, ctx.state().resolveTimeoutMs);
    ctx.metrics.alertsReceived(outcome.received, outcome.invalid);
    if (outcome.alerts.length > 0) {
      // Stored before the answer, so a GET right after this POST sees the alerts.
      const { stored } = await ctx.store.put(outcome.alerts, now);
      await ctx.alertsQueue.enqueue(stored.map((a) => a.fingerprint));
    }
    if (outcome.status === 200) res.status(200).end();
    else res.status(outcome.status).json(outcome.body);
  });

  router.get('/alerts', async (req: Request, res: Response) => {
    const matchers = filterMatchers(req);
    const receiverOk = receiverFilter(req);
    const flags = stateFilter(req);
    const now = ctx.now();
    const { routes, inhibitor } = ctx.state();
    const alerts = await ctx.store.list({ now });
    inhibitor.index(alerts, now);
    const out: GettableAlert[] = [];
    for (const alert of alerts) {
      if (!matchesLabels(matchers, alert.labels)) continue;
      const receivers = routes.receiversFor(alert.labels);
      if (receiverOk && !receivers.some(receiverOk)) continue;
      const view = viewAlert(alert, ctx.silences, inhibitor, now);
      if (!passesStateFilter(view, flags)) continue;
      out.push(toGettableAlert(alert, receivers, view));
    }
    res.json(out);
  });

  router.get('/alerts/groups', async (req: Request, res: Response) => {
    const matchers = filterMatchers(req);
    const receiverOk = receiverFilter(req);
    const flags = stateFilter(req);
    const now = ctx.now();
    const { routes, inhibitor } = ctx.state();
    const alerts = await ctx.store.list({ now });
    inhibitor.index(alerts, now);
    const groups = new Map<string, { labels: Record<string, string>; receiver: string; alerts: Alert[] }>();
    // AM lists, for each alert in a group, the receivers of every returned group it is in.
    const receiversOf = new Map<string, string[]>();
    for (const alert of alerts) {
      if (!matchesLabels(matchers, alert.labels)) continue;
      for (const group of routes.groupsFor(alert.labels)) {
        if (receiverOk && !receiverOk(group.route.receiver)) continue;
        let entry = groups.get(group.id);
        if (!entry) {
          entry = { labels: group.labels, receiver: group.route.receiver, alerts: [] };
          groups.set(group.id, entry);
        }
        entry.alerts.push(alert);
        receiversOf.set(alert.fingerprint, [
          ...(receiversOf.get(alert.fingerprint) ?? []),
          group.route.receiver,
        ]);
      }
    }
    const out = [];
    for (const group of groups.values()) {
      const members: GettableAlert[] = [];
      for (const alert of group.alerts) {
        const view = viewAlert(alert, ctx.silences, inhibitor, now);
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
