// POST /api/v2/alerts ingest: go-openapi's body decoding (400) and schema
// validation (422), then postAlertsHandler's defaults and Alert.Validate (400).

import { goQuote } from '@tocsin/go-syntax';
import type { Alert } from './alert.js';
import type { ApiErrorBody } from './api-types.js';
import { fingerprint } from './fingerprint.js';
import {
  type LabelNameMode,
  type LabelSet,
  removeEmptyLabels,
  replaceLoneSurrogates,
  setLabel,
  validateLabelSet,
} from './labels.js';
import { GO_ZERO_TIME_MS, isZeroTime, parseApiTime } from './time.js';
import { isRequestUri } from './uri.js';

/**
 * - `parse`: the body does not decode into postableAlerts (wrong JSON types, bad date-time): 400,
 *   `{"code":400,"message":"parsing alerts body from \"\" failed, because ..."}`; nothing is stored.
 * - `schema`: OpenAPI validation (required labels, uri format): 422, `{"code":602|601,"message":...}`;
 *   nothing is stored.
 * - `validation`: Alert.Validate in the handler: 400 with the joined messages as a bare JSON string;
 *   the valid alerts of the batch are still stored.
 */
export type AlertErrorKind = 'parse' | 'schema' | 'validation';

export interface AlertError {
  error: string;
  kind: AlertErrorKind;
  /** HTTP status Alertmanager answers with for this kind. */
  status: 400 | 422;
  /** go-openapi error code: 400 (parse), 601 (format), 602 (required); 400 for validation. */
  code: number;
  /** Index of the alert in the posted array. */
  index: number;
}

export interface AlertOptions {
  labelNameMode?: LabelNameMode;
}

interface Decoded {
  labels: LabelSet | null;
  annotations: LabelSet | null;
  startsAt: number;
  endsAt: number;
  generatorURL: string;
}

type Field = 'labels' | 'annotations' | 'startsAt' | 'endsAt' | 'generatorURL';
const FIELDS: readonly Field[] = ['labels', 'annotations', 'startsAt', 'endsAt', 'generatorURL'];

