// Alertmanager's functions that amtool 0.25 lacks (so the conformance fixture cannot show them),
// checked against the behaviour of the Go functions behind them and upstream's documentation.
import { describe, expect, it } from 'vitest';
import { humanizeDuration } from './am-functions.js';
import { Templates } from './templates.js';
import { FIRING_AND_RESOLVED } from './test-data.js';

const templates = Templates.fromFiles([]);
const run = (text: string, data = FIRING_AND_RESOLVED) => templates.executeText(text, data);
const fails = (text: string) => {
  try {
    run(text);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`no error for ${text}`);
};

describe("Alertmanager 0.34's template functions", () => {
  it('trimSpace', () => {
    expect(run('[{{ trimSpace "  a b \\n\\t" }}]')).toBe('[a b]');
  });

  it('safeUrl is a template.URL that html/template does not filter', () => {
    expect(run('{{ printf "%T" (safeUrl "x") }}')).toBe('template.URL');
    expect(
      templates.executeHtml(
        '<a href="{{ safeUrl "tel:123" }}">t</a><a href="{{ "tel:123" }}">u</a>',
        FIRING_AND_RESOLVED,
      ),
    ).toBe('<a href="tel:123">t</a><a href="#ZgotmplZ">u</a>');
  });

  it('urlUnescape keeps characters outside the BMP and decodes escaped UTF-8', () => {
    expect(run('{{ urlUnescape "caf%C3%A9 😀+%F0%9F%94%A5" }}')).toBe('café 😀 🔥');
  });

  it('urlUnescape (url.QueryUnescape)', () => {
    expect(run('{{ urlUnescape "a%20b+c%2Fd" }}')).toBe('a b c/d');
    expect(fails('{{ urlUnescape "%zz" }}')).toBe(
      'template: :1:3: executing "" at <urlUnescape "%zz">: error calling urlUnescape: invalid URL escape "%zz"',
    );
  });

  it('date formats with a Go layout', () => {
    expect(run('{{ date "2006-01-02T15:04:05Z07:00 Monday" (index .Alerts 0).StartsAt }}')).toBe(
      '2024-05-01T10:00:00Z Wednesday',
    );
  });

  it('tz shows the time in an IANA zone, with its abbreviation', () => {
    const t = '(index .Alerts 0).StartsAt';
    expect(run(`{{ tz "Europe/Berlin" ${t} }}`)).toBe('2024-05-01 12:00:00 +0200 CEST');
    expect(run(`{{ tz "America/New_York" ${t} | date "Jan 2 3:04PM MST" }}`)).toBe('May 1 6:00AM EDT');
    expect(run(`{{ tz "Asia/Kolkata" ${t} }}`)).toBe('2024-05-01 15:30:00 +0530 IST');
    expect(run(`{{ tz "America/Sao_Paulo" ${t} }}`)).toBe('2024-05-01 07:00:00 -0300 -03');
    expect(run('{{ toDate "2006-01-02" "2024-01-01" | tz "Australia/Sydney" }}')).toBe(
      '2024-01-01 11:00:00 +1100 AEDT',
    );
    expect(fails(`{{ tz "Nowhere/X" ${t} }}`)).toMatch(/error calling tz: unknown time zone Nowhere\/X$/);
  });

  it('now and since', () => {
    expect(run('{{ printf "%T %T" now (since (index .Alerts 0).StartsAt) }}')).toBe(
      'time.Time time.Duration',
    );
    const hours = Number(run('{{ (since (index .Alerts 0).StartsAt).Hours }}'));
    expect(hours).toBeGreaterThan(24 * 365);
    expect(run('{{ if (now).After (index .Alerts 0).StartsAt }}later{{ end }}')).toBe('later');
  });

  it("humanizeDuration (Prometheus' own test vectors)", () => {
    const cases: [number | string | bigint, string][] = [
      [0, '0s'],
      [1, '1s'],
      [60, '1m 0s'],
      [3600, '1h 0m 0s'],
      [86400, '1d 0h 0m 0s'],
      [86400 + 3600, '1d 1h 0m 0s'],
      [-(86400 * 2 + 3600 * 3 + 60 * 4 + 5), '-2d 3h 4m 5s'],
      [899.99, '14m 59s'],
      [0.1, '100ms'],
      [0.0001, '100us'],
      [0.12345, '123.5ms'],
      [60.1, '1m 0s'],
      [1.2345, '1.234s'],
      [12.345, '12.35s'],
      ['3600', '1h 0m 0s'],
      ['.12345', '123.5ms'],
      [1234567n, '14d 6h 56m 7s'],
      [-1n, '-1s'],
    ];
    for (const [input, expected] of cases) expect(humanizeDuration(input)).toBe(expected);
    expect(run('{{ humanizeDuration 90061 }} {{ humanizeDuration 1.5 }}')).toBe('1d 1h 1m 1s 1.5s');
    expect(fails('{{ humanizeDuration "one" }}')).toMatch(
      /error calling humanizeDuration: strconv.ParseFloat: parsing "one": invalid syntax$/,
    );
  });

  it('toDate gives the zero time on failure, mustToDate an error', () => {
    expect(run('{{ toDate "2006-01-02" "2024-03-04" }}|{{ toDate "2006-01-02" "bad" }}')).toBe(
      '2024-03-04 00:00:00 +0000 UTC|0001-01-01 00:00:00 +0000 UTC',
    );
    expect(run('{{ mustToDate "02 Jan 06 15:04 -0700" "04 Mar 24 05:06 +0200" }}')).toBe(
      '2024-03-04 05:06:00 +0200 +0200',
    );
    expect(fails('{{ mustToDate "2006-01-02" "bad" }}')).toMatch(
      /error calling mustToDate: parsing time "bad" as "2006-01-02": cannot parse "bad" as "2006"$/,
    );
  });

  it('toJson leaves a backslash-u written in the data as it is', () => {
    expect(run('{{ toJson "C:\\\\uABCD <" }}')).toBe('"C:\\\\uABCD \\u003c"');
  });

  it('toJson marshals as encoding/json', () => {
    expect(run('{{ toJson .GroupLabels }}')).toBe('{"alertname":"HighCPU"}');
    expect(run('{{ toJson (index .Alerts 1) }}')).toBe(
      '{"status":"resolved","labels":{"alertname":"HighCPU","instance":"web-2:9100","job":"node","severity":"warning"},"annotations":{"summary":"CPU is high"},"startsAt":"2024-05-01T09:00:00.5Z","endsAt":"2024-05-01T10:30:00Z","generatorURL":"http://prom/graph?g0.expr=up2","fingerprint":"b2"}',
    );
    expect(run('{{ toJson (dict "a" 1 "b" (list 1.5 "<x>" true nil)) }}')).toBe(
      '{"a":1,"b":[1.5,"\\u003cx\\u003e",true,null]}',
    );
  });

  it('base64encode / base64decode use the URL-safe alphabet', () => {
    expect(run('{{ base64encode "hello?>" }}|{{ base64decode "aGVsbG8_Pg==" }}')).toBe(
      'aGVsbG8_Pg==|hello?>',
    );
    expect(fails('{{ base64decode "!!" }}')).toMatch(
      /error calling base64decode: illegal base64 data at input byte 0$/,
    );
  });

  it('list, append and dict', () => {
    expect(run('{{ list }} {{ list 1 "a" }} {{ append (list 1) 2 3 }} {{ printf "%T" (list) }}')).toBe(
      '[] [1 a] [1 2 3] []interface {}',
    );
    expect(
      run('{{ $d := dict "z" 1 "a" (list 2) }}{{ $d }} {{ $d.z }} {{ index $d "a" }} [{{ $d.missing }}]'),
    ).toBe('map[a:[2] z:1] 1 [2] [<no value>]');
    expect(fails('{{ dict "a" }}')).toMatch(/error calling dict: dict requires an even number of arguments$/);
    expect(fails('{{ dict 1 2 }}')).toMatch(/error calling dict: dict keys must be strings$/);
    expect(fails('{{ append (stringSlice "a") "b" }}')).toMatch(
      /wrong type for value; expected \[\]interface \{\}; got \[\]string$/,
    );
  });

  it('routeLabels renders route label values as templates, once, and refuses cycles', () => {
    const data = {
      ...FIRING_AND_RESOLVED,
      routeLabels: { team: 'ops-{{ .Status }}', a: '{{ routeLabels "b" }}', b: '{{ routeLabels "a" }}' },
    };
    expect(run('{{ routeLabels "team" }}|{{ routeLabels "none" }}', data)).toBe('ops-firing|');
    expect(() => run('{{ routeLabels "a" }}', data)).toThrow(/route label cycle detected: a -> b -> a$/);
  });
});
