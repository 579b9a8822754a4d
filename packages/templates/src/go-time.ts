// Go's time.Time and time.Duration as templates see them: printing (`2006-01-02 15:04:05.999999999
// -0700 MST`), Format with Go reference layouts, the methods templates call, RFC 3339 parsing for
// the data model, and time zones by IANA name (offset from Intl, abbreviation from the system's
// zoneinfo file, as Go reads it).

import { readFileSync } from 'node:fs';
import { type GoMethod, GoNamed, GoObject, type GoType, type GoValue, STRING } from './go-value.js';

const SECONDS_PER_DAY = 86400;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const INT64: GoType = { name: 'int64', kind: 'int', underlying: 'int64' };

export const MONTH: GoType = {
  name: 'time.Month',
  kind: 'int',
  underlying: 'int',
  stringer: (v) => MONTHS[Number((v as GoNamed).value) - 1] ?? `%!Month(${(v as GoNamed).value})`,
};
export const WEEKDAY: GoType = {
  name: 'time.Weekday',
  kind: 'int',
  underlying: 'int',
  stringer: (v) => DAYS[Number((v as GoNamed).value)] ?? `%!Weekday(${(v as GoNamed).value})`,
};

/** Where a time is shown: its zone abbreviation and offset east of UTC, in seconds. */
export interface GoZone {
  /** `UTC`, `Local`, an IANA name, or '' for a fixed offset from a parsed string. */
  readonly location: string;
  readonly abbreviation: string;
  readonly offset: number;
}

export const UTC_ZONE: GoZone = { location: 'UTC', abbreviation: 'UTC', offset: 0 };

export class GoTime extends GoObject {
  readonly type: GoType = TIME;
  /**
   * @param seconds whole seconds since the Unix epoch (UTC)
   * @param nanos 0..999999999
   * @param monotonic seconds on the monotonic clock, printed as Go's `m=+…` (time.Now only)
   */
  constructor(
    readonly seconds: number,
    readonly nanos: number,
    readonly zone: GoZone,
    readonly monotonic?: number,
  ) {
    super();
  }

  static fromMillis(ms: number, zone: GoZone = UTC_ZONE): GoTime {
    const seconds = Math.floor(ms / 1000);
    return new GoTime(seconds, Math.round((ms - seconds * 1000) * 1e6), zone);
  }

  /** Nanoseconds since the epoch, exact. */
  unixNano(): bigint {
    return BigInt(this.seconds) * 1_000_000_000n + BigInt(this.nanos);
  }

  static fromUnixNano(ns: bigint, zone: GoZone): GoTime {
    let seconds = ns / 1_000_000_000n;
    let nanos = ns % 1_000_000_000n;
    if (nanos < 0n) {
      nanos += 1_000_000_000n;
      seconds -= 1n;
    }
    return new GoTime(Number(seconds), Number(nanos), zone);
  }

  /** The same instant shown in another zone (its abbreviation and offset at that instant). */
  in(location: string): GoTime {
    return new GoTime(this.seconds, this.nanos, zoneAt(location, this.seconds));
  }

  isZero(): boolean {
    return this.seconds === GO_ZERO_SECONDS && this.nanos === 0;
  }

  /** Calendar fields in the time's own zone. */
  civil(): Civil {
    return civilFromSeconds(this.seconds + this.zone.offset);
  }

  format(layout: string): string {
    return formatTime(this, layout);
  }

  override toString(): string {
    const text = this.format('2006-01-02 15:04:05.999999999 -0700 MST');
    if (this.monotonic === undefined) return text;
    const sign = this.monotonic < 0 ? '-' : '+';
    return `${text} m=${sign}${Math.abs(this.monotonic).toFixed(9)}`;
  }
}

/** 0001-01-01T00:00:00Z, Go's zero time, in Unix seconds. */
export const GO_ZERO_SECONDS = -62135596800;

export class GoDuration extends GoNamed {
  constructor(readonly nanoseconds: bigint) {
    super(DURATION, nanoseconds);
  }
}

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
  yearDay: number;
}

/** Days since 1970-01-01 to a proleptic Gregorian date (Hinnant's algorithm). */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromSeconds(localSeconds: number): Civil {
  const days = Math.floor(localSeconds / SECONDS_PER_DAY);
  const rest = localSeconds - days * SECONDS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(rest / 3600),
    minute: Math.floor((rest % 3600) / 60),
    second: rest % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
    yearDay: days - daysFromCivil(year, 1, 1) + 1,
  };
}