// Go's encoding/json matches object keys to fields exactly or, failing that, case-insensitively.
function fieldOf(key: string): Field | undefined {
  const exact = FIELDS.find((f) => f === key);
  if (exact) return exact;
  const lower = key.toLowerCase();
  return FIELDS.find((f) => f.toLowerCase() === lower);
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // number, string, object
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// Wraps an error inside the decoder so it cannot be confused with decoded data.
class Failure {
  constructor(readonly error: AlertError) {}
}

function parseError(index: number, path: string, reason: string): Failure {
  const where = path === '' ? `${index}` : `${index}.${path}`;
  return new Failure({
    error: `parsing alerts body from "" failed, because ${where}: ${reason}`,
    kind: 'parse',
    status: 400,
    code: 400,
    index,
  });
}

function typeError(index: number, path: string, got: unknown, goField: string, goType: string): Failure {
  return parseError(
    index,
    path,
    `json: cannot unmarshal ${jsonType(got)} into Go struct field ${goField} of type ${goType}`,
  );
}

// Decodes a labelSet into `into` (Go reuses an existing map, so repeated keys merge).
// Returns the first type error, or the map (null for JSON null).
function decodeLabelSet(
  v: unknown,
  into: LabelSet | null,
  index: number,
  field: Field,
  goField: string,
): LabelSet | null | Failure {
  if (v === null || v === undefined) return null;
  if (!isObject(v)) return typeError(index, field, v, goField, 'models.LabelSet');
  const out = into ?? {};
  for (const key of Object.keys(v)) {
    const value = v[key];
    if (value !== null && value !== undefined && typeof value !== 'string') {
      return typeError(index, `${field}.${key}`, value, goField, 'string');
    }
    // JSON null leaves the element at its zero value "".
    setLabel(out, replaceLoneSurrogates(key), replaceLoneSurrogates(value ?? ''));
  }
  return out;
}

function decodeTime(v: unknown, index: number, field: Field): number | Failure {
  if (v === null || v === undefined) return GO_ZERO_TIME_MS;
  if (typeof v !== 'string') return typeError(index, field, v, `.${field}`, 'string');
  const parsed = parseApiTime(v);
  return 'error' in parsed ? parseError(index, field, parsed.error) : parsed.ms;
}

// The generated model decodes in two passes over the same object, (annotations,
// startsAt, endsAt) then (generatorURL, labels). Date-time and generatorURL
// errors abort a pass at once; labelSet type errors are reported only if the
// pass finishes without such an error.
function decodeItem(input: unknown, index: number): Decoded | Failure {
  if (!isObject(input)) {
    // Alertmanager drops the connection on a null element (nil dereference); we reject it.
    return parseError(
      index,
      '',
      `json: cannot unmarshal ${jsonType(input)} into Go value of type models.PostableAlert`,
    );
  }
  const d: Decoded = {
    labels: null,
    annotations: null,
    startsAt: GO_ZERO_TIME_MS,
    endsAt: GO_ZERO_TIME_MS,
    generatorURL: '',
  };
  const keys = Object.keys(input).map((k) => [fieldOf(k), input[k]] as const);
  let saved: Failure | undefined;
  for (const [field, v] of keys) {
    if (field === 'annotations') {
      const r = decodeLabelSet(v, d.annotations, index, field, '.annotations');
      if (r instanceof Failure) saved ??= r;
      else d.annotations = r;
    } else if (field === 'startsAt' || field === 'endsAt') {
      const r = decodeTime(v, index, field);
      if (r instanceof Failure) return r;
      d[field] = r;
    }
  }
  if (saved) return saved;
  for (const [field, v] of keys) {
    if (field === 'labels') {
      const r = decodeLabelSet(v, d.labels, index, field, 'Alert.labels');
      if (r instanceof Failure) saved ??= r;
      else d.labels = r;
    } else if (field === 'generatorURL') {
      if (v !== null && v !== undefined && typeof v !== 'string') {
        return typeError(index, field, v, 'Alert.generatorURL', 'string');
      }
      d.generatorURL = replaceLoneSurrogates(v ?? '');
    }
  }
  return saved ?? d;
}

// OpenAPI validation; go-openapi reports only the first failure (generatorURL before labels).
function schemaError(d: Decoded, index: number): AlertError | undefined {
  if (d.generatorURL !== '' && !isRequestUri(d.generatorURL)) {
    return {
      error: `${index}.generatorURL in body must be of type uri: ${goQuote(d.generatorURL)}`,
      kind: 'schema',
      status: 422,
      code: 601,
      index,
    };
  }
  if (d.labels === null) {
    return { error: `${index}.labels in body is required`, kind: 'schema', status: 422, code: 602, index };
  }
  return undefined;
}

// postAlertsHandler defaults, removeEmptyLabels, then Alert.Validate.
function buildAlert(
  d: Decoded,
  now: number,
  resolveTimeoutMs: number,
  mode: LabelNameMode,
): { alert: Alert; error?: string } {
  let startsAt = d.startsAt;
  let endsAt = d.endsAt;
  let timeout = false;
  if (isZeroTime(startsAt)) startsAt = isZeroTime(endsAt) ? now : endsAt;
  if (isZeroTime(endsAt)) {
    // No end given: the alert resolves by itself unless re-sent within resolve_timeout.
    timeout = true;
    endsAt = now + resolveTimeoutMs;
  }
  const labels = removeEmptyLabels(d.labels ?? {});
  const annotations = d.annotations ?? {};
  const alert: Alert = {
    labels,
    annotations,
    startsAt,
    endsAt,
    generatorURL: d.generatorURL,
    updatedAt: now,
    timeout,
    fingerprint: fingerprint(labels),
  };
  let error: string | undefined;
  if (endsAt < startsAt) error = 'start time must be before end time';
  else if (Object.keys(labels).length === 0) error = 'at least one label pair required';
  else {
    const bad = validateLabelSet(labels, mode);
    if (bad) error = `invalid label set: ${bad}`;
    else {
      const badAnn = validateLabelSet(annotations, mode);
      if (badAnn) error = `invalid annotations: ${badAnn}`;
    }
  }
  return error === undefined ? { alert } : { alert, error };
}

function validationError(message: string, index: number): AlertError {
  return { error: message, kind: 'validation', status: 400, code: 400, index };
}

/**
 * Turns one element of a POST /api/v2/alerts body (untrusted JSON) into a
 * stored alert, or the error Alertmanager would give for it.
 * Defaults: updatedAt = now; missing startsAt = endsAt if set, else now;
 * missing endsAt = now + resolveTimeoutMs with timeout = true. Empty-valued
 * labels are dropped. A missing/null/zero-time (`0001-01-01T00:00:00Z`) time
 * counts as unset; `""` is the Unix epoch. Lone surrogates in strings become
 * U+FFFD, as Go's JSON decoder does.
 * Parse errors read `parsing alerts body from "" failed, because <i>.<field>: <Go reason>`,
 * schema errors `<i>.labels in body is required` / `<i>.generatorURL in body must be of type uri: "<v>"`,
 * validation errors keep Alertmanager's wording (which has no index; see `index`).
 */
export function alertFromPostable(
  input: unknown,
  index: number,
  now: number,
  resolveTimeoutMs: number,
  options: AlertOptions = {},
): { alert: Alert } | AlertError {
  const d = decodeItem(input, index);
  if (d instanceof Failure) return d.error;
  const schema = schemaError(d, index);
  if (schema) return schema;
  const built = buildAlert(d, now, resolveTimeoutMs, options.labelNameMode ?? 'utf8');
  return built.error === undefined ? { alert: built.alert } : validationError(built.error, index);
}

export interface PostAlertsOutcome {
  status: 200 | 400 | 422;
  /** Alerts to store: every valid one, also when status is 400 for validation errors. */
  alerts: Alert[];
  /**
   * Response body: undefined on 200; `{code,message}` when the whole body was
   * rejected (parse/schema); the validation messages joined by "\n" as a bare string otherwise.
   */
  body?: ApiErrorBody | string;
  /** The rejecting error, or one validation error per invalid alert. */
  errors: AlertError[];
  /** Increments of alertmanager_alerts_received_total{status} (counted before validation). */
  received: { firing: number; resolved: number };
  /** Increment of alertmanager_alerts_invalid_total. */
  invalid: number;
}

const rejected = (status: 400 | 422, e: AlertError): PostAlertsOutcome => ({
  status,
  alerts: [],
  body: { code: e.code, message: e.error },
  errors: [e],
  received: { firing: 0, resolved: 0 },
  invalid: 0,
});

/**
 * The whole POST /api/v2/alerts request. `body` is the parsed JSON, or
 * `undefined` for an empty body. Order as in Alertmanager: any decode error
 * rejects the request (400), then any schema error (422, first one only),
 * then each alert is validated on its own (best effort, joined 400).
 */
export function processPostAlerts(
  body: unknown,
  now: number,
  resolveTimeoutMs: number,
  options: AlertOptions = {},
): PostAlertsOutcome {
  if (body === undefined) {
    const e: AlertError = {
      error: 'alerts in body is required',
      kind: 'schema',
      status: 422,
      code: 602,
      index: -1,
    };
    return rejected(422, e);
  }
  if (body !== null && !Array.isArray(body)) {
    const e: AlertError = {
      error: `parsing alerts body from "" failed, because json: cannot unmarshal ${jsonType(body)} into Go value of type models.PostableAlerts`,
      kind: 'parse',
      status: 400,
      code: 400,
      index: -1,
    };
    return rejected(400, e);
  }
  const items: unknown[] = Array.isArray(body) ? body : [];
  const decoded: Decoded[] = [];
  for (let i = 0; i < items.length; i++) {
    const d = decodeItem(items[i], i);
    if (d instanceof Failure) return rejected(400, d.error);
    decoded.push(d);
  }
  for (let i = 0; i < decoded.length; i++) {
    const d = decoded[i] as Decoded;
    const e = schemaError(d, i);
    if (e) return rejected(422, e);
  }
  const mode = options.labelNameMode ?? 'utf8';
  const out: PostAlertsOutcome = {
    status: 200,
    alerts: [],
    errors: [],
    received: { firing: 0, resolved: 0 },
    invalid: 0,
  };
  decoded.forEach((d, i) => {
    const built = buildAlert(d, now, resolveTimeoutMs, mode);
    if (built.alert.endsAt > now) out.received.firing++;
    else out.received.resolved++;
    if (built.error === undefined) out.alerts.push(built.alert);
    else out.errors.push(validationError(built.error, i));
  });
  if (out.errors.length > 0) {
    out.status = 400;
    out.invalid = out.errors.length;
    out.body = out.errors.map((e) => e.error).join('\n');
  }
  return out;
}
