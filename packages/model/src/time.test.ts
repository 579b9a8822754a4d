import { describe, expect, it } from 'vitest';
import { formatApiTime, formatGoTime, GO_ZERO_TIME_MS, parseApiTime } from './time.js';

const ms = (s: string): number => {
  const r = parseApiTime(s);
  if ('error' in r) throw new Error(r.error);
  return r.ms;
};
const err = (s: string): string => {
  const r = parseApiTime(s);
  return 'error' in r ? r.error : `accepted as ${r.ms}`;
};

describe('parseApiTime', () => {
  it('reads RFC3339 with and without fractions and offsets', () => {
    expect(ms('2024-01-01T00:00:00Z')).toBe(Date.UTC(2024, 0, 1));
    expect(ms('2024-01-01T00:00:00.123Z')).toBe(Date.UTC(2024, 0, 1, 0, 0, 0, 123));
    expect(ms('2030-01-01T02:00:00.123456+02:00')).toBe(Date.UTC(2030, 0, 1, 0, 0, 0, 123));
    expect(ms('2024-01-01T00:00:00-01:30')).toBe(Date.UTC(2024, 0, 1, 1, 30));
    expect(ms('2020-01-01T00:00:00.1234567891234Z')).toBe(Date.UTC(2020, 0, 1, 0, 0, 0, 123));
  });

  it('accepts a comma before the fraction (Go is lenient)', () => {
    expect(ms('2020-01-01T00:00:00,5Z')).toBe(Date.UTC(2020, 0, 1, 0, 0, 0, 500));
  });

  it('reads the zone-less and reduced forms of strfmt as UTC', () => {
    expect(ms('2020-01-01T00:00:00.5')).toBe(Date.UTC(2020, 0, 1, 0, 0, 0, 500));
    expect(ms('2020-01-01T10:20')).toBe(Date.UTC(2020, 0, 1, 10, 20));
    expect(ms('2020-01-01T10:20Z')).toBe(Date.UTC(2020, 0, 1, 10, 20));
    expect(ms('2030-01-01 00:00:00')).toBe(Date.UTC(2030, 0, 1));
    expect(ms('2030-01-01')).toBe(Date.UTC(2030, 0, 1));
  });

  it('takes a colon-less offset only with 3 or 6 fraction digits', () => {
    expect(ms('2030-01-01T00:00:00.123+0200')).toBe(Date.UTC(2029, 11, 31, 22, 0, 0, 123));
    expect(ms('2030-01-01T00:00:00.123456+0200')).toBe(Date.UTC(2029, 11, 31, 22, 0, 0, 123));
    expect('error' in parseApiTime('2020-01-01T00:00:00.12+0200')).toBe(true);
    expect('error' in parseApiTime('2020-01-01T00:00:00+0200')).toBe(true);
  });

  it('treats "" as the Unix epoch, not as unset', () => {
    expect(ms('')).toBe(0);
  });

  it('reads the Go zero time', () => {
    expect(ms('0001-01-01T00:00:00Z')).toBe(GO_ZERO_TIME_MS);
    expect(ms('0001-01-01T02:00:00+02:00')).toBe(GO_ZERO_TIME_MS);
  });

  it('handles years below 100 without the Date.UTC 19xx quirk', () => {
    expect(formatApiTime(ms('0050-06-01T00:00:00Z'))).toBe('0050-06-01T00:00:00.000Z');
  });

  it('rejects out-of-range fields and lowercase separators', () => {
    for (const s of [
      '2020-02-30T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '1900-02-29',
      '2020-01-01T24:00:00Z',
      '2020-01-01T23:60:00Z',
      '2020-01-01T23:59:60Z',
      '2020-01-01t00:00:00z',
      '2020-01-01T00:00:00+25:00',
      '2020-1-01T00:00:00Z',
      '20-01-01',
      'foo',
    ]) {
      expect('error' in parseApiTime(s), s).toBe(true);
    }
    expect(ms('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(ms('2000-02-29')).toBe(Date.UTC(2000, 1, 29));
  });

  it("words errors like Go's parse of the last strfmt layout, 2006-01-02", () => {
    expect(err('foo')).toBe('parsing time "foo" as "2006-01-02": cannot parse "foo" as "2006"');
    expect(err('2024-13-01T00:00:00Z')).toBe('parsing time "2024-13-01T00:00:00Z": month out of range');
    expect(err('2020-02-30T00:00:00Z')).toBe('parsing time "2020-02-30T00:00:00Z": extra text: "T00:00:00Z"');
    expect(err('2020-02-30')).toBe('parsing time "2020-02-30": day out of range');
    expect(err('2020/01/01')).toBe('parsing time "2020/01/01" as "2006-01-02": cannot parse "/01/01" as "-"');
    expect(err('2020-1-01')).toBe('parsing time "2020-1-01" as "2006-01-02": cannot parse "1-01" as "01"');
    expect(err('2020-01-01é')).toBe('parsing time "2020-01-01\\xc3\\xa9": extra text: "\\xc3\\xa9"');
  });
});

describe('formatting', () => {
  it('prints API times with exactly three fraction digits in UTC', () => {
    expect(formatApiTime(Date.UTC(2024, 0, 1, 0, 0, 0, 120))).toBe('2024-01-01T00:00:00.120Z');
    expect(formatApiTime(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(formatApiTime(GO_ZERO_TIME_MS)).toBe('0001-01-01T00:00:00.000Z');
  });

  it('prints Go time.Time JSON with trailing zeros trimmed', () => {
    expect(formatGoTime(Date.UTC(2024, 0, 1, 0, 0, 0, 123))).toBe('2024-01-01T00:00:00.123Z');
    expect(formatGoTime(Date.UTC(2024, 0, 1, 0, 0, 0, 120))).toBe('2024-01-01T00:00:00.12Z');
    expect(formatGoTime(Date.UTC(2024, 0, 1, 0, 0, 10))).toBe('2024-01-01T00:00:10Z');
    expect(formatGoTime(GO_ZERO_TIME_MS)).toBe('0001-01-01T00:00:00Z');
  });
});
