import type { Alert, LabelSet } from '@tocsin/model';

// A stored record is `<revision>|<json>`: the revision (decimal digits) of the batch write
// that produced it, then the alert as compact JSON. The Lua scripts read only the revision
// (a cheap anchored match, no JSON parsing in Redis) and build the record by concatenation,
// so this file and `revision_of` in lua-scripts.ts must agree.

/** A decoded record: the alert plus the revision the optimistic writes compare. */
export interface StoredRecord {
  revision: string;
  alert: Alert;
}

// One-letter keys, empty annotations / generatorURL and a false timeout omitted; the
// fingerprint is the hash field and is not repeated. Labels and annotations dominate: for a
// typical Prometheus alert this is 363 bytes against 458 for JSON.stringify(alert), and Redis
// holds about 600 bytes per alert with the index (measured on Redis 7.0).
interface EncodedAlert {
  l: LabelSet;
  s: number;
  e: number;
  u: number;
  a?: LabelSet;
  g?: string;
  t?: 1;
}

/** The JSON part of a record. */
export function encodeAlert(alert: Alert): string {
  const encoded: EncodedAlert = { l: alert.labels, s: alert.startsAt, e: alert.endsAt, u: alert.updatedAt };
  if (Object.keys(alert.annotations).length > 0) encoded.a = alert.annotations;
  if (alert.generatorURL !== '') encoded.g = alert.generatorURL;
  if (alert.timeout) encoded.t = 1;
  return JSON.stringify(encoded);
}

/** The whole record as the put script writes it (`revision .. '|' .. json`). */
export function formatRecord(revision: string, json: string): string {
  return `${revision}|${json}`;
}

const REVISION = /^\d+$/;

function isLabelSet(value: unknown): value is LabelSet {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === 'string');
}

/** Decodes a stored record; throws on anything this codec did not write. */
export function decodeRecord(fingerprint: string, record: string): StoredRecord {
  const bar = record.indexOf('|');
  const revision = record.slice(0, bar);
  const corrupt = (why: string) => new Error(`corrupt alert record for ${fingerprint}: ${why}`);
  if (bar < 0 || !REVISION.test(revision)) throw corrupt('no revision');
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.slice(bar + 1));
  } catch {
    throw corrupt('invalid JSON');
  }
  const e = parsed as Partial<EncodedAlert> | null;
  if (
    typeof e !== 'object' ||
    e === null ||
    !isLabelSet(e.l) ||
    typeof e.s !== 'number' ||
    typeof e.e !== 'number' ||
    typeof e.u !== 'number' ||
    (e.a !== undefined && !isLabelSet(e.a)) ||
    (e.g !== undefined && typeof e.g !== 'string')
  ) {
    throw corrupt('unexpected shape');
  }
  return {
    revision,
    alert: {
      labels: e.l,
      annotations: e.a ?? {},
      startsAt: e.s,
      endsAt: e.e,
      generatorURL: e.g ?? '',
      updatedAt: e.u,
      timeout: e.t === 1,
      fingerprint,
    },
  };
}
