import { GO_ZERO_TIME_MS } from '@tocsin/model';
import { describe, expect, it } from 'vitest';
import { SilenceValidationError } from './errors.js';
import type { DecodedSilence } from './silence-body.js';
import type { StoredMatcher } from './silence-state.js';
import { validateMatcher, validatePostable, validateSilence } from './silence-validation.js';

const NOW = Date.UTC(2024, 0, 1, 12);
const H = 3_600_000;
const eq = (name: string, value: string): StoredMatcher => ({ type: '=', name, value });

describe('validateMatcher (Alertmanager TestValidateUTF8Matcher and TestValidateClassicMatcher)', () => {
  it('accepts every match type and any non-empty UTF-8 name in the default mode', () => {
    for (const type of ['=', '!=', '=~', '!~'] as const)
      expect(validateMatcher({ type, name: 'a', value: 'b' })).toBe(undefined);
    expect(validateMatcher(eq('00', 'a'))).toBe(undefined);
    expect(validateMatcher(eq('\u{1F642}', 'a'))).toBe(undefined);
    expect(validateMatcher(eq('a', '\u{1F642}'))).toBe(undefined);
  });

  it('refuses an empty name, and non-classic names in classic mode', () => {
    expect(validateMatcher(eq('', 'x'))).toBe('invalid label name ""');
    expect(validateMatcher(eq('00', 'a'), 'classic')).toBe('invalid label name "00"');
    expect(validateMatcher(eq('foo-bar', 'a'), 'classic')).toBe('invalid label name "foo-bar"');
    expect(validateMatcher(eq('foo_bar', 'a'), 'classic')).toBe(undefined);
  });

  it('refuses a value that is not valid UTF-8 for = and !=', () => {
    expect(validateMatcher(eq('a', '\ud800'))).toMatch(/^invalid label value /);
    expect(validateMatcher({ type: '!=', name: 'a', value: '\udc00' })).toMatch(/^invalid label value /);
  });

  it('words regex errors as Go does for the pattern as written', () => {
    // 18-api-invalid "silence-bad-regex" (0.25 wording of the same Go error)
    expect(validateMatcher({ type: '=~', name: 'a', value: '(' })).toBe(
      'invalid regular expression "(": error parsing regexp: missing closing ): `(`',
    );
    expect(validateMatcher({ type: '!~', name: 'a', value: '))' })).toBe(
      'invalid regular expression "))": error parsing regexp: unexpected ): `))`',
    );
    expect(validateMatcher({ type: '=~', name: 'a', value: '((' })).toBe(
      'invalid regular expression "((": error parsing regexp: missing closing ): `((`',
    );
    expect(validateMatcher({ type: '=~', name: 'a', value: '[abc' })).toBe(
      'invalid regular expression "[abc": error parsing regexp: missing closing ]: `[abc`',
    );
    expect(validateMatcher({ type: '=~', name: 'a', value: 'a\\' })).toBe(
      'invalid regular expression "a\\\\": error parsing regexp: trailing backslash at end of expression: ``',
    );
    expect(validateMatcher({ type: '=~', name: 'a', value: 'a**' })).toBe(
      'invalid regular expression "a**": error parsing regexp: invalid nested repetition operator: `**`',
    );
  });

  it('refuses a pattern that only compiles because the anchoring wrapper balances it', () => {
    expect(validateMatcher({ type: '=~', name: 'a', value: 'a)(b' })).toBe(
      'invalid regular expression "a)(b": error parsing regexp: unexpected ): `a)(b`',
    );
    // Escaped and bracketed parens are not groups.
    expect(validateMatcher({ type: '=~', name: 'a', value: 'a\\)(b)' })).toBe(undefined);
    expect(validateMatcher({ type: '=~', name: 'a', value: '[)](x)' })).toBe(undefined);
    expect(validateMatcher({ type: '=~', name: 'a', value: '[])](x)' })).toBe(undefined);
  });

  it('refuses an unknown type', () => {
    expect(validateMatcher({ type: 'x' as '=', name: 'a', value: 'b' })).toBe('unknown matcher type "x"');
  });
});

