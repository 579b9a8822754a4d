import { describe, expect, it } from 'vitest';
import {
  isValidLabelName,
  isValidUtf8,
  removeEmptyLabels,
  replaceLoneSurrogates,
  setLabel,
  sortedLabelSet,
  sortLabelNames,
  validateLabelSet,
} from './labels.js';

describe('isValidLabelName', () => {
  it('defaults to utf8 mode: any non-empty valid UTF-8 name', () => {
    for (const name of ['alertname', 'foo-bar', 'föö', '1a', 'a.b', '🔥', ' ', 'with space', '{}']) {
      expect(isValidLabelName(name), name).toBe(true);
    }
    expect(isValidLabelName('')).toBe(false);
    expect(isValidLabelName('a\ud800')).toBe(false);
  });

  it('classic mode: [a-zA-Z_][a-zA-Z0-9_]*', () => {
    for (const name of ['alertname', '_x', '__name__', 'a1', 'A_B_9', 'Z']) {
      expect(isValidLabelName(name, 'classic'), name).toBe(true);
    }
    // 0.25 rejected foo-bar, föö and "".
    for (const name of ['foo-bar', 'föö', '', '1a', 'a.b', 'a b', 'a\n']) {
      expect(isValidLabelName(name, 'classic'), name).toBe(false);
    }
  });
});

describe('isValidUtf8', () => {
  it('accepts well-formed strings including astral characters', () => {
    for (const s of ['', 'abc', '日本', '😀', '\u{10ffff}', '\ufffd']) expect(isValidUtf8(s), s).toBe(true);
  });

  it('rejects lone surrogates', () => {
    for (const s of ['\ud800', '\udc00', 'a\ud83d', '\ude00\ud83d', '\ud83d\ud83d']) {
      expect(isValidUtf8(s), JSON.stringify(s)).toBe(false);
    }
  });

  it('replaceLoneSurrogates turns only lone ones into U+FFFD', () => {
    expect(replaceLoneSurrogates('a\ud800b😀\udc00')).toBe('a\ufffdb😀\ufffd');
    expect(replaceLoneSurrogates('plain')).toBe('plain');
  });
});

describe('removeEmptyLabels', () => {
  it('drops empty values only and leaves the input alone', () => {
    const input = { a: '', b: 'x', c: ' ' };
    expect(removeEmptyLabels(input)).toEqual({ b: 'x', c: ' ' });
    expect(input).toEqual({ a: '', b: 'x', c: ' ' });
  });
});

describe('validateLabelSet', () => {
  it('reports the invalid name with Go %q quoting', () => {
    expect(validateLabelSet({ 'foo-bar': 'x' }, 'classic')).toBe('invalid name "foo-bar"');
    expect(validateLabelSet({ 'a\n': 'x' }, 'classic')).toBe('invalid name "a\\n"');
    expect(validateLabelSet({ '': 'x' })).toBe('invalid name ""');
    expect(validateLabelSet({ 'foo-bar': 'x' })).toBeUndefined();
  });

  it('reports values that are not valid UTF-8', () => {
    expect(validateLabelSet({ a: '\ud800' })).toBe('invalid value "\\xed\\xa0\\x80"');
  });

  it('accepts empty values (annotations keep them)', () => {
    expect(validateLabelSet({ a: '' })).toBeUndefined();
  });
});

describe('label ordering', () => {
  it('sorts by code point like Go, not by UTF-16 unit', () => {
    expect(sortLabelNames(['😀', '\uffff', 'b', 'a', 'é'])).toEqual(['a', 'b', 'é', '\uffff', '😀']);
  });

  it('sortedLabelSet inserts keys in that order', () => {
    expect(Object.keys(sortedLabelSet({ b: '1', a: '2', _: '3', B: '4' }))).toEqual(['B', '_', 'a', 'b']);
  });

  it('setLabel stores __proto__ as a plain label', () => {
    const ls = {};
    setLabel(ls, '__proto__', 'v');
    expect(Object.keys(ls)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(ls)).toBe(Object.prototype);
  });
});