// ---- zones ----

let localZoneName: string | undefined;

/** The zone Go's time.Local would be: $TZ, else the system's. */
export function localLocationName(): string {
  localZoneName ??= process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return localZoneName;
}

interface ZoneInfo {
  /** Transition instants (Unix seconds), ascending, with the abbreviation in force from each. */
  readonly transitions: readonly { at: number; abbreviation: string; offset: number }[];
  /** The POSIX TZ rule for instants after the last transition: standard and daylight names. */
  readonly footer?: { std: string; dst?: string };
}

const zoneInfoCache = new Map<string, ZoneInfo | null>();

/** Reads a TZif file's 64-bit transitions and its footer rule, as Go's time package does. */
function zoneInfo(name: string): ZoneInfo | null {
  if (zoneInfoCache.has(name)) return zoneInfoCache.get(name) ?? null;
  let info: ZoneInfo | null = null;
  try {
    const dir = process.env.ZONEINFO || '/usr/share/zoneinfo';
    info = parseTzif(readFileSync(`${dir}/${name}`));
  } catch {
    info = null;
  }
  zoneInfoCache.set(name, info);
  return info;
}

function parseTzif(buf: Buffer): ZoneInfo | null {
  if (buf.toString('latin1', 0, 4) !== 'TZif') return null;
  const counts = (at: number) => ({
    isut: buf.readUInt32BE(at + 20),
    isstd: buf.readUInt32BE(at + 24),
    leap: buf.readUInt32BE(at + 28),
    time: buf.readUInt32BE(at + 32),
    type: buf.readUInt32BE(at + 36),
    char: buf.readUInt32BE(at + 40),
  });
  const v1 = counts(0);
  const v1Size = v1.time * 5 + v1.type * 6 + v1.char + v1.leap * 8 + v1.isstd + v1.isut;
  const version = buf.toString('latin1', 4, 5);
  const header = version >= '2' ? 44 + v1Size : 0;
  const c = counts(header);
  const timeSize = version >= '2' ? 8 : 4;
  let at = header + 44;
  const times: number[] = [];
  for (let i = 0; i < c.time; i++, at += timeSize) {
    times.push(timeSize === 8 ? Number(buf.readBigInt64BE(at)) : buf.readInt32BE(at));
  }
  const typeIndex: number[] = [];
  for (let i = 0; i < c.time; i++, at++) typeIndex.push(buf.readUInt8(at));
  const types: { offset: number; abbrIndex: number }[] = [];
  for (let i = 0; i < c.type; i++, at += 6)
    types.push({ offset: buf.readInt32BE(at), abbrIndex: buf.readUInt8(at + 5) });
  const chars = buf.subarray(at, at + c.char);
  const abbreviation = (i: number): string => {
    const end = chars.indexOf(0, i);
    return chars.toString('latin1', i, end < 0 ? chars.length : end);
  };
  at += c.char + c.leap * (timeSize + 4) + c.isstd + c.isut;
  const transitions = times.map((t, i) => {
    const type = types[typeIndex[i] as number] ?? { offset: 0, abbrIndex: 0 };
    return { at: t, abbreviation: abbreviation(type.abbrIndex), offset: type.offset };
  });
  if (transitions.length === 0 && types[0]) {
    transitions.push({
      at: -Infinity,
      abbreviation: abbreviation(types[0].abbrIndex),
      offset: types[0].offset,
    });
  }
  const footerText = version >= '2' ? buf.toString('latin1', at).split('\n')[1] : undefined;
  const footerMatch = footerText
    ? /^(<[^>]*>|[A-Za-z]+)[-+]?[0-9:]+(<[^>]*>|[A-Za-z]+)?/.exec(footerText)
    : null;
  const unquote = (n: string | undefined) => n?.replace(/^<|>$/g, '');
  const footer = footerMatch
    ? { std: unquote(footerMatch[1]) as string, ...(footerMatch[2] ? { dst: unquote(footerMatch[2]) } : {}) }
    : undefined;
  return { transitions, ...(footer ? { footer } : {}) };
}

