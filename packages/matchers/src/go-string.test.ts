// Go strconv.Quote / strconv.Unquote behaviour for double-quoted strings.
import { describe, expect, it } from 'vitest';
import { quoteGo, unquoteGo } from './go-string.js';

describe('unquoteGo', () => {
  it.each([
    ['""', ''],
    ['"abc"', 'abc'],
    ['"\\303\\251"', 'é'],
    ['"\\xf0\\x9f\\x99\\x82"', '🙂'],
    ['"\\u263a\\U0001F642"', '☺🙂'],
    ['"\\000"', '\0'],
    ['"tab\there"', 'tab\there'],
    ['"say \\"hi\\""', 'say "hi"'],
    ['"a\\\\"', 'a\\'],
  ])('%s decodes', (literal, expected) => {
    expect(unquoteGo(literal)).toBe(expected);
  });

  it.each([
    ['"\\400"'], // octal above 255
    ['"\\12"'], // octal needs three digits
    ['"\\x4"'],
    ['"\\u12"'],
    ['"\\UFFFFFFFF"'],
    ['"\\uD800"'],
    ['"\\xff"'], // a lone byte that is not UTF-8
    ['"\\q"'],
    ['"\\"'],
    ['"\\\'"'],
    ['"a\nb"'],
    ['"a"b"'],
    ['"\ud800"'],
    ['abc'],
    ['"'],
  ])('%s is invalid', (literal) => {
    expect(unquoteGo(literal)).toBeUndefined();
  });
});

describe('quoteGo', () => {
  it.each([
    ['', '""'],
    ['foo bar', '"foo bar"'],
    ['"\\', '"\\"\\\\"'],
    ['\x07\b\f\n\r\t\v', '"\\a\\b\\f\\n\\r\\t\\v"'],
    ['\x00\x1f\x7f', '"\\x00\\x1f\\x7f"'],
    ['\u00a0\u00ad', '"\\u00a0\\u00ad"'],
    ['é🙂', '"é🙂"'],
    ['\u{e0001}', '"\\U000e0001"'],
  ])('%j', (s, expected) => {
    expect(quoteGo(s)).toBe(expected);
  });
});
