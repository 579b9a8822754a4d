/**
 * Wraps an expensive scrape-time read: concurrent scrapes share one run, and a result is reused
 * for max(`minAgeMs`, 4 × the time the run took). A cheap read is always fresh; a slow one (a
 * large store) is at most that stale, and however many Prometheus servers scrape, it takes at
 * most about a fifth of the process's time.
 */
export function throttleScrape<T>(read: () => Promise<T>, minAgeMs = 0): () => Promise<T> {
  // tookMs stays undefined while the read runs.
  let last: { startedAt: number; tookMs?: number; value: Promise<T> } | undefined;
  return () => {
    const now = performance.now();
    if (last && (last.tookMs === undefined || now - last.startedAt < Math.max(minAgeMs, 4 * last.tookMs)))
      return last.value;
    const entry: NonNullable<typeof last> = { startedAt: now, value: read() };
    last = entry;
    entry.value.then(
      () => {
        entry.tookMs = performance.now() - entry.startedAt;
      },
      () => {
        // A failed read is not reused: the next scrape tries again.
        if (last === entry) last = undefined;
      },
    );
    return entry.value;
  };
}
