// Cases from Alertmanager's pkg/labels/parse_test.go.
import { describe, expect, it } from 'vitest';
import { parseClassicMatcher, parseClassicMatchers } from './classic-parser.js';
import { MatcherError, MatcherParseError } from './errors.js';
import type { Matcher } from './matcher.js';

const parts = (ms: Matcher[]) => ms.map((m) => [m.name, m.type, m.value]);

describe('parseClassicMatchers', () => {
  it.each([
    ['{}', []],
    ['', []],
    ["{foo='}", [['foo', '=', "'"]]],
    ['{foo=`}', [['foo', '=', '`']]],
    ['{foo=\\"}', [['foo', '=', '"']]],
    ['{foo=bar}', [['foo', '=', 'bar']]],
    ['{foo="bar"}', [['foo', '=', 'bar']]],
    ['{foo=~bar.*}', [['foo', '=~', 'bar.*']]],
    ['{foo=~"bar.*"}', [['foo', '=~', 'bar.*']]],
    ['{foo!=bar}', [['foo', '!=', 'bar']]],
    ['{foo!="bar"}', [['foo', '!=', 'bar']]],
    ['{foo!~bar.*}', [['foo', '!~', 'bar.*']]],
    ['{foo!~"bar.*"}', [['foo', '!~', 'bar.*']]],
    [
      '{foo="bar", baz!~".*quux", derp="wat"}',
      [
        ['foo', '=', 'bar'],
        ['baz', '!~', '.*quux'],
        ['derp', '=', 'wat'],
      ],
    ],
    ['{foo=""}', [['foo', '=', '']]],
    [
      '{foo="bar,quux", job="job1"}',
      [
        ['foo', '=', 'bar,quux'],
        ['job', '=', 'job1'],
      ],
    ],
    [
      '{foo = "bar", dings != "bums", }',
      [
        ['foo', '=', 'bar'],
        ['dings', '!=', 'bums'],
      ],
    ],
    [
      'foo=bar,dings!=bums',
      [
        ['foo', '=', 'bar'],
        ['dings', '!=', 'bums'],
      ],
    ],
    [
      '{quote="She said: \\"Hi, ladies! That\'s gender-neutral…\\""}',
      [['quote', '=', 'She said: "Hi, ladies! That\'s gender-neutral…"']],
    ],
    ['statuscode=~"5.."', [['statuscode', '=~', '5..']]],
    ['tricky=~~~', [['tricky', '=~', '~~']]],
    ['trickier==\\\\=\\=\\"', [['trickier', '=', '=\\=\\="']]],
    [
      'contains_quote != "\\"" , contains_comma !~ "foo,bar" , ',
      [
        ['contains_quote', '!=', '"'],
        ['contains_comma', '!~', 'foo,bar'],
      ],
    ],
    ['{foo=bar}}', [['foo', '=', 'bar}']]],
    ['{foo=bar}},}', [['foo', '=', 'bar}}']]],
    [
      '{foo=,bar=}}',
      [
        ['foo', '=', ''],
        ['bar', '=', '}'],
      ],
    ],
    ['{foo=bar\\t}', [['foo', '=', 'bar\\t']]],
    ['{foo=bar\\n}', [['foo', '=', 'bar\n']]],
    ['{foo=bar\\}', [['foo', '=', 'bar\\']]],
    ['{foo=bar\\\\}', [['foo', '=', 'bar\\']]],
    ['{foo=bar\\"}', [['foo', '=', 'bar"']]],
    // The value may be empty, unlike in the UTF-8 parser.
    ['job=', [['job', '=', '']]],
    ['{foo=', [['foo', '=', '']]],
    ['{foo=}b', [['foo', '=', '}b']]],
    // Colons are allowed in names, as in the Prometheus metric name rule.
    ['a:b=c', [['a:b', '=', 'c']]],
  ])('%j', (input, expected) => {
    expect(parts(parseClassicMatchers(input))).toEqual(expected);
  });

  it.each([
    [',', 'bad matcher format: '],
    ['{,}', 'bad matcher format: '],
    ['job="value', 'matcher value contains unescaped double quote: "value'],
    ['job=value"', 'matcher value contains unescaped double quote: value"'],
    ['trickier==\\\\=\\=\\""', 'matcher value contains unescaped double quote: =\\\\=\\=\\""'],
    ['contains_unescaped_quote = foo"bar', 'matcher value contains unescaped double quote: foo"bar'],
    ['{invalid-name = "valid label"}', 'bad matcher format: invalid-name = "valid label"'],
    ['"{foo=\\"bar"}', 'bad matcher format: "{foo=\\"bar"'],
    ['"foo=\\"bar"', 'bad matcher format: "foo=\\"bar"'],
    ['"foo="bar""', 'bad matcher format: "foo="bar""'],
    ['{{foo=', 'bad matcher format: {foo='],
    ['foo🙂=bar', 'bad matcher format: foo🙂=bar'],
    ['foo!bar', 'bad matcher format: foo!bar'],
    // Only the last part is trimmed, so the message keeps the others' spaces.
    [' 1=a, b=c', 'bad matcher format:  1=a'],
  ])('rejects %j', (input, message) => {
    expect(() => parseClassicMatchers(input)).toThrowError(
      expect.objectContaining({ name: 'MatcherParseError', message }),
    );
  });

  it('reports bad regexes with Go regexp wording', () => {
    expect(() => parseClassicMatchers('{foo=~"invalid[regexp"}')).toThrowError(
      new MatcherError('error parsing regexp: missing closing ]: `[regexp)$`'),
    );
  });

  it('rejects values that are not valid UTF-8', () => {
    expect(() => parseClassicMatchers('foo="\ud800"')).toThrowError(
      expect.objectContaining({ message: 'matcher value not valid UTF-8: "\ud800"' }),
    );
  });

  it('is linear on long runs of whitespace', () => {
    // A backtracking `\s*(.*?)\s*$` would need ~10^10 steps here.
    const input = `a=${' '.repeat(100_000)}x${' '.repeat(100_000)}`;
    expect(parts(parseClassicMatchers(input))).toEqual([['a', '=', 'x']]);
  });
});

describe('parseClassicMatcher', () => {
  it('does not split on commas or strip braces', () => {
    expect(parts([parseClassicMatcher('foo=bar,baz=qux')])).toEqual([['foo', '=', 'bar,baz=qux']]);
    expect(() => parseClassicMatcher('{foo=bar}')).toThrowError(MatcherParseError);
  });

  it('trims ASCII whitespace around tokens', () => {
    expect(parts([parseClassicMatcher(' \tfoo \n!~ "a b" \r')])).toEqual([['foo', '!~', 'a b']]);
  });
});
