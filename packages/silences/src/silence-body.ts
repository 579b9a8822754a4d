// Decoding an untrusted POST /api/v2/silences body the way go-openapi does for
// Alertmanager: first the JSON decode into the generated models (type errors → 400
// ParseError), then the schema validation (required fields, minItems → 422 SchemaError,
// only the first failure is reported).

import { GO_ZERO_TIME_MS, parseApiTime, replaceLoneSurrogates, setLabel } from '@tocsin/model';
import { SilenceParseError, SilenceSchemaError } from './errors.js';

export interface DecodedMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

/** A body that passed decoding and schema validation; times are epoch ms. */
export interface DecodedSilence {
  /** '' when absent: a new silence. */
  id: string;
  matchers: DecodedMatcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
  annotations: Record<string, string>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // number, string, object
}

// encoding/json matches keys exactly or, failing that, case-insensitively; later keys win.
function fieldOf<F extends string>(key: string, fields: readonly F[]): F | undefined {
  return fields.find((f) => f === key) ?? fields.find((f) => f.toLowerCase() === key.toLowerCase());
}

// encoding/json keeps the first type error and goes on; errors from a field's own
// UnmarshalJSON (date-times) stop decoding at once and win.
class Abort {
  constructor(readonly reason: string) {}
}

const typeError = (got: unknown, where: string, goType: string): string =>
  `json: cannot unmarshal ${jsonType(got)} into Go struct field ${where} of type ${goType}`;

// The id is decoded in a pass of its own (allOf part of postableSilence).
function decodeId(body: unknown): string {
  if (body === null) return '';
  if (!isObject(body)) {
    throw new SilenceParseError(
      `json: cannot unmarshal ${jsonType(body)} into Go value of type struct { ID string "json:\\"id,omitempty\\"" }`,
    );
  }
  let id = '';
  let saved: string | undefined;
  for (const key of Object.keys(body)) {
    const v = body[key];
    if (fieldOf(key, ['id']) === undefined || v === undefined) continue;
    if (typeof v === 'string') id = replaceLoneSurrogates(v);
    else if (v !== null) saved ??= typeError(v, '.id', 'string');
  }
  if (saved !== undefined) throw new SilenceParseError(saved);
  return id;
}

interface RawMatcher {
  name?: string;
  value?: string;
  isRegex?: boolean;
  isEqual?: boolean;
}

interface RawSilence {
  annotations?: Record<string, string>;
  comment?: string;
  createdBy?: string;
  endsAt?: number;
  /** An element is undefined for JSON null. */
  matchers?: (RawMatcher | undefined)[];
  startsAt?: number;
}

const SILENCE_FIELDS = ['annotations', 'comment', 'createdBy', 'endsAt', 'matchers', 'startsAt'] as const;
const MATCHER_FIELDS = ['isEqual', 'isRegex', 'name', 'value'] as const;

function decodeTime(v: unknown, field: string): number | undefined {
  if (v === null) return undefined;
  if (typeof v !== 'string') throw new Abort(typeError(v, `Silence.${field}`, 'string'));
  const parsed = parseApiTime(v);
  if ('error' in parsed) throw new Abort(parsed.error);
  return parsed.ms;
}

function decodeMatcher(v: unknown, save: (e: string) => void): RawMatcher | undefined {
  if (v === null || v === undefined) return undefined;
  if (!isObject(v)) {
    save(typeError(v, 'Silence.matchers', 'models.Matcher'));
    return {};
  }
  const m: RawMatcher = {};
  for (const key of Object.keys(v)) {
    const field = fieldOf(key, MATCHER_FIELDS);
    const x = v[key];
    if (field === undefined || x === undefined) continue;
    if (x === null) {
      delete m[field];
    } else if (field === 'isEqual' || field === 'isRegex') {
      if (typeof x === 'boolean') m[field] = x;
      else save(typeError(x, `Matcher.matchers.${field}`, 'bool'));
    } else if (typeof x === 'string') {
      m[field] = replaceLoneSurrogates(x);
    } else {
      save(typeError(x, `Matcher.matchers.${field}`, 'string'));
    }
  }
  return m;
}

