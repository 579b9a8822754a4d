import { describe, expect, it } from 'vitest';
import { quoteMeta } from './quote-meta.js';

describe('quoteMeta (regexp.QuoteMeta)', () => {
  it.each([
    ['team.a', 'team\\.a'],
    ['plain', 'plain'],
    ['', ''],
    ['a+b*c?(d)|[e]{f}^g$h\\i', 'a\\+b\\*c\\?\\(d\\)\\|\\[e\\]\\{f\\}\\^g\\$h\\\\i'],
    ['ünïcode-_/ ', 'ünïcode-_/ '],
  ])('%s → %s', (s, quoted) => {
    expect(quoteMeta(s)).toBe(quoted);
  });
});
