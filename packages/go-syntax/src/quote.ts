// Go's strconv quoting, so messages read exactly like Alertmanager's.

/** Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's strconv.IsPrint for one code point (false for surrogates, which are not runes). */
export function isPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp < 0x20 || cp === 0x7f) return false;
  if (cp < 0x7f) return true;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
};

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

export interface GoQuoteOptions {
  /**
   * A lone UTF-16 surrogate has no Go counterpart. `'bytes'` (the default) quotes its WTF-8 bytes
   * as Go quotes invalid UTF-8 (`\xed\xa0\x80`); `'code-unit'` writes `\ud800`, which Go itself
   * never prints.
   */
  loneSurrogates?: 'bytes' | 'code-unit';
}

/** Go `strconv.Quote` / `%q`: escapes non-printable runes, keeps printable Unicode as is. */
export function goQuote(s: string, options: GoQuoteOptions = {}): string {
  const surrogateBytes = options.loneSurrogates !== 'code-unit';
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (isPrint(cp)) out += ch;
    else if (SHORT_ESCAPES[cp] !== undefined) out += SHORT_ESCAPES[cp];
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (surrogateBytes && cp >= 0xd800 && cp <= 0xdfff) {
      // Go would see the surrogate's WTF-8 bytes as three bytes of invalid UTF-8.
      out += `\\x${hex(0xe0 | (cp >> 12), 2)}\\x${hex(0x80 | ((cp >> 6) & 0x3f), 2)}\\x${hex(0x80 | (cp & 0x3f), 2)}`;
    } else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return `${out}"`;
}
