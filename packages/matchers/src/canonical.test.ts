// Expected strings from Alertmanager's pkg/labels/matcher_test.go (TestMatcherString).
import { describe, expect, it } from 'vitest';
import { matchersToString } from './canonical.js';
import { Matcher, type MatchType } from './matcher.js';

describe('Matcher.toString', () => {
  it.each<[string, MatchType, string, string]>([
    ['foo', '=', 'bar', 'foo="bar"'],
    ['foo', '!=', 'bar', 'foo!="bar"'],
    ['foo', '=~', 'bar', 'foo=~"bar"'],
    ['foo', '!~', 'bar', 'foo!~"bar"'],
    ['foo', '=', 'back\\slash', 'foo="back\\\\slash"'],
    ['foo', '=', 'double"quote', 'foo="double\\"quote"'],
    ['foo', '=', 'new\nline', 'foo="new\\nline"'],
    // OpenMetrics escaping leaves tabs alone.
    ['foo', '=', 'tab\tstop', 'foo="tab\tstop"'],
    ['foo', '=', '🙂', 'foo="🙂"'],
    ['foo!', '!=', 'bar', '"foo!"!="bar"'],
    ['foo🙂', '=', 'bar', 'foo🙂="bar"'],
    ['foo bar', '=', 'baz', '"foo bar"="baz"'],
    // A quoted name switches the value to Go quoting, which escapes non-printables.
    ['foo bar', '=', 'a\tb\u00a0"\\\n', '"foo bar"="a\\tb\\u00a0\\"\\\\\\n"'],
    ['a,b', '=~', 'x', '"a,b"=~"x"'],
    ['a\u3000b', '=', 'x', '"a\\u3000b"="x"'],
  ])('%j %s %j', (name, type, value, expected) => {
    expect(Matcher.create(type, name, value).toString()).toBe(expected);
  });
});

describe('matchersToString', () => {
  it('renders a list without spaces, in the given order', () => {
    const list = [Matcher.create('=', 'a', 'b'), Matcher.create('=~', 'c', 'd')];
    expect(matchersToString(list)).toBe('{a="b",c=~"d"}');
    expect(matchersToString([])).toBe('{}');
  });
});
