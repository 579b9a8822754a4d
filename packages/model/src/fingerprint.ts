import { type LabelSet, sortLabelNames } from './labels.js';

// FNV-1a 64 as prometheus/common `model.LabelSet.Fingerprint()` computes it:
// for each label in byte order of its name: name bytes, 0xff, value bytes, 0xff.
// The 64-bit state lives in two uint32 halves (module-level, so hashing a
// string allocates nothing). prime64 = 2^40 + 0x1b3, so h * prime64 =
// (h << 40) + h * 0x1b3 (mod 2^64), which the halves can do exactly in doubles.

const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
const PRIME_LOW = 0x1b3;
const TWO_32 = 4294967296;
const SEPARATOR = 0xff;

let hi = OFFSET_HI;
let lo = OFFSET_LO;

function addByte(b: number): void {
  const x = (lo ^ b) >>> 0;
  const low = x * PRIME_LOW; // < 2^41: exact
  hi = (hi * PRIME_LOW + Math.floor(low / TWO_32) + ((x << 8) >>> 0)) >>> 0;
  lo = low >>> 0;
}

// Feeds the UTF-8 encoding of `s`; a lone surrogate counts as U+FFFD, which is
// what Go holds after decoding it from JSON.
function addString(s: string): void {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      addByte(c);
    } else if (c < 0x800) {
      addByte(0xc0 | (c >> 6));
      addByte(0x80 | (c & 0x3f));
    } else if (c < 0xd800 || c > 0xdfff) {
      addByte(0xe0 | (c >> 12));
      addByte(0x80 | ((c >> 6) & 0x3f));
      addByte(0x80 | (c & 0x3f));
    } else {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        addByte(0xf0 | (c >> 18));
        addByte(0x80 | ((c >> 12) & 0x3f));
        addByte(0x80 | ((c >> 6) & 0x3f));
        addByte(0x80 | (c & 0x3f));
      } else {
        addByte(0xef);
        addByte(0xbf);
        addByte(0xbd);
      }
    }
  }
}

function hex32(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/**
 * Alertmanager's alert identity: `model.LabelSet.Fingerprint()` printed as 16
 * lowercase hex digits. Hashes the labels exactly as given: drop empty-valued
 * labels first if they should not count (the API does).
 */
export function fingerprint(labels: LabelSet): string {
  const names = sortLabelNames(Object.keys(labels));
  hi = OFFSET_HI;
  lo = OFFSET_LO;
  for (const name of names) {
    addString(name);
    addByte(SEPARATOR);
    addString(labels[name] ?? '');
    addByte(SEPARATOR);
  }
  return hex32(hi) + hex32(lo);
}
