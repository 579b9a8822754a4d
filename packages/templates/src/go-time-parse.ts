// Go's time.Parse for the layouts templates use, and RFC 3339 as JSON decoding reads it.

import { daysFromCivil, GoTime, SECONDS_PER_DAY } from './go-time.js';
import { DAYS, layoutChunks, MONTHS } from './go-time-format.js';
import { type GoZone, UTC_ZONE, zoneAt } from './go-zoneinfo.js';

export class TimeParseError extends Error {}

const quote = (s: string): string => JSON.stringify(s);

/**
 * time.ParseInLocation for the layouts templates use (numeric fields, month and day names,
 * AM/PM, fractions, zones); throws Go's `parsing time ...` message.
 */
export function parseTime(layout: string, value: string, location = 'UTC'): GoTime {
  const fail = (elem: string, rest: string, extra = ''): never => {
    throw new TimeParseError(
      `parsing time ${quote(value)} as ${quote(layout)}: cannot parse ${quote(rest)} as ${quote(elem)}${extra}`,
    );
  };
  let year = 1;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let nanos = 0;
  let pm: boolean | undefined;
  let zoneOffset: number | undefined;
  let zoneName: string | undefined;
  let rest = value;
  const takeDigits = (elem: string, min: number, max: number): number => {
    const m = new RegExp(`^[0-9]{${min},${max}}`).exec(rest);
    if (!m) return fail(elem, rest);
    rest = rest.slice(m[0].length);
    return Number(m[0]);
  };
  const takeName = (elem: string, names: readonly string[]): number => {
    const i = names.findIndex((n) => rest.toLowerCase().startsWith(n.toLowerCase()));
    if (i < 0) return fail(elem, rest);
    rest = rest.slice((names[i] as string).length);
    return i;
  };
  for (const chunk of layoutChunks(layout)) {
    if (chunk.kind === 'literal') {
      if (!rest.startsWith(chunk.text)) fail(chunk.text, rest);
      rest = rest.slice(chunk.text.length);
      continue;
    }
    if (chunk.kind === 'frac') {
      if (rest[0] !== '.' && rest[0] !== ',') {
        if (chunk.trim) continue;
        fail(chunk.separator + '0'.repeat(chunk.digits), rest);
      }
      const m = /^[.,]([0-9]+)/.exec(rest);
      if (!m) continue;
      nanos = Number(`${m[1]}000000000`.slice(0, 9));
      rest = rest.slice(m[0].length);
      continue;
    }
    const std = chunk.std;
    switch (std) {
      case '2006':
        year = takeDigits(std, 4, 4);
        break;
      case '06': {
        const yy = takeDigits(std, 2, 2);
        year = yy >= 69 ? 1900 + yy : 2000 + yy;
        break;
      }
      case '01':
        month = takeDigits(std, 2, 2);
        break;
      case '1':
        month = takeDigits(std, 1, 2);
        break;
      case 'January':
        month = takeName(std, MONTHS) + 1;
        break;
      case 'Jan':
        month =
          takeName(
            std,
            MONTHS.map((m) => m.slice(0, 3)),
          ) + 1;
        break;
      case 'Monday':
        takeName(std, DAYS);
        break;
      case 'Mon':
        takeName(
          std,
          DAYS.map((d) => d.slice(0, 3)),
        );
        break;
      case '02':
        day = takeDigits(std, 2, 2);
        break;
      case '_2':
        if (rest.startsWith(' ')) rest = rest.slice(1);
        day = takeDigits(std, 1, 2);
        break;
      case '2':
        day = takeDigits(std, 1, 2);
        break;
      case '002':
      case '__2':
        takeDigits(std, 1, 3);
        break;
      case '15':
        hour = takeDigits(std, 1, 2);
        break;
      case '03':
      case '3':
        hour = takeDigits(std, std === '03' ? 2 : 1, 2);
        break;
      case '04':
      case '4':
        minute = takeDigits(std, std === '04' ? 2 : 1, 2);
        break;
      case '05':
      case '5':
        second = takeDigits(std, std === '05' ? 2 : 1, 2);
        if (/^[.,][0-9]/.test(rest)) {
          const m = /^[.,]([0-9]+)/.exec(rest) as RegExpExecArray;
          nanos = Number(`${m[1]}000000000`.slice(0, 9));
          rest = rest.slice(m[0].length);
        }
        break;
      case 'PM':
      case 'pm': {
        const ampm = rest.slice(0, 2).toUpperCase();
        if (ampm !== 'AM' && ampm !== 'PM') fail(std, rest);
        pm = ampm === 'PM';
        rest = rest.slice(2);
        break;
      }
      case 'MST': {
        const m = /^(UTC|GMT([+-][0-9]{1,2})?|[A-Z]{3,5})/.exec(rest);
        if (!m) return fail(std, rest);
        zoneName = m[0];
        rest = rest.slice(m[0].length);
        break;
      }
      default: {
        if (std.startsWith('Z') && rest.startsWith('Z')) {
          rest = rest.slice(1);
          zoneOffset = 0;
          zoneName = 'UTC';
          break;
        }
        const m = /^([+-])([0-9]{2})(?::?([0-9]{2}))?(?::?([0-9]{2}))?/.exec(rest);
        if (!m) return fail(std, rest);
        const body = std.replace(/^[Z-]/, '');
        const parts = body.split(':').join('').length; // 2, 4 or 6 digits
        const hh = Number(m[2]);
        const mm = parts >= 4 ? Number(m[3] ?? fail(std, rest)) : 0;
        const ss = parts >= 6 ? Number(m[4] ?? fail(std, rest)) : 0;
        const consumed = 3 + (parts >= 4 ? 2 + (body.includes(':') ? 1 : 0) : 0) + (parts >= 6 ? 3 : 0);
        rest = rest.slice(Math.min(consumed, m[0].length));
        zoneOffset = (m[1] === '-' ? -1 : 1) * (hh * 3600 + mm * 60 + ss);
      }
    }
  }
  if (rest !== '') {
    throw new TimeParseError(`parsing time ${quote(value)}: extra text: ${quote(rest)}`);
  }
  if (pm !== undefined) {
    if (hour > 12) throw new TimeParseError(`parsing time ${quote(value)}: hour out of range`);
    if (pm && hour < 12) hour += 12;
    else if (!pm && hour === 12) hour = 0;
  }
  const rangeError = (what: string): never => {
    throw new TimeParseError(`parsing time ${quote(value)}: ${what} out of range`);
  };
  if (month < 1 || month > 12) rangeError('month');
  const daysInMonth =
    daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    daysFromCivil(year, month, 1);
  if (day < 1 || day > daysInMonth) rangeError('day');
  if (hour > 23) rangeError('hour');
  if (minute > 59) rangeError('minute');
  if (second > 59) rangeError('second');
  const local = daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
  if (zoneOffset !== undefined) {
    const seconds = local - zoneOffset;
    const zone: GoZone =
      zoneOffset === 0 && zoneName === 'UTC'
        ? UTC_ZONE
        : { location: '', abbreviation: zoneName ?? '', offset: zoneOffset };
    return new GoTime(seconds, nanos, zone);
  }
  if (zoneName !== undefined && zoneName !== 'UTC') {
    // An abbreviation Go cannot place: it keeps the name with a zero offset.
    return new GoTime(local, nanos, { location: '', abbreviation: zoneName, offset: 0 });
  }
  if (location === 'UTC') return new GoTime(local, nanos, UTC_ZONE);
  const offset = zoneAt(location, local).offset;
  return new GoTime(local - offset, nanos, zoneAt(location, local - offset));
}

