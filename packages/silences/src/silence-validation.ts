// The checks Alertmanager 0.34 makes after decoding: postSilencesHandler's time checks,
// then Silences.Set's validateSilence, worded as it words them (400, bare string).

import { Matcher, type MatchType } from '@tocsin/matchers';
import { goQuote, isValidLabelName, isValidUtf8, isZeroTime, type LabelNameMode } from '@tocsin/model';
import { SilenceValidationError } from './errors.js';
import { goRegexpError } from './go-regexp-check.js';
import type { DecodedMatcher, DecodedSilence } from './silence-body.js';
import type { SilenceDraft, StoredMatcher } from './silence-state.js';

export function matchTypeOf(m: { isRegex: boolean; isEqual: boolean }): MatchType {
  if (m.isRegex) return m.isEqual ? '=~' : '!~';
  return m.isEqual ? '=' : '!=';
}

const toStored = (m: DecodedMatcher): StoredMatcher => ({
  type: matchTypeOf(m),
  name: m.name,
  value: m.value,
});

/** Why Alertmanager refuses this matcher, or undefined. */
export function validateMatcher(m: StoredMatcher, mode: LabelNameMode = 'utf8'): string | undefined {
  if (!isValidLabelName(m.name, mode)) return `invalid label name ${goQuote(m.name)}`;
  switch (m.type) {
    case '=':
    case '!=':
      return isValidUtf8(m.value) ? undefined : `invalid label value ${goQuote(m.value)}`;
    case '=~':
    case '!~': {
      const error = goRegexpError(m.value);
      return error === undefined ? undefined : `invalid regular expression ${goQuote(m.value)}: ${error}`;
    }
    default:
      return `unknown matcher type ${goQuote(String(m.type))}`;
  }
}

// Only `=` and `=~` count: a set of just negative matchers is allowed (`team!="ops"`).
function matchesEmpty(m: StoredMatcher): boolean {
  if (m.type === '=') return m.value === '';
  if (m.type === '=~') return Matcher.create('=~', m.name, m.value).matches('');
  return false;
}

/** Alertmanager's validateSilence: the reason without the "invalid silence: " prefix, or undefined. */
export function validateSilence(
  s: { matcherSets: StoredMatcher[][]; startsAt: number; endsAt: number },
  mode: LabelNameMode = 'utf8',
): string | undefined {
  if (s.matcherSets.length === 0) return 'at least one matcher set required';
  for (const [setIdx, set] of s.matcherSets.entries()) {
    if (set.length === 0) return `matcher set ${setIdx} is empty`;
    for (const [i, m] of set.entries()) {
      const error = validateMatcher(m, mode);
      if (error !== undefined) return `invalid label matcher ${i} in set ${setIdx}: ${error}`;
    }
    if (set.every(matchesEmpty)) {
      return `matcher set ${setIdx}: at least one matcher must not match the empty string`;
    }
  }
  if (isZeroTime(s.startsAt)) return 'invalid zero start timestamp';
  if (isZeroTime(s.endsAt)) return 'invalid zero end timestamp';
  if (s.endsAt < s.startsAt) return 'end time must not be before start time';
  return undefined;
}

/**
 * From a decoded body to a draft silence, or SilenceValidationError. `id` is kept as
 * posted ('' for a new silence); whether it exists is the store's business.
 */
export function validatePostable(d: DecodedSilence, now: number, mode: LabelNameMode = 'utf8'): SilenceDraft {
  if (d.startsAt >= d.endsAt) {
    throw new SilenceValidationError('Failed to create silence: start time must be before end time');
  }
  if (d.endsAt < now) {
    throw new SilenceValidationError("Failed to create silence: end time can't be in the past");
  }
  const draft: SilenceDraft = {
    id: d.id,
    matcherSets: [d.matchers.map(toStored)],
    // Set fills an unset (Go zero) start with now; "" decodes to the epoch, which is set.
    startsAt: isZeroTime(d.startsAt) ? now : d.startsAt,
    endsAt: d.endsAt,
    createdBy: d.createdBy,
    comment: d.comment,
    annotations: d.annotations,
  };
  const error = validateSilence(draft, mode);
  if (error !== undefined) throw new SilenceValidationError(`invalid silence: ${error}`);
  return draft;
}
