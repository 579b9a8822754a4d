import { type Alert, GO_ZERO_TIME_MS } from '@tocsin/model';
import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeAlert, formatRecord } from './record-codec.js';

const T = Date.UTC(2024, 0, 1);

const full: Alert = {
  labels: { alertname: 'Disk full', 'ünïcødé name': 'välue "quoted" \\ | 🚨', __proto__x: 'y' },
  annotations: { summary: 'line1\nline2', empty: '' },
  startsAt: T,
  endsAt: T + 300_000,
  generatorURL: 'http://prometheus:9090/graph?g0.expr=up%3D%3D0',
  updatedAt: T + 1,
  timeout: true,
  fingerprint: '0123456789abcdef',
};

const bare: Alert = {
  labels: { a: 'b' },
  annotations: {},
  startsAt: GO_ZERO_TIME_MS,
  endsAt: GO_ZERO_TIME_MS,
  generatorURL: '',
  updatedAt: -1,
  timeout: false,
  fingerprint: 'fedcba9876543210',
};

describe('record codec', () => {
  it('round-trips every field, with and without the optional ones', () => {
    for (const alert of [full, bare]) {
      const record = formatRecord('42', encodeAlert(alert));
      expect(decodeRecord(alert.fingerprint, record)).toEqual({ revision: '42', alert });
    }
  });

  it('keeps a label literally named __proto__ as an own label', () => {
    const labels = JSON.parse('{"__proto__":"x","a":"b"}') as Record<string, string>;
    const alert = { ...bare, labels };
    const back = decodeRecord(alert.fingerprint, formatRecord('1', encodeAlert(alert))).alert;
    expect(Object.entries(back.labels)).toEqual([
      ['__proto__', 'x'],
      ['a', 'b'],
    ]);
  });

  it('omits defaults and the fingerprint from the JSON', () => {
    expect(encodeAlert(bare)).toBe(`{"l":{"a":"b"},"s":${GO_ZERO_TIME_MS},"e":${GO_ZERO_TIME_MS},"u":-1}`);
    expect(encodeAlert(full)).not.toContain(full.fingerprint);
  });

  it('rejects records it did not write', () => {
    for (const record of ['{"l":{}}', 'x|{}', '1|not json', '1|{"l":{"a":1},"s":0,"e":0,"u":0}', '1|null']) {
      expect(() => decodeRecord('f', record)).toThrow(/corrupt alert record for f/);
    }
  });
});
