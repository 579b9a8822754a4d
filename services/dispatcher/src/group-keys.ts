/**
 * Where aggregation groups live in Redis. Every key carries the `{groups}` hash tag, so the
 * scripts that create, claim and delete groups touch them in one slot on Redis Cluster too.
 *
 * - `<prefix>:{groups}:g:<groupId>` hash, the group (fields in GROUP_FIELDS): its AM group key,
 *   route id, receiver, group labels (JSON), epoch, timer state, last flush outcome, and
 *   `mutedBy`: a JSON array of the time intervals that muted the group at its last flush
 *   (absent or `[]` when none). The ingest reads it for an alert's `status.mutedBy` with
 *   `HGET <prefix>:{groups}:g:<groupId> mutedBy`, the group id being `RouteGroup.id` from
 *   `RouteTree.groupsFor(labels)`.
 * - `<prefix>:{groups}:m:<groupId>` hash, the members: fingerprint → `<updatedAt>|<alert JSON>`
 *   (the alert store's record codec, its revision slot holding updatedAt). Groups keep their
 *   own copies, as Alertmanager's do, so store GC never loses a pending resolved notification.
 * - `<prefix>:{groups}:l:<groupId>` list, only while tracing records: the W3C trace context
 *   (JSON) of each `alerts process` span that added to the group since its last flush, capped
 *   and expiring; the next flush takes them as span links.
 * - `<prefix>:{groups}:due` sorted set: every live group id, scored by when its next tick is
 *   due. The sweep reads the overdue end to find chains that died.
 * - `<prefix>:{groups}:epoch` string: the last epoch handed out, so epochs never repeat even
 *   when a group is deleted and re-created within one millisecond.
 * - `<prefix>:{groups}:sweep` string with a TTL: the sweep lease, so one dispatcher sweeps at a time.
 */
export interface GroupKeys {
  readonly epoch: string;
  readonly due: string;
  readonly sweep: string;
  group(groupId: string): string;
  members(groupId: string): string;
  links(groupId: string): string;
}

export function groupKeys(prefix: string): GroupKeys {
  const base = `${prefix}:{groups}`;
  return {
    epoch: `${base}:epoch`,
    due: `${base}:due`,
    sweep: `${base}:sweep`,
    group: (groupId) => `${base}:g:${groupId}`,
    members: (groupId) => `${base}:m:${groupId}`,
    links: (groupId) => `${base}:l:${groupId}`,
  };
}

/** Field names of the group hash. */
export const GROUP_FIELDS = {
  /** AM's group key, as sent in notifications. */
  key: 'key',
  /** RouteNode.id of the route the group belongs to. */
  route: 'route',
  receiver: 'receiver',
  /** Group labels, JSON. */
  labels: 'labels',
  /** Creation time (ms), unique per prefix; with the tick number it names flush jobs. */
  epoch: 'epoch',
  /** Number of the last tick that started; absent before the first. */
  tick: 'tick',
  /** Due time of that tick. */
  at: 'at',
  /** Number of the last tick whose flush finished. */
  flushed: 'flushed',
  /** JSON FlushOutcome of the last flush whose notifications were still out; absent otherwise. */
  outcome: 'outcome',
  mutedBy: 'mutedBy',
  /** Hash of the config that last checked where the members belong. */
  config: 'config',
} as const;
