import type { IntegrationType } from '@tocsin/config';
import type { LabelSet } from '@tocsin/model';

/** `alerts` queue: what one ingest request changed. */
export interface AlertsJobData {
  fingerprints: string[];
  traceContext?: Record<string, string>;
}

/** `groups` queue: one flush tick of one aggregation group. */
export interface FlushJobData {
  /** The group's id (route id hash + group-label fingerprint), from @tocsin/routing. */
  groupId: string;
  /** The group's creation time (ms); with `tick` it fixes the timer grid. */
  epoch: number;
  /** 0 = the group_wait flush, n = group_wait + n × group_interval. */
  tick: number;
}

/** A frozen alert as the flush decided to send it; endsAt is already zeroed for firing alerts. */
export interface NotifyAlert {
  fingerprint: string;
  status: 'firing' | 'resolved';
  labels: LabelSet;
  annotations: LabelSet;
  /** Epoch ms. */
  startsAt: number;
  /** Epoch ms; Go's zero time (GO_ZERO_TIME_MS from @tocsin/model) for firing alerts. */
  endsAt: number;
  generatorURL: string;
}

export type NotificationReason =
  | 'first notification'
  | 'new alerts added'
  | 'some alerts resolved'
  | 'all alerts resolved'
  | 'repeat interval elapsed'
  | 'unknown';

/**
 * `notify.<integration>` queue: one notification for one integration of one receiver. It carries
 * everything the notifier needs besides secrets, which the notifier takes from its own config.
 */
export interface NotifyJobData {
  receiver: string;
  integration: IntegrationType;
  /** Position of this integration among the receiver's configs of the same type. */
  index: number;
  groupKey: string;
  groupLabels: LabelSet;
  routeLabels: LabelSet;
  /** Every alert of the group after muting, sorted as Alertmanager sorts them. */
  alerts: NotifyAlert[];
  /** The nflog sets the flush saw; the notifier writes them after a successful send. */
  firing: string[];
  resolved: string[];
  repeatIntervalMs: number;
  reason: NotificationReason;
  /** The tick time of the flush (ms): Alertmanager's "now" for this notification. */
  flushedAt: number;
  /**
   * The route's group_interval (ms). The notifier stops retrying max(group_interval, 10s) after
   * `flushedAt`, as Alertmanager's flush deadline does, so a failing notification never outlives
   * the group's next tick (which sends a fresher one). 5 minutes, the default, when absent.
   */
  groupIntervalMs?: number;
  /** The config the flush ran on, so a notifier can tell it is behind. */
  configHash: string;
  traceContext?: Record<string, string>;
  /** Set only on a replay of a dead letter (@tocsin/dead-letters). */
  replay?: NotifyReplay;
}

/**
 * Marks a notification an operator replayed from the dead letters: the notifier sends it even
 * when the notification log says it is stale or already sent, retries it from `replayedAt`, and
 * files it under the same dead letter if it fails again.
 */
export interface NotifyReplay {
  deadLetterId: string;
  /** When the replay was asked for (ms); the retry deadline counts from here. */
  replayedAt: number;
  /** This is the n-th replay of the dead letter. */
  replays: number;
  /** When the notification first failed finally (ms), kept across replays. */
  firstFailedAt: number;
}

/** The backoff type the notifier's Worker implements: Alertmanager's 500 ms ×1.5 ±50%, capped at 60 s. */
export const NOTIFY_BACKOFF_TYPE = 'alertmanager';

/**
 * BullMQ options every `notify.<integration>` job needs for the notifier's retries. The retry
 * deadline (see `groupIntervalMs`) ends retries first; `attempts` is only a ceiling.
 */
export const NOTIFY_JOB_OPTIONS = {
  attempts: 100,
  backoff: { type: NOTIFY_BACKOFF_TYPE },
} as const;
