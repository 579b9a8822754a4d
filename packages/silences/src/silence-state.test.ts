import { Matcher } from '@tocsin/matchers';
import { describe, expect, it } from 'vitest';
import {
  canUpdate,
  compareForList,
  expiredRecord,
  matchesFilter,
  type SilenceRecord,
  type StoredMatcher,
  silenceState,
  toGettable,
} from './silence-state.js';

const NOW = Date.UTC(2024, 0, 1, 12);
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const ab: StoredMatcher[][] = [[{ type: '=', name: 'a', value: 'b' }]];

function rec(over: Partial<SilenceRecord>): SilenceRecord {
  return {
    id: 'id',
    matcherSets: ab,
    startsAt: NOW,
    endsAt: NOW + H,
    updatedAt: NOW,
    createdBy: 't',
    comment: 'c',
    annotations: {},
    ...over,
  };
}

describe('silenceState', () => {
  it('is pending before startsAt, active from startsAt until endsAt, expired from endsAt on', () => {
    const s = { startsAt: NOW, endsAt: NOW + H };
    expect(silenceState(s, NOW - 1)).toBe('pending');
    expect(silenceState(s, NOW)).toBe('active');
    expect(silenceState(s, NOW + H - 1)).toBe('active');
    expect(silenceState(s, NOW + H)).toBe('expired');
  });
});

describe('canUpdate (Alertmanager TestSilenceCanUpdate)', () => {
  const t = (startsAt: number, endsAt: number, matcherSets = ab) => ({ matcherSets, startsAt, endsAt });
  const cases: Array<[string, ReturnType<typeof t>, ReturnType<typeof t>, boolean]> = [
    ['expired silence', t(NOW - H, NOW - S), t(NOW, NOW), false],
    ['pending: new start in the past', t(NOW + H, NOW + 2 * H), t(NOW - M, NOW + H), false],
    ['pending: new start in the future', t(NOW + H, NOW + 2 * H), t(NOW + M, NOW + M), true],
    ['pending: new start exactly now', t(NOW + H, NOW + 2 * H), t(NOW, NOW + 2 * H), true],
    ['active: start changed', t(NOW - H, NOW + 2 * H), t(NOW - M, NOW + 2 * H), false],
    ['active: end in the past', t(NOW - H, NOW + 2 * H), t(NOW - H, NOW - S), false],
    ['active: end now', t(NOW - H, NOW + 2 * H), t(NOW - H, NOW), true],
    ['active: end extended', t(NOW - H, NOW + 2 * H), t(NOW - H, NOW + 3 * H), true],
    ['active: start differs below a second', t(NOW - H, NOW + 2 * H), t(NOW - H + 999, NOW + 2 * H), true],
    ['active: start in another second', t(NOW - H + 999, NOW + 2 * H), t(NOW - H + 1000, NOW + 2 * H), false],
    [
      'different matchers',
      t(NOW + H, NOW + 2 * H),
      t(NOW + H, NOW + 2 * H, [[{ type: '=', name: 'a', value: 'c' }]]),
      false,
    ],
    [
      'same matchers, other type',
      t(NOW + H, NOW + 2 * H),
      t(NOW + H, NOW + 2 * H, [[{ type: '=~', name: 'a', value: 'b' }]]),
      false,
    ],
  ];
  it.each(cases)('%s', (_name, a, b, ok) => {
    expect(canUpdate(a, b, NOW)).toBe(ok);
  });

  it('compares matchers in order', () => {
    const x = { type: '=', name: 'x', value: '1' } as const;
    const y = { type: '=', name: 'y', value: '2' } as const;
    expect(canUpdate(t(NOW + H, NOW + 2 * H, [[x, y]]), t(NOW + H, NOW + 2 * H, [[x, y]]), NOW)).toBe(true);
    expect(canUpdate(t(NOW + H, NOW + 2 * H, [[x, y]]), t(NOW + H, NOW + 2 * H, [[y, x]]), NOW)).toBe(false);
  });
});

describe('expiredRecord (Alertmanager TestSilenceExpire)', () => {
  it('ends an active silence now and keeps its start', () => {
    const active = rec({ startsAt: NOW - M, endsAt: NOW + H, updatedAt: NOW - H });
    expect(expiredRecord(active, NOW)).toEqual({ ...active, endsAt: NOW, updatedAt: NOW });
  });

  it('sets start and end of a pending silence to now', () => {
    const pending = rec({ startsAt: NOW + M, endsAt: NOW + H, updatedAt: NOW - H });
    const expired = expiredRecord(pending, NOW);
    expect(expired).toEqual({ ...pending, startsAt: NOW, endsAt: NOW, updatedAt: NOW });
    expect(expired && silenceState(expired, NOW)).toBe('expired');
  });

  it('leaves an expired silence alone', () => {
    expect(expiredRecord(rec({ startsAt: NOW - H, endsAt: NOW - M }), NOW)).toBe(undefined);
  });
});

