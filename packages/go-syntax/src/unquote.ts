// Go's strconv.Unquote and strconv.UnquoteChar. A JS string cannot hold Go's raw bytes, so the
// bytes a literal denotes are decoded as UTF-8 at the end.

export interface UnquotedChar {
  readonly value: number;
  /** \x and octal escapes denote a byte, not a code point. */
  readonly isByte: boolean;
  /** Index just past the character (and its escape). */
  readonly next: number;
}

const ESCAPED: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 0x5c,
};
const HEX_WIDTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

const isValidRune = (v: number): boolean => v <= 0x10ffff && (v < 0xd800 || v > 0xdfff);

/**
 * strconv.UnquoteChar: the character of a Go quoted literal (delimited by `quote`) starting at
 * `s[i]`; undefined where Go says "invalid syntax", including an unescaped `quote`.
 */
export function goUnquoteChar(s: string, i: number, quote: string): UnquotedChar | undefined {
  const cp = s.codePointAt(i);
  if (cp === undefined) return undefined;
  const ch = String.fromCodePoint(cp);
  if (ch === quote) return undefined;
  if (ch !== '\\') return { value: cp, isByte: false, next: i + ch.length };
  const e = s.charAt(i + 1);
  const simple = ESCAPED[e];
  if (simple !== undefined) return { value: simple, isByte: false, next: i + 2 };
  const width = HEX_WIDTH[e];
  if (width !== undefined) {
    const digits = s.slice(i + 2, i + 2 + width);
    if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits)) return undefined;
    const value = Number.parseInt(digits, 16);
    if (e === 'x') return { value, isByte: true, next: i + 2 + width };
    return isValidRune(value) ? { value, isByte: false, next: i + 2 + width } : undefined;
  }
  if (e >= '0' && e <= '7') {
    const digits = s.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(digits)) return undefined;
    const value = Number.parseInt(digits, 8);
    return value > 255 ? undefined : { value, isByte: true, next: i + 4 };
  }
  // \' only in character literals, \" only in strings.
  if ((e === "'" || e === '"') && e === quote) return { value: e.charCodeAt(0), isByte: false, next: i + 2 };
  return undefined;
}

/** UTF-8 of a code point; a lone surrogate gets its WTF-8 bytes, which are not valid UTF-8. */
function pushUtf8(bytes: number[], cp: number): void {
  if (cp < 0x80) bytes.push(cp);
  else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else
    bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

// With the u flag a surrogate pair is one code point, so this finds only lone surrogates.
const LONE_SURROGATE = /\p{Surrogate}/u;
const LENIENT = new TextDecoder('utf-8');
const FATAL = new TextDecoder('utf-8', { fatal: true });

export interface GoUnquoteOptions {
  /**
   * As TextDecoder's `fatal`: undefined where the literal's bytes are not valid UTF-8 (a `\xff`
   * escape, a lone surrogate), instead of U+FFFD in their place. Go itself keeps the raw bytes.
   */
  fatal?: boolean;
}

/**
 * strconv.Unquote for "..." and `...` literals; undefined where Go says "invalid syntax". Go drops
 * carriage returns from raw strings and reads invalid UTF-8 in "..." as U+FFFD, as here.
 */
export function goUnquote(literal: string, options: GoUnquoteOptions = {}): string | undefined {
  const fatal = options.fatal === true;
  const quote = literal.charAt(0);
  if (literal.length < 2 || literal.charAt(literal.length - 1) !== quote) return undefined;
  const body = literal.slice(1, -1);
  const validUtf8 = !LONE_SURROGATE.test(body);
  if (fatal && !validUtf8) return undefined;
  if (quote === '`') return body.includes('`') ? undefined : body.replaceAll('\r', '');
  if (quote !== '"' || body.includes('\n')) return undefined;
  if (validUtf8 && !body.includes('\\')) return body.includes('"') ? undefined : body;
  const bytes: number[] = [];
  for (let i = 0; i < body.length; ) {
    const read = goUnquoteChar(body, i, quote);
    if (read === undefined) return undefined;
    if (read.isByte) bytes.push(read.value);
    else pushUtf8(bytes, read.value);
    i = read.next;
  }
  try {
    return (fatal ? FATAL : LENIENT).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}
