/// <reference lib="es2024.string" />
/** pino's numeric levels by name, for the `level=` field. */
const LEVEL_NAMES: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

// Fields that lead every line, in this order; the event's own fields follow as logged.
const LEADING = ['time', 'level', 'service', 'instance', 'msg'] as const;

/**
 * One pino record as a logfmt line (`ts=... level=info service=ingest msg="Listening" port=9093`),
 * the format Alertmanager logs in by default. Objects and arrays are written as JSON strings.
 */
export function toLogfmt(record: Record<string, unknown>): string {
  const parts: string[] = [];
  if (record.time !== undefined) parts.push(`ts=${logfmtValue(record.time)}`);
  if (record.level !== undefined) {
    const level =
      typeof record.level === 'number' ? (LEVEL_NAMES[record.level] ?? record.level) : record.level;
    parts.push(`level=${logfmtValue(level)}`);
  }
  for (const key of ['service', 'instance', 'msg'] as const)
    if (record[key] !== undefined) parts.push(`${key}=${logfmtValue(record[key])}`);
  for (const [key, value] of Object.entries(record)) {
    if ((LEADING as readonly string[]).includes(key) || value === undefined) continue;
    parts.push(`${logfmtKey(key)}=${logfmtValue(value)}`);
  }
  return parts.join(' ');
}

/** Keys never contain what would end them: spaces, `=`, quotes and control characters become `_`. */
export function logfmtKey(key: string): string {
  const clean = [...key].map((c) => (c === '"' || needsQuotes(c) ? '_' : c)).join('');
  return clean === '' ? '_' : clean;
}

/**
 * A value, quoted only when it must be: when empty, or when it holds a space, `=`, `"`, a
 * control character or a lone surrogate. Inside quotes `\` and `"` are escaped, and control
 * characters are written as `\n`, `\r`, `\t` or `\u00XX`.
 */
export function logfmtValue(value: unknown): string {
  const text =
    value === null
      ? 'null'
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value as string | number | boolean | bigint);
  if (text !== '' && text.isWellFormed() && ![...text].some((c) => c === '"' || needsQuotes(c))) return text;
  return `"${[...text.toWellFormed()].map(escapeChar).join('')}"`;
}

/** Space, `=` and control characters (C0, DEL) would end or break a bare value. */
function needsQuotes(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  return code <= 0x20 || code === 0x7f || c === '=' || /\s/.test(c);
}

function escapeChar(c: string): string {
  switch (c) {
    case '\\':
      return '\\\\';
    case '"':
      return '\\"';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default: {
      const code = c.codePointAt(0) ?? 0;
      return code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, '0')}` : c;
    }
  }
}
