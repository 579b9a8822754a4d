import { type Config, type Route, resolveRoute } from '@tocsin/config';
import { matchesLabels } from '@tocsin/matchers';
import type { LabelSet } from '@tocsin/model';
import { buildRouteNode, type EmptyGroupBy } from './build-route-node.js';
import { formatGroupId, formatGroupKey, groupLabels } from './group-key.js';
import type { RouteNode } from './route-node.js';

export interface RouteTreeOptions {
  /** Default `inherit`, what the conformance goldens (AM 0.25) show; `reset` is AM ≥0.31. */
  emptyGroupBy?: EmptyGroupBy;
}

/** The aggregation group one alert falls into on one matching route. */
export interface RouteGroup {
  route: RouteNode;
  /** The group labels (see `groupLabels`). */
  labels: LabelSet;
  /** AM's group key, as sent in webhooks. */
  key: string;
  /** Storage identity (see `formatGroupId`). */
  id: string;
}

/** The routing tree of one loaded config. Immutable; build a new one on reload. */
export class RouteTree {
  readonly root: RouteNode;
  readonly #byId = new Map<string, RouteNode>();
  readonly #byIdHash = new Map<string, RouteNode>();

  constructor(route: Route, options: RouteTreeOptions = {}) {
    this.root = buildRouteNode(route, resolveRoute(route), options.emptyGroupBy ?? 'inherit');
    for (const node of this.nodes()) {
      this.#byId.set(node.id, node);
      this.#byIdHash.set(node.idHash, node);
    }
  }

  static fromConfig(config: Config, options?: RouteTreeOptions): RouteTree {
    return new RouteTree(config.route, options);
  }

  /** Every node, depth first, parents before children (AM's `Route.Walk`). */
  nodes(): RouteNode[] {
    const out: RouteNode[] = [];
    const visit = (node: RouteNode): void => {
      out.push(node);
      for (const child of node.children) visit(child);
    };
    visit(this.root);
    return out;
  }

  byId(id: string): RouteNode | undefined {
    return this.#byId.get(id);
  }

  byIdHash(idHash: string): RouteNode | undefined {
    return this.#byIdHash.get(idHash);
  }

  /**
   * The routes an alert with these labels goes to, in AM's order: depth first,
   * left to right; siblings stop after the first match unless it has `continue`;
   * a node whose children all miss matches itself. Never empty for the root,
   * which has no matchers.
   */
  match(labels: Readonly<LabelSet>): RouteNode[] {
    return matchNode(this.root, labels);
  }

  /** One receiver name per matching route, duplicates kept (the API's `receivers`). */
  receiversFor(labels: Readonly<LabelSet>): string[] {
    return this.match(labels).map((node) => node.receiver);
  }

  /** The groups an alert joins: one per matching route. */
  groupsFor(labels: Readonly<LabelSet>): RouteGroup[] {
    return this.match(labels).map((route) => {
      const group = groupLabels(route, labels);
      return { route, labels: group, key: formatGroupKey(route.key, group), id: formatGroupId(route, group) };
    });
  }
}

function matchNode(node: RouteNode, labels: Readonly<LabelSet>): RouteNode[] {
  if (!matchesLabels(node.matchers, labels)) return [];
  const all: RouteNode[] = [];
  for (const child of node.children) {
    const found = matchNode(child, labels);
    all.push(...found);
    if (found.length > 0 && !child.continue) break;
  }
  return all.length > 0 ? all : [node];
}
