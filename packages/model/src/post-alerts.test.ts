import { describe, expect, it } from 'vitest';
import type { Alert } from './alert.js';
import { fingerprint } from './fingerprint.js';
import { type AlertError, alertFromPostable, processPostAlerts } from './post-alerts.js';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
const RT = 5 * 60_000;

function ok(input: unknown, opts?: Parameters<typeof alertFromPostable>[4]): Alert {
  const r = alertFromPostable(input, 0, NOW, RT, opts);
  if ('error' in r) throw new Error(r.error);
  return r.alert;
}
function fail(input: unknown, opts?: Parameters<typeof alertFromPostable>[4], index = 0): AlertError {
  const r = alertFromPostable(input, index, NOW, RT, opts);
  if (!('error' in r)) throw new Error(`accepted: ${JSON.stringify(r.alert)}`);
  return r;
}
const body = (json: string) => JSON.parse(json) as unknown;

describe('alertFromPostable defaults', () => {
  it('fills startsAt=now, endsAt=now+resolve_timeout with timeout, updatedAt=now', () => {
    const a = ok({ labels: { alertname: 'A' } });
    expect(a).toEqual({
      labels: { alertname: 'A' },
      annotations: {},
      startsAt: NOW,
      endsAt: NOW + RT,
      generatorURL: '',
      updatedAt: NOW,
      timeout: true,
      fingerprint: fingerprint({ alertname: 'A' }),
    });
  });

  it('uses endsAt as startsAt when only endsAt is given (no timeout)', () => {
    const a = ok({ labels: { a: '1' }, endsAt: '2024-06-01T11:00:00Z' });
    expect(a.startsAt).toBe(Date.UTC(2024, 5, 1, 11));
    expect(a.endsAt).toBe(Date.UTC(2024, 5, 1, 11));
    expect(a.timeout).toBe(false);
  });

  it('derives endsAt from resolve_timeout when only startsAt is given', () => {
    const a = ok({ labels: { a: '1' }, startsAt: '2024-06-01T11:00:00Z' });
    expect(a.startsAt).toBe(Date.UTC(2024, 5, 1, 11));
    expect(a.endsAt).toBe(NOW + RT);
    expect(a.timeout).toBe(true);
  });

  it('keeps both times when given', () => {
    const a = ok({ labels: { a: '1' }, startsAt: '2024-06-01T11:00:00Z', endsAt: '2024-06-01T13:00:00.5Z' });
    expect([a.startsAt, a.endsAt, a.timeout]).toEqual([
      Date.UTC(2024, 5, 1, 11),
      Date.UTC(2024, 5, 1, 13, 0, 0, 500),
      false,
    ]);
  });

  it('honours another resolve timeout', () => {
    expect(alertFromPostable({ labels: { a: '1' } }, 0, NOW, 60_000)).toMatchObject({
      alert: { endsAt: NOW + 60_000, timeout: true },
    });
  });

  it('treats null and the Go zero time as unset, but "" as the Unix epoch', () => {
    expect(ok({ labels: { a: '1' }, startsAt: null, endsAt: null })).toMatchObject({
      startsAt: NOW,
      timeout: true,
    });
    expect(ok({ labels: { a: '1' }, startsAt: '0001-01-01T00:00:00Z' }).startsAt).toBe(NOW);
    expect(ok({ labels: { a: '1' }, endsAt: '0001-01-01T00:00:00Z' })).toMatchObject({ timeout: true });
    expect(ok({ labels: { a: '1' }, startsAt: '' }).startsAt).toBe(0);
  });

  it('drops empty-valued and null-valued labels but keeps empty annotations', () => {
    const a = ok(body('{"labels":{"a":"1","b":"","c":null},"annotations":{"x":null,"y":""}}'));
    expect(a.labels).toEqual({ a: '1' });
    expect(a.fingerprint).toBe(fingerprint({ a: '1' }));
    expect(a.annotations).toEqual({ x: '', y: '' });
  });

  it('keeps generatorURL and annotations', () => {
    const a = ok({
      labels: { a: '1' },
      annotations: { summary: 's' },
      generatorURL: 'http://prom:9090/graph',
    });
    expect(a.annotations).toEqual({ summary: 's' });
    expect(a.generatorURL).toBe('http://prom:9090/graph');
  });

  it('matches field names case-insensitively and ignores unknown fields, like Go', () => {
    const a = ok(
      body('{"Labels":{"a":"2"},"STARTSAT":"2020-01-01T00:00:00Z","status":{},"fingerprint":"x"}'),
    );
    expect(a.labels).toEqual({ a: '2' });
    expect(a.startsAt).toBe(Date.UTC(2020, 0, 1));
  });

  it('turns lone surrogates into U+FFFD as the Go JSON decoder does', () => {
    const a = ok(body('{"labels":{"a":"\\ud800"}}'));
    expect(a.labels).toEqual({ a: '\ufffd' });
  });

  it('does not modify its input', () => {
    const input = { labels: { a: '1', b: '' } };
    ok(input);
    expect(input).toEqual({ labels: { a: '1', b: '' } });
  });
});

