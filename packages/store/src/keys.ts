/** The Redis keys of one alert store. */
export interface AlertStoreKeys {
  /** Hash: fingerprint → stored record (`<revision>|<compact JSON>`, see record-codec.ts). */
  readonly data: string;
  /** Sorted set: fingerprint scored by endsAt (epoch ms); what list and gc range over. */
  readonly ends: string;
  /** Counter: the revision of the latest batch write, so a record's revision never repeats. */
  readonly revision: string;
  /** String with a TTL: held by a put that kept losing races, so that it wins the next one. */
  readonly lock: string;
}

/**
 * All keys carry the `{alerts}` hash tag so one Lua script may touch them all on Redis
 * Cluster (they land in one slot).
 */
export function alertStoreKeys(prefix: string): AlertStoreKeys {
  const base = `${prefix}:{alerts}`;
  return { data: `${base}:data`, ends: `${base}:ends`, revision: `${base}:rev`, lock: `${base}:lock` };
}
