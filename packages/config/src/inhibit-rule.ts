import { type Matcher, matchersFromLegacy, sortMatchers } from '@tocsin/matchers';
import { isValidLabelName } from '@tocsin/model';
import type { ReadOptions } from './config.js';
import { readMatch, readMatchers, readMatchRe } from './route.js';
import type { YamlValue } from './yaml/index.js';

/** An `inhibit_rules` entry: alerts matching the target are muted while a source alert fires. */
export interface InhibitRule {
  /** Optional; several rules may share one. */
  name?: string;
  /** Deprecated. */
  source_match?: Record<string, string>;
  /** Deprecated. */
  source_match_re?: Record<string, string>;
  source_matchers: Matcher[];
  /** Deprecated. */
  target_match?: Record<string, string>;
  /** Deprecated. */
  target_match_re?: Record<string, string>;
  target_matchers: Matcher[];
  /** Labels whose values must be equal in source and target. */
  equal: string[];
}

const CLASSIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function readInhibitRule(value: YamlValue, opts: ReadOptions): InhibitRule {
  const obj = value.asObject();
  // A null entry is Go's zero rule: no matchers, so every alert inhibits every other.
  if (!obj) return { source_matchers: [], target_matchers: [], equal: [] };
  const rule: InhibitRule = { source_matchers: [], target_matchers: [], equal: [] };
  const name = obj.string('name');
  if (name !== undefined && name !== '') rule.name = name;
  const sourceMatch = readMatch(obj, 'source_match');
  if (sourceMatch) rule.source_match = sourceMatch;
  const sourceMatchRe = readMatchRe(obj, 'source_match_re');
  if (sourceMatchRe) rule.source_match_re = sourceMatchRe;
  rule.source_matchers = readMatchers(obj, 'source_matchers', opts);
  const targetMatch = readMatch(obj, 'target_match');
  if (targetMatch) rule.target_match = targetMatch;
  const targetMatchRe = readMatchRe(obj, 'target_match_re');
  if (targetMatchRe) rule.target_match_re = targetMatchRe;
  rule.target_matchers = readMatchers(obj, 'target_matchers', opts);
  rule.equal = obj.stringList('equal') ?? [];
  obj.finish('common.plain');

  for (const key of ['source_match', 'target_match'] as const) {
    for (const label of Object.keys(rule[key] ?? {})) {
      if (!CLASSIC_NAME.test(label)) throw obj.error(key, `invalid label name ${JSON.stringify(label)}`);
    }
  }
  for (const label of rule.equal) {
    if (!isValidLabelName(label, opts.labelNames)) {
      throw obj.error('equal', `invalid label name ${JSON.stringify(label)} in equal list`);
    }
  }
  return rule;
}

/** All matchers a source alert must satisfy (`source_match`, `source_match_re`, `source_matchers`). */
export function sourceMatchers(rule: InhibitRule): Matcher[] {
  return sortMatchers([
    ...matchersFromLegacy(rule.source_match ?? {}, rule.source_match_re ?? {}),
    ...rule.source_matchers,
  ]);
}

/** All matchers a target alert must satisfy. */
export function targetMatchers(rule: InhibitRule): Matcher[] {
  return sortMatchers([
    ...matchersFromLegacy(rule.target_match ?? {}, rule.target_match_re ?? {}),
    ...rule.target_matchers,
  ]);
}
