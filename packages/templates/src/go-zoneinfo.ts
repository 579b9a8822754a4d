// Time zones as Go's time package finds them: the offset of an IANA zone at an instant (from
// Intl), and its abbreviation from the system's zoneinfo file (TZif transitions and footer rule).

import { readFileSync } from 'node:fs';

/** Where a time is shown: its zone abbreviation and offset east of UTC, in seconds. */
export interface GoZone {
  /** `UTC`, `Local`, an IANA name, or '' for a fixed offset from a parsed string. */
  readonly location: string;
  readonly abbreviation: string;
  readonly offset: number;
}

export const UTC_ZONE: GoZone = { location: 'UTC', abbreviation: 'UTC', offset: 0 };

let localZoneName: string | undefined;

/** The zone Go's time.Local would be: $TZ, else the system's. */
function localLocationName(): string {
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
