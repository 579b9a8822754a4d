// Character classes as Go defines them, so lexing and quoting agree with Alertmanager.
import { goQuote } from '@tocsin/go-syntax';

// Go's unicode.IsSpace is exactly the Unicode White_Space property.
const SPACE = /^\p{White_Space}$/u;
const LONE_SURROGATE = /\p{Surrogate}/u;
const RESERVED = new Set(['{', '}', '!', '=', '~', ',', '\\', '"', "'", '`']);

/** One code point (a string of one or two UTF-16 units). */
export function isGoSpace(ch: string): boolean {
  return SPACE.test(ch);
}

/** Characters that end an unquoted token, and force a label name to be quoted when printed. */
export function isReserved(ch: string): boolean {
  return RESERVED.has(ch) || isGoSpace(ch);
}

/**
 * Go's strconv.Quote as matcher messages print it. A lone surrogate, which only a JS caller can
 * pass, is shown as its code unit (`"a\ud800"`), not as goQuote's default WTF-8 bytes.
 */
export function quoteGo(s: string): string {
  return goQuote(s, { loneSurrogates: 'code-unit' });
}

/** A JS string is valid UTF-8 exactly when it has no unpaired surrogate. */
export function isValidUtf8(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** Go's strings.TrimSpace. */
export function trimGoSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end) {
    const ch = String.fromCodePoint(s.codePointAt(start) ?? 0);
    if (!isGoSpace(ch)) break;
    start += ch.length;
  }
  // White_Space has no astral code points, so stepping back one unit is enough.
  while (end > start && isGoSpace(s.charAt(end - 1))) end--;
  return s.slice(start, end);
}

/** Go compares strings bytewise; UTF-8 byte order is code point order, which UTF-16 order is not. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rankUnit(x) - rankUnit(y);
  }
  return a.length - b.length;
}

// Surrogates encode code points above U+FFFF, so they must sort after U+E000..U+FFFF.
function rankUnit(u: number): number {
  if (u >= 0xd800 && u <= 0xdfff) return u + 0x2000;
  if (u >= 0xe000) return u - 0x800;
  return u;
}