function decodeSilence(body: Record<string, unknown>): RawSilence {
  const s: RawSilence = {};
  let saved: string | undefined;
  const save = (e: string) => {
    saved ??= e;
  };
  for (const key of Object.keys(body)) {
    const field = fieldOf(key, SILENCE_FIELDS);
    const v = body[key];
    // undefined only comes from JS callers; JSON has no such value.
    if (field === undefined || v === undefined) continue;
    switch (field) {
      case 'comment':
      case 'createdBy':
        if (v === null) delete s[field];
        else if (typeof v === 'string') s[field] = replaceLoneSurrogates(v);
        else save(typeError(v, `Silence.${field}`, 'string'));
        break;
      case 'startsAt':
      case 'endsAt': {
        const ms = decodeTime(v, field);
        if (ms === undefined) delete s[field];
        else s[field] = ms;
        break;
      }
      case 'annotations':
        if (v === null) delete s.annotations;
        else if (!isObject(v)) save(typeError(v, 'Silence.annotations', 'models.LabelSet'));
        else {
          // Go decodes into the existing map, so repeated keys merge.
          const into = s.annotations ?? {};
          for (const name of Object.keys(v)) {
            const value = v[name];
            if (value === undefined) continue;
            if (value !== null && typeof value !== 'string') {
              save(typeError(value, 'Silence.annotations', 'string'));
              continue;
            }
            setLabel(into, replaceLoneSurrogates(name), replaceLoneSurrogates(value ?? ''));
          }
          s.annotations = into;
        }
        break;
      case 'matchers':
        if (v === null) delete s.matchers;
        else if (!Array.isArray(v)) save(typeError(v, 'Silence.matchers', 'models.Matchers'));
        else s.matchers = v.map((m) => decodeMatcher(m, save));
        break;
    }
  }
  if (saved !== undefined) throw new Abort(saved);
  return s;
}

const required = (name: string) => new SilenceSchemaError(`${name} in body is required`, 602);

// The generated validators run in field order and go-openapi serves only the first error.
function validateSchema(s: RawSilence): void {
  if (s.comment === undefined) throw required('comment');
  if (s.createdBy === undefined) throw required('createdBy');
  if (s.endsAt === undefined) throw required('endsAt');
  if (s.matchers === undefined) throw required('matchers');
  if (s.matchers.length < 1)
    throw new SilenceSchemaError('matchers in body should have at least 1 items', 612);
  for (const [i, m] of s.matchers.entries()) {
    // Alertmanager skips null elements here and then crashes on them; we refuse them.
    if (m === undefined) throw required(`matchers.${i}`);
    for (const field of ['isRegex', 'name', 'value'] as const) {
      if (m[field] === undefined) throw required(`matchers.${i}.${field}`);
    }
  }
  if (s.startsAt === undefined) throw required('startsAt');
}

/**
 * Decodes and schema-validates a parsed JSON body. `undefined` stands for a request
 * without a body. Throws SilenceParseError (400) or SilenceSchemaError (422).
 */
export function decodePostableSilence(body: unknown): DecodedSilence {
  if (body === undefined) throw required('silence');
  const id = decodeId(body);
  let raw: RawSilence = {};
  if (isObject(body)) {
    try {
      raw = decodeSilence(body);
    } catch (err) {
      if (err instanceof Abort) throw new SilenceParseError(err.reason);
      throw err;
    }
  }
  validateSchema(raw);
  return {
    id,
    matchers: (raw.matchers ?? []).map((m) => ({
      name: m?.name ?? '',
      value: m?.value ?? '',
      isRegex: m?.isRegex ?? false,
      isEqual: m?.isEqual ?? true,
    })),
    startsAt: raw.startsAt ?? GO_ZERO_TIME_MS,
    endsAt: raw.endsAt ?? GO_ZERO_TIME_MS,
    createdBy: raw.createdBy ?? '',
    comment: raw.comment ?? '',
    annotations: raw.annotations ?? {},
  };
}
