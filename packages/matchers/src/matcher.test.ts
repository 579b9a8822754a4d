import { describe, expect, it } from 'vitest';
import { MatcherError } from './errors.js';
import { Matcher, type MatchType } from './matcher.js';

describe('Matcher.matches', () => {
  // From Alertmanager's pkg/labels/matcher_test.go (TestMatcher).
  it.each<[MatchType, string, string, boolean]>([
    ['=', 'bar', 'bar', true],
    ['=', 'bar', 'foo-bar', false],
    ['!=', 'bar', 'bar', false],
    ['!=', 'bar', 'foo-bar', true],
    ['=~', 'bar', 'bar', true],
    ['=~', 'bar', 'foo-bar', false],
    ['=~', '.*bar', 'foo-bar', true],
    ['!~', 'bar', 'bar', false],
    ['!~', 'bar', 'foo-bar', true],
    ['!~', '.*bar', 'foo-bar', false],
    ['=~', 'foo.bar', 'foo-bar', true],
    ['=~', 'foo\\.bar', 'foo-bar', false],
    ['=~', 'foo\\.bar', 'foo.bar', true],
    ['=', 'foo\nbar', 'foo\nbar', true],
    ['=~', 'foo.bar', 'foo\nbar', false],
    ['=~', '(?s)foo.bar', 'foo\nbar', true],
    ['=', '~!="', '~!="', true],
  ])('%s %j against %j is %s', (type, value, input, expected) => {
    expect(Matcher.create(type, 'foo', value).matches(input)).toBe(expected);
  });

  it('anchors regexes at both ends', () => {
    const m = Matcher.create('=~', 'foo', 'b');
    expect(m.matches('abc')).toBe(false);
    expect(m.matches('b')).toBe(true);
    expect(Matcher.create('!~', 'foo', 'b').matches('abc')).toBe(true);
    // Alternation stays inside the group: ^(?:a|b)$ does not match "ab".
    expect(Matcher.create('=~', 'foo', 'a|b').matches('ab')).toBe(false);
    // $ is end of text, not "before a final newline" as in JavaScript.
    expect(Matcher.create('=~', 'foo', 'a').matches('a\n')).toBe(false);
  });

  it('treats an absent label as the empty string', () => {
    expect(Matcher.create('=', 'foo', '').matches('')).toBe(true);
    expect(Matcher.create('!=', 'foo', '').matches('')).toBe(false);
    expect(Matcher.create('=~', 'foo', '.*').matches('')).toBe(true);
    expect(Matcher.create('=~', 'foo', '.+').matches('')).toBe(false);
  });

  it('matches whole code points, as RE2 works on UTF-8', () => {
    expect(Matcher.create('=~', 'foo', '.').matches('🙂')).toBe(true);
    expect(Matcher.create('=~', 'foo', '\\p{Greek}+').matches('Σίσυφος')).toBe(true);
  });

  it('returns quickly on a pattern that makes backtracking engines explode', () => {
    // With a backtracking engine this would not finish; RE2 is linear.
    const m = Matcher.create('=~', 'foo', '(a+)+$');
    expect(m.matches(`${'a'.repeat(50_000)}b`)).toBe(false);
    expect(m.matches('a'.repeat(50_000))).toBe(true);
  });
});