describe('alertFromPostable validation (400)', () => {
  it('rejects endsAt before startsAt, accepts equal times', () => {
    const e = fail({ labels: { a: '1' }, startsAt: '2024-06-01T12:00:00Z', endsAt: '2024-06-01T11:59:59Z' });
    expect(e).toMatchObject({ error: 'start time must be before end time', kind: 'validation', status: 400 });
    expect(
      ok({ labels: { a: '1' }, startsAt: '2024-06-01T11:00:00Z', endsAt: '2024-06-01T11:00:00Z' }).endsAt,
    ).toBe(Date.UTC(2024, 5, 1, 11));
  });

  it('rejects a startsAt later than the derived endsAt', () => {
    expect(fail({ labels: { a: '1' }, startsAt: '2030-01-01T00:00:00Z' }).error).toBe(
      'start time must be before end time',
    );
  });

  it('requires at least one label after dropping empty ones', () => {
    expect(fail({ labels: { alertname: '' } }).error).toBe('at least one label pair required');
    expect(fail({ labels: {} }).error).toBe('at least one label pair required');
  });

  it('checks label names per mode', () => {
    expect(fail({ labels: { 'foo-bar': '1' } }, { labelNameMode: 'classic' }).error).toBe(
      'invalid label set: invalid name "foo-bar"',
    );
    expect(fail({ labels: { föö: '1' } }, { labelNameMode: 'classic' }).error).toBe(
      'invalid label set: invalid name "föö"',
    );
    expect(ok({ labels: { 'foo-bar': '1', föö: '2' } }).labels).toEqual({ 'foo-bar': '1', föö: '2' });
    expect(fail({ labels: { '': 'x', a: '1' } }).error).toBe('invalid label set: invalid name ""');
  });

  it('quotes names like Go %q', () => {
    expect(fail({ labels: { 'a\n': '1' } }, { labelNameMode: 'classic' }).error).toBe(
      'invalid label set: invalid name "a\\n"',
    );
  });

  it('applies the same checks to annotations', () => {
    expect(
      fail({ labels: { a: '1' }, annotations: { 'foo-bar': 'x' } }, { labelNameMode: 'classic' }).error,
    ).toBe('invalid annotations: invalid name "foo-bar"');
    expect(fail({ labels: { a: '1' }, annotations: { '': 'x' } }).error).toBe(
      'invalid annotations: invalid name ""',
    );
    expect(
      fail(body('{"labels":{"a":"1"},"annotations":{"b\\ud800":"1"}}'), { labelNameMode: 'classic' }).error,
    ).toBe('invalid annotations: invalid name "b\ufffd"');
  });

  it('checks the time order before the labels', () => {
    expect(fail({ labels: {}, startsAt: '2024-06-01T12:00:00Z', endsAt: '2024-06-01T11:00:00Z' }).error).toBe(
      'start time must be before end time',
    );
  });
});

