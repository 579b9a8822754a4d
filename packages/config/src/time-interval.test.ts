import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';
import { parseTimeRange, type TimeIntervalSpec, timeIntervalContains } from './time-interval.js';

/** Loads one named interval whose `time_intervals` list is `specs` (YAML). */
function specs(yaml: string): TimeIntervalSpec[] {
  const indented = yaml
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  const text = `time_intervals:\n- name: t\n  time_intervals:\n${indented}\nroute: {receiver: r}\nreceivers: [{name: r}]\n`;
  return loadConfig(text).time_intervals[0]?.time_intervals ?? [];
}

// Cases and messages from Alertmanager's timeinterval/timeinterval_test.go.

describe('time interval parsing', () => {
  it('reads business hours', () => {
    expect(
      specs("- weekdays: ['monday:friday']\n  times:\n    - start_time: '09:00'\n      end_time: '17:00'"),
    ).toEqual([{ weekdays: [{ begin: 1, end: 5 }], times: [{ start_minute: 540, end_minute: 1020 }] }]);
  });

  it('reads negative days, several ranges, and every field', () => {
    const [spec] = specs(`
- weekdays: ['monday:friday', 'sunday']
  months: ['january:march']
  days_of_month: ['-7:-1']
  years: ['2020:2025', '2030:2035']
  location: 'Australia/Sydney'
  times:
    - start_time: '09:00'
      end_time: '17:00'`);
    expect(spec).toEqual({
      weekdays: [
        { begin: 1, end: 5 },
        { begin: 0, end: 0 },
      ],
      months: [{ begin: 1, end: 3 }],
      days_of_month: [{ begin: -7, end: -1 }],
      years: [
        { begin: 2020, end: 2025 },
        { begin: 2030, end: 2035 },
      ],
      location: 'Australia/Sydney',
      times: [{ start_minute: 540, end_minute: 1020 }],
    });
  });

  it('accepts names in any case, numeric months, positive-to-negative days', () => {
    expect(specs("- months: ['January:december', '5']\n  days_of_month: ['1:-1']")).toEqual([
      {
        months: [
          { begin: 1, end: 12 },
          { begin: 5, end: 5 },
        ],
        days_of_month: [{ begin: 1, end: -1 }],
      },
    ]);
  });

  it('reads time ranges, 24:00 included', () => {
    expect(parseTimeRange('00:00', '24:00')).toEqual({ start_minute: 0, end_minute: 1440 });
    expect(parseTimeRange('01:35', '17:39')).toEqual({ start_minute: 95, end_minute: 1059 });
    expect(parseTimeRange('09:35', '09:39')).toEqual({ start_minute: 575, end_minute: 579 });
  });

  it.each([
    ['17:31', '17:31', 'start time cannot be equal or greater than end time'],
    ['12:30', '24:01', "couldn't parse timestamp 24:01, invalid format"],
    ['09:30', '07:41', 'start time cannot be equal or greater than end time'],
    ['24:00', '17:41', 'start time cannot be equal or greater than end time'],
    ['14:03', '', 'both start and end times must be provided'],
    ['01:99', '23:59', "couldn't parse timestamp 01:99, invalid format"],
    ['00:00', '99:99', "couldn't parse timestamp 99:99, invalid format"],
    ['9:00', '10:00', "couldn't parse timestamp 9:00, invalid format"],
  ])('rejects times %s-%s', (start, end, message) => {
    expect(() => parseTimeRange(start, end)).toThrow(message);
  });

  it.each([
    ["weekdays: ['friday:monday']", 'start day cannot be before end day'],
    ["weekdays: ['blurgsday:flurgsday']", 'blurgsday is not a valid weekday'],
    ["weekdays: ['1:3']", '1 is not a valid weekday'],
    ["weekdays: ['-2:-1']", '-2 is not a valid weekday'],
    ["weekdays: ['Monday:Tuesday:Friday']", "couldn't parse range monday:tuesday:friday, invalid format"],
    ["days_of_month: ['0']", '0 is not a valid day of the month: out of range'],
    ["days_of_month: ['-50:-20']", '-50 is not a valid day of the month: out of range'],
    ["days_of_month: ['1:50']", '50 is not a valid day of the month: out of range'],
    ["days_of_month: ['-15:5']", 'end day must be negative if start day is negative'],
    ["days_of_month: ['10:-25']", 'end day -25 is always before start day 10'],
    ["days_of_month: ['first']", 'strconv.Atoi: parsing "first": invalid syntax'],
    ["months: ['martius:june']", 'martius is not a valid month'],
    ["months: ['march:junius']", 'junius is not a valid month'],
    ["months: ['december:january']", 'end month january is before start month december'],
    ["years: ['2022:2020']", 'end year 2020 is before start year 2022'],
    ["location: 'Mars/Olympus_Mons'", 'unknown time zone Mars/Olympus_Mons'],
    ["location: 'australia/sydney'", 'unknown time zone australia/sydney'],
    ['hours: [1]', 'field hours not found in type timeinterval.TimeInterval'],
  ])('rejects %s', (field, message) => {
    expect(() => specs(`- ${field}`)).toThrow(message);
  });

  it('names the field in the error path', () => {
    expect(() => specs("- times:\n  - start_time: '10:00'\n    end_time: '09:00'")).toThrow(
      /^time_intervals\[0\]\.time_intervals\[0\]\.times\[0\]: start time cannot/,
    );
    expect(() => specs("- times:\n  - start_time: '10:00'")).toThrow(
      'both start and end times must be provided',
    );
  });

  it('accepts UTC, Local and empty locations', () => {
    expect(specs("- location: UTC\n- location: Local\n- location: ''")).toEqual([
      { location: 'UTC' },
      { location: 'Local' },
      { location: 'UTC' },
    ]);
  });
});

