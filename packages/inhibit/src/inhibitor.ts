import type { Config, InhibitRule } from '@tocsin/config';
import { matchesLabels } from '@tocsin/matchers';
import type { Alert, LabelSet } from '@tocsin/model';
import { RuleIndex } from './rule-index.js';

/**
 * Alertmanager's inhibitor over a snapshot of alerts: which firing alert, if
 * any, mutes a label set under the `inhibit_rules`. Sources count whatever their
 * own state (silenced or inhibited sources still inhibit); targets are muted
 * whether firing or resolved.
 */
export class Inhibitor {
  readonly #rules: RuleIndex[];

  constructor(rules: readonly InhibitRule[]) {
    this.#rules = rules.map((rule) => new RuleIndex(rule));
  }

  static fromConfig(config: Config): Inhibitor {
    return new Inhibitor(config.inhibit_rules);
  }

  get ruleCount(): number {
    return this.#rules.length;
  }

  /**
   * Replaces the source cache with the alerts firing at `now` (all alerts, routed
   * or not, as AM's inhibitor sees every alert). For a fingerprint given twice the
   * later entry wins, as in the alert store.
   */
  index(alerts: Iterable<Alert>, now: number): this {
    const latest = new Map<string, Alert>();
    for (const alert of alerts) latest.set(alert.fingerprint, alert);
    for (const rule of this.#rules) {
      rule.clear();
      for (const alert of latest.values()) rule.add(alert, now);
      rule.seal();
    }
    return this;
  }

  /**
   * The fingerprint of the source alert that inhibits `labels` at `now` (AM's
   * `inhibitedBy` holds exactly one), or undefined. Rules are tried in config order.
   */
  mutedBy(labels: Readonly<LabelSet>, now: number): string | undefined {
    for (const rule of this.#rules) {
      const source = rule.mutedBy(labels, now);
      if (source !== undefined) return source;
    }
    return undefined;
  }

  mutes(labels: Readonly<LabelSet>, now: number): boolean {
    return this.mutedBy(labels, now) !== undefined;
  }

  /** True if an alert with these labels can inhibit others: a change to it may change who is muted. */
  isSource(labels: Readonly<LabelSet>): boolean {
    return this.#rules.some((rule) => matchesLabels(rule.source, labels));
  }
}
