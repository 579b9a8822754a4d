import { describe, expect, it } from 'vitest';
import { type Alert, activityOverlaps, alertMerge, isResolved, mergeAlerts } from './alert.js';
import { GO_ZERO_TIME_MS } from './time.js';

const T = Date.UTC(2024, 0, 1);
const MIN = 60_000;

function alert(over: Partial<Alert>): Alert {
  return {
    labels: { alertname: 'A' },
    annotations: {},
    startsAt: T,
    endsAt: T + 10 * MIN,
    generatorURL: '',
    updatedAt: T,
    timeout: false,
    fingerprint: 'f',
    ...over,
  };
}

describe('isResolved', () => {
  it('is true once endsAt is reached, false before and for an unset endsAt', () => {
    expect(isResolved(alert({ endsAt: T }), T)).toBe(true);
    expect(isResolved(alert({ endsAt: T - 1 }), T)).toBe(true);
    expect(isResolved(alert({ endsAt: T + 1 }), T)).toBe(false);
    expect(isResolved(alert({ endsAt: GO_ZERO_TIME_MS }), T)).toBe(false);
  });
});

describe('activityOverlaps (provider Put)', () => {
  const existing = alert({ startsAt: T, endsAt: T + 10 * MIN });

  it('is true when the new startsAt or endsAt lies strictly inside the old range', () => {
    expect(activityOverlaps(existing, alert({ startsAt: T + MIN, endsAt: T + 20 * MIN }))).toBe(true);
    expect(activityOverlaps(existing, alert({ startsAt: T - MIN, endsAt: T + 5 * MIN }))).toBe(true);
  });

  it('is false on the boundaries and outside', () => {
    // Same startsAt, later endsAt: a typical re-send is NOT an overlap.
    expect(activityOverlaps(existing, alert({ startsAt: T, endsAt: T + 15 * MIN }))).toBe(false);
    expect(activityOverlaps(existing, alert({ startsAt: T + 10 * MIN, endsAt: T + 20 * MIN }))).toBe(false);
    expect(activityOverlaps(existing, alert({ startsAt: T - 5 * MIN, endsAt: T }))).toBe(false);
    expect(activityOverlaps(existing, alert({ startsAt: T + 11 * MIN, endsAt: T + 20 * MIN }))).toBe(false);
  });
});

