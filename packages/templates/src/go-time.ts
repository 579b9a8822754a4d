// Go's time.Time and time.Duration as templates see them: their types, printing
// (`2006-01-02 15:04:05.999999999 -0700 MST`), calendar fields and the methods templates call.
// Layouts are in go-time-format.ts, parsing in go-time-parse.ts, zones in go-zoneinfo.ts.

import { GO_ZERO_TIME_MS } from '@tocsin/model';
import { DAYS, formatDuration, formatTime, MONTHS } from './go-time-format.js';
import { type GoMethod, GoNamed, GoObject, type GoType, type GoValue, STRING } from './go-value.js';
import { type GoZone, UTC_ZONE, zoneAt } from './go-zoneinfo.js';

export const SECONDS_PER_DAY = 86400;

const INT64: GoType = { name: 'int64', kind: 'int', underlying: 'int64' };

const MONTH: GoType = {
  name: 'time.Month',
  kind: 'int',
  underlying: 'int',
  stringer: (v) => MONTHS[Number((v as GoNamed).value) - 1] ?? `%!Month(${(v as GoNamed).value})`,
};
const WEEKDAY: GoType = {
  name: 'time.Weekday',
  kind: 'int',
  underlying: 'int',
  stringer: (v) => DAYS[Number((v as GoNamed).value)] ?? `%!Weekday(${(v as GoNamed).value})`,
};

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

  /** Go's zero time.Time, 0001-01-01 00:00:00 UTC. */
  static zero(): GoTime {
    return new GoTime(GO_ZERO_SECONDS, 0, UTC_ZONE);
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
export const GO_ZERO_SECONDS = GO_ZERO_TIME_MS / 1000;

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

// ---- types and methods ----

const method = (params: GoType[], call: GoMethod['call']): GoMethod => ({ params, call });
const asTime = (v: GoValue): GoTime => v as GoTime;
// A time.Duration argument may be a GoDuration or a constant converted to the named type.
const durationOf = (v: GoValue): bigint => (v as GoNamed).value as bigint;

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

// The parameter type of methods taking a time.Time (TIME itself is still being defined there);
// arguments are checked by type name.
const TIME_PARAM: GoType = { name: 'time.Time', kind: 'struct', fields: [] };

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
    Before: method([TIME_PARAM], (t, [u]) => asTime(t).unixNano() < asTime(u).unixNano()),
    After: method([TIME_PARAM], (t, [u]) => asTime(t).unixNano() > asTime(u).unixNano()),
    Equal: method([TIME_PARAM], (t, [u]) => asTime(t).unixNano() === asTime(u).unixNano()),
    Sub: method([TIME_PARAM], (t, [u]) => new GoDuration(asTime(t).unixNano() - asTime(u).unixNano())),
    Add: method([DURATION], (t, [d]) => {
      const moved = GoTime.fromUnixNano(asTime(t).unixNano() + durationOf(d), asTime(t).zone);
      const { location } = asTime(t).zone;
      return location === '' || location === 'UTC' ? moved : moved.in(location);
    }),
  },
};
