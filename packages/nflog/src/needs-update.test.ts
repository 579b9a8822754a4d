import { describe, expect, it } from 'vitest';
import { type DedupInput, type NflogEntry, needsUpdate } from './needs-update.js';

const NOW = 1_700_000_000_000;
const HOUR = 3_600_000;
const input = (firing: string[], resolved: string[], over: Partial<DedupInput> = {}): DedupInput => ({
  firing: new Set(firing),
  resolved: new Set(resolved),
  sendResolved: true,
  repeatIntervalMs: 4 * HOUR,
  now: NOW,
  ...over,
});
const entry = (firing: string[], resolved: string[], timestamp = NOW - 60_000): NflogEntry => ({
  firing,
  resolved,
  timestamp,
});

// Each case is one row of reference §3.8 (Alertmanager's DedupStage.needsUpdate), in order.
describe('needsUpdate (reference §3.8)', () => {
  it('row 1: no entry and something firing → first notification', () => {
    expect(needsUpdate(undefined, input(['a'], []))).toBe('first notification');
  });

  it('row 2: no entry and nothing firing → skip (alerts resolved before the first flush)', () => {
    expect(needsUpdate(undefined, input([], ['a']))).toBeUndefined();
  });

  it('row 3: a firing alert the log has not seen → new alerts added', () => {
    expect(needsUpdate(entry(['a'], []), input(['a', 'b'], []))).toBe('new alerts added');
  });

  it('row 3: … or first notification when the log holds no firing alert', () => {
    expect(needsUpdate(entry([], ['a']), input(['b'], ['a']))).toBe('first notification');
  });

  it('row 4: nothing firing now but firing before → all alerts resolved, even with send_resolved off', () => {
    expect(needsUpdate(entry(['a'], []), input([], ['a']))).toBe('all alerts resolved');
    expect(needsUpdate(entry(['a'], []), input([], ['a'], { sendResolved: false }))).toBe(
      'all alerts resolved',
    );
  });

  it('row 5: nothing firing now nor before → skip', () => {
    expect(needsUpdate(entry([], ['a']), input([], ['a', 'b']))).toBeUndefined();
  });

  it('row 6: a newly resolved alert with send_resolved → some alerts resolved', () => {
    expect(needsUpdate(entry(['a', 'b'], []), input(['a'], ['b']))).toBe('some alerts resolved');
  });

  it('row 6: … but not with send_resolved off: a shrinking firing set waits for the repeat', () => {
    expect(needsUpdate(entry(['a', 'b'], []), input(['a'], ['b'], { sendResolved: false }))).toBeUndefined();
  });

  it('row 7: unchanged and older than repeat_interval → repeat interval elapsed', () => {
    expect(needsUpdate(entry(['a'], [], NOW - 4 * HOUR - 1), input(['a'], []))).toBe(
      'repeat interval elapsed',
    );
  });

  it('row 8: unchanged and exactly repeat_interval old → skip (the entry must be strictly older)', () => {
    expect(needsUpdate(entry(['a'], [], NOW - 4 * HOUR), input(['a'], []))).toBeUndefined();
  });

  it('a firing set that shrank without resolutions known is not new', () => {
    expect(needsUpdate(entry(['a', 'b'], ['c']), input(['a'], ['c']))).toBeUndefined();
  });
});