describe('mergeAlerts', () => {
  it('replaces the alert when the ranges do not overlap (re-fire after resolution)', () => {
    const existing = alert({ startsAt: T, endsAt: T + 5 * MIN, annotations: { v: 'old' } });
    const incoming = alert({ startsAt: T + 10 * MIN, endsAt: T + 20 * MIN, updatedAt: T + 10 * MIN });
    expect(mergeAlerts(existing, incoming, T + 10 * MIN)).toBe(incoming);
  });

  it('replaces (does not merge) a re-send with the same startsAt and a later endsAt', () => {
    const existing = alert({ startsAt: T, endsAt: T + 10 * MIN, annotations: { v: 'old' } });
    const incoming = alert({ startsAt: T, endsAt: T + 15 * MIN, updatedAt: T + MIN });
    expect(mergeAlerts(existing, incoming, T + MIN)).toBe(incoming);
    // Whereas a startsAt strictly inside the old range produces a merged copy.
    const inside = { ...incoming, startsAt: T + MIN / 2 };
    const merged = mergeAlerts(existing, inside, T + MIN);
    expect(merged).not.toBe(inside);
    expect(merged.startsAt).toBe(T);
  });

  it('on overlap keeps the earliest startsAt and the newer fields', () => {
    const existing = alert({
      startsAt: T,
      endsAt: T + 10 * MIN,
      annotations: { v: 'old' },
      generatorURL: 'old',
    });
    const incoming = alert({
      startsAt: T + MIN,
      endsAt: T + 20 * MIN,
      annotations: { v: 'new' },
      generatorURL: 'new',
      updatedAt: T + MIN,
    });
    expect(mergeAlerts(existing, incoming, T + MIN)).toEqual({
      ...incoming,
      startsAt: T,
    });
  });

  it('lets the later updatedAt win all fields even when it is the existing alert', () => {
    const existing = alert({
      startsAt: T + MIN,
      endsAt: T + 20 * MIN,
      annotations: { v: 'newer' },
      updatedAt: T + 5 * MIN,
    });
    const incoming = alert({
      startsAt: T,
      endsAt: T + 5 * MIN,
      annotations: { v: 'stale' },
      updatedAt: T + 2 * MIN,
    });
    const res = mergeAlerts(existing, incoming, T + 5 * MIN);
    expect(res.annotations).toEqual({ v: 'newer' });
    expect(res.updatedAt).toBe(T + 5 * MIN);
    expect(res.startsAt).toBe(T);
    expect(res.endsAt).toBe(T + 20 * MIN);
  });

  it('lets the incoming alert win a tie on updatedAt', () => {
    const existing = alert({ startsAt: T, endsAt: T + 10 * MIN, annotations: { v: 'old' } });
    const incoming = alert({ startsAt: T + MIN, endsAt: T + 10 * MIN - 1, annotations: { v: 'new' } });
    expect(alertMerge(existing, incoming, T).annotations).toEqual({ v: 'new' });
  });

  it('resolves a firing alert with an earlier explicit endsAt', () => {
    const existing = alert({ startsAt: T, endsAt: T + 10 * MIN });
    const incoming = alert({ startsAt: T, endsAt: T + 3 * MIN, updatedAt: T + 4 * MIN });
    expect(mergeAlerts(existing, incoming, T + 4 * MIN).endsAt).toBe(T + 3 * MIN);
  });

  it('keeps the later endsAt when both are resolved', () => {
    const existing = alert({ startsAt: T, endsAt: T + 5 * MIN });
    const incoming = alert({ startsAt: T, endsAt: T + 3 * MIN, updatedAt: T + 6 * MIN });
    expect(mergeAlerts(existing, incoming, T + 6 * MIN).endsAt).toBe(T + 5 * MIN);
  });

  it('keeps the older explicit endsAt when the newer alert is firing and ends earlier', () => {
    const existing = alert({ startsAt: T, endsAt: T + 30 * MIN, timeout: false });
    const incoming = alert({
      startsAt: T + MIN,
      endsAt: T + 10 * MIN,
      timeout: true,
      updatedAt: T + 2 * MIN,
    });
    const res = mergeAlerts(existing, incoming, T + 2 * MIN);
    expect(res.endsAt).toBe(T + 30 * MIN);
    // The timeout flag still comes from the newer alert.
    expect(res.timeout).toBe(true);
  });

  it('ignores an older endsAt derived from resolve_timeout', () => {
    const existing = alert({ startsAt: T, endsAt: T + 30 * MIN, timeout: true });
    const incoming = alert({ startsAt: T + MIN, endsAt: T + 10 * MIN, updatedAt: T + 2 * MIN });
    expect(mergeAlerts(existing, incoming, T + 2 * MIN).endsAt).toBe(T + 10 * MIN);
  });

  it('does not take an older endsAt that is not later', () => {
    const existing = alert({ startsAt: T, endsAt: T + 10 * MIN });
    const incoming = alert({ startsAt: T + MIN, endsAt: T + 20 * MIN, updatedAt: T + 2 * MIN });
    expect(mergeAlerts(existing, incoming, T + 2 * MIN).endsAt).toBe(T + 20 * MIN);
  });

  it('does not modify its inputs', () => {
    const existing = alert({ startsAt: T, endsAt: T + 30 * MIN });
    const incoming = alert({ startsAt: T + MIN, endsAt: T + 10 * MIN, updatedAt: T + 2 * MIN });
    const before = JSON.stringify([existing, incoming]);
    mergeAlerts(existing, incoming, T + 2 * MIN);
    expect(JSON.stringify([existing, incoming])).toBe(before);
  });
});
