import { createHash } from 'node:crypto';

/**
 * Alertmanager's `notify.Key.Hash`: the SHA-256 of the group key, hex. PagerDuty's dedup key,
 * OpsGenie's alias and VictorOps' entity id, so later events of a group reach the same incident.
 */
export function groupKeyHash(groupKey: string): string {
  return createHash('sha256').update(groupKey).digest('hex');
}
