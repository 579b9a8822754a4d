import { describe, expect, it } from 'vitest';
import { Matcher } from './matcher.js';
import { matchesLabels, sortMatchers } from './matcher-list.js';

const text = (ms: Matcher[]) => ms.map(String);

describe('sortMatchers', () => {
  it('orders by name, then value, then type (=, !=, =~, !~)', () => {
    const input = [
      Matcher.create('=', 'b', '1'),
      Matcher.create('!~', 'a', '2'),
      Matcher.create('!=', 'a', '2'),
      Matcher.create('=~', 'a', '2'),
      Matcher.create('=', 'a', '2'),
      Matcher.create('=~', 'a', '10'),
    ];
    expect(text(sortMatchers(input))).toEqual(['a=~"10"', 'a="2"', 'a!="2"', 'a=~"2"', 'a!~"2"', 'b="1"']);
    expect(String(input[0])).toBe('b="1"');
  });

  it('compares like Go strings (UTF-8 bytes), not UTF-16 units', () => {
    // U+FF61 < U+1F600 as code points, though its UTF-16 unit is larger.
    const input = [Matcher.create('=', '😀', 'x'), Matcher.create('=', '\uff61', 'x')];
    expect(sortMatchers(input).map((m) => m.name)).toEqual(['\uff61', '😀']);
  });
});

describe('matchesLabels', () => {
  const labels = { alertname: 'HighLatency', severity: 'page' };

  it('requires every matcher to match', () => {
    const a = Matcher.create('=', 'alertname', 'HighLatency');
    const b = Matcher.create('=~', 'severity', 'page|ticket');
    const c = Matcher.create('!=', 'severity', 'page');
    expect(matchesLabels([a, b], labels)).toBe(true);
    expect(matchesLabels([a, b, c], labels)).toBe(false);
    expect(matchesLabels([], labels)).toBe(true);
  });

  it('treats an absent label as the empty string', () => {
    expect(matchesLabels([Matcher.create('=', 'team', '')], labels)).toBe(true);
    expect(matchesLabels([Matcher.create('!=', 'team', '')], labels)).toBe(false);
    expect(matchesLabels([Matcher.create('!~', 'team', '.+')], labels)).toBe(true);
    expect(matchesLabels([Matcher.create('!=', 'severity', '')], labels)).toBe(true);
  });

  it('ignores inherited object properties', () => {
    expect(matchesLabels([Matcher.create('=', 'constructor', '')], {})).toBe(true);
    expect(matchesLabels([Matcher.create('=~', 'toString', '.+')], {})).toBe(false);
  });
});
