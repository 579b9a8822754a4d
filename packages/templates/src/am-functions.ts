// Alertmanager's template functions (template.DefaultFuncs of Alertmanager 0.34), with the
// behaviour of the Go functions behind them.

import { fn, GoCallError, type GoFunction } from './go-function.js';
import { toJson } from './go-json.js';
import { matchString, mustCompileGoRegexp, replaceAllString } from './go-regexp.js';
import { GoDuration, GoTime, TIME } from './go-time.js';
import { parseTime, TimeParseError } from './go-time-parse.js';
import {
  ANY,
  ANY_MAP,
  ANY_SLICE,
  GoMap,
  GoNamed,
  GoSlice,
  type GoType,
  type GoValue,
  STRING,
  STRING_SLICE,
  stringOf,
} from './go-value.js';
import { isKnownLocation, zoneAt } from './go-zoneinfo.js';

export const HTML: GoType = { name: 'template.HTML', kind: 'string', underlying: 'string' };
export const URL: GoType = { name: 'template.URL', kind: 'string', underlying: 'string' };

const str = (v: GoValue): string => v as string;

// Go maps case rune by rune (unicode.ToUpper/ToLower); JavaScript also applies the multi-letter
// special casings (ß -> SS, İ -> i̇). Keep Go's single-rune results.
const oneRune = (mapped: string, original: string, takeFirst: boolean): string => {
  const runes = [...mapped];
  if (runes.length === 1) return mapped;
  return takeFirst ? (runes[0] as string) : original;
};

/** strings.ToUpper. */
export function toUpper(s: string): string {
  let out = '';
  for (const ch of s) out += oneRune(ch.toUpperCase(), ch, false);
  return out;
}

/** strings.ToLower. */
export function toLower(s: string): string {
  let out = '';
  for (const ch of s) out += oneRune(ch.toLowerCase(), ch, true);
  return out;
}

/** Letters whose title case differs from their upper case (the Latin digraphs). */
const TITLE_CASE: Record<string, string> = {
  Ǆ: 'ǅ',
  ǅ: 'ǅ',
  ǆ: 'ǅ',
  Ǉ: 'ǈ',
  ǈ: 'ǈ',
  ǉ: 'ǈ',
  Ǌ: 'ǋ',
  ǋ: 'ǋ',
  ǌ: 'ǋ',
  Ǳ: 'ǲ',
  ǲ: 'ǲ',
  ǳ: 'ǲ',
};

/** cases.Title(language.AmericanEnglish): per word, the first cased letter upper, the rest lower. */
function titleCase(text: string): string {
  const segmenter = new Intl.Segmenter('en-US', { granularity: 'word' });
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    let seenCased = false;
    for (const ch of segment) {
      const upper = ch.toUpperCase();
      const lower = ch.toLowerCase();
      if (upper === lower) out += ch;
      else if (!seenCased) {
        seenCased = true;
        // Title case of a letter whose upper case is several (ß -> Ss, ﬁ -> Fi).
        out +=
          TITLE_CASE[ch] ?? ([...upper].length > 1 ? upper.charAt(0) + upper.slice(1).toLowerCase() : upper);
      } else out += lower;
    }
  }
  return out;
}

/** url.QueryUnescape. */
function queryUnescape(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    // Whole code points: a lone surrogate half would encode as U+FFFD.
    const c = String.fromCodePoint(s.codePointAt(i) as number);
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        throw new GoCallError(`invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      }
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (c === '+') bytes.push(0x20);
    else {
      bytes.push(...Buffer.from(c, 'utf8'));
      i += c.length - 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function convertToFloat(v: GoValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof GoDuration) return Number(v.nanoseconds) / 1e9;
  if (v instanceof GoNamed && typeof v.value === 'bigint') return Number(v.value);
  const s = stringOf(v);
  if (s !== undefined && !(v instanceof GoNamed)) {
    const t = s.trim() === s ? s.replaceAll('_', '') : '';
    const f = /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf|infinity|nan)$/i.test(t)
      ? Number(t.replace(/^([+-]?)inf(inity)?$/i, '$1Infinity').replace(/^nan$/i, 'NaN'))
      : Number.NaN;
    if (Number.isNaN(f) && !/^nan$/i.test(t)) {
      throw new GoCallError(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
    }
    return f;
  }
  throw new GoCallError(
    `can't convert ${v === undefined ? '<nil>' : v instanceof GoNamed ? v.type.name : typeof v} to float`,
  );
}

