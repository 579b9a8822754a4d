// The stored form of a silence and the pure rules on it: state from the clock, whether an
// update may keep the id, what expiring does, how lists are filtered and sorted.

import type { Matcher, MatchType } from '@tocsin/matchers';
import { type ApiMatcher, formatApiTime, type GettableSilence, type SilenceState } from '@tocsin/model';
import { SilenceInternalError } from './errors.js';

export type { SilenceState } from '@tocsin/model';

export interface StoredMatcher {
  type: MatchType;
  name: string;
  value: string;
}

/** One silence as stored in Redis (JSON); times are epoch ms. */
export interface SilenceRecord {
  id: string;
  /** OR of ANDs (Alertmanager ≥0.32); API v2 writes exactly one set. */
  matcherSets: StoredMatcher[][];
  startsAt: number;
  endsAt: number;
  updatedAt: number;
  createdBy: string;
  comment: string;
  annotations: Record<string, string>;
}

/** A validated silence before it has an id and updatedAt. */
export type SilenceDraft = Omit<SilenceRecord, 'id' | 'updatedAt'> & { id: string };

/** pending while now < startsAt, active while now < endsAt, then expired. */
export function silenceState(s: { startsAt: number; endsAt: number }, now: number): SilenceState {
  if (now < s.startsAt) return 'pending';
  if (now < s.endsAt) return 'active';
  return 'expired';
}

function sameMatcherSets(a: StoredMatcher[][], b: StoredMatcher[][]): boolean {
  if (a.length !== b.length) return false;
  return a.every((set, i) => {
    const other = b[i];
    if (!other || set.length !== other.length) return false;
    return set.every((m, j) => {
      const o = other[j];
      return o !== undefined && m.type === o.type && m.name === o.name && m.value === o.value;
    });
  });
}

const unixSeconds = (ms: number): number => Math.floor(ms / 1000);

/**
 * Whether `prev` may be changed into `next` under the same id without rewriting history:
 * same matchers (in order); an active silence keeps its start (to the second) and may not end
 * in the past; a pending one may not start in the past; an expired one never changes.
 */
export function canUpdate(
  prev: Pick<SilenceRecord, 'matcherSets' | 'startsAt' | 'endsAt'>,
  next: Pick<SilenceRecord, 'matcherSets' | 'startsAt' | 'endsAt'>,
  now: number,
): boolean {
  if (!sameMatcherSets(prev.matcherSets, next.matcherSets)) return false;
  switch (silenceState(prev, now)) {
    case 'active':
      return unixSeconds(prev.startsAt) === unixSeconds(next.startsAt) && next.endsAt >= now;
    case 'pending':
      return next.startsAt >= now;
    case 'expired':
      return false;
  }
}

/**
 * The record after expiring it at `now`: an active silence ends now, a pending one starts
 * and ends now. Undefined when it has already expired (expiring is idempotent).
 */
export function expiredRecord(s: SilenceRecord, now: number): SilenceRecord | undefined {
  switch (silenceState(s, now)) {
    case 'expired':
      return undefined;
    case 'active':
      return { ...s, endsAt: now, updatedAt: now };
    case 'pending':
      return { ...s, startsAt: now, endsAt: now, updatedAt: now };
  }
}

/**
 * The API's silence filter is not label matching: every filter matcher needs a matcher of
 * the silence with the same name, type and value (in one of its matcher sets), so
 * `x="y"` does not find a silence on `x=~"y|z"`.
 */
export function matchesFilter(s: SilenceRecord, filter: readonly Matcher[]): boolean {
  return s.matcherSets.some((set) =>
    filter.every((f) => set.some((m) => m.name === f.name && m.type === f.type && m.value === f.value)),
  );
}

const STATE_ORDER: Readonly<Record<SilenceState, number>> = { active: 0, pending: 1, expired: 2 };

/**
 * List order: active ones ending first, then pending ones starting first, then expired
 * ones most recently ended first. Alertmanager leaves ties in any order; the id breaks
 * them here so every process lists the same order.
 */
export function compareForList(a: SilenceRecord, b: SilenceRecord, now: number): number {
  const sa = silenceState(a, now);
  const sb = silenceState(b, now);
  if (sa !== sb) return STATE_ORDER[sa] - STATE_ORDER[sb];
  const byTime =
    sa === 'active' ? a.endsAt - b.endsAt : sa === 'pending' ? a.startsAt - b.startsAt : b.endsAt - a.endsAt;
  return byTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function toApiMatcher(m: StoredMatcher): Required<ApiMatcher> {
  return {
    name: m.name,
    value: m.value,
    isRegex: m.type === '=~' || m.type === '!~',
    isEqual: m.type === '=' || m.type === '=~',
  };
}

/** The API v2 shape; keys in Alertmanager's order, `annotations` only when non-empty. */
export function toGettable(s: SilenceRecord, now: number): GettableSilence {
  // API v2 has one matcher list; Alertmanager answers 500 for silences with several sets.
  if (s.matcherSets.length > 1) {
    throw new SilenceInternalError(
      `silence '${s.id}' has multiple matcher sets which is not supported by this API version`,
    );
  }
  return {
    id: s.id,
    status: { state: silenceState(s, now) },
    updatedAt: formatApiTime(s.updatedAt),
    ...(Object.keys(s.annotations).length > 0 ? { annotations: { ...s.annotations } } : {}),
    comment: s.comment,
    createdBy: s.createdBy,
    endsAt: formatApiTime(s.endsAt),
    matchers: (s.matcherSets[0] ?? []).map(toApiMatcher),
    startsAt: formatApiTime(s.startsAt),
  };
}
