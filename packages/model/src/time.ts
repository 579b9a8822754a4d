// Times as the Alertmanager API reads and prints them. Internally a time is
// epoch milliseconds; Go keeps nanoseconds and the parsed UTC offset, we keep
// neither (sub-millisecond digits are truncated, output is always UTC).

import { goTimeQuote } from './go-quote.js';

/** Go's zero `time.Time` (0001-01-01T00:00:00Z): what "unset" means for startsAt/endsAt. */
export const GO_ZERO_TIME_MS = -62135596800000;

export function isZeroTime(ms: number): boolean {
  return ms === GO_ZERO_TIME_MS;
}

// The union of go-openapi strfmt (v0.27, used by Alertmanager 0.34) DateTimeFormats,
// read with Go's lenient time.Parse: RFC3339 with any fraction ('.' or ','),
// the millis/micros variants with a colon-less offset, local-time forms
// (interpreted as UTC), "T15:04[Z]", "2006-01-02 15:04:05[.frac]" and "2006-01-02".
// Go's hour field ("15") takes one or two digits.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:([T ])(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:(Z)|([+-])(\d{2})(:?)(\d{2}))?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(month: number, year: number): number {
  return month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

// Days since 1970-01-01 of a proleptic Gregorian date (avoids Date.UTC's 0..99 → 19xx quirk).
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Builds epoch ms from calendar fields in UTC; no range checks. */
export function utcMillis(year: number, month: number, day: number, h = 0, m = 0, s = 0, ms = 0): number {
  return ((daysFromCivil(year, month, day) * 24 + h) * 60 + m) * 60_000 + s * 1000 + ms;
}

const num = (s: string | undefined): number => (s === undefined ? 0 : Number(s));

function matchDateTime(s: string): number | undefined {
  const m = DATE_TIME.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, sep, h, mi, sec, frac, z, sign, oh, colon, om] = m;
  if (sep === ' ' && (sec === undefined || z !== undefined || sign !== undefined)) return undefined;
  if (sep === 'T' && sec === undefined && sign !== undefined) return undefined;
  // "Z0700" layouts exist only with exactly 3 or 6 fraction digits.
  if (sign !== undefined && colon === '' && frac?.length !== 3 && frac?.length !== 6) return undefined;
  const year = num(y);
  const month = num(mo);
  const day = num(d);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return undefined;
  const hour = num(h);
  const minute = num(mi);
  const second = num(sec);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // Go accepts offsets up to 24h and 60m ("some people do write" them).
  const offHour = num(oh);
  const offMinute = num(om);
  if (offHour > 24 || offMinute > 60) return undefined;
  const millis = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  const offset = (sign === '-' ? -1 : 1) * (offHour * 60 + offMinute) * 60_000;
  return utcMillis(year, month, day, hour, minute, second, millis) - offset;
}

// Go reports the error of the last layout tried, "2006-01-02"; this re-creates it.
function shortFormError(v: string): string {
  const q = goTimeQuote;
  const cannot = (rest: string, elem: string) =>
    `parsing time ${q(v)} as "2006-01-02": cannot parse ${q(rest)} as ${q(elem)}`;
  if (!/^\d{4}/.test(v)) return cannot(v, '2006');
  let rest = v.slice(4);
  if (!rest.startsWith('-')) return cannot(rest, '-');
  rest = rest.slice(1);
  if (!/^\d\d/.test(rest)) return cannot(rest, '01');
  const month = Number(rest.slice(0, 2));
  if (month < 1 || month > 12) return `parsing time ${q(v)}: month out of range`;
  rest = rest.slice(2);
  if (!rest.startsWith('-')) return cannot(rest, '-');
  rest = rest.slice(1);
  if (!/^\d\d/.test(rest)) return cannot(rest, '02');
  const day = Number(rest.slice(0, 2));
  rest = rest.slice(2);
  if (rest.length > 0) return `parsing time ${q(v)}: extra text: ${q(rest)}`;
  if (day < 1 || day > daysIn(month, Number(v.slice(0, 4)))) return `parsing time ${q(v)}: day out of range`;
  return `parsing time ${q(v)}: cannot parse`;
}

/**
 * Parses an API date-time like go-openapi's `strfmt.ParseDateTime`.
 * Note: `""` is the Unix epoch (not "unset"), exactly as in Alertmanager.
 */
export function parseApiTime(s: string): { ms: number } | { error: string } {
  if (s === '') return { ms: 0 };
  const ms = matchDateTime(s);
  return ms === undefined ? { error: shortFormError(s) } : { ms };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** How the API prints times (strfmt `RFC3339Millis`): `2024-01-01T00:00:00.120Z`, always 3 digits. */
export function formatApiTime(ms: number): string {
  return iso(ms);
}

/**
 * How Go's `time.Time` marshals to JSON (RFC3339Nano, used by webhook payloads):
 * trailing fraction zeros trimmed, `2024-01-01T00:00:00.12Z`, zero time `0001-01-01T00:00:00Z`.
 */
export function formatGoTime(ms: number): string {
  return iso(ms).replace(/\.?0*Z$/, 'Z');
}
