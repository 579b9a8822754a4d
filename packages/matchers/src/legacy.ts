// Deprecated config forms `match:` and `match_re:` (routes, inhibit rules).
import { MatcherError } from './errors.js';
import { quoteGo } from './go-string.js';
import { Matcher } from './matcher.js';

// Prometheus' classic label name rule (model.LabelNameRE), which these keys always used.
const CLASSIC_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function isClassicLabelName(name: string): boolean {
  return CLASSIC_LABEL_NAME.test(name);
}

/**
 * `=` matchers from `match`, then `=~` matchers from `match_re`, in the order given.
 * Alertmanager compiles a match_re value before checking its key, so a bad
 * regex is reported first; regex errors read as Go's regexp errors.
 */
export function matchersFromLegacy(
  match: Readonly<Record<string, string>> | undefined,
  matchRe: Readonly<Record<string, string>> | undefined,
): Matcher[] {
  const matchers: Matcher[] = [];
  for (const [name, value] of Object.entries(match ?? {})) {
    requireClassicName(name);
    matchers.push(Matcher.create('=', name, value));
  }
  for (const [name, value] of Object.entries(matchRe ?? {})) {
    const matcher = Matcher.create('=~', name, value);
    requireClassicName(name);
    matchers.push(matcher);
  }
  return matchers;
}

function requireClassicName(name: string): void {
  if (!isClassicLabelName(name)) throw new MatcherError(`invalid label name ${quoteGo(name)}`);
}
