import { parse } from 'yaml';
import { goJsonString } from '../../go-json.js';

/**
 * Alertmanager 0.34's custom webhook `payload`: every string in it, map keys included, is
 * rendered as a template; a rendered string that reads as YAML structure or a YAML scalar other
 * than a string (a map, a list, a number, a bool, null, or nothing at all) becomes that value
 * (template.DeepCopyWithTemplate). The body is the result as Go's json.Encoder writes it.
 */
export function renderCustomPayload(payload: unknown, render: (text: string) => string): string {
  return `${goJson(deepRender(payload, render))}\n`;
}

function deepRender(value: unknown, render: (text: string) => string): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return fromRendered(render(value));
  if (Array.isArray(value)) return value.map((v) => deepRender(v, render));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[render(key)] = deepRender(v, render);
    return out;
  }
  return value;
}

/** Go's yaml.v2 read of a rendered string: structure and non-string scalars are taken as values. */
function fromRendered(text: string): unknown {
  let parsed: unknown;
  try {
    // yaml.v2 speaks YAML 1.1 (`yes` and `on` are booleans).
    parsed = parse(text, { version: '1.1', schema: 'yaml-1.1', customTags: [] });
  } catch {
    return text;
  }
  // yaml.v2 leaves timestamps as strings when decoding into interface{}.
  if (typeof parsed === 'string' || parsed instanceof Date) return text;
  return parsed ?? null;
}

/** Go's encoding/json for decoded values: map keys sorted, HTML characters escaped. */
function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (value instanceof Map) return goJson(Object.fromEntries([...value].map(([k, v]) => [String(k), v])));
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return `{${entries.map(([k, v]) => `${goJsonString(k)}:${goJson(v)}`).join(',')}}`;
}
