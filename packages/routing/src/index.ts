export type { EmptyGroupBy } from './build-route-node.js';
export {
  formatGroupId,
  formatGroupKey,
  formatLabelSet,
  groupId,
  groupKey,
  groupLabels,
} from './group-key.js';
export { routeMatchers } from './route-matchers.js';
export type { RouteNode } from './route-node.js';
export { type RouteGroup, RouteTree, type RouteTreeOptions } from './route-tree.js';
