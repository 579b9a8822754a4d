import { RedisScript } from '@tocsin/store';
import type { Redis } from 'ioredis';

/** One receiver integration: Alertmanager's `<receiver>/<integration>[<index>]`. */
export interface IntegrationRef {
  receiver: string;
  integration: string;
  index: number;
}

/** What the last attempts to one receiver integration did. Times are ms since the epoch. */
export interface IntegrationStatus {
  lastAttemptAt: number | null;
  lastAttemptDurationMs: number | null;
  lastSuccessAt: number | null;
  lastErrorAt: number | null;
  lastError: string | null;
  attempts: number;
  failures: number;
}

export interface Attempt {
  /** When the attempt started (ms since the epoch). */
  at: number;
  durationMs: number;
  /** Undefined for a success. */
  error?: string;
}

export const NEVER_ATTEMPTED: IntegrationStatus = {
  lastAttemptAt: null,
  lastAttemptDurationMs: null,
  lastSuccessAt: null,
  lastErrorAt: null,
  lastError: null,
  attempts: 0,
  failures: 0,
};

// One small hash per integration, one script run per attempt. The hash expires after the
// retention without attempts, so integrations a reload removed leave nothing behind.
const RECORD_SCRIPT = new RedisScript(`
redis.call('HSET', KEYS[1], 'lastAttemptAt', ARGV[1], 'lastAttemptDurationMs', ARGV[2])
redis.call('HINCRBY', KEYS[1], 'attempts', 1)
if ARGV[3] == '1' then
  redis.call('HSET', KEYS[1], 'lastSuccessAt', ARGV[1])
else
  redis.call('HSET', KEYS[1], 'lastErrorAt', ARGV[1], 'lastError', ARGV[4])
  redis.call('HINCRBY', KEYS[1], 'failures', 1)
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
`);

export interface ReceiverStatusOptions {
  prefix: string;
  /** How long a status is kept after the last attempt (the notifier passes `--data.retention`). */
  retentionMs?: number;
}

/**
 * Per receiver integration delivery status (Grafana's receiver status, Alertmanager #1305): the
 * notifier records every attempt, ingest reads them for `GET /api/tocsin/v1/receivers`.
 */
export class ReceiverStatus {
  private readonly base: string;
  private readonly retentionMs: number;

  constructor(
    private readonly redis: Redis,
    options: ReceiverStatusOptions,
  ) {
    // One hash tag for all: a status page reads them together.
    this.base = `${options.prefix}:{receiver-status}`;
    this.retentionMs = options.retentionMs ?? 120 * 3600 * 1000;
  }

  key(ref: IntegrationRef): string {
    return `${this.base}:${ref.integration}:${ref.index}:${ref.receiver}`;
  }

  async record(ref: IntegrationRef, attempt: Attempt): Promise<void> {
    await RECORD_SCRIPT.run(
      this.redis,
      [this.key(ref)],
      [
        String(attempt.at),
        String(Math.round(attempt.durationMs * 1000) / 1000),
        attempt.error === undefined ? '1' : '0',
        attempt.error ?? '',
        String(this.retentionMs),
      ],
    );
  }

  /** The status of each integration, in order; NEVER_ATTEMPTED's values for one never tried. */
  async read(refs: readonly IntegrationRef[]): Promise<IntegrationStatus[]> {
    if (refs.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const ref of refs) pipeline.hgetall(this.key(ref));
    const results = (await pipeline.exec()) ?? [];
    return results.map(([err, raw]) => {
      if (err) throw err;
      return statusOf(raw as Record<string, string>);
    });
  }
}

function statusOf(raw: Record<string, string>): IntegrationStatus {
  const num = (field: string) => (raw[field] === undefined ? null : Number(raw[field]));
  return {
    lastAttemptAt: num('lastAttemptAt'),
    lastAttemptDurationMs: num('lastAttemptDurationMs'),
    lastSuccessAt: num('lastSuccessAt'),
    lastErrorAt: num('lastErrorAt'),
    lastError: raw.lastError ?? null,
    attempts: num('attempts') ?? 0,
    failures: num('failures') ?? 0,
  };
}
