// Where dead letters live in Redis. Every key a script touches shares one hash tag, so the
// same scripts run on Redis Cluster.

export interface DeadLetterKeys {
  /** Hash: dead letter id → JSON record (see DeadLetter). */
  data: string;
  /** Sorted set: id → lastFailedAt (ms); newest first for lists, oldest first for trimming. */
  index: string;
  /** Hash: integration → number of dead letters, read by the gauge at scrape time. */
  counts: string;
  /** Hash: id → `<integration> <receiver>`, so a filtered list need not parse whole records. */
  owners: string;
}

export function deadLetterKeys(prefix: string): DeadLetterKeys {
  const base = `${prefix}:{dead-letters}`;
  return {
    data: `${base}:data`,
    index: `${base}:index`,
    counts: `${base}:counts`,
    owners: `${base}:owners`,
  };
}
