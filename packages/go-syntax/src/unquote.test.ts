import { describe, expect, it } from 'vitest';
import { goUnquote, goUnquoteChar } from './unquote.js';

describe('goUnquote (strconv.Unquote)', () => {
  it.each<[string, string]>([
    ['""', ''],
    ['"abc"', 'abc'],
    ['"日本"', '日本'],
    ['"\\303\\251"', 'é'],
    ['"\\xf0\\x9f\\x99\\x82"', '🙂'],
    ['"\\xe6\\x97\\xa5"', '日'],
    ['"\\u263a\\U0001F642"', '☺🙂'],
    ['"\\x41\\101\\u00e9\\U0001F600"', 'AAé😀'],
    ['"\\000"', '\0'],
    ['"tab\there"', 'tab\there'],
    ['"say \\"hi\\""', 'say "hi"'],
    ['"a\\\\"', 'a\\'],
    ['"\\a\\b\\f\\n\\r\\t\\v\\\\\\""', '\x07\b\f\n\r\t\v\\"'],
    ['`raw \\n`', 'raw \\n'],
    ['`a\r\nb`', 'a\nb'],
  ])('%s decodes', (literal, expected) => {
    expect(goUnquote(literal)).toBe(expected);
    expect(goUnquote(literal, { fatal: true })).toBe(expected);
  });

  it.each([
    ['"\\400"'], // octal above 255
    ['"\\12"'], // octal needs three digits
    ['"\\x4"'],
    ['"\\u12"'],
    ['"\\UFFFFFFFF"'],
    ['"\\uD800"'],
    ['"\\ud800"'],
    ['"\\q"'],
    ['"\\"'],
    ['"\\\'"'], // \' only in character literals
    ['"a\nb"'],
    ['"a"b"'],
    ['`a`b`'],
    ['abc'],
    ['"'],
  ])('%s is invalid', (literal) => {
    expect(goUnquote(literal)).toBeUndefined();
    expect(goUnquote(literal, { fatal: true })).toBeUndefined();
  });

  it.each<[string, string]>([
    ['"\\xff"', '\ufffd'], // a lone byte that is not UTF-8
    ['"\ud800"', '\ufffd\ufffd\ufffd'], // Go reads each of the three WTF-8 bytes as U+FFFD
    ['"a\ud800\\n"', 'a\ufffd\ufffd\ufffd\n'],
    ['`\ud800`', '\ud800'], // Go does not check raw strings
  ])('%s is not UTF-8: U+FFFD, or undefined when fatal', (literal, lenient) => {
    expect(goUnquote(literal)).toBe(lenient);
    expect(goUnquote(literal, { fatal: true })).toBeUndefined();
  });
});

describe('goUnquoteChar (strconv.UnquoteChar)', () => {
  it('reads one character, telling byte escapes from code points', () => {
    expect(goUnquoteChar("'\\''", 1, "'")).toEqual({ value: 0x27, isByte: false, next: 3 });
    expect(goUnquoteChar("'\\xff'", 1, "'")).toEqual({ value: 0xff, isByte: true, next: 5 });
    expect(goUnquoteChar("'\\377'", 1, "'")).toEqual({ value: 0xff, isByte: true, next: 5 });
    expect(goUnquoteChar("'😀'", 1, "'")).toEqual({ value: 0x1f600, isByte: false, next: 3 });
    expect(goUnquoteChar("'\\\"'", 1, "'")).toBeUndefined();
    expect(goUnquoteChar("''", 1, "'")).toBeUndefined();
    expect(goUnquoteChar("'", 1, "'")).toBeUndefined();
  });
});
