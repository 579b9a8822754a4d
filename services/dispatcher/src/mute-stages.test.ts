import type { TimeIntervalSpec } from '@tocsin/config';
import { type Alert, fingerprint, type LabelSet } from '@tocsin/model';
import { describe, expect, it } from 'vitest';
import { snapshotAt } from './flush-snapshot.js';
import { applyMutes, type MuteInput } from './mute-stages.js';

// Monday 2024-01-01 10:30 UTC.
const T = Date.UTC(2024, 0, 1, 10, 30);
const hour = (from: number, to: number): TimeIntervalSpec => ({
  times: [{ start_minute: from * 60, end_minute: to * 60 }],
});

function alerts(...sets: LabelSet[]) {
  return snapshotAt(
    sets.map(
      (labels): Alert => ({
        labels,
        annotations: {},
        startsAt: T - 1,
        endsAt: T + 60_000,
        generatorURL: '',
        updatedAt: T,
        timeout: false,
        fingerprint: fingerprint(labels),
      }),
    ),
    T,
  );
}

const base: MuteInput = {
  now: T,
  inhibitedBy: () => undefined,
  silencedBy: () => [],
  activeTimeIntervals: [],
  muteTimeIntervals: [],
  intervals: new Map([
    ['morning', [hour(9, 12)]],
    ['night', [hour(0, 6)]],
    ['tokyo-evening', [{ ...hour(19, 20), location: 'Asia/Tokyo' }]],
  ]),
};
const names = (kept: ReturnType<typeof alerts>) => kept.map((a) => a.alert.labels.n);

describe('applyMutes (AM MuteStage, TimeActiveStage, TimeMuteStage in pipeline order)', () => {
  it('drops inhibited, then silenced alerts and counts each under its own reason', () => {
    const out = applyMutes(alerts({ n: 'a' }, { n: 'b' }, { n: 'c' }), {
      ...base,
      inhibitedBy: (l) => (l.n === 'a' || l.n === 'b' ? 'source' : undefined),
      silencedBy: (l) => (l.n === 'b' || l.n === 'c' ? ['s1'] : []),
    });
    expect(names(out.kept)).toEqual([]);
    expect(out.suppressed).toEqual({ inhibition: 2, silence: 1 });
    expect(out.mutedBy).toEqual([]);
  });

  it('keeps everything inside an active time interval', () => {
    const out = applyMutes(alerts({ n: 'a' }), { ...base, activeTimeIntervals: ['night', 'morning'] });
    expect(names(out.kept)).toEqual(['a']);
    expect(out.mutedBy).toEqual([]);
  });

  it('drops everything outside all active time intervals; mutedBy names all of them', () => {
    const out = applyMutes(alerts({ n: 'a' }, { n: 'b' }), { ...base, activeTimeIntervals: ['night'] });
    expect(out.kept).toEqual([]);
    expect(out.mutedBy).toEqual(['night']);
    expect(out.suppressed).toEqual({ active_time_interval: 2 });
  });

  it('drops everything inside a mute time interval; mutedBy names the ones that match', () => {
    const out = applyMutes(alerts({ n: 'a' }), { ...base, muteTimeIntervals: ['night', 'morning'] });
    expect(out.kept).toEqual([]);
    expect(out.mutedBy).toEqual(['morning']);
    expect(out.suppressed).toEqual({ mute_time_interval: 1 });
  });

  it('reads an interval in its location: 10:30 UTC is 19:30 in Tokyo', () => {
    const out = applyMutes(alerts({ n: 'a' }), { ...base, muteTimeIntervals: ['tokyo-evening'] });
    expect(out.mutedBy).toEqual(['tokyo-evening']);
  });

  it('still reports the time muting when inhibition already left nothing', () => {
    const out = applyMutes(alerts({ n: 'a' }), {
      ...base,
      inhibitedBy: () => 'source',
      muteTimeIntervals: ['morning'],
    });
    expect(out.mutedBy).toEqual(['morning']);
    expect(out.suppressed).toEqual({ inhibition: 1 });
  });
});
