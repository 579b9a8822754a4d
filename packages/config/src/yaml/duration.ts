/**
 * Prometheus durations (`1d`, `1h30m`, `10s`, `0`, `500ms`): units y, w, d, h, m, s, ms, each at
 * most once and from largest to smallest, as `model.ParseDuration` accepts them.
 */
const UNITS = [
  ['y', 365 * 24 * 3600 * 1000],
  ['w', 7 * 24 * 3600 * 1000],
  ['d', 24 * 3600 * 1000],
  ['h', 3600 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
] as const;

const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** A duration read from the config; serialises back in Prometheus form. */
export class Duration {
  constructor(readonly ms: number) {}

  toJSON(): string {
    return formatDuration(this.ms);
  }

  toString(): string {
    return formatDuration(this.ms);
  }
}

/** Milliseconds, or throws with Prometheus' message. */
export function parseDuration(text: string): number {
  if (text === '') throw new Error('empty duration string');
  if (text === '0') return 0;
  const m = DURATION_RE.exec(text);
  if (!m || m.slice(1).every((g) => g === undefined)) {
    throw new Error(`not a valid duration string: ${JSON.stringify(text)}`);
  }
  let total = 0;
  UNITS.forEach(([, unitMs], i) => {
    const group = m[i + 1];
    if (group !== undefined) total += Number(group) * unitMs;
  });
  if (!Number.isSafeInteger(total)) throw new Error(`duration out of range: ${JSON.stringify(text)}`);
  return total;
}

/** Prometheus' `Duration.String()`: largest units first, `0s` for zero. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, unitMs] of UNITS) {
    const n = Math.floor(rest / unitMs);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * unitMs;
    }
  }
  return out;
}
