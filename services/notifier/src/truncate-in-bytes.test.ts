import { describe, expect, it } from 'vitest';
import { truncateInBytes } from './truncate-in-bytes.js';

describe('truncateInBytes (Alertmanager TruncateInBytes)', () => {
  it.each([
    ['abcde', 5, 'abcde', false],
    ['abcdef', 5, 'ab…', true],
    ['abcdef', 3, '…', true],
    ['abcdef', 2, '..', true],
    ['abcdef', 0, '', true],
    // 'é' is 2 bytes: never cut in half.
    ['éééé', 7, 'éé…', true],
    ['éééé', 6, 'é…', true],
    ['🔥🔥', 6, '…', true],
  ])('%j to %i bytes → %j', (s, n, text, truncated) => {
    const out = truncateInBytes(s, n);
    expect(out).toEqual({ text, truncated });
    expect(Buffer.byteLength(out.text)).toBeLessThanOrEqual(Math.max(n, 0));
  });
});
