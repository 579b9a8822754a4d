// Go double-quoted string literals: the UTF-8 parser's quoted tokens use them,
// and Alertmanager prints names that need quoting with strconv.Quote.
import { isGoPrint, isValidUtf8 } from './chars.js';

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
  '\\': 0x5c,
  '"': 0x22,
};
const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };
const HEX = /^[0-9a-fA-F]+$/;
const OCTAL = /^[0-7]{3}$/;
const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/**
 * Decodes a Go double-quoted literal (quotes included), as strconv.Unquote does.
 * Escapes produce bytes (\x, octal) or code points (\u, \U), so the result is
 * assembled as UTF-8 and must decode cleanly. Returns undefined when invalid.
 */
export function unquoteGo(literal: string): string | undefined {
  if (literal.length < 2 || !literal.startsWith('"') || !literal.endsWith('"')) return undefined;
  const body = literal.slice(1, -1);
  // A raw newline or quote cannot appear inside a Go string literal; lone surrogates are not UTF-8.
  if (body.includes('\n') || !isValidUtf8(body)) return undefined;
  if (!body.includes('\\')) return body.includes('"') ? undefined : body;
  const bytes: number[] = [];
  let i = 0;
  while (i < body.length) {
    const slash = body.indexOf('\\', i);
    const literalEnd = slash < 0 ? body.length : slash;
    const text = body.slice(i, literalEnd);
    if (text.includes('"')) return undefined;
    for (const b of encoder.encode(text)) bytes.push(b);
    if (slash < 0) break;
    const consumed = decodeEscape(body, slash, bytes);
    if (consumed === 0) return undefined;
    i = slash + consumed;
  }
  try {
    return decoder.decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
}

// Appends the escape at body[at] (a backslash) to bytes; returns its length, or 0 if invalid.
function decodeEscape(body: string, at: number, bytes: number[]): number {
  const kind = body.charAt(at + 1);
  const simple = SIMPLE_ESCAPES[kind];
  if (simple !== undefined) {
    bytes.push(simple);
    return 2;
  }
  const hexLength = HEX_DIGITS[kind];
  if (hexLength !== undefined) {
    const digits = body.slice(at + 2, at + 2 + hexLength);
    if (digits.length !== hexLength || !HEX.test(digits)) return 0;
    const value = Number.parseInt(digits, 16);
    if (kind === 'x') bytes.push(value);
    else if (!pushCodePoint(bytes, value)) return 0;
    return 2 + hexLength;
  }
  const digits = body.slice(at + 1, at + 4);
  if (!OCTAL.test(digits)) return 0;
  const value = Number.parseInt(digits, 8);
  if (value > 0xff) return 0;
  bytes.push(value);
  return 4;
}

function pushCodePoint(bytes: number[], cp: number): boolean {
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
  for (const b of encoder.encode(String.fromCodePoint(cp))) bytes.push(b);
  return true;
}

const QUOTE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/** Go's strconv.Quote: printable characters stay, everything else is escaped. */
export function quoteGo(s: string): string {
  let out = '"';
  for (const ch of s) {
    const escaped = QUOTE_ESCAPES[ch];
    if (escaped !== undefined) {
      out += escaped;
      continue;
    }
    if (isGoPrint(ch)) {
      out += ch;
      continue;
    }
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return `${out}"`;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}
