import { describe, expect, it } from 'vitest';
import { goRune, parseNumber } from './literals.js';

type Expected = [
  isInt: boolean,
  isUint: boolean,
  isFloat: boolean,
  isComplex: boolean,
  int64: bigint,
  uint64: bigint,
  float64: number,
  complex: [number, number],
];

// Go's numberTests (text/template/parse/parse_test.go).
const NUMBERS: Array<[string, Expected]> = [
  ['0', [true, true, true, false, 0n, 0n, 0, [0, 0]]],
  ['-0', [true, true, true, false, 0n, 0n, 0, [0, 0]]],
  ['73', [true, true, true, false, 73n, 73n, 73, [0, 0]]],
  ['7_3', [true, true, true, false, 73n, 73n, 73, [0, 0]]],
  ['0b10_010_01', [true, true, true, false, 73n, 73n, 73, [0, 0]]],
  ['0B10_010_01', [true, true, true, false, 73n, 73n, 73, [0, 0]]],
  ['073', [true, true, true, false, 0o73n, 0o73n, 0o73, [0, 0]]],
  ['0o73', [true, true, true, false, 0o73n, 0o73n, 0o73, [0, 0]]],
  ['0O73', [true, true, true, false, 0o73n, 0o73n, 0o73, [0, 0]]],
  ['0x73', [true, true, true, false, 0x73n, 0x73n, 0x73, [0, 0]]],
  ['0X73', [true, true, true, false, 0x73n, 0x73n, 0x73, [0, 0]]],
  ['0x7_3', [true, true, true, false, 0x73n, 0x73n, 0x73, [0, 0]]],
  ['-73', [true, false, true, false, -73n, 0n, -73, [0, 0]]],
  ['+73', [true, false, true, false, 73n, 0n, 73, [0, 0]]],
  ['100', [true, true, true, false, 100n, 100n, 100, [0, 0]]],
  ['1e9', [true, true, true, false, 1000000000n, 1000000000n, 1e9, [0, 0]]],
  ['-1e9', [true, false, true, false, -1000000000n, 0n, -1e9, [0, 0]]],
  ['-1.2', [false, false, true, false, 0n, 0n, -1.2, [0, 0]]],
  ['1e19', [false, true, true, false, 0n, 10000000000000000000n, 1e19, [0, 0]]],
  ['1e1_9', [false, true, true, false, 0n, 10000000000000000000n, 1e19, [0, 0]]],
  ['1E19', [false, true, true, false, 0n, 10000000000000000000n, 1e19, [0, 0]]],
  ['-1e19', [false, false, true, false, 0n, 0n, -1e19, [0, 0]]],
  ['0x_1p4', [true, true, true, false, 16n, 16n, 16, [0, 0]]],
  ['0X_1P4', [true, true, true, false, 16n, 16n, 16, [0, 0]]],
  ['0x_1p-4', [false, false, true, false, 0n, 0n, 1 / 16, [0, 0]]],
  ['4i', [false, false, false, true, 0n, 0n, 0, [0, 4]]],
  ['-1.2+4.2i', [false, false, false, true, 0n, 0n, 0, [-1.2, 4.2]]],
  ['073i', [false, false, false, true, 0n, 0n, 0, [0, 73]]], // not octal!
  // Complex with a zero imaginary part is a float (and maybe an integer) too.
  ['0i', [true, true, true, true, 0n, 0n, 0, [0, 0]]],
  ['-1.2+0i', [false, false, true, true, 0n, 0n, -1.2, [-1.2, 0]]],
  ['-12+0i', [true, false, true, true, -12n, 0n, -12, [-12, 0]]],
  ['13+0i', [true, true, true, true, 13n, 13n, 13, [13, 0]]],
  ['0123', [true, true, true, false, 0o123n, 0o123n, 0o123, [0, 0]]],
  ['-0x0', [true, true, true, false, 0n, 0n, 0, [0, 0]]],
  ['0xdeadbeef', [true, true, true, false, 0xdeadbeefn, 0xdeadbeefn, 0xdeadbeef, [0, 0]]],
  ["'a'", [true, true, true, false, 97n, 97n, 97, [0, 0]]],
  ["'\\n'", [true, true, true, false, 10n, 10n, 10, [0, 0]]],
  ["'\\\\'", [true, true, true, false, 92n, 92n, 92, [0, 0]]],
  ["'\\''", [true, true, true, false, 39n, 39n, 39, [0, 0]]],
  ["'\\xFF'", [true, true, true, false, 0xffn, 0xffn, 0xff, [0, 0]]],
  ["'パ'", [true, true, true, false, 0x30d1n, 0x30d1n, 0x30d1, [0, 0]]],
  ["'\\u30d1'", [true, true, true, false, 0x30d1n, 0x30d1n, 0x30d1, [0, 0]]],
  ["'\\U000030d1'", [true, true, true, false, 0x30d1n, 0x30d1n, 0x30d1, [0, 0]]],
  // Issue 8622: 0xe parsed as floating point.
  ['0xef', [true, true, true, false, 0xefn, 0xefn, 0xef, [0, 0]]],
];

/** Go types the token as complex when fmt.Sscan reads it as one. */
const formOf = (text: string): 'number' | 'char' | 'complex' =>
  text.startsWith("'") ? 'char' : /^[-+]?[\d.]+[-+][\d.]+i$/.test(text) ? 'complex' : 'number';

describe('parseNumber (Go numberTests)', () => {
  it.each(NUMBERS)(
    '%s',
    (text, [isInt, isUint, isFloat, isComplex, int64, uint64, float64, [real, imag]]) => {
      const result = parseNumber(text, formOf(text));
      expect(result).toEqual({
        ok: true,
        value: { isInt, isUint, isFloat, isComplex, int64, uint64, float64, complex128: { real, imag } },
      });
    },
  );

  it.each(['+-2', '0x123.', '1e.', '0xi.', '1+2.', "'x", "'xx'", "'433937734937734969526500969526500'"])(
    'rejects %s',
    (text) => {
      expect(parseNumber(text, formOf(text)).ok).toBe(false);
    },
  );

  it('names the problem as Go does', () => {
    expect(parseNumber('089', 'number')).toEqual({ ok: false, reason: 'integer overflow: "089"' });
    expect(parseNumber('0x1.8', 'number')).toEqual({ ok: false, reason: 'illegal number syntax: "0x1.8"' });
    expect(parseNumber('1__0', 'number')).toEqual({ ok: false, reason: 'illegal number syntax: "1__0"' });
    expect(parseNumber("'xx'", 'char')).toEqual({ ok: false, reason: "malformed character constant: 'xx'" });
    expect(parseNumber("''", 'char')).toEqual({ ok: false, reason: 'invalid syntax' });
  });
});

describe('Go formatting', () => {
  it('prints runes like %#U', () => {
    expect(goRune(0x23)).toBe("U+0023 '#'");
    expect(goRune(0x1)).toBe('U+0001');
    expect(goRune(0x1f600)).toBe("U+1F600 '😀'");
  });
});
