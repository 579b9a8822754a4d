// Go's literal rules as text/template applies them: fmt's %#U for error messages, and reading
// numbers the way parse.NumberNode does. Quoting and unquoting are in @tocsin/go-syntax.
import { goQuote, goUnquoteChar, isPrint } from '@tocsin/go-syntax';

/** `%#U` of a rune, as in lexer messages: `U+0023 '#'`. */
export function goRune(cp: number): string {
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return isPrint(cp) ? `${code} '${String.fromCodePoint(cp)}'` : code;
}

/** Length in UTF-8 bytes, which is what Go's len() counts. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

// ---- Numbers ----

export interface NumberValue {
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  readonly isComplex: boolean;
  readonly int64: bigint;
  readonly uint64: bigint;
  readonly float64: number;
  readonly complex128: { readonly real: number; readonly imag: number };
}

type NumberResult =
  | { readonly ok: true; readonly value: NumberValue }
  | { readonly ok: false; readonly reason: string };

const MAX_UINT64 = (1n << 64n) - 1n;
const INT64_LIMIT = 1n << 63n;
const TWO_63 = 2 ** 63;
const TWO_64 = 2 ** 64;

const isDecimalDigit = (c: string): boolean => c >= '0' && c <= '9';
const isHexLetter = (c: string): boolean => (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

/** Go allows `_` only between digits, or between a base prefix and a digit. */
function underscoresOk(s: string): boolean {
  let i = s.startsWith('+') || s.startsWith('-') ? 1 : 0;
  let last: 'start' | 'digit' | 'underscore' | 'other' = 'start';
  let hexDigits = false;
  if (s.charAt(i) === '0' && /^[bBoOxX]$/.test(s.charAt(i + 1))) {
    hexDigits = /^[xX]$/.test(s.charAt(i + 1));
    last = 'digit'; // a base prefix counts as a digit here
    i += 2;
  }
  for (; i < s.length; i++) {
    const c = s.charAt(i);
    if (isDecimalDigit(c) || (hexDigits && isHexLetter(c))) last = 'digit';
    else if (c === '_') {
      if (last !== 'digit') return false;
      last = 'underscore';
    } else if (last === 'underscore') return false;
    else last = 'other';
  }
  return last !== 'underscore';
}

/** strconv.ParseUint(s, 0, 64): 0x, 0o, 0b and leading-0 octal; undefined on any error. */
function parseUint(s: string): bigint | undefined {
  if (s === '') return undefined;
  let base = 10n;
  let digits = s;
  if (s.startsWith('0')) {
    const prefix = s.length >= 3 ? s.charAt(1).toLowerCase() : '';
    base = prefix === 'b' ? 2n : prefix === 'x' ? 16n : 8n;
    digits = prefix === 'b' || prefix === 'o' || prefix === 'x' ? s.slice(2) : s.slice(1);
  }
  let n = 0n;
  let underscores = false;
  for (const c of digits) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    const d = isDecimalDigit(c) ? c.charCodeAt(0) - 48 : isHexLetter(c) ? (c.charCodeAt(0) | 0x20) - 87 : 99;
    if (BigInt(d) >= base) return undefined;
    n = n * base + BigInt(d);
  }
  if (underscores && !underscoresOk(s)) return undefined;
  return n > MAX_UINT64 ? undefined : n;
}

/** strconv.ParseInt(s, 0, 64). */
function parseInt64(s: string): bigint | undefined {
  const negative = s.startsWith('-');
  const magnitude = parseUint(negative || s.startsWith('+') ? s.slice(1) : s);
  if (magnitude === undefined) return undefined;
  if (negative) return magnitude > INT64_LIMIT ? undefined : -magnitude;
  return magnitude >= INT64_LIMIT ? undefined : magnitude;
}

/** mantissa × 2^exponent, scaled in steps so large exponents do not overflow early. */
function scaleByPowerOfTwo(mantissa: number, exponent: number): number {
  let value = mantissa;
  let e = exponent;
  while (e !== 0 && value !== 0 && Number.isFinite(value)) {
    const step = Math.max(-1000, Math.min(1000, e));
    value *= 2 ** step;
    e -= step;
  }
  return value;
}

/**
 * strconv.ParseFloat(s, 64) for the forms the lexer can produce (decimal and hex floats, with
 * underscores); undefined on syntax errors and on overflow, which Go also reports as an error.
 */
