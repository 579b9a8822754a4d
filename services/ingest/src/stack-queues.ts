import { allQueueNames } from '@tocsin/queues';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

const opened = new WeakMap<Redis, Map<string, Queue[]>>();

/**
 * Read-side handles on every queue of the stack (`alerts`, `groups`, `notify.<type>`), for the
 * job-count metrics and the queue dashboard. Opened once per connection and prefix on first
 * use; they share the connection, so closing it closes them.
 */
export function stackQueues(redis: Redis, prefix: string): Queue[] {
  let byPrefix = opened.get(redis);
  if (!byPrefix) {
    byPrefix = new Map();
    opened.set(redis, byPrefix);
  }
  let queues = byPrefix.get(prefix);
  if (!queues) {
    const names = allQueueNames();
    // Each BullMQ handle listens for error/close/ready on the shared client.
    redis.setMaxListeners(redis.getMaxListeners() + names.length);
    queues = names.map((name) => new Queue(name, { connection: redis, prefix }));
    byPrefix.set(prefix, queues);
  }
  return queues;
}
