// Alertmanager retries with cenkalti/backoff's ExponentialBackOff defaults (reference §3.9).
const INITIAL_MS = 500;
const MULTIPLIER = 1.5;
const RANDOMIZATION = 0.5;
const MAX_INTERVAL_MS = 60_000;

/**
 * The wait before retry number `retry` (1 = the wait after the first failed attempt): an
 * interval of 500 ms growing ×1.5 per retry and capped at 60 s, randomized by ±50%.
 * `random` is in [0, 1), injectable for tests.
 */
export function alertmanagerBackoff(retry: number, random: () => number = Math.random): number {
  const interval = Math.min(INITIAL_MS * MULTIPLIER ** Math.max(0, retry - 1), MAX_INTERVAL_MS);
  const delta = RANDOMIZATION * interval;
  return Math.round(interval - delta + random() * 2 * delta);
}
