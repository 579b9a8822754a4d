import { describe, expect, it } from 'vitest';
import { goQuote, isPrint } from './quote.js';

describe('goQuote (strconv.Quote)', () => {
  it('matches the strconv.Quote documentation example', () => {
    expect(goQuote('"Fran & Freddie\'s Diner\t☺"')).toBe('"\\"Fran & Freddie\'s Diner\\t☺\\""');
  });

  it.each([
    ['', '""'],
    ['foo bar', '"foo bar"'],
    ['föö 日本 😀', '"föö 日本 😀"'],
    ['é🙂', '"é🙂"'],
    ['\\', '"\\\\"'],
    ['"\\', '"\\"\\\\"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['\x07\b\f\n\r\t\v', '"\\a\\b\\f\\n\\r\\t\\v"'],
    ['\x07\n\t\x00\x7f', '"\\a\\n\\t\\x00\\x7f"'],
    ['\u0000\u0007\u001b\u007f', '"\\x00\\a\\x1b\\x7f"'],
    ['\x00\x1f\x7f', '"\\x00\\x1f\\x7f"'],
    ['\u00a0\u00ad\u200b', '"\\u00a0\\u00ad\\u200b"'],
    ['\u{e0001}', '"\\U000e0001"'],
    ['\ufffd', '"\ufffd"'],
  ])('%j', (s, expected) => {
    expect(goQuote(s)).toBe(expected);
  });

  it('quotes a lone surrogate as the invalid UTF-8 of its WTF-8 bytes, or as a code unit on request', () => {
    expect(goQuote('a\ud800')).toBe('"a\\xed\\xa0\\x80"');
    expect(goQuote('\udc00')).toBe('"\\xed\\xb0\\x80"');
    expect(goQuote('a\ud800', { loneSurrogates: 'code-unit' })).toBe('"a\\ud800"');
    expect(goQuote('\udc00😀', { loneSurrogates: 'code-unit' })).toBe('"\\udc00😀"');
  });
});

describe('isPrint (strconv.IsPrint)', () => {
  it.each([
    [0x20, true],
    [0x23, true],
    [0x7e, true],
    [0xe9, true],
    [0x1f600, true],
    [0xfffd, true],
    [0x00, false],
    [0x1f, false],
    [0x7f, false],
    [0xa0, false], // only the ASCII space is printable among spaces
    [0x3000, false],
    [0xad, false],
    [0xd800, false],
    [0xe0001, false],
  ])('U+%s → %s', (cp, expected) => {
    expect(isPrint(cp)).toBe(expected);
  });
});
