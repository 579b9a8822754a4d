import { describe, expect, it } from 'vitest';
import { formatGoDuration, GoDuration, parseGoDuration } from './go-duration.js';

describe('parseGoDuration (time.ParseDuration)', () => {
  it.each([
    ['0', 0],
    ['-0', 0],
    ['300ms', 300e6],
    ['1.5h', 5400e9],
    ['1m30s', 90e9],
    ['2us', 2000],
    ['2µs', 2000],
    ['10ns', 10],
    ['.5s', 5e8],
    ['-1s', -1e9],
    ['1h2m3s4ms', 3723004e6],
  ])('parses %s', (text, ns) => {
    expect(parseGoDuration(text)).toBe(ns);
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['1', 'time: missing unit in duration "1"'],
    ['30', 'time: missing unit in duration "30"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['x', 'time: invalid duration "x"'],
    ['1s x', 'time: unknown unit "s x" in duration "1s x"'],
    ['.s', 'time: invalid duration ".s"'],
  ])('rejects %j', (text, message) => {
    expect(() => parseGoDuration(text)).toThrow(message);
  });
});

describe('formatGoDuration (time.Duration.String)', () => {
  it.each([
    [0, '0s'],
    [60_000, '1m0s'],
    [3_600_000, '1h0m0s'],
    [1500, '1.5s'],
    [300, '300ms'],
    [1.5, '1.5ms'],
    [0.002, '2µs'],
    [0.000001, '1ns'],
    [3_723_004, '1h2m3.004s'],
    [-1000, '-1s'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
    expect(JSON.stringify(new GoDuration(ms))).toBe(JSON.stringify(text));
  });
});
