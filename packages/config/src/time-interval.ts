import { ConfigError, type YamlValue } from './yaml/index.js';

/** Minutes of the day, start inclusive, end exclusive (`24:00` is 1440). */
export interface TimeRange {
  start_minute: number;
  end_minute: number;
}

/** An inclusive range; weekdays are 0 (sunday) to 6, months 1 to 12, days of month may be negative. */
export interface InclusiveRange {
  begin: number;
  end: number;
}

/**
 * One `time_intervals` entry of a named interval. A field left out matches every time; a field
 * given as an empty list matches none (Alertmanager tests `!= nil`, and `[]` is not nil).
 */
export interface TimeIntervalSpec {
  times?: TimeRange[];
  weekdays?: InclusiveRange[];
  days_of_month?: InclusiveRange[];
  months?: InclusiveRange[];
  years?: InclusiveRange[];
  /** An IANA zone name, `UTC` or `Local`; unset means UTC. */
  location?: string;
}

/** A named entry of `time_intervals` (or the deprecated `mute_time_intervals`). */
export interface TimeInterval {
  name: string;
  time_intervals: TimeIntervalSpec[];
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const TIME_RE = /^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;

/** Reads a named interval; `kind` is how Alertmanager names it in the missing-name error. */
export function readTimeInterval(
  value: YamlValue,
  kind: 'time interval' | 'mute time interval',
): TimeInterval {
  const obj = value.asObject();
  // A null entry is Go's zero value: no name and no check, as yaml.v2 skips UnmarshalYAML.
  if (!obj) return { name: '', time_intervals: [] };
  const name = obj.string('name') ?? '';
  const specs = obj.list('time_intervals', readTimeIntervalSpec) ?? [];
  obj.finish('config.plain');
  if (name === '') throw value.error(`missing name in ${kind}`);
  return { name, time_intervals: specs };
}

export function readTimeIntervalSpec(value: YamlValue): TimeIntervalSpec {
  const obj = value.asObject();
  if (!obj) return {};
  const spec: TimeIntervalSpec = {};
  const times = obj.list('times', readTimeRange);
  if (times) spec.times = times;
  const weekdays = obj.list('weekdays', rangeReader(weekdayRange));
  if (weekdays) spec.weekdays = weekdays;
  const days = obj.list('days_of_month', rangeReader(dayOfMonthRange));
  if (days) spec.days_of_month = days;
  const months = obj.list('months', rangeReader(monthRange));
  if (months) spec.months = months;
  const years = obj.list('years', rangeReader(yearRange));
  if (years) spec.years = years;
  const location = obj.value('location');
  if (!location.isNull) {
    try {
      spec.location = checkLocation(location.asString());
    } catch (err) {
      throw location.error((err as Error).message);
    }
  }
  obj.finish('timeinterval.TimeInterval');
  return spec;
}

function readTimeRange(value: YamlValue): TimeRange {
  const obj = value.asObject();
  if (!obj) return { start_minute: 0, end_minute: 0 };
  const start = obj.string('start_time') ?? '';
  const end = obj.string('end_time') ?? '';
  obj.finish('timeinterval.yamlTimeRange');
  try {
    return parseTimeRange(start, end);
  } catch (err) {
    throw value.error((err as Error).message);
  }
}

/** `HH:MM` start and end as Alertmanager checks them. */
export function parseTimeRange(start: string, end: string): TimeRange {
  if (start === '' || end === '') throw new Error('both start and end times must be provided');
  const startMinute = parseTime(start);
  const endMinute = parseTime(end);
  if (startMinute >= endMinute) throw new Error('start time cannot be equal or greater than end time');
  return { start_minute: startMinute, end_minute: endMinute };
}

function parseTime(text: string): number {
  if (!TIME_RE.test(text)) throw new Error(`couldn't parse timestamp ${text}, invalid format`);
  const [hours, minutes] = text.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

function rangeReader(parse: (text: string) => InclusiveRange) {
  return (value: YamlValue): InclusiveRange => {
    // yaml.v2 leaves a null item at its zero value without validating it.
    if (value.isNull) return { begin: 0, end: 0 };
    try {
      return parse(value.asString());
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      throw value.error((err as Error).message);
    }
  };
}

/** Splits `a:b` (or a single member) and maps each side with `member`. */
function splitRange(text: string, member: (s: string) => number): InclusiveRange {
  const lower = text.toLowerCase();
  if (!lower.includes(':')) {
    const n = member(lower);
    return { begin: n, end: n };
  }
  const parts = lower.split(':');
  if (parts.length !== 2) throw new Error(`couldn't parse range ${lower}, invalid format`);
  return { begin: member(parts[0] as string), end: member(parts[1] as string) };
}

/** Go's `strconv.Atoi`, with its error text. */
function atoi(text: string): number {
  if (!/^[+-]?\d+$/.test(text))
    throw new Error(`strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    throw new Error(`strconv.Atoi: parsing ${JSON.stringify(text)}: value out of range`);
  return n;
}

export function weekdayRange(text: string): InclusiveRange {
  const r = splitRange(text, (s) => {
    const n = WEEKDAYS.indexOf(s);
    if (n === -1) throw new Error(`${s} is not a valid weekday`);
    return n;
  });
  if (r.begin > r.end) throw new Error('start day cannot be before end day');
  return r;
}

export function dayOfMonthRange(text: string): InclusiveRange {
  const r = splitRange(text, atoi);
  for (const n of [r.begin, r.end]) {
    if (n === 0 || n < -31 || n > 31) throw new Error(`${n} is not a valid day of the month: out of range`);
  }
  if (r.begin < 0 && r.end > 0) throw new Error('end day must be negative if start day is negative');
  // Negative days count from the month's end; 28 days is the shortest month, so only a range that
  // is reversed in every month is an error.
  const begin = r.begin < 0 ? 28 + r.begin : r.begin;
  const end = r.end < 0 ? 28 + r.end : r.end;
  if (begin > end) throw new Error(`end day ${r.end} is always before start day ${r.begin}`);
  return r;
}

export function monthRange(text: string): InclusiveRange {
  // Numbers are not range-checked upstream: `13` is accepted (and never matches).
  const r = splitRange(text, (s) => {
    const i = MONTHS.indexOf(s);
    if (i !== -1) return i + 1;
    try {
      return atoi(s);
    } catch {
      throw new Error(`${s} is not a valid month`);
    }
  });
  if (r.begin > r.end) {
    throw new Error(
      `end month ${MONTHS[r.end - 1] ?? ''} is before start month ${MONTHS[r.begin - 1] ?? ''}`,
    );
  }
  return r;
}

export function yearRange(text: string): InclusiveRange {
  const r = splitRange(text, atoi);
  if (r.begin > r.end) throw new Error(`end year ${r.end} is before start year ${r.begin}`);
  return r;
}

/** Go's `time.LoadLocation`: `''` and `UTC` are UTC, `Local` is the host's zone, else an IANA name. */
export function checkLocation(name: string): string {
  if (name === '' || name === 'UTC') return 'UTC';
  if (name === 'Local') return 'Local';
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw new Error(`unknown time zone ${name}`);
  }
  // Intl ignores case; the zoneinfo files Go opens do not.
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) {
    throw new Error(`unknown time zone ${name}`);
  }
  return name;
}

/** Formats minutes of the day as `HH:MM`. */
export function formatMinutes(minutes: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The weekday range as Alertmanager prints it: `monday:friday` or `saturday`. */
export function formatWeekdayRange(r: InclusiveRange): string {
  const begin = WEEKDAYS[r.begin] ?? String(r.begin);
  return r.begin === r.end ? begin : `${begin}:${WEEKDAYS[r.end] ?? String(r.end)}`;
}

/** A numeric range as Alertmanager prints it: `1:5` or `7`. */
export function formatRange(r: InclusiveRange): string {
  return r.begin === r.end ? String(r.begin) : `${r.begin}:${r.end}`;
}

interface CalendarTime {
  year: number;
  month: number;
  day: number;
  weekday: number;
  minuteOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function calendarTime(date: Date, location: string | undefined): CalendarTime {
  const zone = location === undefined || location === '' ? 'UTC' : location;
  let fmt = formatters.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone === 'Local' ? undefined : zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, fmt);
  }
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(date)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const year = parts.year ?? 0;
  const month = parts.month ?? 1;
  const day = parts.day ?? 1;
  return {
    year,
    month,
    day,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
    minuteOfDay: (parts.hour ?? 0) * 60 + (parts.minute ?? 0),
  };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const clamp = (n: number, min: number, max: number) => Math.min(Math.max(n, min), max);

const inRange = (n: number, r: InclusiveRange) => n >= r.begin && n <= r.end;

/** Whether the instant lies in the spec: fields are ANDed, the items of a field ORed. */
export function timeIntervalContains(spec: TimeIntervalSpec, date: Date): boolean {
  const t = calendarTime(date, spec.location);
  if (
    spec.times &&
    !spec.times.some((r) => t.minuteOfDay >= r.start_minute && t.minuteOfDay < r.end_minute)
  ) {
    return false;
  }
  if (spec.days_of_month) {
    const days = daysInMonth(t.year, t.month);
    const hit = spec.days_of_month.some((r) => {
      const begin = r.begin < 0 ? days + r.begin + 1 : r.begin;
      const end = r.end < 0 ? days + r.end + 1 : r.end;
      // A start past the month's end (30 in February) never matches; otherwise both ends are clamped.
      if (begin > days) return false;
      return t.day >= clamp(begin, -days, days) && t.day <= clamp(end, -days, days);
    });
    if (!hit) return false;
  }
  if (spec.months && !spec.months.some((r) => inRange(t.month, r))) return false;
  if (spec.weekdays && !spec.weekdays.some((r) => inRange(t.weekday, r))) return false;
  if (spec.years && !spec.years.some((r) => inRange(t.year, r))) return false;
  return true;
}

/** Whether the instant lies in any of the named interval's specs. */
export function timeIntervalsContain(specs: TimeIntervalSpec[], date: Date): boolean {
  return specs.some((spec) => timeIntervalContains(spec, date));
}
