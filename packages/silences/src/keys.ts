// Where silences live in Redis. Every key a script touches shares one hash tag, so the
// same scripts run on Redis Cluster.

export interface SilenceKeys {
  /** Hash: silence id → JSON record (see SilenceRecord). */
  data: string;
  /** Counter, incremented by every write; caches compare against it. */
  version: string;
  /** Sorted set: silence id → expiresAt (endsAt + retention, ms); GC reads it. */
  expires: string;
}

export function silenceKeys(prefix: string): SilenceKeys {
  const base = `${prefix}:{silences}`;
  return { data: `${base}:data`, version: `${base}:version`, expires: `${base}:expires` };
}

/** Pub/sub channel announcing a change; the message is the new version. */
export function silencesChangedChannel(prefix: string): string {
  return `${prefix}:silences:changed`;
}