const g4 = (v: number): string => {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  const p = Number(v.toPrecision(4));
  const exp = p === 0 ? 0 : Math.floor(Math.log10(Math.abs(p)));
  if (exp < -4 || exp >= 4) {
    const [m, e] = p.toExponential().split('e') as [string, string];
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(p);
};

/** Prometheus' humanizeDuration (prometheus/common helpers/templates). */
export function humanizeDuration(value: GoValue): string {
  let v = convertToFloat(value);
  if (Number.isNaN(v) || !Number.isFinite(v)) return g4(v);
  if (v === 0) return `${g4(v)}s`;
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    v = Math.abs(v);
    const duration = Math.trunc(v);
    const seconds = duration % 60;
    const minutes = Math.trunc(duration / 60) % 60;
    const hours = Math.trunc(duration / 3600) % 24;
    const days = Math.trunc(duration / 86400);
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${g4(v)}s`;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${g4(v)}${prefix}s`;
}

function base64Decode(text: string): string {
  // base64.URLEncoding: URL alphabet, padding required.
  for (let i = 0; i < text.length; i++) {
    if (!/[A-Za-z0-9\-_=]/.test(text.charAt(i)))
      throw new GoCallError(`illegal base64 data at input byte ${i}`);
  }
  if (text.length % 4 !== 0) {
    throw new GoCallError(`illegal base64 data at input byte ${text.length - (text.length % 4)}`);
  }
  const pad = text.indexOf('=');
  if (pad >= 0 && (pad < text.length - 2 || !/^=+$/.test(text.slice(pad)))) {
    throw new GoCallError(`illegal base64 data at input byte ${pad}`);
  }
  return Buffer.from(text, 'base64url').toString('utf8');
}

const timeParse = (layout: string, value: string): GoTime => {
  try {
    return parseTime(layout, value, 'UTC');
  } catch (err) {
    if (err instanceof TimeParseError) throw new GoCallError(err.message);
    throw err;
  }
};

const startedAt = process.hrtime.bigint();

/** time.Now(): local time with a monotonic reading, as Go prints it. */
function goNow(): GoTime {
  const t = GoTime.fromMillis(Date.now());
  const monotonic = Number(process.hrtime.bigint() - startedAt) / 1e9;
  return new GoTime(t.seconds, t.nanos, zoneAt('Local', t.seconds), monotonic);
}

export const ALERTMANAGER_FUNCTION_MAP: ReadonlyMap<string, GoFunction> = new Map<string, GoFunction>([
  ['toUpper', fn([STRING], ([s]) => toUpper(str(s)))],
  ['toLower', fn([STRING], ([s]) => toLower(str(s)))],
  ['title', fn([STRING], ([s]) => titleCase(str(s)))],
  ['trimSpace', fn([STRING], ([s]) => str(s).replace(/^[\s\u0085]+|[\s\u0085]+$/gu, ''))],
  ['join', fn([STRING, STRING_SLICE], ([sep, list]) => ((list as GoSlice).items as string[]).join(str(sep)))],
  ['match', fn([STRING, STRING], ([pattern, text]) => matchString(str(pattern), str(text)))],
  ['safeHtml', fn([STRING], ([s]) => new GoNamed(HTML, str(s)))],
  ['safeUrl', fn([STRING], ([s]) => new GoNamed(URL, str(s)))],
  ['urlUnescape', fn([STRING], ([s]) => queryUnescape(str(s)))],
  [
    'reReplaceAll',
    fn([STRING, STRING, STRING], ([pattern, repl, text]) =>
      replaceAllString(mustCompileGoRegexp(str(pattern)), str(text), str(repl)),
    ),
  ],
  ['stringSlice', fn([], (args) => new GoSlice(STRING_SLICE, args), STRING)],
  ['routeLabels', fn([STRING], ([name], context) => context.routeLabel(str(name)))],
  ['date', fn([STRING, TIME], ([layout, t]) => (t as GoTime).format(str(layout)))],
  [
    'tz',
    fn([STRING, TIME], ([name, t]) => {
      if (!isKnownLocation(str(name))) throw new GoCallError(`unknown time zone ${str(name)}`);
      return (t as GoTime).in(str(name) === '' ? 'UTC' : str(name));
    }),
  ],
  ['now', fn([], () => goNow())],
  ['since', fn([TIME], ([t]) => new GoDuration(goNow().unixNano() - (t as GoTime).unixNano()))],
  ['humanizeDuration', fn([ANY], ([v]) => humanizeDuration(v))],
  [
    'toDate',
    fn([STRING, STRING], ([layout, s]) => {
      try {
        return timeParse(str(layout), str(s));
      } catch {
        return GoTime.zero();
      }
    }),
  ],
  ['mustToDate', fn([STRING, STRING], ([layout, s]) => timeParse(str(layout), str(s)))],
  ['toJson', fn([ANY], ([v]) => toJson(v))],
  [
    'base64encode',
    fn([STRING], ([s]) =>
      Buffer.from(str(s), 'utf8').toString('base64').replaceAll('+', '-').replaceAll('/', '_'),
    ),
  ],
  ['base64decode', fn([STRING], ([s]) => base64Decode(str(s)))],
  ['list', fn([], (args) => new GoSlice(ANY_SLICE, args), ANY)],
  [
    'append',
    fn([ANY_SLICE], ([list, ...args]) => new GoSlice(ANY_SLICE, [...(list as GoSlice).items, ...args]), ANY),
  ],
  [
    'dict',
    fn(
      [],
      (args) => {
        if (args.length % 2 !== 0) throw new GoCallError('dict requires an even number of arguments');
        const entries = new Map<string, GoValue>();
        for (let i = 0; i < args.length; i += 2) {
          const key = args[i];
          if (typeof key !== 'string') throw new GoCallError('dict keys must be strings');
          entries.set(key, args[i + 1]);
        }
        return new GoMap(ANY_MAP, entries);
      },
      ANY,
    ),
  ],
]);
