import { createHash } from 'node:crypto';
import type { NotifyJobData } from '@tocsin/queues';

/**
 * One key per notification (group, receiver, integration, index, flush tick): the same on every
 * retry, and the same if the dispatcher enqueued the notification twice, so a receiver that
 * honours `Idempotency-Key` drops the repeats of at-least-once delivery.
 */
export function idempotencyKey(n: NotifyJobData): string {
  const hash = createHash('sha256');
  for (const part of [n.groupKey, n.receiver, n.integration, n.index, n.flushedAt]) {
    hash.update(String(part)).update('\u0000');
  }
  return hash.digest('hex');
}
