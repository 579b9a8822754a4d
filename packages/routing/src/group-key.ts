import { fingerprint, goQuote, type LabelSet, setLabel, sortLabelNames } from '@tocsin/model';
import type { RouteNode } from './route-node.js';

/**
 * The labels that identify an alert's group on this route (AM's `getGroupLabels`):
 * the alert's labels restricted to `group_by`, or all of them for `...`.
 * Labels the alert lacks are left out, not set to "".
 */
export function groupLabels(node: RouteNode, labels: Readonly<LabelSet>): LabelSet {
  const names = node.groupByAll
    ? Object.keys(labels)
    : node.groupBy.filter((name) => Object.hasOwn(labels, name));
  const out: LabelSet = {};
  for (const name of sortLabelNames([...names])) setLabel(out, name, labels[name] ?? '');
  return out;
}

/** Go's `model.LabelSet.String()`: `{a="x", b="y"}`, names in byte order, values as `%q`. */
export function formatLabelSet(labels: Readonly<LabelSet>): string {
  const parts = sortLabelNames(Object.keys(labels)).map((name) => `${name}=${goQuote(labels[name] ?? '')}`);
  return `{${parts.join(', ')}}`;
}

/** `<route key>:<group labels>`, byte for byte the `groupKey` AM puts in webhooks. */
export function formatGroupKey(routeKey: string, group: Readonly<LabelSet>): string {
  return `${routeKey}:${formatLabelSet(group)}`;
}

/** The group key of the group `labels` fall into on `node`. */
export function groupKey(node: RouteNode, labels: Readonly<LabelSet>): string {
  return formatGroupKey(node.key, groupLabels(node, labels));
}

/**
 * A group's identity for storage: route plus the fingerprint of its group labels,
 * as AM keys its groups by (route index, group-label fingerprint). Unlike the
 * group key it tells apart sibling routes with equal matchers, and it holds only
 * hex digits and one `-`, so it fits Redis keys, hash tags and job ids.
 */
export function formatGroupId(node: RouteNode, group: Readonly<LabelSet>): string {
  return `${node.idHash}-${fingerprint(group)}`;
}

export function groupId(node: RouteNode, labels: Readonly<LabelSet>): string {
  return formatGroupId(node, groupLabels(node, labels));
}
