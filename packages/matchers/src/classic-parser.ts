// The classic matchers parser (Alertmanager <= 0.26, pkg/labels/parse.go):
// tolerant, comma-split outside double quotes, OpenMetrics escapes in values.
// Hand-written rather than a regex so hostile input cannot make it backtrack.
import { isValidUtf8, trimGoSpace } from './chars.js';
import { MatcherParseError } from './errors.js';
import { Matcher, type MatchType } from './matcher.js';

// Go's regexp \s, which is ASCII-only (no \v).
const SPACE = new Set(['\t', '\n', '\f', '\r', ' ']);
const NAME_START = /[a-zA-Z_:]/;
const NAME_CHAR = /[a-zA-Z0-9_:]/;
// '=~' is tried before '=' so that the '~' is not taken as part of the value.
const OPERATORS: readonly MatchType[] = ['=~', '=', '!=', '!~'];

/** `{foo="bar", baz!~quux}`: one leading '{' and one trailing '}' are dropped if present. */
export function parseClassicMatchers(input: string): Matcher[] {
  let s = input.startsWith('{') ? input.slice(1) : input;
  if (s.endsWith('}')) s = s.slice(0, -1);
  return splitOutsideQuotes(s).map((part) => parseClassicMatcher(part));
}

/** One matcher: a classic label name, an operator, then a raw or double-quoted value. */
export function parseClassicMatcher(input: string): Matcher {
  const badFormat = (): never => {
    throw new MatcherParseError(`bad matcher format: ${input}`, input);
  };
  let i = skipSpace(input, 0);
  const nameStart = i;
  if (!NAME_START.test(input.charAt(i))) return badFormat();
  i++;
  while (i < input.length && NAME_CHAR.test(input.charAt(i))) i++;
  const name = input.slice(nameStart, i);
  i = skipSpace(input, i);
  const type = OPERATORS.find((op) => input.startsWith(op, i));
  if (type === undefined) return badFormat();
  i = skipSpace(input, i + type.length);
  let end = input.length;
  while (end > i && SPACE.has(input.charAt(end - 1))) end--;
  return Matcher.create(type, name, unescapeValue(input.slice(i, end), input));
}

/**
 * Values may be wrapped in double quotes; inside, \" \n and \\ are escapes and
 * any other backslash is literal. An unescaped quote anywhere else is an error.
 */
function unescapeValue(raw: string, input: string): string {
  const quoted = raw.startsWith('"');
  const body = quoted ? raw.slice(1) : raw;
  if (!isValidUtf8(body)) throw new MatcherParseError(`matcher value not valid UTF-8: ${raw}`, input);
  const unescapedQuote = (): never => {
    throw new MatcherParseError(`matcher value contains unescaped double quote: ${raw}`, input);
  };
  let value = '';
  let closed = !quoted;
  for (let i = 0; i < body.length; i++) {
    const ch = body.charAt(i);
    const last = i === body.length - 1;
    if (ch === '\\' && !last) {
      i++;
      const next = body.charAt(i);
      if (next === 'n') value += '\n';
      else if (next === '"' || next === '\\') value += next;
      else value += `\\${next}`;
    } else if (ch === '"') {
      if (closed || !last) return unescapedQuote();
      closed = true;
    } else {
      value += ch;
    }
  }
  if (!closed) return unescapedQuote();
  return value;
}

/**
 * Splits on commas outside double quotes. A backslash escapes a following
 * quote; commas leave the escape state alone, exactly as Alertmanager does.
 * Only the last part is trimmed, and dropped if empty (a trailing comma).
 */
function splitOutsideQuotes(s: string): string[] {
  const parts: string[] = [];
  let partStart = 0;
  let insideQuotes = false;
  let escaped = false;
  // Only ASCII characters matter here, so UTF-16 units can be scanned directly.
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i);
    if (ch === ',') {
      if (!insideQuotes) {
        parts.push(s.slice(partStart, i));
        partStart = i + 1;
      }
    } else if (ch === '"') {
      if (escaped) escaped = false;
      else insideQuotes = !insideQuotes;
    } else if (ch === '\\') {
      escaped = !escaped;
    } else {
      escaped = false;
    }
  }
  const last = trimGoSpace(s.slice(partStart));
  if (last !== '') parts.push(last);
  return parts;
}

function skipSpace(s: string, from: number): number {
  let i = from;
  while (i < s.length && SPACE.has(s.charAt(i))) i++;
  return i;
}
