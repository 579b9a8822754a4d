import { describe, expect, it } from 'vitest';
import { sourceMatchers, targetMatchers } from './inhibit-rule.js';
import { loadConfig } from './load.js';

const rules = (yaml: string, features = {}) =>
  loadConfig(`route: {receiver: r}\nreceivers: [{name: r}]\ninhibit_rules:\n${yaml}\n`, { features })
    .inhibit_rules;

describe('inhibit rules', () => {
  it('reads matchers, legacy maps, equal and name', () => {
    const rule = rules(`- name: db-down
  source_matchers: ['foo=bar']
  source_match: {severity: critical}
  target_matchers: ['{bar="baz", a!~"x|y"}']
  target_match_re: {service: 'db.*'}
  equal: ['qux', 'corge']`)[0];
    if (!rule) throw new Error('no rule');
    expect(rule.name).toBe('db-down');
    expect(rule.source_matchers.map(String)).toEqual(['foo="bar"']);
    expect(rule.target_matchers.map(String)).toEqual(['a!~"x|y"', 'bar="baz"']);
    expect(rule.equal).toEqual(['qux', 'corge']);
    expect(sourceMatchers(rule).map(String)).toEqual(['foo="bar"', 'severity="critical"']);
    expect(targetMatchers(rule).map(String)).toEqual(['a!~"x|y"', 'bar="baz"', 'service=~"db.*"']);
  });

  it('rejects a regex that does not compile', () => {
    expect(() => rules('- source_matchers: [\'foo=~"[a"\']')).toThrow(
      /error parsing regexp: missing closing \]/,
    );
  });

  it('rejects null regex values, naming the label', () => {
    expect(() =>
      rules('- source_match_re:\n    invalid_source_label:\n  target_match_re:\n    severity: critical'),
    ).toThrow('invalid regexp value for "invalid_source_label"');
    expect(() => rules('- target_match_re:\n    invalid_target_label:')).toThrow('invalid_target_label');
  });

  it('checks equal label names with the mode and legacy keys always classically', () => {
    expect(rules("- equal: ['x-y']")[0]?.equal).toEqual(['x-y']);
    expect(() => rules("- equal: ['x-y']", { classicMode: true })).toThrow(
      'invalid label name "x-y" in equal list',
    );
    expect(() => rules("- equal: ['']")).toThrow('invalid label name "" in equal list');
    expect(() => rules("- target_match: {'x-y': a}")).toThrow('invalid label name "x-y"');
  });

  it('rejects unknown keys', () => {
    expect(() => rules('- source: {a: b}')).toThrow(/field source not found/);
  });

  it('allows duplicate names', () => {
    expect(rules('- name: a\n- name: a')).toHaveLength(2);
  });
});
