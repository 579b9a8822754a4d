import { describe, expect, it } from 'vitest';
import { compareAlertLabels } from './alert-order.js';

const sorted = (sets: Record<string, string>[]) => [...sets].sort(compareAlertLabels);

describe('compareAlertLabels (AM AlertSlice.Less)', () => {
  it('orders by job, then instance, then the label set; a missing job or instance sorts last', () => {
    // Scenario 19's alerts, which max_alerts: 2 cuts to the first two.
    const alerts: Record<string, string>[] = [
      { alertname: 'Payload', job: 'jobB', instance: 'i2' },
      { alertname: 'Payload', job: 'jobA', instance: 'i3' },
      { alertname: 'Payload', job: 'jobA', instance: 'i1' },
      { alertname: 'Payload', instance: 'i0' },
      { alertname: 'Payload', job: 'jobA', instance: 'i1', extra: 'x' },
    ];
    expect(sorted(alerts)).toEqual([
      { alertname: 'Payload', job: 'jobA', instance: 'i1' },
      { alertname: 'Payload', job: 'jobA', instance: 'i1', extra: 'x' },
      { alertname: 'Payload', job: 'jobA', instance: 'i3' },
      { alertname: 'Payload', job: 'jobB', instance: 'i2' },
      { alertname: 'Payload', instance: 'i0' },
    ]);
  });

  it('compares label sets by size first, then by the first name of the union in order', () => {
    // Go's LabelSet.Before: the set lacking that name comes first.
    expect(sorted([{ a: '1', c: '1' }, { a: '9' }, { b: '1', c: '1' }])).toEqual([
      { a: '9' },
      { b: '1', c: '1' },
      { a: '1', c: '1' },
    ]);
    expect(sorted([{ a: 'y' }, { a: 'x' }])).toEqual([{ a: 'x' }, { a: 'y' }]);
  });

  it('compares values by bytes, as Go does', () => {
    expect(sorted([{ a: 'b' }, { a: 'B' }, { a: 'é' }, { a: 'a' }])).toEqual([
      { a: 'B' },
      { a: 'a' },
      { a: 'b' },
      { a: 'é' },
    ]);
  });
});
