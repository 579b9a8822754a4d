import { type Alert, fingerprint, type LabelSet } from '@tocsin/model';
import type { NflogEntry } from '@tocsin/nflog';
import { describe, expect, it } from 'vitest';
import { snapshotAt } from './flush-snapshot.js';
import { planNotifications } from './notify-plan.js';
import type { ReceiverIntegration } from './receiver-integrations.js';

const T = Date.UTC(2024, 0, 1);
const withResolved: ReceiverIntegration = { type: 'webhook', index: 0, sendResolved: true };
const withoutResolved: ReceiverIntegration = { type: 'webhook', index: 1, sendResolved: false };

function group(firing: string[], resolved: string[]) {
  const make = (name: string, endsAt: number): Alert => {
    const labels: LabelSet = { alertname: name };
    return {
      labels,
      annotations: {},
      startsAt: T - 60_000,
      endsAt,
      generatorURL: '',
      updatedAt: T,
      timeout: false,
      fingerprint: fingerprint(labels),
    };
  };
  return snapshotAt([...firing.map((n) => make(n, T + 1)), ...resolved.map((n) => make(n, T - 1))], T);
}

const fp = (name: string) => fingerprint({ alertname: name });
const entry = (firing: string[], resolved: string[] = []): NflogEntry => ({
  firing: firing.map(fp),
  resolved: resolved.map(fp),
  timestamp: T - 1000,
});

function plan(kept: ReturnType<typeof group>, entries: (NflogEntry | undefined)[]) {
  return planNotifications({
    kept,
    integrations: [withResolved, withoutResolved],
    entries,
    repeatIntervalMs: 3_600_000,
    now: T,
  }).map((p) => ({
    action: p.action,
    reason: p.action === 'skip' ? undefined : p.reason,
    alerts: p.action === 'send' ? p.alerts.map((a) => a.alert.labels.alertname) : undefined,
  }));
}

describe('planNotifications (AM DedupStage + RetryStage send_resolved)', () => {
  it('sends the first notification to every integration', () => {
    expect(plan(group(['A'], []), [undefined, undefined])).toEqual([
      { action: 'send', reason: 'first notification', alerts: ['A'] },
      { action: 'send', reason: 'first notification', alerts: ['A'] },
    ]);
  });

  it('partial resolve: sends with the resolved alert when send_resolved, stays silent otherwise', () => {
    const e = entry(['A', 'B']);
    expect(plan(group(['A'], ['B']), [e, e])).toEqual([
      { action: 'send', reason: 'some alerts resolved', alerts: ['A', 'B'] },
      { action: 'skip', reason: undefined, alerts: undefined },
    ]);
  });

  it('all resolved: sends when send_resolved, otherwise only logs (the nflog forgets the firing alerts)', () => {
    const e = entry(['A']);
    expect(plan(group([], ['A']), [e, e])).toEqual([
      { action: 'send', reason: 'all alerts resolved', alerts: ['A'] },
      { action: 'log', reason: 'all alerts resolved', alerts: undefined },
    ]);
  });

  it('leaves resolved alerts out of what a send_resolved: false integration is sent', () => {
    const e = entry(['A'], []);
    expect(plan(group(['A', 'C'], ['B']), [e, e])).toEqual([
      { action: 'send', reason: 'new alerts added', alerts: ['A', 'B', 'C'] },
      { action: 'send', reason: 'new alerts added', alerts: ['A', 'C'] },
    ]);
  });

  it('skips when nothing changed and the repeat interval has not passed', () => {
    const e = entry(['A']);
    expect(plan(group(['A'], []), [e, e]).map((p) => p.action)).toEqual(['skip', 'skip']);
  });
});