/** Go's test times are written like `04 May 20 15:04 +0000`. */
function at(text: string): Date {
  const m = /^(\d+) (\w+) (\d+) (\d\d):(\d\d) ([+-]\d\d)(\d\d)$/.exec(text);
  if (!m) throw new Error(`bad time ${text}`);
  const [, d, mon, y, hh, mm, oh, om] = m;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(
    mon ?? '',
  );
  const offset = Number(oh) * 60 + Math.sign(Number(oh) || 1) * Number(om);
  return new Date(Date.UTC(2000 + Number(y), month, Number(d), Number(hh), Number(mm)) - offset * 60_000);
}

describe('timeIntervalContains', () => {
  const cases: [string, TimeIntervalSpec, string[], string[]][] = [
    ['everything', {}, ['02 Jan 06 15:04 +0000', '03 Jan 07 10:04 +0000'], []],
    [
      '9am to 5pm, monday to friday',
      { times: [{ start_minute: 540, end_minute: 1020 }], weekdays: [{ begin: 1, end: 5 }] },
      ['04 May 20 15:04 +0000', '05 May 20 10:04 +0000', '09 Jun 20 09:04 +0000'],
      ['03 May 20 15:04 +0000', '04 May 20 08:59 +0000', '05 May 20 05:00 +0000'],
    ],
    [
      'easter 2020',
      {
        days_of_month: [{ begin: 4, end: 6 }],
        months: [{ begin: 4, end: 4 }],
        years: [{ begin: 2020, end: 2020 }],
      },
      ['04 Apr 20 15:04 +0000', '05 Apr 20 00:00 +0000', '06 Apr 20 23:05 +0000'],
      ['03 May 18 15:04 +0000', '03 Apr 20 23:59 +0000', '04 Jun 20 23:59 +0000', '07 Apr 20 00:00 +0000'],
    ],
    [
      'last three days of each month',
      { days_of_month: [{ begin: -3, end: -1 }] },
      ['31 Jan 20 15:04 +0000', '29 Jan 20 15:04 +0000', '30 Jun 20 00:00 +0000', '29 Feb 20 23:05 +0000'],
      ['27 Jan 20 15:04 +0000', '03 Apr 20 23:59 +0000', '01 Mar 20 00:00 +0000'],
    ],
    [
      'out of range days clamped to the month',
      { months: [{ begin: 6, end: 6 }], days_of_month: [{ begin: -31, end: 31 }] },
      ['30 Jun 20 00:00 +0000', '01 Jun 20 00:00 +0000'],
      ['31 May 20 00:00 +0000', '01 Jul 20 00:00 +0000'],
    ],
    [
      'Sydney business hours',
      {
        times: [{ start_minute: 540, end_minute: 1020 }],
        weekdays: [{ begin: 1, end: 5 }],
        location: 'Australia/Sydney',
      },
      ['06 Apr 21 13:00 +1000'],
      ['06 Apr 21 13:00 +0000'],
    ],
    [
      'Sydney during daylight saving time',
      {
        times: [{ start_minute: 540, end_minute: 1020 }],
        weekdays: [{ begin: 1, end: 5 }],
        months: [{ begin: 11, end: 11 }],
        location: 'Australia/Sydney',
      },
      ['01 Nov 21 09:00 +1100', '31 Oct 21 22:00 +0000'],
      ['31 Oct 21 21:00 +0000'],
    ],
    [
      'February from the 30th never matches',
      { days_of_month: [{ begin: 30, end: 31 }], months: [{ begin: 2, end: 2 }] },
      [],
      ['29 Feb 20 12:00 +0000', '28 Feb 21 12:00 +0000'],
    ],
    ['an empty list matches nothing', { weekdays: [] }, [], ['04 May 20 15:04 +0000']],
  ];

  it.each(cases)('%s', (_name, spec, inside, outside) => {
    for (const t of inside) expect(timeIntervalContains(spec, at(t)), t).toBe(true);
    for (const t of outside) expect(timeIntervalContains(spec, at(t)), t).toBe(false);
  });
});
