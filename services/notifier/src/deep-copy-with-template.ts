import { parse } from 'yaml';

/**
 * Alertmanager's `template.DeepCopyWithTemplate` (0.34): every string in `value`, map keys
 * included, is rendered; a rendered string that reads as YAML structure or a YAML scalar other
 * than a string (a map, a list, a number, a bool, null, or nothing at all) becomes that value.
 * Webhook `payload` and PagerDuty `details` go through it.
 */
export function deepCopyWithTemplate(value: unknown, render: (text: string) => string): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return fromRendered(render(value));
  if (Array.isArray(value)) return value.map((v) => deepCopyWithTemplate(v, render));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[render(key)] = deepCopyWithTemplate(v, render);
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
