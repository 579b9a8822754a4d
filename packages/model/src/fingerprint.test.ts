import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fingerprint } from './fingerprint.js';
import { type LabelSet, removeEmptyLabels } from './labels.js';

interface FixtureEntry {
  labels: LabelSet;
  fingerprint: string;
}

// Recorded from a real Alertmanager by scripts/record-fingerprints.mjs (see fixtures/README.md).
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/fingerprints.json', import.meta.url), 'utf8'),
) as FixtureEntry[];

// Independent reference: BigInt FNV-1a 64 over Buffer-encoded, Buffer-sorted pairs.
function referenceFingerprint(labels: LabelSet): string {
  const pairs = Object.entries(labels)
    .map(([n, v]) => [Buffer.from(n, 'utf8'), Buffer.from(v, 'utf8')] as const)
    .sort((a, b) => Buffer.compare(a[0], b[0]));
  let h = 0xcbf29ce484222325n;
  const add = (byte: number) => {
    h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  };
  for (const [n, v] of pairs) {
    for (const b of n) add(b);
    add(0xff);
    for (const b of v) add(b);
    add(0xff);
  }
  return h.toString(16).padStart(16, '0');
}

describe('fingerprint', () => {
  it('has a fixture of a few hundred label sets', () => {
    expect(fixture.length).toBeGreaterThan(300);
    expect(fixture.some((e) => Object.keys(e.labels).length >= 50)).toBe(true);
    expect(fixture.some((e) => Object.values(e.labels).includes(''))).toBe(true);
  });

  it('matches every fingerprint Alertmanager returned (after dropping empty labels)', () => {
    const mismatches = fixture.filter((e) => fingerprint(removeEmptyLabels(e.labels)) !== e.fingerprint);
    expect(mismatches).toEqual([]);
  });

  it('is 16 lowercase hex digits', () => {
    expect(fingerprint({ alertname: 'x' })).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is the FNV-1a 64 offset basis for the empty set', () => {
    expect(fingerprint({})).toBe('cbf29ce484222325');
  });

  it('does not depend on key order', () => {
    expect(fingerprint({ a: '1', b: '2', c: '3' })).toBe(fingerprint({ c: '3', a: '1', b: '2' }));
  });

  it('counts empty values when they are present (callers drop them first)', () => {
    expect(fingerprint({ a: '1', b: '' })).not.toBe(fingerprint({ a: '1' }));
  });

  it('separates name and value so that prefixes do not collide', () => {
    expect(fingerprint({ a: 'bc' })).not.toBe(fingerprint({ ab: 'c' }));
  });

  it('sorts names by UTF-8 bytes, not UTF-16 units', () => {
    // U+FFFF sorts before U+1F600 in UTF-8 but after its surrogates in UTF-16.
    const ls = { '\uffff': 'a', '😀': 'b', z: 'c', é: 'd' };
    expect(fingerprint(ls)).toBe(referenceFingerprint(ls));
  });

  it('hashes utf8 names and mixed-plane values like the byte-level reference', () => {
    const sets: LabelSet[] = [
      { 'foo-bar': 'x', föö: '日本', '1a': '🔥\u0301' },
      { '': 'empty name', '\u{10ffff}': '\u0000\u007f' },
      { __proto__x: 'y', constructor: 'z' },
    ];
    for (const ls of sets) expect(fingerprint(ls)).toBe(referenceFingerprint(ls));
  });

  it('hashes a lone surrogate as U+FFFD, as Go holds it after JSON decoding', () => {
    expect(fingerprint({ a: '\ud800' })).toBe(fingerprint({ a: '\ufffd' }));
  });

  it('handles a __proto__ label like any other', () => {
    const ls = JSON.parse('{"__proto__":"v","a":"b"}') as LabelSet;
    expect(fingerprint(ls)).toBe(referenceFingerprint(ls));
    expect(fingerprint(ls)).not.toBe(fingerprint({ a: 'b' }));
  });
});
