// Deprecated config forms `match:` and `match_re:` (routes, inhibit rules).
import { isValidLabelName } from '@tocsin/model';
import { quoteGo } from './chars.js';
import { MatcherError } from './errors.js';
import { Matcher } from './matcher.js';

/** Prometheus' classic label name rule (model.LabelNameRE), which these keys always used. */
export function isClassicLabelName(name: string): boolean {
  return isValidLabelName(name, 'classic');
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
