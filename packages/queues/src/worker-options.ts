/**
 * Lock and stall settings every Tocsin Worker uses (dispatcher `alerts` and `groups`, notifier
 * `notify.<type>`). A worker renews its locks every lockDuration / 2; a worker that dies
 * (SIGKILL, OOM, lost host) stops renewing, its locks expire after `lockDuration`, and the next
 * stalled check of any live worker (every `stalledInterval`) puts the job back in `wait`. The
 * job then runs again, so every hop is at-least-once: worst case about lockDuration +
 * stalledInterval = 25 s after the crash (BullMQ's defaults, 30 s + 30 s, measured 59.5 s).
 *
 * - `lockDuration` 15 s: shorter means faster recovery, but an event loop blocked for longer
 *   than the renewal period (7.5 s) on a starved machine would lose the lock and run the job
 *   twice. Our processors are async I/O; 7.5 s of blocking is far beyond what they do.
 * - `stalledInterval` 10 s: each check is one Lua script per queue per interval, cheap.
 * - `maxStalledCount` 2: stalls do not use up `attempts`; a job is failed only when it stalls a
 *   third time, i.e. it is probably what kills its worker. One crash and one crash-loop restart
 *   never lose a job.
 */
export const WORKER_OPTIONS = {
  lockDuration: 15_000,
  stalledInterval: 10_000,
  maxStalledCount: 2,
} as const;
