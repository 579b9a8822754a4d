import { describe, expect, it } from 'vitest';
import { MatcherError } from './errors.js';
import { isClassicLabelName, matchersFromLegacy } from './legacy.js';

describe('matchersFromLegacy', () => {
  it('turns match into = and match_re into =~ matchers', () => {
    const ms = matchersFromLegacy({ service: 'a.b' }, { severity: 'page|ticket' });
    expect(ms.map(String)).toEqual(['service="a.b"', 'severity=~"page|ticket"']);
    // match values are literal, match_re values anchored regexes.
    expect(ms[0]?.matches('axb')).toBe(false);
    expect(ms[1]?.matches('page')).toBe(true);
    expect(ms[1]?.matches('pager')).toBe(false);
  });

  it('accepts missing sections', () => {
    expect(matchersFromLegacy(undefined, undefined)).toEqual([]);
    expect(matchersFromLegacy({ a: '' }, undefined).map(String)).toEqual(['a=""']);
  });

  it.each([
    [{ 'x-y': 'a' }, undefined, 'invalid label name "x-y"'],
    [{ '0abc': 'a' }, undefined, 'invalid label name "0abc"'],
    [undefined, { 'foo🙂': 'a' }, 'invalid label name "foo🙂"'],
    [undefined, { 'a:b': 'a' }, 'invalid label name "a:b"'],
    [undefined, { foo: '(a' }, 'error parsing regexp: missing closing ): `^(?:(a)$`'],
    // Alertmanager compiles the regex before it checks the key.
    [undefined, { 'x-y': '(a' }, 'error parsing regexp: missing closing ): `^(?:(a)$`'],
  ])('rejects match=%j match_re=%j', (match, matchRe, message) => {
    expect(() => matchersFromLegacy(match, matchRe)).toThrowError(new MatcherError(message));
  });
});

describe('isClassicLabelName', () => {
  it.each([
    ['foo', true],
    ['_foo1', true],
    ['', false],
    ['0foo', false],
    ['foo🙂', false],
    ['foo:bar', false],
  ])('%j is %s', (name, expected) => {
    expect(isClassicLabelName(name)).toBe(expected);
  });
});