describe('Matcher.create', () => {
  // Go's regexp error wording, as Alertmanager reports it.
  it.each([
    ['(a', 'error parsing regexp: missing closing ): `^(?:(a)$`'],
    ['a)', 'error parsing regexp: unexpected ): `^(?:a))$`'],
    ['invalid[regexp', 'error parsing regexp: missing closing ]: `[regexp)$`'],
    ['a**', 'error parsing regexp: invalid nested repetition operator: `**`'],
    ['*', 'error parsing regexp: missing argument to repetition operator: `*`'],
    ['a{1001}', 'error parsing regexp: invalid repeat count: `{1001}`'],
    ['[z-a]', 'error parsing regexp: invalid character class range: `z-a`'],
    ['\\8', 'error parsing regexp: invalid escape sequence: `\\8`'],
    ['(?=a)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    ['\\pX', 'error parsing regexp: invalid character class range: `\\pX`'],
    // JavaScript-only escapes that node-re2 would quietly translate; Go refuses them.
    ['\\u0041', 'error parsing regexp: invalid escape sequence: `\\u`'],
    ['\\cA', 'error parsing regexp: invalid escape sequence: `\\c`'],
    ['\\C', 'error parsing regexp: invalid escape sequence: `\\C`'],
  ])('rejects regex %j', (value, message) => {
    expect(() => Matcher.create('=~', 'foo', value)).toThrowError(new MatcherError(message));
    expect(() => Matcher.create('!~', 'foo', value)).toThrowError(new MatcherError(message));
  });

  it('does not compile values of equality matchers', () => {
    expect(Matcher.create('=', 'foo', '(a').matches('(a')).toBe(true);
  });

  it('accepts what Go accepts even where C++ RE2 differs', () => {
    // Go allows repeated group names; matching ignores names anyway.
    expect(Matcher.create('=~', 'foo', '(?P<x>a)(?P<x>b)').matches('ab')).toBe(true);
    expect(Matcher.create('=~', 'foo', '(?<x>a)|(?<x>b)').matches('b')).toBe(true);
    // \Q...\E is literal text, including backslashes node-re2 would rewrite.
    expect(Matcher.create('=~', 'foo', '\\Qa.b\\E').matches('axb')).toBe(false);
    expect(Matcher.create('=~', 'foo', '\\Qa.b\\E').matches('a.b')).toBe(true);
    expect(Matcher.create('=~', 'foo', '\\Q\\u0041\\E').matches('\\u0041')).toBe(true);
    // Without \E the quoting runs to the end, swallowing AM's closing ")$".
    expect(() => Matcher.create('=~', 'foo', '\\Qa')).toThrowError(
      new MatcherError('error parsing regexp: missing closing ): `^(?:\\Qa)$`'),
    );
    // An escaped backslash before u is not a \u escape.
    expect(Matcher.create('=~', 'foo', '\\\\u').matches('\\u')).toBe(true);
    expect(Matcher.create('=~', 'foo', '[[:alpha:]]+').matches('abc')).toBe(true);
  });

  it('keeps Alertmanager anchoring by concatenation', () => {
    // AM builds "^(?:" + v + ")$", so a value can close the group itself.
    const m = Matcher.create('=~', 'foo', 'a)|(b');
    expect(m.matches('a-anything')).toBe(true);
  });

  it('rejects text that is not valid UTF-8', () => {
    expect(() => Matcher.create('=', 'foo', 'a\ud800')).toThrowError(
      new MatcherError('invalid label value "a\\ud800"'),
    );
    expect(() => Matcher.create('=~', 'foo', '\udc00')).toThrowError(/^error parsing regexp: invalid UTF-8/);
    expect(() => Matcher.create('=', '\ud800', 'a')).toThrowError(
      new MatcherError('invalid label name "\\ud800"'),
    );
  });

  it('rejects unknown match types from untyped callers', () => {
    expect(() => Matcher.create('==' as MatchType, 'foo', 'a')).toThrowError(MatcherError);
  });
});

describe('Matcher API shape', () => {
  it.each<[boolean, boolean | undefined, MatchType]>([
    [false, true, '='],
    [false, false, '!='],
    [true, true, '=~'],
    [true, false, '!~'],
    [false, undefined, '='],
    [true, undefined, '=~'],
  ])('isRegex=%s isEqual=%s is %s', (isRegex, isEqual, type) => {
    const m = Matcher.fromApi({
      name: 'foo',
      value: 'bar',
      isRegex,
      ...(isEqual === undefined ? {} : { isEqual }),
    });
    expect(m.type).toBe(type);
    expect(m.isRegex).toBe(isRegex);
    expect(m.isEqual).toBe(isEqual ?? true);
    expect(JSON.stringify(m)).toBe(
      `{"name":"foo","value":"bar","isRegex":${isRegex},"isEqual":${isEqual ?? true}}`,
    );
  });

  it('fromApi compiles regexes', () => {
    expect(() => Matcher.fromApi({ name: 'foo', value: '(', isRegex: true })).toThrowError(
      new MatcherError('error parsing regexp: missing closing ): `^(?:()$`'),
    );
  });

  it('compares by type, name and value', () => {
    const a = Matcher.create('=', 'foo', 'bar');
    expect(a.equals(Matcher.create('=', 'foo', 'bar'))).toBe(true);
    expect(a.equals(Matcher.create('=~', 'foo', 'bar'))).toBe(false);
    expect(a.equals(Matcher.create('=', 'foo', 'baz'))).toBe(false);
  });
});
