import { compareCodePoints } from './chars.js';
import type { Matcher, MatchType } from './matcher.js';

// Alertmanager's MatchType enum order.
const TYPE_ORDER: Readonly<Record<MatchType, number>> = { '=': 0, '!=': 1, '=~': 2, '!~': 3 };

/** All matchers must match (AND). An absent label is matched as ''. */
export function matchesLabels(
  matchers: readonly Matcher[],
  labels: Readonly<Record<string, string>>,
): boolean {
  return matchers.every((m) => {
    // Own properties only: "constructor" or "__proto__" must not come from Object.prototype.
    const value = Object.hasOwn(labels, m.name) ? labels[m.name] : undefined;
    return m.matches(typeof value === 'string' ? value : '');
  });
}

/** A sorted copy, ordered as Alertmanager's Matchers.Less: name, then value, then type. */
export function sortMatchers(matchers: readonly Matcher[]): Matcher[] {
  return [...matchers].sort(compareMatchers);
}

export function compareMatchers(a: Matcher, b: Matcher): number {
  return (
    compareCodePoints(a.name, b.name) ||
    compareCodePoints(a.value, b.value) ||
    TYPE_ORDER[a.type] - TYPE_ORDER[b.type]
  );
}
