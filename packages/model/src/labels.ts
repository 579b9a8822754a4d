/// <reference lib="es2024.string" />
import { goQuote } from '@tocsin/go-syntax';

/** A set of label name/value pairs (Prometheus `model.LabelSet`). */
export type LabelSet = Record<string, string>;

/**
 * How label names are validated.
 * - `utf8`: Alertmanager ≥0.27 default (fallback and utf8-strict modes): any non-empty, valid UTF-8 name.
 * - `classic`: ≤0.26 and `--enable-feature=classic-mode`: `[a-zA-Z_][a-zA-Z0-9_]*`.
 */
export type LabelNameMode = 'utf8' | 'classic';

const CLASSIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** True when `s` has no lone UTF-16 surrogate, i.e. it can be encoded as valid UTF-8. */
export function isValidUtf8(s: string): boolean {
  // Native (Node 20): 25-40x faster than a charCodeAt loop, and every label goes through it.
  return s.isWellFormed();
}

/**
 * Replaces every lone surrogate with U+FFFD, as Go's encoding/json does when it
 * decodes `"\ud800"` (and as it does for invalid UTF-8 bytes).
 */
export function replaceLoneSurrogates(s: string): string {
  return s.toWellFormed();
}

/** Label-name check of Alertmanager (`compat.IsValidLabelName`); `mode` defaults to `utf8`. */
export function isValidLabelName(name: string, mode: LabelNameMode = 'utf8'): boolean {
  if (mode === 'classic') return CLASSIC_NAME.test(name);
  return name.length > 0 && isValidUtf8(name);
}

/** Label values only need to be valid UTF-8 (`model.LabelValue.IsValid`). */
export function isValidLabelValue(value: string): boolean {
  return isValidUtf8(value);
}

/**
 * Sets `ls[name] = value` without tripping the `__proto__` setter
 * (`__proto__` is a valid classic label name).
 */
export function setLabel(ls: LabelSet, name: string, value: string): void {
  if (name === '__proto__') {
    Object.defineProperty(ls, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    ls[name] = value;
  }
}

/** Copy of `ls` without empty-valued labels (Alertmanager's `removeEmptyLabels`). */
export function removeEmptyLabels(ls: LabelSet): LabelSet {
  const out: LabelSet = {};
  for (const name of Object.keys(ls)) {
    const value = ls[name];
    if (value !== undefined && value !== '') setLabel(out, name, value);
  }
  return out;
}

/**
 * Alertmanager's `validateLs`: the first invalid pair (in key order) as
 * `invalid name "<n>"` / `invalid value "<v>"` (Go `%q` quoting), or undefined.
 */
export function validateLabelSet(ls: LabelSet, mode: LabelNameMode = 'utf8'): string | undefined {
  for (const name of Object.keys(ls)) {
    if (!isValidLabelName(name, mode)) return `invalid name ${goQuote(name)}`;
    const value = ls[name] ?? '';
    if (!isValidLabelValue(value)) return `invalid value ${goQuote(value)}`;
  }
  return undefined;
}

// UTF-16 order equals UTF-8 byte (code point) order except when a surrogate
// meets a unit in U+E000..U+FFFF; remapping those units fixes it.
function codePointKey(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** Compares like Go's `a < b` on strings: by UTF-8 bytes, i.e. by code points. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointKey(x) - codePointKey(y);
  }
  return a.length - b.length;
}

const HIGH_UNITS = /[\ud800-\uffff]/;

/** Sorts names in place in Go's byte order; the default sort is already right without high units. */
export function sortLabelNames(names: string[]): string[] {
  names.sort();
  for (const name of names) {
    if (HIGH_UNITS.test(name)) return names.sort(compareCodePoints);
  }
  return names;
}

/** Copy of `ls` with its keys inserted in Go's order (what Go's JSON encoder prints). */
export function sortedLabelSet(ls: LabelSet): LabelSet {
  const out: LabelSet = {};
  for (const name of sortLabelNames(Object.keys(ls))) setLabel(out, name, ls[name] ?? '');
  return out;
}
