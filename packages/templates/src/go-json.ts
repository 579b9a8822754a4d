// encoding/json's Marshal of template values: struct fields by their json tags in declaration
// order, map keys sorted, times in RFC 3339 with nanoseconds, and Go's HTML-safe string escaping.

import { GoCallError } from './go-function.js';
import { GoTime } from './go-time.js';
import { GoMap, GoNamed, GoPointer, GoSlice, GoStruct, type GoValue } from './go-value.js';

/** json.Marshal's string encoding: <, >, & and U+2028/2029 escaped (JSON.stringify's own \u escapes are lower-case already). */
function jsonString(s: string): string {
  return JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new GoCallError(`json: unsupported value: ${f}`);
  // Go uses %e below 1e-6 and from 1e21 on, with a two-digit exponent cleaned to one digit.
  return JSON.stringify(f);
}

export function toJson(value: GoValue): string {
  if (value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return jsonString(value);
    case 'bigint':
      return value.toString();
    case 'number':
      return jsonFloat(value);
    case 'boolean':
      return String(value);
  }
  if (value instanceof GoPointer) return toJson(value.target);
  if (value instanceof GoTime) {
    return jsonString(value.format('2006-01-02T15:04:05.999999999Z07:00'));
  }
  if (value instanceof GoNamed) {
    return typeof value.value === 'string' ? jsonString(value.value) : value.value.toString();
  }
  if (value instanceof GoSlice) return `[${value.items.map(toJson).join(',')}]`;
  if (value instanceof GoMap) {
    return `{${value
      .sortedKeys()
      .map((k) => `${jsonString(k)}:${toJson(value.entries.get(k))}`)
      .join(',')}}`;
  }
  if (value instanceof GoStruct) {
    const fields = value.type.fields ?? [];
    return `{${fields.map((f) => `${jsonString(f.json)}:${toJson(value.fields[f.name])}`).join(',')}}`;
  }
  throw new GoCallError(`json: unsupported type: ${(value as { type?: { name: string } }).type?.name}`);
}
