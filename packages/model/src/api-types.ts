// JSON shapes of the Alertmanager API v2 (api/v2/openapi.yaml). Times are
// RFC3339 strings as the API prints them (see formatApiTime).

import type { LabelSet } from './labels.js';

/** One element of the POST /api/v2/alerts body (`postableAlert`). */
export interface PostableAlert {
  labels: LabelSet;
  annotations?: LabelSet;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

export type AlertState = 'unprocessed' | 'active' | 'suppressed';

export interface AlertStatus {
  state: AlertState;
  /** Silence IDs. */
  silencedBy: string[];
  /** Fingerprints of the inhibiting (source) alerts. */
  inhibitedBy: string[];
  /** Time-interval names (≥0.28). */
  mutedBy: string[];
}

export interface ReceiverReference {
  name: string;
}

/** One element of GET /api/v2/alerts (`gettableAlert`). */
export interface GettableAlert {
  annotations: LabelSet;
  /** The stored endsAt (e.g. updatedAt + resolve_timeout), not zeroed for firing alerts. */
  endsAt: string;
  /** 16 lowercase hex digits. */
  fingerprint: string;
  receivers: ReceiverReference[];
  startsAt: string;
  status: AlertStatus;
  updatedAt: string;
  /** Omitted when empty, as Alertmanager does (`omitempty`). */
  generatorURL?: string;
  labels: LabelSet;
}

/** One element of GET /api/v2/alerts/groups (`alertGroup`). */
export interface AlertGroup {
  labels: LabelSet;
  /** ≥0.34. */
  routeLabels?: LabelSet;
  receiver: ReceiverReference;
  alerts: GettableAlert[];
}

/** Silence matcher: isEqual/isRegex give `=` (t/f), `!=` (f/f), `=~` (t/t), `!~` (f/t). */
export interface ApiMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  /** Defaults to true. */
  isEqual?: boolean;
}

/** POST /api/v2/silences body (`postableSilence`). */
export interface PostableSilence {
  id?: string;
  matchers: ApiMatcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  /** ≥0.32. */
  annotations?: LabelSet;
}

export type SilenceState = 'expired' | 'active' | 'pending';

/** GET /api/v2/silences element (`gettableSilence`). */
export interface GettableSilence extends PostableSilence {
  id: string;
  status: { state: SilenceState };
  updatedAt: string;
}

/** Body of go-openapi errors (schema 422 with code 601/602, body parse 400). */
export interface ApiErrorBody {
  code: number;
  message: string;
}
