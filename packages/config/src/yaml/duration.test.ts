import { describe, expect, it } from 'vitest';
import { Duration, formatDuration, parseDuration } from './duration.js';

describe('Prometheus durations', () => {
  it.each([
    ['0', 0],
    ['0s', 0],
    ['500ms', 500],
    ['10s', 10_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['1y', 31_536_000_000],
    ['1h1m1s1ms', 3_661_001],
  ])('parses %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['5x', '1.5h', '-1s', 's', '1m1h', '1h 30m', ' 1h'])(
    'rejects %s with Prometheus wording',
    (text) => {
      expect(() => parseDuration(text)).toThrow(`not a valid duration string: "${text}"`);
    },
  );

  it('rejects the empty string', () => {
    expect(() => parseDuration('')).toThrow('empty duration string');
  });

  it.each([
    [0, '0s'],
    [300_000, '5m'],
    [5_400_000, '1h30m'],
    [90_061_001, '1d1h1m1s1ms'],
    [14_400_000, '4h'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('serialises a Duration in Prometheus form', () => {
    expect(JSON.stringify({ group_wait: new Duration(30_000) })).toBe('{"group_wait":"30s"}');
  });
});
