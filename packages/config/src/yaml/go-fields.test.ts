import { describe, expect, it } from 'vitest';
import {
  boolOr,
  goDurationField,
  goDurationTextField,
  secretField,
  secretUrlField,
  stringOr,
  uintField,
  urlField,
} from './go-fields.js';
import { YamlObject } from './yaml-object.js';

const obj = (text: string) => YamlObject.parse(text) as YamlObject;

describe('yaml.v2 zero values', () => {
  it('keeps the default for an absent key but resets an explicit null', () => {
    const o = obj('a: ~\nb: null\nc:\n');
    expect(boolOr(o, 'missing', true)).toBe(true);
    expect(boolOr(o, 'a', true)).toBe(false);
    expect(stringOr(o, 'missing', 'dflt')).toBe('dflt');
    expect(stringOr(o, 'b', 'dflt')).toBe('');
    expect(stringOr(o, 'c', 'dflt')).toBe('');
  });
});

describe('secrets and URLs', () => {
  it('keeps `<secret>` as a set value, as Go does', () => {
    const o = obj('a: <secret>\nb: ""\nc: s3cr3t\n');
    expect(secretField(o, 'a')?.reveal()).toBe('<secret>');
    expect(secretField(o, 'b')).toBeUndefined();
    expect(JSON.stringify(secretField(o, 'c'))).toBe('"<secret>"');
  });

  it('reads a masked SecretURL as set but empty', () => {
    expect(secretUrlField(obj('u: <secret>'), 'u')?.reveal()).toBe('');
  });

  it('checks URLs with the field path in the message', () => {
    expect(() => urlField(obj('u: ftp://x'), 'u')).toThrow('u: unsupported scheme "ftp" for URL');
    expect(() => urlField(obj('u: ""'), 'u')).toThrow('unsupported scheme "" for URL');
    expect(() => urlField(obj('u: http://a:b'), 'u')).toThrow('invalid port ":b" after host');
    expect(urlField(obj('u: ~'), 'u')).toBeUndefined();
    expect(() => secretUrlField(obj('u: "://x"'), 'u')).toThrow('missing protocol scheme');
  });
});

describe('numbers and durations', () => {
  it('reads time.Duration from text or nanoseconds', () => {
    expect(goDurationField(obj('t: 1m30s'), 't')?.ms).toBe(90_000);
    expect(goDurationField(obj('t: 1000000'), 't')?.ms).toBe(1);
    expect(() => goDurationField(obj('t: 1d'), 't')).toThrow(
      'cannot unmarshal !!str `1d` into time.Duration',
    );
  });

  it("reports time.ParseDuration's own error for text-unmarshalled durations", () => {
    expect(() => goDurationTextField(obj('t: 30'), 't')).toThrow('time: missing unit in duration "30"');
  });

  it('rejects negative uint64', () => {
    expect(uintField(obj('n: 3'), 'n')).toBe(3);
    expect(() => uintField(obj('n: -1'), 'n')).toThrow('cannot unmarshal !!int `-1` into uint64');
  });
});