/** The abbreviation in force at an instant with the given offset. */
function abbreviationAt(name: string, seconds: number, offset: number): string | undefined {
  const info = zoneInfo(name);
  if (!info) return undefined;
  const last = info.transitions.at(-1);
  if (info.footer && (!last || seconds >= last.at)) {
    if (!info.footer.dst) return info.footer.std;
    // The footer's daylight name applies when the offset is not the standard one.
    const std = info.transitions.findLast((t) => t.abbreviation === info.footer?.std);
    return std && std.offset === offset ? info.footer.std : info.footer.dst;
  }
  let current: (typeof info.transitions)[number] | undefined;
  for (const t of info.transitions) {
    if (t.at > seconds) break;
    current = t;
  }
  return current?.offset === offset
    ? current.abbreviation
    : info.transitions.find((t) => t.offset === offset)?.abbreviation;
}

/** Offset east of UTC (seconds) of an IANA zone at an instant. */
function intlOffset(name: string, seconds: number): number {
  const ms = Math.max(-8.64e15, Math.min(8.64e15, seconds * 1000));
  const part = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d\d):(\d\d)(?::(\d\d))?/.exec(part ?? '');
  if (!match) return 0;
  const value = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0);
  return match[1] === '-' ? -value : value;
}

/** Whether Go's time.LoadLocation would find this name. */
export function isKnownLocation(name: string): boolean {
  if (name === '' || name === 'UTC' || name === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A location's abbreviation and offset at an instant. */
export function zoneAt(location: string, seconds: number): GoZone {
  if (location === '' || location === 'UTC') return UTC_ZONE;
  const name = location === 'Local' ? localLocationName() : location;
  if (name === 'UTC' || name === 'Etc/UTC') return { ...UTC_ZONE, location };
  const offset = intlOffset(name, seconds);
  const abbreviation = abbreviationAt(name, seconds, offset) ?? offsetName(offset);
  return { location, abbreviation, offset };
}

/** Go names an unnamed zone by its offset: `+02`, `-0530`. */
function offsetName(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = Math.floor((abs % 3600) / 60);
  return mm === 0 ? `${sign}${hh}` : `${sign}${hh}${String(mm).padStart(2, '0')}`;
}

// ---- layouts ----

type Chunk =
  | { kind: 'literal'; text: string }
  | { kind: 'std'; std: string }
  | { kind: 'frac'; separator: string; digits: number; trim: boolean };

const STD_PREFIXES = [
  'January',
  'Jan',
  'Monday',
  'Mon',
  'MST',
  '2006',
  '002',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '15',
  '__2',
  '_2',
  '1',
  '2',
  '3',
  '4',
  '5',
  'PM',
  'pm',
  '-07:00:00',
  '-070000',
  '-07:00',
  '-0700',
  '-07',
  'Z07:00:00',
  'Z070000',
  'Z07:00',
  'Z0700',
  'Z07',
];

const chunkCache = new Map<string, Chunk[]>();

/** Splits a Go layout into literal text and the reference-time elements it uses (cached). */
export function layoutChunks(layout: string): Chunk[] {
  let chunks = chunkCache.get(layout);
  if (!chunks) {
    chunks = splitLayout(layout);
    if (chunkCache.size > 200) chunkCache.clear();
    chunkCache.set(layout, chunks);
  }
  return chunks;
}

function splitLayout(layout: string): Chunk[] {
  const chunks: Chunk[] = [];
  let literal = '';
  let i = 0;
  while (i < layout.length) {
    const c = layout.charAt(i);
    if ((c === '.' || c === ',') && (layout[i + 1] === '0' || layout[i + 1] === '9')) {
      const digit = layout.charAt(i + 1);
      let j = i + 1;
      while (layout[j] === digit) j++;
      if (!/[0-9]/.test(layout[j] ?? '')) {
        if (literal) chunks.push({ kind: 'literal', text: literal });
        literal = '';
        chunks.push({ kind: 'frac', separator: c, digits: j - i - 1, trim: digit === '9' });
        i = j;
        continue;
      }
    }
    const std = STD_PREFIXES.find((p) => layout.startsWith(p, i) && stdAllowed(layout, i, p));
    if (std) {
      if (literal) chunks.push({ kind: 'literal', text: literal });
      literal = '';
      chunks.push({ kind: 'std', std });
      i += std.length;
      continue;
    }
    literal += c;
    i++;
  }
  if (literal) chunks.push({ kind: 'literal', text: literal });
  return chunks;
}

/** Go's exceptions: "Monday"/"Mon" need no lowercase letter after "Jan"..., "_2006" is "_" + year. */
function stdAllowed(layout: string, i: number, p: string): boolean {
  const next = layout.charAt(i + p.length);
  if (p === 'Jan' || p === 'Mon' || p === 'MST') return !(next >= 'a' && next <= 'z') || p === 'MST';
  if (p === '_2' && layout.startsWith('_2006', i)) return false;
  return true;
}

const pad = (n: number, width: number): string => {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
};

function formatZone(offset: number, std: string): string {
  if (std.startsWith('Z') && offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = pad(Math.floor(abs / 3600), 2);
  const mm = pad(Math.floor((abs % 3600) / 60), 2);
  const ss = pad(abs % 60, 2);
  const body = std.slice(1);
  switch (body) {
    case '07':
      return `${sign}${hh}`;
    case '0700':
      return `${sign}${hh}${mm}`;
    case '07:00':
      return `${sign}${hh}:${mm}`;
    case '070000':
      return `${sign}${hh}${mm}${ss}`;
    default:
      return `${sign}${hh}:${mm}:${ss}`;
  }
}

export function formatTime(t: GoTime, layout: string): string {
  const c = t.civil();
  let out = '';
  for (const chunk of layoutChunks(layout)) {
    if (chunk.kind === 'literal') {
      out += chunk.text;
      continue;
    }
    if (chunk.kind === 'frac') {
      const digits = String(t.nanos).padStart(9, '0').slice(0, chunk.digits);
      if (!chunk.trim) out += chunk.separator + digits;
      else {
        const trimmed = digits.replace(/0+$/, '');
        if (trimmed) out += chunk.separator + trimmed;
      }
      continue;
    }
    switch (chunk.std) {
      case 'January':
        out += MONTHS[c.month - 1];
        break;
      case 'Jan':
        out += MONTHS[c.month - 1]?.slice(0, 3);
        break;
      case 'Monday':
        out += DAYS[c.weekday];
        break;
      case 'Mon':
        out += DAYS[c.weekday]?.slice(0, 3);
        break;
      case 'MST':
        out += t.zone.abbreviation || formatZone(t.zone.offset, '-0700');
        break;
      case '2006':
        out += pad(c.year, 4);
        break;
      case '06':
        out += pad(((c.year % 100) + 100) % 100, 2);
        break;
      case '002':
        out += pad(c.yearDay, 3);
        break;
      case '__2':
        out += String(c.yearDay).padStart(3, ' ');
        break;
      case '01':
        out += pad(c.month, 2);
        break;
      case '1':
        out += String(c.month);
        break;
      case '02':
        out += pad(c.day, 2);
        break;
      case '_2':
        out += String(c.day).padStart(2, ' ');
        break;
      case '2':
        out += String(c.day);
        break;
      case '15':
        out += pad(c.hour, 2);
        break;
      case '03':
        out += pad(c.hour % 12 === 0 ? 12 : c.hour % 12, 2);
        break;
      case '3':
        out += String(c.hour % 12 === 0 ? 12 : c.hour % 12);
        break;
      case '04':
        out += pad(c.minute, 2);
        break;
      case '4':
        out += String(c.minute);
        break;
      case '05':
        out += pad(c.second, 2);
        break;
      case '5':
        out += String(c.second);
        break;
      case 'PM':
        out += c.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += c.hour >= 12 ? 'pm' : 'am';
        break;
      default:
        out += formatZone(t.zone.offset, chunk.std);
    }
  }
  return out;
}

// ---- parsing ----

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

// ---- durations ----

/** time.Duration.String: `1h2m3.5s`, `1.5ms`, `0s`. */
export function formatDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const negative = ns < 0n;
  let u = negative ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    const [unit, scale] = u < 1000n ? ['ns', 1n] : u < 1_000_000n ? ['µs', 1000n] : ['ms', 1_000_000n];
    out = fraction(u, scale) + unit;
  } else {
    const seconds = fraction(u % 60_000_000_000n, 1_000_000_000n);
    u /= 60_000_000_000n;
    out = `${seconds}s`;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return negative ? `-${out}` : out;
}

function fraction(value: bigint, scale: bigint): string {
  const whole = value / scale;
  const rest = value % scale;
  if (rest === 0n) return String(whole);
  const digits = String(scale).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

// ---- types and methods ----

const method = (params: GoType[], call: GoMethod['call']): GoMethod => ({ params, call });
const asTime = (v: GoValue): GoTime => v as GoTime;
const durationOf = (v: GoValue): bigint => (v as GoDuration).nanoseconds;

export const DURATION: GoType = {
  name: 'time.Duration',
  kind: 'int',
  underlying: 'int64',
  stringer: (v) => formatDuration(durationOf(v)),
  methods: {
    String: method([], (d) => formatDuration(durationOf(d))),
    Hours: method([], (d) => Number(durationOf(d)) / 3.6e12),
    Minutes: method([], (d) => Number(durationOf(d)) / 6e10),
    Seconds: method([], (d) => Number(durationOf(d)) / 1e9),
    Milliseconds: method([], (d) => new GoNamed(INT64, durationOf(d) / 1_000_000n)),
    Microseconds: method([], (d) => new GoNamed(INT64, durationOf(d) / 1000n)),
    Nanoseconds: method([], (d) => new GoNamed(INT64, durationOf(d))),
    Abs: method([], (d) => new GoDuration(durationOf(d) < 0n ? -durationOf(d) : durationOf(d))),
  },
};

const int64 = (n: number | bigint): GoNamed => new GoNamed(INT64, BigInt(n));

export const TIME: GoType = {
  name: 'time.Time',
  kind: 'struct',
  fields: [],
  stringer: (v) => asTime(v).toString(),
  methods: {
    String: method([], (t) => asTime(t).toString()),
    Format: method([STRING], (t, [layout]) => asTime(t).format(layout as string)),
    Unix: method([], (t) => int64(asTime(t).seconds)),
    UnixMilli: method([], (t) => int64(asTime(t).unixNano() / 1_000_000n)),
    UnixMicro: method([], (t) => int64(asTime(t).unixNano() / 1000n)),
    UnixNano: method([], (t) => int64(asTime(t).unixNano())),
    UTC: method([], (t) => new GoTime(asTime(t).seconds, asTime(t).nanos, UTC_ZONE)),
    Local: method([], (t) => asTime(t).in('Local')),
    IsZero: method([], (t) => asTime(t).isZero()),
    Year: method([], (t) => BigInt(asTime(t).civil().year)),
    Month: method([], (t) => new GoNamed(MONTH, BigInt(asTime(t).civil().month))),
    Day: method([], (t) => BigInt(asTime(t).civil().day)),
    Hour: method([], (t) => BigInt(asTime(t).civil().hour)),
    Minute: method([], (t) => BigInt(asTime(t).civil().minute)),
    Second: method([], (t) => BigInt(asTime(t).civil().second)),
    Nanosecond: method([], (t) => BigInt(asTime(t).nanos)),
    YearDay: method([], (t) => BigInt(asTime(t).civil().yearDay)),
    Weekday: method([], (t) => new GoNamed(WEEKDAY, BigInt(asTime(t).civil().weekday))),
    Before: method([TIME_PLACEHOLDER()], (t, [u]) => asTime(t).unixNano() < asTime(u).unixNano()),
    After: method([TIME_PLACEHOLDER()], (t, [u]) => asTime(t).unixNano() > asTime(u).unixNano()),
    Equal: method([TIME_PLACEHOLDER()], (t, [u]) => asTime(t).unixNano() === asTime(u).unixNano()),
    Sub: method(
      [TIME_PLACEHOLDER()],
      (t, [u]) => new GoDuration(asTime(t).unixNano() - asTime(u).unixNano()),
    ),
    Add: method([DURATION], (t, [d]) => {
      const moved = GoTime.fromUnixNano(asTime(t).unixNano() + durationOf(d), asTime(t).zone);
      const { location } = asTime(t).zone;
      return location === '' || location === 'UTC' ? moved : moved.in(location);
    }),
  },
};

// Methods taking a time.Time refer to TIME itself; resolved after TIME exists.
function TIME_PLACEHOLDER(): GoType {
  return { name: 'time.Time', kind: 'struct', fields: [] };
}
