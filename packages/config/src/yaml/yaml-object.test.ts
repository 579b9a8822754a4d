import { describe, expect, it } from 'vitest';
import { Secret } from './secret.js';
import { YamlObject } from './yaml-object.js';

const parse = (text: string) => {
  const obj = YamlObject.parse(text);
  if (!obj) throw new Error('empty document');
  return obj;
};

describe('YamlObject: Go yaml.v2 strict reading', () => {
  it('reads any scalar into a string field as its text, like Go', () => {
    const obj = parse('a: 2\nb: yes\nc: 1.0\nd: "quoted"\ne: 0x10\n');
    expect([obj.string('a'), obj.string('b'), obj.string('c'), obj.string('d'), obj.string('e')]).toEqual([
      '2',
      'yes',
      '1.0',
      'quoted',
      '0x10',
    ]);
  });

  it('treats null, ~ and an empty value as unset', () => {
    const obj = parse('a:\nb: ~\nc: null\n');
    expect([obj.string('a'), obj.string('b'), obj.string('c'), obj.has('a')]).toEqual([
      undefined,
      undefined,
      undefined,
      false,
    ]);
  });

  it('reads YAML 1.1 booleans into bool fields and rejects other text', () => {
    const obj = parse('a: yes\nb: off\nc: True\nd: maybe\n');
    expect([obj.bool('a'), obj.bool('b'), obj.bool('c')]).toEqual([true, false, true]);
    expect(() => obj.bool('d')).toThrow('d: line 4: cannot unmarshal "maybe" into a boolean');
  });

  it('rejects a key nothing asked for, naming the line, the key and the type', () => {
    const obj = parse('known: 1\nunknown: 2\n');
    obj.string('known');
    expect(() => obj.finish('config.Route')).toThrow('line 2: field unknown not found in type config.Route');
  });

  it('names the path of nested fields in errors', () => {
    const obj = parse('route:\n  routes:\n    - group_wait: 5x\n');
    const route = obj.object('route');
    const child = route?.list('routes', (v) => v.asObject());
    expect(() => child?.[0]?.duration('group_wait')).toThrow(
      'route.routes[0].group_wait: not a valid duration string: "5x"',
    );
  });

  it('keeps null list entries so callers can reject them', () => {
    const obj = parse('list:\n  -\n  - {a: 1}\n');
    expect(obj.list('list', (v) => v.isNull)).toEqual([true, false]);
  });

  it('rejects a mapping where a string is expected', () => {
    const obj = parse('a: {b: 1}\n');
    expect(() => obj.string('a')).toThrow('cannot unmarshal !!map into a string');
  });

  it('reads a masked secret back as unset and masks secrets when serialised', () => {
    const obj = parse('a: <secret>\nb: hunter2\n');
    expect(obj.secret('a')).toBeUndefined();
    const b = obj.secret('b');
    expect(b).toBeInstanceOf(Secret);
    expect(b?.reveal()).toBe('hunter2');
    expect(JSON.stringify({ b })).toBe('{"b":"<secret>"}');
    expect(`${b}`).toBe('<secret>');
  });

  it('expands merge keys, explicit keys winning', () => {
    const obj = parse('base: &base {a: 1, b: 2}\nc:\n  <<: *base\n  b: 3\n');
    const c = obj.object('c');
    expect([c?.string('a'), c?.string('b')]).toEqual(['1', '3']);
  });

  it('resolves aliases', () => {
    const obj = parse('x: &v hello\ny: *v\n');
    expect(obj.string('y')).toBe('hello');
  });

  it('parses an empty document as null and rejects a non-mapping document', () => {
    expect(YamlObject.parse('')).toBeNull();
    expect(YamlObject.parse('# only a comment\n')).toBeNull();
    expect(() => YamlObject.parse('- a\n- b\n')).toThrow('cannot unmarshal !!seq');
  });

  it('reports YAML syntax errors and duplicate keys', () => {
    expect(() => YamlObject.parse('a: [1, 2\n')).toThrow(/^yaml: /);
    expect(() => YamlObject.parse('a: 1\na: 2\n')).toThrow(/^yaml: /);
  });

  it('reads integers in Go notations and rejects fractions', () => {
    const obj = parse('a: 42\nb: 0x1f\nc: 1.5\n');
    expect([obj.int('a'), obj.int('b')]).toEqual([42, 31]);
    expect(() => obj.int('c')).toThrow('into an integer');
  });
});
