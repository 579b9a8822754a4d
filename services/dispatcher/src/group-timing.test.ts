import { type NflogEntry, needsUpdate } from '@tocsin/nflog';
import { describe, expect, it } from 'vitest';
import { nextFlushAt } from './group-timing.js';

const s = 1000;
const min = 60 * s;

describe('nextFlushAt: a new group (§3.4 Creation)', () => {
  it('flushes group_wait after it was created', () => {
    expect(nextFlushAt({ kind: 'created', now: 100 * s, startsAt: 100 * s, groupWaitMs: 30 * s })).toBe(
      130 * s,
    );
  });

  it('flushes at once when the first alert started more than group_wait ago (obs 0.25: t=0.0)', () => {
    const now = 100 * min;
    expect(nextFlushAt({ kind: 'created', now, startsAt: now - 10 * min, groupWaitMs: 3 * s })).toBe(now);
  });

  it('waits when startsAt + group_wait is exactly now (AM tests Before(now), strictly)', () => {
    const now = 100 * s;
    expect(nextFlushAt({ kind: 'created', now, startsAt: now - 3 * s, groupWaitMs: 3 * s })).toBe(
      now + 3 * s,
    );
  });

  it('waits group_wait for a group created by a reload moving old alerts (AM #2492, #3407)', () => {
    const now = 100 * min;
    expect(
      nextFlushAt({ kind: 'created', now, startsAt: now - 10 * min, groupWaitMs: 3 * s, moved: true }),
    ).toBe(now + 3 * s);
  });

  it('waits for a startsAt in the future', () => {
    const now = 100 * s;
    expect(nextFlushAt({ kind: 'created', now, startsAt: now + min, groupWaitMs: 3 * s })).toBe(now + 3 * s);
  });
});

describe('nextFlushAt: the tick grid (§3.4 Tick loop: reset to group_interval before flushing)', () => {
  it('puts the next tick one group_interval after the due time, not after the late start', () => {
    expect(nextFlushAt({ kind: 'ticked', now: 2 * s + 95, dueAt: 2 * s, groupIntervalMs: 6 * s })).toBe(
      8 * s,
    );
  });

  it('keeps the grid over many ticks whatever each tick’s lateness', () => {
    let due = 2 * s;
    for (let n = 1; n <= 100; n++)
      due = nextFlushAt({ kind: 'ticked', now: due + 90, dueAt: due, groupIntervalMs: 6 * s });
    expect(due).toBe(2 * s + 100 * 6 * s);
  });

  it('skips grid points that passed while the tick waited, instead of running them back to back', () => {
    expect(nextFlushAt({ kind: 'ticked', now: 15 * s, dueAt: 2 * s, groupIntervalMs: 6 * s })).toBe(20 * s);
  });

  it('runs a grid point that is due exactly now rather than skipping it', () => {
    expect(nextFlushAt({ kind: 'ticked', now: 8 * s, dueAt: 2 * s, groupIntervalMs: 6 * s })).toBe(8 * s);
  });

  it('applies a group_interval changed by a reload from the next tick on', () => {
    expect(nextFlushAt({ kind: 'ticked', now: 2 * s + 10, dueAt: 2 * s, groupIntervalMs: 1 * s })).toBe(
      3 * s,
    );
    expect(nextFlushAt({ kind: 'ticked', now: 2 * s + 10, dueAt: 2 * s, groupIntervalMs: 60 * s })).toBe(
      62 * s,
    );
  });
});

interface Fired {
  fp: string;
  at: number;
  resolvedAt?: number;
}

interface Sent {
  at: number;
  firing: string[];
  resolved: string[];
}

/**
 * One group of one integration, driven by nextFlushAt and needsUpdate as the dispatcher drives
 * them: ticks on time, every flush succeeds, resolved alerts leave after a flush (§3.4 step 4),
 * an empty group is destroyed. Returns the notifications and when the group ended.
 */