/** An RFC 3339 time as Go's JSON decoding reads it; a `Z` zone is UTC, others a fixed offset. */
export function parseRfc3339(value: string): GoTime {
  // The common shapes (what the notifier and Prometheus send) without the general parser.
  const m = RFC3339.exec(value);
  if (m) {
    const [, y, mo, d, h, mi, sec, frac, zone, sign, zh, zm] = m as unknown as string[];
    const local =
      daysFromCivil(Number(y), Number(mo), Number(d)) * SECONDS_PER_DAY +
      Number(h) * 3600 +
      Number(mi) * 60 +
      Number(sec);
    const nanos = frac ? Number(`${frac}000000000`.slice(0, 9)) : 0;
    // Days past the 28th and out-of-range fields take the general parser, which checks them.
    const plain = Number(mo) >= 1 && Number(mo) <= 12 && Number(d) >= 1 && Number(d) <= 28;
    const valid = plain && Number(h) < 24 && Number(mi) < 60 && Number(sec) < 60;
    if (valid && zone === 'Z') return new GoTime(local, nanos, UTC_ZONE);
    if (valid && sign) {
      const offset = (sign === '-' ? -1 : 1) * (Number(zh) * 3600 + Number(zm) * 60);
      if (offset !== 0) return new GoTime(local - offset, nanos, { location: '', abbreviation: '', offset });
    }
  }
  return parseTime('2006-01-02T15:04:05Z07:00', value);
}

const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|([+-])(\d\d):(\d\d))$/;
