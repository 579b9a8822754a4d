// Canonical text of matchers, byte-for-byte as Alertmanager prints them
// (route keys, API responses, fallback suggestions).
import { isReserved, quoteGo } from './chars.js';

interface MatcherParts {
  readonly type: string;
  readonly name: string;
  readonly value: string;
}

/** OpenMetrics escaping: only backslash, newline and double quote. */
export function escapeOpenMetrics(value: string): string {
  return value.replace(/[\\\n"]/g, (ch) => (ch === '\n' ? '\\n' : `\\${ch}`));
}

/**
 * `name="value"`. A name the classic parser could not read back (it has
 * reserved characters) is Go-quoted, and then so is the value.
 */
export function formatMatcher(m: MatcherParts): string {
  if (Array.from(m.name).some(isReserved)) return `${quoteGo(m.name)}${m.type}${quoteGo(m.value)}`;
  return `${m.name}${m.type}"${escapeOpenMetrics(m.value)}"`;
}

/** `{a="b",c=~"d"}`: no spaces, in the order given. */
export function matchersToString(matchers: readonly { toString(): string }[]): string {
  return `{${matchers.map((m) => m.toString()).join(',')}}`;
}
