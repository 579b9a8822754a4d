import { type Alert, fingerprint, GO_ZERO_TIME_MS, type LabelSet } from '@tocsin/model';
import { describe, expect, it } from 'vitest';
import { snapshotAt } from './flush-snapshot.js';

const T = Date.UTC(2024, 0, 1);

function alert(labels: LabelSet, endsAt: number): Alert {
  return {
    labels,
    annotations: {},
    startsAt: T - 60_000,
    endsAt,
    generatorURL: '',
    updatedAt: T - 1000,
    timeout: false,
    fingerprint: fingerprint(labels),
  };
}

describe('snapshotAt (AM aggrGroup.flush)', () => {
  it('resolves alerts whose endsAt is not after the tick time and zeroes the firing ones', () => {
    const members = [alert({ a: '3' }, T + 1), alert({ a: '2' }, T), alert({ a: '1' }, T - 1)];
    const snap = snapshotAt(members, T);
    expect(snap.map((s) => [s.alert.labels.a, s.resolved, s.alert.endsAt])).toEqual([
      ['1', true, T - 1],
      ['2', true, T],
      ['3', false, GO_ZERO_TIME_MS],
    ]);
    expect(snap.map((s) => s.updatedAt)).toEqual([T - 1000, T - 1000, T - 1000]);
    // The members themselves are left alone.
    expect(members[0]?.endsAt).toBe(T + 1);
  });
});
