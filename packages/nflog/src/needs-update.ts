import type { NotificationReason } from '@tocsin/queues';

/** What the log remembers of the last successful notification of one group to one integration. */
export interface NflogEntry {
  /** Alert hashes (fingerprints) that were firing / resolved in that notification. */
  firing: readonly string[];
  resolved: readonly string[];
  /** When it was sent: the flush's tick time, epoch ms. */
  timestamp: number;
}

export interface DedupInput {
  firing: ReadonlySet<string>;
  resolved: ReadonlySet<string>;
  sendResolved: boolean;
  repeatIntervalMs: number;
  now: number;
}

/**
 * Alertmanager's DedupStage decision (reference §3.8): whether this group must be sent to this
 * integration now, and why. `undefined` means skip. The checks run in Alertmanager's order.
 */
export function needsUpdate(
  entry: NflogEntry | undefined,
  input: DedupInput,
): NotificationReason | undefined {
  const { firing, resolved } = input;
  if (!entry) return firing.size > 0 ? 'first notification' : undefined;
  if (!isSubset(firing, entry.firing))
    return entry.firing.length === 0 ? 'first notification' : 'new alerts added';
  // All resolved is logged whatever send_resolved says, so the log forgets the firing alerts.
  if (firing.size === 0) return entry.firing.length > 0 ? 'all alerts resolved' : undefined;
  if (input.sendResolved && !isSubset(resolved, entry.resolved)) return 'some alerts resolved';
  if (entry.timestamp < input.now - input.repeatIntervalMs) return 'repeat interval elapsed';
  return undefined;
}

function isSubset(set: ReadonlySet<string>, of: readonly string[]): boolean {
  if (set.size > of.length) return false;
  const superset = new Set(of);
  for (const item of set) if (!superset.has(item)) return false;
  return true;
}