describe('alertFromPostable schema errors (422)', () => {
  it('requires labels, naming index and field', () => {
    expect(fail({}, undefined, 3)).toMatchObject({
      error: '3.labels in body is required',
      kind: 'schema',
      status: 422,
      code: 602,
      index: 3,
    });
    expect(fail({ labels: null }).error).toBe('0.labels in body is required');
  });

  it('requires generatorURL to be a URI, reported before missing labels', () => {
    expect(fail({ labels: { a: '1' }, generatorURL: 'foo' })).toMatchObject({
      error: '0.generatorURL in body must be of type uri: "foo"',
      kind: 'schema',
      status: 422,
      code: 601,
    });
    expect(fail({ generatorURL: 'foo' }).error).toBe('0.generatorURL in body must be of type uri: "foo"');
    expect(fail({ labels: { a: '1' }, generatorURL: 'http://exa mple.com/' }).error).toBe(
      '0.generatorURL in body must be of type uri: "http://exa mple.com/"',
    );
  });

  it('accepts an empty generatorURL', () => {
    expect(ok({ labels: { a: '1' }, generatorURL: '' }).generatorURL).toBe('');
  });
});

describe('alertFromPostable decode errors (400)', () => {
  const prefix = 'parsing alerts body from "" failed, because ';

  it('rejects wrongly typed fields with index, field and Go wording', () => {
    const cases: [unknown, string][] = [
      [
        { labels: { a: 5 } },
        '0.labels.a: json: cannot unmarshal number into Go struct field Alert.labels of type string',
      ],
      [
        { labels: { a: '1', b: true } },
        '0.labels.b: json: cannot unmarshal bool into Go struct field Alert.labels of type string',
      ],
      [
        { labels: [] },
        '0.labels: json: cannot unmarshal array into Go struct field Alert.labels of type models.LabelSet',
      ],
      [
        { labels: 'x' },
        '0.labels: json: cannot unmarshal string into Go struct field Alert.labels of type models.LabelSet',
      ],
      [
        { labels: { a: '1' }, annotations: [] },
        '0.annotations: json: cannot unmarshal array into Go struct field .annotations of type models.LabelSet',
      ],
      [
        { labels: { a: '1' }, annotations: { x: {} } },
        '0.annotations.x: json: cannot unmarshal object into Go struct field .annotations of type string',
      ],
      [
        { labels: { a: '1' }, startsAt: 5 },
        '0.startsAt: json: cannot unmarshal number into Go struct field .startsAt of type string',
      ],
      [
        { labels: { a: '1' }, generatorURL: 5 },
        '0.generatorURL: json: cannot unmarshal number into Go struct field Alert.generatorURL of type string',
      ],
      [5, '0: json: cannot unmarshal number into Go value of type models.PostableAlert'],
      [null, '0: json: cannot unmarshal null into Go value of type models.PostableAlert'],
    ];
    for (const [input, reason] of cases) {
      expect(fail(input), JSON.stringify(input)).toMatchObject({
        error: prefix + reason,
        kind: 'parse',
        status: 400,
        code: 400,
      });
    }
  });

  it('rejects unparsable date-times', () => {
    expect(fail({ labels: { a: '1' }, endsAt: 'foo' }).error).toBe(
      `${prefix}0.endsAt: parsing time "foo" as "2006-01-02": cannot parse "foo" as "2006"`,
    );
    expect(fail({ labels: { a: '1' }, startsAt: '2024-13-01T00:00:00Z' }).error).toBe(
      `${prefix}0.startsAt: parsing time "2024-13-01T00:00:00Z": month out of range`,
    );
  });

  it('reports date-time errors before labelSet type errors, and generatorURL before labels', () => {
    expect(fail({ labels: { a: 5 }, startsAt: 'foo' }).error).toContain('0.startsAt: parsing time "foo"');
    expect(fail({ annotations: [], startsAt: 'foo' }).error).toContain('0.startsAt: parsing time "foo"');
    expect(fail({ labels: { a: 5 }, annotations: [] }).error).toContain('0.annotations: json');
    expect(fail({ labels: [], generatorURL: 5 }).error).toContain('0.generatorURL: json');
  });
});

