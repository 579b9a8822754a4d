import { describe, expect, it } from 'vitest';
import { goTimeQuote } from './go-quote.js';

describe('goTimeQuote (time package)', () => {
  it('escapes non-ASCII as UTF-8 bytes', () => {
    expect(goTimeQuote('é"\\')).toBe('"\\xc3\\xa9\\"\\\\"');
  });
});