function parseFloat64(s: string): number | undefined {
  let i = s.startsWith('+') || s.startsWith('-') ? 1 : 0;
  const negative = s.startsWith('-');
  const hexMantissa = i + 2 < s.length && s.charAt(i) === '0' && /^[xX]$/.test(s.charAt(i + 1));
  if (hexMantissa) i += 2;
  const bodyStart = i;
  let mantissa = '';
  let fractionDigits = 0;
  let sawDot = false;
  let underscores = false;
  for (; i < s.length; i++) {
    const c = s.charAt(i);
    if (c === '_') underscores = true;
    else if (c === '.' && !sawDot) sawDot = true;
    else if (isDecimalDigit(c) || (hexMantissa && isHexLetter(c))) {
      mantissa += c;
      if (sawDot) fractionDigits++;
    } else break;
  }
  if (mantissa === '') return undefined;
  let exponent = 0;
  if (s.charAt(i).toLowerCase() === (hexMantissa ? 'p' : 'e')) {
    i++;
    const sign = s.charAt(i) === '-' ? -1 : 1;
    if (s.charAt(i) === '+' || s.charAt(i) === '-') i++;
    if (!isDecimalDigit(s.charAt(i))) return undefined;
    let digits = '';
    for (; i < s.length && (isDecimalDigit(s.charAt(i)) || s.charAt(i) === '_'); i++) {
      if (s.charAt(i) === '_') underscores = true;
      else digits += s.charAt(i);
    }
    exponent = sign * Math.min(Number(digits), 1e6);
  } else if (hexMantissa) {
    return undefined; // hex floats need a p exponent
  }
  if (i !== s.length || (underscores && !underscoresOk(s))) return undefined;
  const magnitude = hexMantissa
    ? scaleByPowerOfTwo(Number(BigInt(`0x${mantissa}`)), exponent - 4 * fractionDigits)
    : Number(s.slice(bodyStart).replaceAll('_', ''));
  if (!Number.isFinite(magnitude)) return undefined;
  return negative ? -magnitude : magnitude;
}

const exactInt64 = (f: number): boolean => Number.isInteger(f) && f >= -TWO_63 && f < TWO_63;
const exactUint64 = (f: number): boolean => Number.isInteger(f) && f >= 0 && f < TWO_64;

type MutableNumber = { -readonly [K in keyof NumberValue]: NumberValue[K] };

function emptyNumber(): MutableNumber {
  return {
    isInt: false,
    isUint: false,
    isFloat: false,
    isComplex: false,
    int64: 0n,
    uint64: 0n,
    float64: 0,
    complex128: { real: 0, imag: 0 },
  };
}

/** A complex constant is also a float (and maybe an integer) when its imaginary part is zero. */
function complexNumber(real: number, imag: number): NumberValue {
  const n = emptyNumber();
  n.isComplex = true;
  n.complex128 = { real, imag };
  n.isFloat = imag === 0;
  if (n.isFloat) {
    n.float64 = real;
    n.isInt = exactInt64(real);
    if (n.isInt) n.int64 = BigInt(real);
    n.isUint = exactUint64(real);
    if (n.isUint) n.uint64 = BigInt(real);
  }
  return n;
}

/** "1+2i": a real part, then a signed imaginary part. */
function parseComplex(text: string): NumberValue | undefined {
  if (!text.endsWith('i')) return undefined;
  for (let k = 1; k < text.length - 1; k++) {
    const c = text.charAt(k);
    if (c !== '+' && c !== '-') continue;
    const real = parseFloat64(text.slice(0, k));
    const imag = parseFloat64(text.slice(k, -1));
    if (real !== undefined && imag !== undefined) return complexNumber(real, imag);
  }
  return undefined;
}

const fail = (reason: string): NumberResult => ({ ok: false, reason });

/** A number, character or complex constant, valued under every Go type that can hold it. */
export function parseNumber(text: string, form: 'number' | 'char' | 'complex'): NumberResult {
  if (form === 'char') {
    const read = goUnquoteChar(text, 1, "'");
    if (read === undefined) return fail('invalid syntax');
    if (text.slice(read.next) !== "'") return fail(`malformed character constant: ${text}`);
    const n = emptyNumber();
    n.isInt = n.isUint = n.isFloat = true;
    n.int64 = n.uint64 = BigInt(read.value);
    n.float64 = read.value;
    return { ok: true, value: n };
  }
  if (form === 'complex') {
    const value = parseComplex(text);
    return value ? { ok: true, value } : fail(`illegal number syntax: ${goQuote(text)}`);
  }
  // Imaginary constants are complex; only a zero one is also a plain number.
  if (text.endsWith('i')) {
    const imag = parseFloat64(text.slice(0, -1));
    if (imag !== undefined) return { ok: true, value: complexNumber(0, imag) };
  }
  const n = emptyNumber();
  const u = parseUint(text);
  if (u !== undefined) {
    n.isUint = true;
    n.uint64 = u;
  }
  const i = parseInt64(text);
  if (i !== undefined) {
    n.isInt = true;
    n.int64 = i;
    if (i === 0n) {
      n.isUint = true; // "-0" is a uint too
      n.uint64 = u ?? 0n;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(n.uint64);
  } else {
    const f = parseFloat64(text);
    if (f !== undefined) {
      // Looks like an integer but did not fit in 64 bits.
      if (!/[.eEpP]/.test(text)) return fail(`integer overflow: ${goQuote(text)}`);
      n.isFloat = true;
      n.float64 = f;
      if (exactInt64(f)) {
        n.isInt = true;
        n.int64 = BigInt(f);
      }
      if (exactUint64(f)) {
        n.isUint = true;
        n.uint64 = BigInt(f);
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return fail(`illegal number syntax: ${goQuote(text)}`);
  return { ok: true, value: n };
}
