import { replaceLoneSurrogates, sortLabelNames } from '@tocsin/model';

// Characters Go's encoding/json escapes beyond what JSON.stringify does: HTML-sensitive ones
// (json.Encoder escapes HTML by default) and the JavaScript line terminators.
const GO_EXTRA_ESCAPES = /[<>&\u2028\u2029]/g;

function escapeExtra(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * A JSON string exactly as Go's json.Encoder writes it: `<`, `>`, `&`, U+2028 and U+2029 as
 * `\u00XX` escapes, and invalid UTF-16 (lone surrogates) as U+FFFD, as Go replaces invalid UTF-8.
 */
export function goJsonString(s: string): string {
  return JSON.stringify(replaceLoneSurrogates(s)).replace(GO_EXTRA_ESCAPES, escapeExtra);
}

/** A `map[string]string` as Go marshals it: keys sorted in byte order. */
export function goJsonStringMap(map: Readonly<Record<string, string>>): string {
  const parts = sortLabelNames(Object.keys(map)).map(
    (key) => `${goJsonString(key)}:${goJsonString(map[key] ?? '')}`,
  );
  return `{${parts.join(',')}}`;
}

/** A struct as Go marshals it: fields in declaration order, values already encoded. */
export function goJsonObject(fields: readonly (readonly [name: string, encoded: string])[]): string {
  return `{${fields.map(([name, encoded]) => `${goJsonString(name)}:${encoded}`).join(',')}}`;
}

/**
 * A value as Go's json.Encoder writes a struct: objects keep their key order (build them in the
 * struct's field order, undefined for `omitempty` fields left out), HTML characters escaped,
 * invalid UTF-16 replaced, a newline at the end.
 */
export function encodeGoJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, v) => (typeof v === 'string' ? replaceLoneSurrogates(v) : v)).replace(GO_EXTRA_ESCAPES, escapeExtra)}\n`;
}

/** Go's encoding/json for decoded values (`map[string]any`, `[]any`): map keys sorted, HTML escaped. */
export function goJsonValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(goJsonValue).join(',')}]`;
  if (value instanceof Map) {
    return goJsonValue(Object.fromEntries([...value].map(([k, v]) => [String(k), v])));
  }
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return `{${entries.map(([k, v]) => `${goJsonString(k)}:${goJsonValue(v)}`).join(',')}}`;
}
