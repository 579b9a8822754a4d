// Cases from Alertmanager's matcher/parse/parse_test.go and lexer_test.go.
import { describe, expect, it } from 'vitest';
import { MatcherError, MatcherParseError } from './errors.js';
import type { Matcher } from './matcher.js';
import { parseUtf8Matcher, parseUtf8Matchers } from './parser.js';

const parts = (ms: Matcher[]) => ms.map((m) => [m.name, m.type, m.value]);

function parseError(input: string): MatcherParseError {
  try {
    parseUtf8Matchers(input);
  } catch (err) {
    if (err instanceof MatcherParseError) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(input)} to fail`);
}

describe('parseUtf8Matchers', () => {
  it.each([
    ['', []],
    ['{}', []],
    ['  { }  ', []],
    ['{foo=bar}', [['foo', '=', 'bar']]],
    ['{foo=bar,}', [['foo', '=', 'bar']]],
    ['{foo!=bar}', [['foo', '!=', 'bar']]],
    ['{foo=~[a-z]+}', [['foo', '=~', '[a-z]+']]],
    ['{foo!~[a-z]+}', [['foo', '!~', '[a-z]+']]],
    ['{foo=🙂}', [['foo', '=', '🙂']]],
    ['{foo=🙂bar}', [['foo', '=', '🙂bar']]],
    ['foo=bar', [['foo', '=', 'bar']]],
    ['foo=bar,', [['foo', '=', 'bar']]],
    ['foo!~[a-z]+', [['foo', '!~', '[a-z]+']]],
    ['{"foo"="bar"}', [['foo', '=', 'bar']]],
    ['{"foo"="bar",}', [['foo', '=', 'bar']]],
    ['{"foo"=~"[a-z]+"}', [['foo', '=~', '[a-z]+']]],
    ['{"foo"=~"\\\\d+"}', [['foo', '=~', '\\d+']]],
    ['{"foo"="🙂"}', [['foo', '=', '🙂']]],
    ['{"foo"="\\xf0\\x9f\\x99\\x82"}', [['foo', '=', '🙂']]],
    ['{"foo"="\\U0001f642"}', [['foo', '=', '🙂']]],
    ['{"foo"="bar\\n"}', [['foo', '=', 'bar\n']]],
    ['{"foo"="bar\\t"}', [['foo', '=', 'bar\t']]],
    ['{"foo"="\\"bar\\""}', [['foo', '=', '"bar"']]],
    ['{"foo"="bar\\\\"}', [['foo', '=', 'bar\\']]],
    ['"foo"="bar",', [['foo', '=', 'bar']]],
    [
      '{foo=bar,bar!=baz}',
      [
        ['foo', '=', 'bar'],
        ['bar', '!=', 'baz'],
      ],
    ],
    [
      'foo="bar", bar!="baz"',
      [
        ['foo', '=', 'bar'],
        ['bar', '!=', 'baz'],
      ],
    ],
    // Names are any UTF-8 once quoted, or unquoted without reserved characters.
    [
      '{"foo bar"="baz", foo🙂=x, 0a.b-c:d=e}',
      [
        ['foo bar', '=', 'baz'],
        ['foo🙂', '=', 'x'],
        ['0a.b-c:d', '=', 'e'],
      ],
    ],
    ['{"" = ""}', [['', '=', '']]],
    // Whitespace, including Unicode spaces, separates tokens.
    ['{ foo\u202f=\u00a0"bar" ,\n}', [['foo', '=', 'bar']]],
  ])('%j', (input, expected) => {
    expect(parts(parseUtf8Matchers(input))).toEqual(expected);
  });

  it('decodes every Go escape in quoted tokens', () => {
    const [m] = parseUtf8Matchers('a="\\a\\b\\f\\n\\r\\t\\v\\\\\\"\\101\\x41\\u0041\\U00000041\\u00e9"');
    expect(m?.value).toBe('\x07\b\f\n\r\t\v\\"AAAAé');
  });

  it.each([
    [',', '0:1: unexpected ,: expected label name'],
    ['{,}', '1:2: unexpected ,: expected label name'],
    ['{', '0:1: end of input: expected close brace'],
    ['}', '0:1: }: expected opening brace'],
    ['foo=bar}', '0:8: }: expected opening brace'],
    ['{foo=bar', '0:8: end of input: expected close brace'],
    ['{foo=:"bar"}', '6:11: unexpected "bar": expected a comma or close brace'],
    ['{foo="bar\\w"}', '5:12: "bar\\w": invalid input'],
    ['{"foo"=~"\\d+"}', '8:13: "\\d+": invalid input'],
    ['{foo=bar\\n}', '8:9: \\: invalid input: expected a comma or close brace'],
    ['{"foo"="\\xf0\\x9f"}', '7:17: "\\xf0\\x9f": invalid input'],
    // The value is mandatory, unlike in the classic parser.
    ['foo=', 'end of input: expected label value'],
    ['foo', "end of input: expected an operator such as '=', '!=', '=~' or '!~'"],
    ['foo bar', "4:7: unexpected bar: expected an operator such as '=', '!=', '=~' or '!~'"],
    ['foo==bar', '4:5: unexpected =: expected label value'],
    ['foo!bar', "3:4: !: expected one of '=~': expected an operator such as '=', '!=', '=~' or '!~'"],
    [
      'foo!',
      "3:4: unexpected end of input, expected one of '=~': expected an operator such as '=', '!=', '=~' or '!~'",
    ],
    ['foo="bar', '4:8: "bar: missing end ": expected label value'],
    ['foo=bar,,', '8:9: unexpected ,: expected a matcher or close brace after comma'],
    ['{foo=bar}}', '9:10: }: expected end of input'],
    ['{foo=bar} ~', '10:11: ~: invalid input: expected end of input'],
    ['~', '0:1: ~: invalid input'],
    ["{ 'a'=b}", "2:3: ': invalid input"],
    // A Go string literal cannot hold \' or a raw newline.
    ['a="\\\'"', '2:6: "\\\'": invalid input'],
    ['a="x\ny"', '2:7: "x\ny": invalid input'],
    // Unpaired surrogates (\uD800) are not valid code points.
    ['a="\\ud800"', '2:10: "\\ud800": invalid input'],
    // Columns count code points, not UTF-16 units or bytes.
    ['🙂=a b', '4:5: unexpected b: expected a comma or close brace'],
  ])('rejects %j with AM message', (input, message) => {
    expect(parseError(input).message).toBe(message);
  });

  it('records the input and the column of the problem', () => {
    const err = parseError('{foo=:"bar"}');
    expect(err.input).toBe('{foo=:"bar"}');
    expect(err.position).toBe(6);
    expect(parseError('foo=').position).toBe(4);
  });

  it('reports a bad regex as a failed matcher, not a syntax error', () => {
    expect(() => parseUtf8Matchers('foo=~"(a"')).toThrowError(
      new MatcherError('failed to create matcher: error parsing regexp: missing closing ): `^(?:(a)$`'),
    );
    try {
      parseUtf8Matchers('foo=~"(a"');
    } catch (err) {
      expect(err).toBeInstanceOf(MatcherError);
      expect(err).not.toBeInstanceOf(MatcherParseError);
    }
  });
});

describe('parseUtf8Matcher', () => {
  it('accepts exactly one matcher, braces allowed', () => {
    expect(parseUtf8Matcher('{foo=bar,}').toString()).toBe('foo="bar"');
    expect(parseUtf8Matcher('"foo"=~"\\U0001f642"').value).toBe('🙂');
  });

  it.each([
    ['', 'no matchers'],
    ['{}', 'no matchers'],
    ['foo=bar,bar=baz', 'expected 1 matcher, found 2'],
    ['foo="\\xf0\\x9f"', '4:14: "\\xf0\\x9f": invalid input'],
  ])('rejects %j', (input, message) => {
    expect(() => parseUtf8Matcher(input)).toThrowError(expect.objectContaining({ message, input }));
  });
});
