import { describe, expect, it } from 'vitest';
import { goQuote, goTimeQuote } from './go-quote.js';

describe('goQuote (strconv.Quote)', () => {
  it('matches the strconv.Quote documentation example', () => {
    expect(goQuote('"Fran & Freddie\'s Diner\t☺"')).toBe('"\\"Fran & Freddie\'s Diner\\t☺\\""');
  });

  it('keeps printable Unicode and escapes the rest', () => {
    expect(goQuote('föö 日本 😀')).toBe('"föö 日本 😀"');
    expect(goQuote('\\')).toBe('"\\\\"');
    expect(goQuote('\u0000\u0007\u001b\u007f')).toBe('"\\x00\\a\\x1b\\x7f"');
    expect(goQuote('\u00a0\u00ad\u200b')).toBe('"\\u00a0\\u00ad\\u200b"');
    expect(goQuote('\u{e0001}')).toBe('"\\U000e0001"');
  });
});

describe('goTimeQuote (time package)', () => {
  it('escapes non-ASCII as UTF-8 bytes', () => {
    expect(goTimeQuote('é"\\')).toBe('"\\xc3\\xa9\\"\\\\"');
  });
});
