import { type InhibitRule, sourceMatchers, targetMatchers } from '@tocsin/config';
import { type Matcher, matchesLabels } from '@tocsin/matchers';
import { type Alert, isResolved, isZeroTime, type LabelSet } from '@tocsin/model';

interface Source {
  alert: Alert;
  /** The source also matches the target side: it cannot mute a target that matches both sides. */
  twoSided: boolean;
}

/** One inhibit rule with its firing source alerts, bucketed by their `equal` label values. */
export class RuleIndex {
  readonly name: string | undefined;
  readonly source: readonly Matcher[];
  readonly target: readonly Matcher[];
  readonly equal: readonly string[];
  readonly #buckets = new Map<string, Source[]>();

  constructor(rule: InhibitRule) {
    this.name = rule.name;
    this.source = sourceMatchers(rule);
    this.target = targetMatchers(rule);
    this.equal = [...new Set(rule.equal)];
  }

  clear(): void {
    this.#buckets.clear();
  }

  /** Keeps the alert if it matches the source side and fires at `now`. */
  add(alert: Alert, now: number): void {
    if (isResolved(alert, now) || !matchesLabels(this.source, alert.labels)) return;
    const key = this.#equalKey(alert.labels);
    const bucket = this.#buckets.get(key) ?? [];
    bucket.push({ alert, twoSided: matchesLabels(this.target, alert.labels) });
    this.#buckets.set(key, bucket);
  }

  /** Orders each bucket so that lookups are deterministic (see `compareSources`). */
  seal(): void {
    for (const bucket of this.#buckets.values()) bucket.sort(compareSources);
  }

  /** The fingerprint of a firing source that mutes `labels` under this rule, if any. */
  mutedBy(labels: Readonly<LabelSet>, now: number): string | undefined {
    if (!matchesLabels(this.target, labels)) return undefined;
    const bucket = this.#buckets.get(this.#equalKey(labels));
    if (!bucket) return undefined;
    // A target on both sides must not be muted by itself or by its peers on both sides.
    const excludeTwoSided = matchesLabels(this.source, labels);
    for (const { alert, twoSided } of bucket) {
      if (excludeTwoSided && twoSided) continue;
      if (!isResolved(alert, now)) return alert.fingerprint;
    }
    return undefined;
  }

  // An absent label counts as "", so "missing on both sides" is equal, as in AM.
  #equalKey(labels: Readonly<LabelSet>): string {
    return JSON.stringify(this.equal.map((name) => (Object.hasOwn(labels, name) ? labels[name] : '') ?? ''));
  }
}

/**
 * The source that resolves last first (AM ≥0.30 keeps that one per equal-set),
 * an unset endsAt counting as never; then by fingerprint.
 */
function compareSources(a: Source, b: Source): number {
  const endA = endOf(a.alert);
  const endB = endOf(b.alert);
  if (endA !== endB) return endB > endA ? 1 : -1;
  return a.alert.fingerprint < b.alert.fingerprint ? -1 : a.alert.fingerprint > b.alert.fingerprint ? 1 : 0;
}

function endOf(alert: Alert): number {
  return isZeroTime(alert.endsAt) ? Number.POSITIVE_INFINITY : alert.endsAt;
}