describe('processPostAlerts', () => {
  const run = (json: string | undefined) =>
    processPostAlerts(json === undefined ? undefined : JSON.parse(json), NOW, RT);

  it('stores every alert of a valid batch', () => {
    const r = run('[{"labels":{"a":"1"}},{"labels":{"a":"2"},"endsAt":"2024-06-01T11:00:00Z"}]');
    expect(r.status).toBe(200);
    expect(r.body).toBeUndefined();
    expect(r.alerts.map((a) => a.labels)).toEqual([{ a: '1' }, { a: '2' }]);
    expect(r.received).toEqual({ firing: 1, resolved: 1 });
    expect(r.invalid).toBe(0);
  });

  it('accepts an empty array and a JSON null body', () => {
    expect(run('[]')).toMatchObject({ status: 200, alerts: [] });
    expect(run('null')).toMatchObject({ status: 200, alerts: [] });
  });

  it('stores the valid alerts of a mixed batch and answers 400 with joined messages', () => {
    const r = run(
      '[{"labels":{"a":"1"},"startsAt":"2030-01-01T00:00:00Z"},{"labels":{"alertname":""}},{"labels":{"a":"ok"}},{"labels":{"":"x"}}]',
    );
    expect(r.status).toBe(400);
    expect(r.alerts.map((a) => a.labels)).toEqual([{ a: 'ok' }]);
    expect(r.body).toBe(
      'start time must be before end time\nat least one label pair required\ninvalid label set: invalid name ""',
    );
    expect(r.errors.map((e) => e.index)).toEqual([0, 1, 3]);
    expect(r.invalid).toBe(3);
    // Counted before validation: all four, firing since endsAt > now.
    expect(r.received).toEqual({ firing: 4, resolved: 0 });
  });

  it('rejects the whole request on a decode error, even after a schema error', () => {
    const r = run('[{"generatorURL":"x"},{"labels":{"a":5}}]');
    expect(r.status).toBe(400);
    expect(r.alerts).toEqual([]);
    expect(r.body).toEqual({
      code: 400,
      message:
        'parsing alerts body from "" failed, because 1.labels.a: json: cannot unmarshal number into Go struct field Alert.labels of type string',
    });
    expect(r.received).toEqual({ firing: 0, resolved: 0 });
  });

  it('rejects the whole request on the first schema error', () => {
    const r = run('[{"labels":{"a":"1"}},{"annotations":{}},{"generatorURL":"x"}]');
    expect(r).toMatchObject({
      status: 422,
      alerts: [],
      body: { code: 602, message: '1.labels in body is required' },
    });
  });

  it('needs an array body', () => {
    expect(run('{}')).toMatchObject({
      status: 400,
      body: {
        code: 400,
        message:
          'parsing alerts body from "" failed, because json: cannot unmarshal object into Go value of type models.PostableAlerts',
      },
    });
  });

  it('needs a body', () => {
    expect(run(undefined)).toMatchObject({
      status: 422,
      body: { code: 602, message: 'alerts in body is required' },
    });
  });

  it('applies the label-name mode', () => {
    const r = processPostAlerts([{ labels: { 'foo-bar': '1' } }], NOW, RT, { labelNameMode: 'classic' });
    expect(r).toMatchObject({ status: 400, body: 'invalid label set: invalid name "foo-bar"', alerts: [] });
  });
});
