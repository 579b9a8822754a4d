import type { Matcher } from '@tocsin/matchers';

/** One node of the routing tree with everything inherited already applied (AM's `dispatch.Route`). */
export interface RouteNode {
  /** Parent key + `/` + this node's matchers; the root is `{}`. Siblings with equal matchers share it. */
  readonly key: string;
  /** Like the key, plus `/<child index>` after every non-root level: unique in the tree. */
  readonly id: string;
  /** 16 hex digits derived from `id`: safe inside Redis keys (no `{`, `}` or `:`). */
  readonly idHash: string;
  /** Post-order number: children before their parent, the root last (AM's `Route.Idx`). */
  readonly idx: number;
  /** `match`, `match_re` and `matchers` together, sorted as AM sorts them. */
  readonly matchers: readonly Matcher[];
  readonly receiver: string;
  /** Label names to group by; ignored when `groupByAll` is set. Empty: one group for the route. */
  readonly groupBy: readonly string[];
  /** `group_by: ['...']`: every distinct label set is its own group. */
  readonly groupByAll: boolean;
  /** Milliseconds. */
  readonly groupWait: number;
  readonly groupInterval: number;
  readonly repeatInterval: number;
  readonly continue: boolean;
  /** Not inherited: only this node's own names. */
  readonly muteTimeIntervals: readonly string[];
  readonly activeTimeIntervals: readonly string[];
  /** Route labels merged from the root down (still unrendered templates). */
  readonly labels: Readonly<Record<string, string>>;
  readonly children: readonly RouteNode[];
}