describe('validateSilence (Alertmanager TestValidateSilence)', () => {
  const base = { matcherSets: [[eq('a', 'b')]], startsAt: NOW, endsAt: NOW };

  it('accepts a silence that starts and ends at the same time', () => {
    expect(validateSilence(base)).toBe(undefined);
  });

  it('refuses empty matcher sets', () => {
    expect(validateSilence({ ...base, matcherSets: [] })).toBe('at least one matcher set required');
    expect(validateSilence({ ...base, matcherSets: [[]] })).toBe('matcher set 0 is empty');
  });

  it('names the matcher and the set of an invalid matcher', () => {
    expect(validateSilence({ ...base, matcherSets: [[eq('a', 'b'), eq('', 'b')]] })).toBe(
      'invalid label matcher 1 in set 0: invalid label name ""',
    );
  });

  it('needs one matcher per set that does not match the empty string; negative ones never do', () => {
    expect(
      validateSilence({ ...base, matcherSets: [[eq('a', ''), { type: '=~', name: 'b', value: '.*' }]] }),
    ).toBe('matcher set 0: at least one matcher must not match the empty string');
    expect(validateSilence({ ...base, matcherSets: [[{ type: '=~', name: 'a', value: 'x|' }]] })).toBe(
      'matcher set 0: at least one matcher must not match the empty string',
    );
    // 18-api-invalid "silence-only-negative" is accepted, even `!~` that matches "".
    expect(validateSilence({ ...base, matcherSets: [[{ type: '!=', name: 'team', value: 'ops' }]] })).toBe(
      undefined,
    );
    expect(validateSilence({ ...base, matcherSets: [[{ type: '!~', name: 'a', value: 'x' }]] })).toBe(
      undefined,
    );
    expect(
      validateSilence({ ...base, matcherSets: [[eq('a', ''), { type: '=~', name: 'b', value: '.+' }]] }),
    ).toBe(undefined);
    expect(validateSilence({ ...base, matcherSets: [[eq('a', 'b')], [eq('c', '')]] })).toBe(
      'matcher set 1: at least one matcher must not match the empty string',
    );
  });

  it('checks the timestamps', () => {
    expect(validateSilence({ ...base, endsAt: NOW - 1000 })).toBe('end time must not be before start time');
    expect(validateSilence({ ...base, startsAt: GO_ZERO_TIME_MS })).toBe('invalid zero start timestamp');
    expect(validateSilence({ ...base, endsAt: GO_ZERO_TIME_MS })).toBe('invalid zero end timestamp');
  });
});

describe('validatePostable (postSilencesHandler, then Silences.Set)', () => {
  const body = (over: Partial<DecodedSilence>): DecodedSilence => ({
    id: '',
    matchers: [{ name: 'a', value: 'b', isRegex: false, isEqual: true }],
    startsAt: NOW,
    endsAt: NOW + H,
    createdBy: 't',
    comment: 'c',
    annotations: {},
    ...over,
  });
  const message = (d: DecodedSilence): string => {
    try {
      validatePostable(d, NOW);
    } catch (err) {
      expect(err).toBeInstanceOf(SilenceValidationError);
      expect((err as SilenceValidationError).status).toBe(400);
      return (err as SilenceValidationError).body;
    }
    return 'accepted';
  };

  it('refuses a start not before the end, then an end in the past (handler wording)', () => {
    expect(message(body({ startsAt: NOW + H, endsAt: NOW }))).toBe(
      'Failed to create silence: start time must be before end time',
    );
    expect(message(body({ startsAt: NOW + H, endsAt: NOW + H }))).toBe(
      'Failed to create silence: start time must be before end time',
    );
    expect(message(body({ startsAt: NOW - 2 * H, endsAt: NOW - H }))).toBe(
      "Failed to create silence: end time can't be in the past",
    );
    // Both wrong: the start/end check comes first.
    expect(message(body({ startsAt: NOW - H, endsAt: NOW - 2 * H }))).toBe(
      'Failed to create silence: start time must be before end time',
    );
    expect(message(body({ startsAt: NOW - H, endsAt: NOW }))).toBe('accepted');
  });

  it('prefixes validateSilence errors with "invalid silence: "', () => {
    expect(message(body({ matchers: [{ name: 'a', value: '(', isRegex: true, isEqual: true }] }))).toBe(
      'invalid silence: invalid label matcher 0 in set 0: invalid regular expression "(": error parsing regexp: missing closing ): `(`',
    );
    expect(message(body({ matchers: [{ name: 'a', value: '', isRegex: false, isEqual: true }] }))).toBe(
      'invalid silence: matcher set 0: at least one matcher must not match the empty string',
    );
    expect(message(body({ matchers: [{ name: '', value: 'x', isRegex: false, isEqual: true }] }))).toBe(
      'invalid silence: invalid label matcher 0 in set 0: invalid label name ""',
    );
  });

  it('turns isEqual/isRegex into the four match types and fills an unset (Go zero) start with now', () => {
    const d = validatePostable(
      body({
        startsAt: GO_ZERO_TIME_MS,
        matchers: [
          { name: 'a', value: 'b', isRegex: false, isEqual: true },
          { name: 'c', value: 'd', isRegex: false, isEqual: false },
          { name: 'e', value: 'f', isRegex: true, isEqual: true },
          { name: 'g', value: 'h', isRegex: true, isEqual: false },
        ],
      }),
      NOW,
    );
    expect(d.startsAt).toBe(NOW);
    expect(d.matcherSets).toEqual([
      [
        { type: '=', name: 'a', value: 'b' },
        { type: '!=', name: 'c', value: 'd' },
        { type: '=~', name: 'e', value: 'f' },
        { type: '!~', name: 'g', value: 'h' },
      ],
    ]);
  });
});
