// Cases from Alertmanager's matcher/compat/parse_test.go, plus the modes around them.
import { describe, expect, it, vi } from 'vitest';
import { MatcherParseError } from './errors.js';
import type { Matcher } from './matcher.js';
import { type ParseMode, parseMatcher, parseMatchers } from './modes.js';

const parts = (ms: Matcher[]) => ms.map((m) => [m.name, m.type, m.value]);

describe('parseMatchers, fallback mode (the default)', () => {
  it('uses the UTF-8 result when both parsers agree, without a warning', () => {
    const onWarning = vi.fn();
    expect(parts(parseMatchers('{foo=bar,bar=baz}', { onWarning }))).toEqual([
      ['foo', '=', 'bar'],
      ['bar', '=', 'baz'],
    ]);
    expect(onWarning).not.toHaveBeenCalled();
  });

  it('accepts UTF-8-only input without a warning', () => {
    const onWarning = vi.fn();
    expect(parts(parseMatchers('{foo🙂=bar,bar=baz🙂}', { onWarning }))).toEqual([
      ['foo🙂', '=', 'bar'],
      ['bar', '=', 'baz🙂'],
    ]);
    expect(onWarning).not.toHaveBeenCalled();
  });

  it('falls back to the classic parser with a warning and a suggestion', () => {
    const onWarning = vi.fn();
    expect(parts(parseMatchers('{foo=!bar,bar=$baz\\n}', { onWarning }))).toEqual([
      ['foo', '=', '!bar'],
      ['bar', '=', '$baz\n'],
    ]);
    expect(onWarning).toHaveBeenCalledTimes(1);
    const message = String(onWarning.mock.calls[0]?.[0]);
    expect(message).toContain('classic');
    expect(message).toContain('input="{foo=!bar,bar=$baz\\\\n}"');
    expect(message).toContain('suggestion="foo=\\"!bar\\",bar=\\"$baz\\\\n\\""');
  });

  it('uses the classic result, with a warning, when the parsers disagree', () => {
    const onWarning = vi.fn();
    // The classic parser does not know \x escapes, so it keeps them literally.
    expect(parts(parseMatchers('{foo="\\xf0\\x9f\\x99\\x82"}', { onWarning }))).toEqual([
      ['foo', '=', '\\xf0\\x9f\\x99\\x82'],
    ]);
    expect(onWarning).toHaveBeenCalledTimes(1);
    expect(String(onWarning.mock.calls[0]?.[0])).toContain('disagreement');
  });

  it("reports the classic parser's error when neither accepts the input", () => {
    expect(() => parseMatchers('{foo!bar}')).toThrowError(
      expect.objectContaining({ name: 'MatcherParseError', message: 'bad matcher format: foo!bar' }),
    );
  });

  it('is the default mode', () => {
    expect(parts(parseMatchers('foo=!bar'))).toEqual([['foo', '=', '!bar']]);
  });
});

describe('parseMatchers, other modes', () => {
  it('utf8-strict never falls back', () => {
    expect(() => parseMatchers('{foo=!bar}', { mode: 'utf8-strict' })).toThrowError(
      expect.objectContaining({ message: "5:6: !: expected one of '=~': expected label value" }),
    );
    expect(() => parseMatchers('foo=', { mode: 'utf8-strict' })).toThrowError(
      expect.objectContaining({ message: 'end of input: expected label value' }),
    );
    expect(parts(parseMatchers('{"foo"="\\xf0\\x9f\\x99\\x82"}', { mode: 'utf8-strict' }))).toEqual([
      ['foo', '=', '🙂'],
    ]);
  });

  it('classic uses only the classic grammar', () => {
    const onWarning = vi.fn();
    expect(parts(parseMatchers('foo=', { mode: 'classic', onWarning }))).toEqual([['foo', '=', '']]);
    expect(() => parseMatchers('foo🙂=bar', { mode: 'classic' })).toThrowError(
      expect.objectContaining({ message: 'bad matcher format: foo🙂=bar' }),
    );
    expect(onWarning).not.toHaveBeenCalled();
  });

  it('refuses unknown modes', () => {
    expect(() => parseMatchers('a=b', { mode: 'loose' as ParseMode })).toThrowError(
      /unknown matchers parse mode/,
    );
  });
});

describe('parseMatcher', () => {
  it.each([
    ['foo=bar', ['foo', '=', 'bar'], false],
    ['foo🙂=bar', ['foo🙂', '=', 'bar'], false],
    ['foo=!bar\\n', ['foo', '=', '!bar\n'], true],
    ['foo="\\xf0\\x9f\\x99\\x82"', ['foo', '=', '\\xf0\\x9f\\x99\\x82'], true],
    // One matcher only: the classic parser reads the comma as part of the value.
    ['foo=bar,bar=baz', ['foo', '=', 'bar,bar=baz'], true],
  ])('fallback reads %j', (input, expected, warned) => {
    const onWarning = vi.fn();
    expect(parts([parseMatcher(input, { onWarning })])).toEqual([expected]);
    expect(onWarning).toHaveBeenCalledTimes(warned ? 1 : 0);
  });

  it('fallback reports the classic error when neither parser accepts', () => {
    expect(() => parseMatcher('foo!bar')).toThrowError(
      expect.objectContaining({ name: 'MatcherParseError', message: 'bad matcher format: foo!bar' }),
    );
  });

  it.each<ParseMode>(['fallback', 'utf8-strict'])('%s refuses braces', (mode) => {
    for (const input of ['{foo=bar}', '{foo=bar', 'foo=bar}']) {
      expect(() => parseMatcher(input, { mode })).toThrowError(
        expect.objectContaining({ message: `unexpected open or close brace: ${input}` }),
      );
    }
  });

  it('classic mode parses the whole input as one matcher', () => {
    expect(() => parseMatcher('{foo=bar}', { mode: 'classic' })).toThrowError(
      expect.objectContaining({ message: 'bad matcher format: {foo=bar}' }),
    );
    expect(parseMatcher('foo = "a,b"', { mode: 'classic' }).value).toBe('a,b');
  });

  it('utf8-strict wants exactly one matcher', () => {
    expect(() => parseMatcher('foo=bar,bar=baz', { mode: 'utf8-strict' })).toThrowError(
      expect.objectContaining({ message: 'expected 1 matcher, found 2' }),
    );
    expect(() => parseMatcher('', { mode: 'utf8-strict' })).toThrowError(MatcherParseError);
  });
});
