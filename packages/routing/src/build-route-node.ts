import { createHash } from 'node:crypto';
import type { ResolvedRoute, Route } from '@tocsin/config';
import { matchersToString } from '@tocsin/matchers';
import { routeMatchers } from './route-matchers.js';
import type { RouteNode } from './route-node.js';

/**
 * What `group_by: []` means. AM up to 0.30 (and the 0.25 conformance goldens)
 * treat it like an absent `group_by`: the parent's grouping is inherited. AM
 * 0.31+ (#4825) lets it reset grouping to "one group for the route".
 */
export type EmptyGroupBy = 'inherit' | 'reset';

interface Grouping {
  groupBy: readonly string[];
  groupByAll: boolean;
}

interface ParentInfo extends Grouping {
  key: string;
  id: string;
}

const ROOT_GROUPING: Grouping = { groupBy: [], groupByAll: false };

/** Builds a node and its subtree from the route as written and its resolved twin from @tocsin/config. */
export function buildRouteNode(
  route: Route,
  resolved: ResolvedRoute,
  emptyGroupBy: EmptyGroupBy,
  parent?: ParentInfo,
  index = 0,
): RouteNode {
  const matchers = routeMatchers(route);
  const text = matchersToString(matchers);
  const key = parent ? `${parent.key}/${text}` : text;
  const id = parent ? `${parent.id}/${text}/${index}` : text;
  const grouping = groupingOf(route.group_by, parent ?? ROOT_GROUPING, emptyGroupBy);
  const self: ParentInfo = { key, id, ...grouping };
  const children = route.routes.map((child, i) => {
    const twin = resolved.routes[i];
    if (!twin) throw new Error(`route tree mismatch at ${id}`);
    return buildRouteNode(child, twin, emptyGroupBy, self, i);
  });
  const { opts } = resolved;
  return {
    key,
    id,
    idHash: createHash('sha1').update(id).digest('hex').slice(0, 16),
    idx: resolved.idx,
    matchers,
    receiver: opts.receiver,
    groupBy: grouping.groupBy,
    groupByAll: grouping.groupByAll,
    groupWait: opts.groupWait,
    groupInterval: opts.groupInterval,
    repeatInterval: opts.repeatInterval,
    continue: route.continue,
    muteTimeIntervals: opts.muteTimeIntervals,
    activeTimeIntervals: opts.activeTimeIntervals,
    labels: opts.labels,
    children,
  };
}

// Computed here rather than taken from resolveRoute, which always resets on `[]`.
function groupingOf(written: string[] | undefined, parent: Grouping, emptyGroupBy: EmptyGroupBy): Grouping {
  if (written === undefined) return { groupBy: parent.groupBy, groupByAll: parent.groupByAll };
  if (written.length === 0 && emptyGroupBy === 'inherit') {
    return { groupBy: parent.groupBy, groupByAll: parent.groupByAll };
  }
  if (written.includes('...')) return { groupBy: [], groupByAll: true };
  return { groupBy: [...written], groupByAll: false };
}
