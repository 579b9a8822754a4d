import { groupKeys } from '@tocsin/dispatcher';
import type { Redis } from 'ioredis';

/**
 * The time intervals that muted each group at its last flush, as the dispatcher recorded them
 * (Alertmanager's group marker). One round trip for all groups of a query.
 */
export async function mutedByGroup(
  redis: Redis,
  prefix: string,
  groupIds: Iterable<string>,
): Promise<Map<string, string[]>> {
  const ids = [...new Set(groupIds)];
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const keys = groupKeys(prefix);
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hget(keys.group(id), 'mutedBy');
  const results = (await pipeline.exec()) ?? [];
  ids.forEach((id, i) => {
    const raw = results[i]?.[1];
    const names = typeof raw === 'string' ? (JSON.parse(raw) as string[]) : [];
    if (names.length > 0) out.set(id, names);
  });
  return out;
}