describe('matchesFilter (CheckSilenceMatchesFilterLabels)', () => {
  const s = rec({
    matcherSets: [
      [
        { type: '=~', name: 'x', value: 'y|z' },
        { type: '=', name: 'team', value: 'ops' },
        { type: '!=', name: 'env', value: 'dev' },
      ],
    ],
  });

  it('needs a matcher with the same name, type and value for every filter matcher', () => {
    expect(matchesFilter(s, [Matcher.create('=', 'x', 'y')])).toBe(false);
    expect(matchesFilter(s, [Matcher.create('=~', 'x', 'y|z')])).toBe(true);
    expect(matchesFilter(s, [Matcher.create('=~', 'x', 'y')])).toBe(false);
    expect(matchesFilter(s, [Matcher.create('=', 'team', 'ops'), Matcher.create('!=', 'env', 'dev')])).toBe(
      true,
    );
    expect(matchesFilter(s, [Matcher.create('=', 'team', 'ops'), Matcher.create('=', 'env', 'dev')])).toBe(
      false,
    );
    expect(matchesFilter(s, [Matcher.create('=', 'x', '')])).toBe(false);
    expect(matchesFilter(s, [])).toBe(true);
  });

  it('looks for all filter matchers in one matcher set', () => {
    const two = rec({
      matcherSets: [[{ type: '=', name: 'a', value: '1' }], [{ type: '=', name: 'b', value: '2' }]],
    });
    expect(matchesFilter(two, [Matcher.create('=', 'b', '2')])).toBe(true);
    expect(matchesFilter(two, [Matcher.create('=', 'a', '1'), Matcher.create('=', 'b', '2')])).toBe(false);
  });
});

describe('compareForList (SortSilences)', () => {
  it('puts active (ending first), then pending (starting first), then expired (latest end first)', () => {
    const silences = [
      rec({ id: 'expired-old', startsAt: NOW - 3 * H, endsAt: NOW - 2 * H }),
      rec({ id: 'pending-late', startsAt: NOW + 2 * H, endsAt: NOW + 3 * H }),
      rec({ id: 'active-late', startsAt: NOW - H, endsAt: NOW + 5 * H }),
      rec({ id: 'expired-new', startsAt: NOW - 3 * H, endsAt: NOW - H }),
      rec({ id: 'pending-soon', startsAt: NOW + H, endsAt: NOW + 9 * H }),
      rec({ id: 'active-soon', startsAt: NOW - H, endsAt: NOW + H }),
    ];
    expect(silences.sort((a, b) => compareForList(a, b, NOW)).map((s) => s.id)).toEqual([
      'active-soon',
      'active-late',
      'pending-soon',
      'pending-late',
      'expired-new',
      'expired-old',
    ]);
  });
});

describe('compareForList ties', () => {
  it('orders silences with the same time by id, so every process lists them alike', () => {
    const x = rec({ id: 'b' });
    const y = rec({ id: 'a' });
    expect([x, y].sort((p, q) => compareForList(p, q, NOW)).map((s) => s.id)).toEqual(['a', 'b']);
  });
});

describe('toGettable', () => {
  it('prints the API shape, omitting empty annotations', () => {
    const s = rec({
      id: 'x',
      matcherSets: [[{ type: '!~', name: 'a', value: 'b' }]],
      startsAt: NOW,
      endsAt: NOW + H,
      updatedAt: NOW + 5,
    });
    expect(toGettable(s, NOW + M)).toEqual({
      id: 'x',
      status: { state: 'active' },
      updatedAt: '2024-01-01T12:00:00.005Z',
      comment: 'c',
      createdBy: 't',
      endsAt: '2024-01-01T13:00:00.000Z',
      matchers: [{ name: 'a', value: 'b', isRegex: true, isEqual: false }],
      startsAt: '2024-01-01T12:00:00.000Z',
    });
    expect(toGettable({ ...s, annotations: { k: 'v' } }, NOW).annotations).toEqual({ k: 'v' });
  });

  it('refuses a silence with several matcher sets, as API v2 does (500)', () => {
    const s = rec({ id: 'multi', matcherSets: [ab[0] ?? [], ab[0] ?? []] });
    expect(() => toGettable(s, NOW)).toThrow(
      "silence 'multi' has multiple matcher sets which is not supported by this API version",
    );
  });
});