function simulate(opts: {
  alerts: Fired[];
  groupWait: number;
  groupInterval: number;
  repeat: number;
  sendResolved?: boolean;
  until: number;
}): { sent: Sent[]; destroyedAt?: number } {
  const first = opts.alerts[0] as Fired;
  let due = nextFlushAt({ kind: 'created', now: first.at, startsAt: first.at, groupWaitMs: opts.groupWait });
  const left = new Set<string>();
  let entry: NflogEntry | undefined;
  const sent: Sent[] = [];
  while (due <= opts.until) {
    const now = due;
    const members = opts.alerts.filter((a) => a.at <= now && !left.has(a.fp));
    if (members.length === 0) return { sent, destroyedAt: now };
    const isResolved = (a: Fired) => a.resolvedAt !== undefined && a.resolvedAt <= now;
    const firing = members.filter((a) => !isResolved(a)).map((a) => a.fp);
    const resolved = members.filter(isResolved).map((a) => a.fp);
    const reason = needsUpdate(entry, {
      firing: new Set(firing),
      resolved: new Set(resolved),
      sendResolved: opts.sendResolved ?? true,
      repeatIntervalMs: opts.repeat,
      now,
    });
    if (reason) {
      if (firing.length > 0 || opts.sendResolved !== false) sent.push({ at: now, firing, resolved });
      entry = { firing, resolved, timestamp: now };
    }
    for (const fp of resolved) left.add(fp);
    due = nextFlushAt({ kind: 'ticked', now, dueAt: due, groupIntervalMs: opts.groupInterval });
  }
  return { sent };
}

describe('observed timelines (§3.4, obs 0.25)', () => {
  it('group_wait 2s, group_interval 6s: join, partial resolve, quiet tick, full resolve', () => {
    const { sent, destroyedAt } = simulate({
      alerts: [
        { fp: 'A', at: 0, resolvedAt: 10 * s },
        { fp: 'B', at: 3 * s, resolvedAt: 22 * s },
      ],
      groupWait: 2 * s,
      groupInterval: 6 * s,
      repeat: 60 * min,
      until: 40 * s,
    });
    expect(sent).toEqual([
      { at: 2 * s, firing: ['A'], resolved: [] },
      { at: 8 * s, firing: ['A', 'B'], resolved: [] },
      { at: 14 * s, firing: ['B'], resolved: ['A'] },
      { at: 26 * s, firing: [], resolved: ['B'] },
    ]);
    // Nothing at t=20; the group is gone at the tick after the last resolution went out.
    expect(destroyedAt).toBe(32 * s);
  });

  it('repeat_interval is rounded up to a tick: group_interval 5s, repeat 12s → t=2, 17, 32', () => {
    const { sent } = simulate({
      alerts: [{ fp: 'A', at: 0 }],
      groupWait: 2 * s,
      groupInterval: 5 * s,
      repeat: 12 * s,
      until: 40 * s,
    });
    expect(sent.map((n) => n.at)).toEqual([2 * s, 17 * s, 32 * s]);
  });

  it('an alert that resolves before group_wait ends is never notified', () => {
    const { sent, destroyedAt } = simulate({
      alerts: [{ fp: 'A', at: 0, resolvedAt: 1 * s }],
      groupWait: 2 * s,
      groupInterval: 6 * s,
      repeat: 60 * min,
      until: 40 * s,
    });
    expect(sent).toEqual([]);
    expect(destroyedAt).toBe(8 * s);
  });

  it('send_resolved false: a partial resolve stays silent, the last resolve sends nothing', () => {
    const { sent } = simulate({
      alerts: [
        { fp: 'A', at: 0, resolvedAt: 10 * s },
        { fp: 'B', at: 0, resolvedAt: 22 * s },
      ],
      groupWait: 2 * s,
      groupInterval: 6 * s,
      repeat: 60 * min,
      sendResolved: false,
      until: 40 * s,
    });
    expect(sent).toEqual([{ at: 2 * s, firing: ['A', 'B'], resolved: [] }]);
  });
});
