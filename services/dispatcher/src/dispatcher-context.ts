import type { NotificationLog } from '@tocsin/nflog';
import type { Logger } from '@tocsin/runtime';
import type { Silences } from '@tocsin/silences';
import type { AlertStore } from '@tocsin/store';
import type { DispatcherState } from './dispatcher-state.js';
import type { FlushQueue } from './flush-queue.js';
import type { GroupStore } from './group-store.js';
import type { InhibitSources } from './inhibit-sources.js';
import type { DispatcherMetrics } from './metrics.js';
import type { NotifyQueues } from './notify-queues.js';

/** What the dispatcher's job processors share: built once at start-up (see main.ts). */
export interface DispatcherContext {
  store: AlertStore;
  groups: GroupStore;
  flushQueue: FlushQueue;
  notifyQueues: NotifyQueues;
  nflog: NotificationLog;
  silences: Silences;
  inhibitSources: InhibitSources;
  metrics: DispatcherMetrics;
  logger: Logger;
  /** The current config's derived state; read once per job. */
  state: () => DispatcherState;
  /** The current config file's hash (the Coordinator's). */
  configHash: () => string;
  now: () => number;
}
