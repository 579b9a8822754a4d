// Alertmanager's compat layer: which grammar reads matcher text. The default
// (fallback) prefers the UTF-8 parser but keeps classic inputs working.

import { quoteGo } from './chars.js';
import { parseClassicMatcher, parseClassicMatchers } from './classic-parser.js';
import { MatcherError, MatcherParseError } from './errors.js';
import type { Matcher } from './matcher.js';
import { parseUtf8Matcher, parseUtf8Matchers } from './parser.js';

export type ParseMode = 'fallback' | 'utf8-strict' | 'classic';

export interface ParseOptions {
  /** Default 'fallback', Alertmanager's default since 0.27. */
  mode?: ParseMode;
  /** Told when fallback mode had to use the classic parser. */
  onWarning?: (message: string) => void;
}

/** Zero or more matchers, e.g. `{a="b", c=~"d"}` or `a=b, c!~d`. */
export function parseMatchers(input: string, options: ParseOptions = {}): Matcher[] {
  return parseWith(input, options, {
    utf8: parseUtf8Matchers,
    classic: parseClassicMatchers,
    suggest: (ms) => ms.map((m) => m.toString()).join(','),
    same: (a, b) => a.length === b.length && a.every((m, i) => b[i] !== undefined && m.equals(b[i])),
  });
}

/** Exactly one matcher, without braces: API `filter` values and the like. */
export function parseMatcher(input: string, options: ParseOptions = {}): Matcher {
  const mode = options.mode ?? 'fallback';
  // The classic single-matcher parser never saw braces; the others refuse them outright.
  if (mode !== 'classic' && (input.startsWith('{') || input.endsWith('}'))) {
    const position = input.startsWith('{') ? 0 : Array.from(input).length - 1;
    throw new MatcherParseError(`unexpected open or close brace: ${input}`, input, position);
  }
  return parseWith(input, options, {
    utf8: parseUtf8Matcher,
    classic: parseClassicMatcher,
    suggest: (m) => m.toString(),
    same: (a, b) => a.equals(b),
  });
}

interface Grammars<T> {
  utf8: (input: string) => T;
  classic: (input: string) => T;
  suggest: (result: T) => string;
  same: (a: T, b: T) => boolean;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: MatcherError };

function parseWith<T>(input: string, options: ParseOptions, grammars: Grammars<T>): T {
  const mode = options.mode ?? 'fallback';
  if (mode === 'classic') return grammars.classic(input);
  if (mode === 'utf8-strict') return grammars.utf8(input);
  if (mode !== 'fallback') throw new MatcherError(`unknown matchers parse mode ${quoteGo(String(mode))}`);

  // Both grammars run so that disagreement can be reported, as Alertmanager does.
  const utf8 = attempt(() => grammars.utf8(input));
  const classic = attempt(() => grammars.classic(input));
  const warn = options.onWarning ?? (() => {});
  if (!utf8.ok) {
    if (!classic.ok) throw classic.error;
    warn(
      'Matchers input is incompatible with the UTF-8 matchers parser; it was parsed with the classic ' +
        'matchers parser instead. To make it compatible, double-quote all regular expressions and values ' +
        `and escape backslashes. input=${quoteGo(input)} err=${quoteGo(utf8.error.message)} ` +
        `suggestion=${quoteGo(grammars.suggest(classic.value))}`,
    );
    return classic.value;
  }
  if (classic.ok && !grammars.same(utf8.value, classic.value)) {
    warn(`Matchers input has disagreement; using the classic parser's result. input=${quoteGo(input)}`);
    return classic.value;
  }
  return utf8.value;
}

function attempt<T>(parse: () => T): Attempt<T> {
  try {
    return { ok: true, value: parse() };
  } catch (err) {
    if (err instanceof MatcherError) return { ok: false, error: err };
    throw err;
  }
}
