// Go's reference-time layouts (Format) and time.Duration's String.

import type { GoTime } from './go-time.js';

export const MONTHS = [
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
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

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
