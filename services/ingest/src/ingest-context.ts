import type { ReloadResult } from '@tocsin/coordinator';
import type { Logger } from '@tocsin/runtime';
import type { Silences } from '@tocsin/silences';
import type { AlertStore } from '@tocsin/store';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { AlertsQueue } from './alerts-queue.js';
import type { InputLimits } from './api/limits/input-limits.js';
import type { IngestState } from './ingest-state.js';
import type { IngestMetrics } from './metrics.js';

/** What the HTTP handlers need; `createApp` takes it so tests can build an app in-process. */
export interface IngestContext {
  redis: Redis;
  prefix: string;
  store: AlertStore;
  silences: Silences;
  alertsQueue: AlertsQueue;
  /** The state built from the config currently loaded; throws if none is loaded yet. */
  state: () => IngestState;
  /** False until the first config has loaded. */
  hasState: () => boolean;
  /** Reloads this process and broadcasts the reload to the fleet. */
  reload: () => Promise<ReloadResult>;
  registry: Registry;
  metrics: IngestMetrics;
  logger: Logger;
  externalUrl: string;
  maxBodyBytes: number;
  /** Bounds on labels, matchers and texts in one write (see flags `--api.max-*`). */
  limits: InputLimits;
  startedAt: Date;
  now: () => number;
}
