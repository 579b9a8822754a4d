import type { Alert } from '@tocsin/model';
import type { AlertStore } from '@tocsin/store';
import type { Redis } from 'ioredis';

interface Snapshot {
  /** The store's write revision read before the alerts, so the alerts are at least that new. */
  revision: string;
  alerts: Promise<Alert[]>;
}

/**
 * Every stored alert, for the inhibitor's source index (AM's inhibitor sees all alerts, routed
 * or not). Read again only when the store's write revision moved, so flushes between two
 * writes share one read. Deletes do not move the revision, but only resolved alerts are
 * deleted and those inhibit nothing.
 */
export class InhibitSources {
  private latest: Snapshot | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly store: AlertStore,
  ) {}

  async alerts(): Promise<Alert[]> {
    const revision = (await this.redis.get(this.store.keys.revision)) ?? '0';
    let snapshot = this.latest;
    if (snapshot?.revision !== revision) {
      const fresh: Snapshot = { revision, alerts: this.store.listAll() };
      // A failed read must not be served again.
      fresh.alerts.catch(() => {
        if (this.latest === fresh) this.latest = undefined;
      });
      this.latest = snapshot = fresh;
    }
    return snapshot.alerts;
  }
}
