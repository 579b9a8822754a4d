// text/template's predefined functions (Go's funcs.go): comparison, logic, len, index, slice,
// print*, and the html / js / urlquery escapers, with Go's error messages.

import { isPrint } from '@tocsin/go-syntax';
import { fn, GoCallError, type GoFunction } from './go-function.js';
import { GoTime } from './go-time.js';
import {
  ANY,
  assignable,
  GoMap,
  GoNamed,
  GoObject,
  GoSlice,
  GoStruct,
  type GoValue,
  indirect,
  isTrue,
  kindOf,
  REFLECT_VALUE,
  STRING,
  stringOf,
  typeOf,
  UINT8,
  zeroValue,
} from './go-value.js';
import { formatValue, sprint, sprintf, sprintln, typeName } from './printf.js';

type BasicKind = 'bool' | 'int' | 'float' | 'complex' | 'string' | 'invalid';

function basicKind(value: GoValue): BasicKind {
  switch (kindOf(value)) {
    case 'bool':
      return 'bool';
    case 'int':
    case 'uint8':
      return 'int';
    case 'float64':
      return 'float';
    case 'complex128':
      return 'complex';
    case 'string':
      return 'string';
    default:
      return 'invalid';
  }
}

const basic = (value: GoValue): string | bigint | number | boolean | undefined =>
  value instanceof GoNamed ? value.value : (value as string | bigint | number | boolean | undefined);

const BAD_COMPARISON = 'incompatible types for comparison';
const BAD_COMPARISON_TYPE = 'invalid type for comparison';

function eq(arg1: GoValue, rest: GoValue[]): boolean {
  if (rest.length === 0) throw new GoCallError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of rest) {
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (arg1 !== undefined && arg !== undefined) throw new GoCallError(BAD_COMPARISON);
    } else if (k1 === 'invalid') {
      if (arg1 === undefined || arg === undefined) truth = arg1 === arg;
      else if (arg1 instanceof GoObject && arg instanceof GoObject && arg1.type.name !== arg.type.name) {
        throw new GoCallError(
          `non-comparable types ${formatValue(arg1)}: ${typeName(arg1)}, ${typeName(arg)}: ${formatValue(arg)}`,
        );
      } else if (!comparable(arg)) {
        throw new GoCallError(`non-comparable type ${formatValue(arg)}: ${typeName(arg)}`);
      } else truth = goEqual(arg1, arg);
    } else truth = basic(arg1) === basic(arg);
    if (truth) return true;
  }
  return false;
}

/** Go's ==: slices and maps (and structs holding them) cannot be compared. */
function comparable(v: GoValue): boolean {
  if (v instanceof GoSlice || v instanceof GoMap) return false;
  if (v instanceof GoStruct) return Object.values(v.fields).every(comparable);
  return true;
}

function goEqual(a: GoValue, b: GoValue): boolean {
  if (a instanceof GoTime && b instanceof GoTime) {
    return a.seconds === b.seconds && a.nanos === b.nanos && a.zone.location === b.zone.location;
  }
  if (a instanceof GoStruct && b instanceof GoStruct) {
    return Object.keys(a.fields).every((k) => goEqual(a.fields[k], b.fields[k]));
  }
  return basic(a) === basic(b);
}

function lt(a: GoValue, b: GoValue): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new GoCallError(BAD_COMPARISON_TYPE);
  if (k1 !== k2) throw new GoCallError(BAD_COMPARISON);
  if (k1 === 'bool' || k1 === 'complex') throw new GoCallError(BAD_COMPARISON_TYPE);
  const x = basic(a) as string | bigint | number;
  const y = basic(b) as string | bigint | number;
  if (typeof x === 'string') return Buffer.compare(Buffer.from(x), Buffer.from(y as string)) < 0;
  return (x as bigint | number) < (y as bigint | number);
}

const le = (a: GoValue, b: GoValue): boolean => lt(a, b) || eq(a, [b]);

function indexArg(index: GoValue, cap: number): number {
  const k = kindOf(index);
  if (k === 'invalid') throw new GoCallError('cannot index slice/array with nil');
  if (k !== 'int' && k !== 'uint8')
    throw new GoCallError(`cannot index slice/array with type ${typeName(index)}`);
  const x = basic(index) as bigint;
  if (x < 0n || x > BigInt(cap)) throw new GoCallError(`index out of range: ${x}`);
  return Number(x);
}

function index(item: GoValue, indexes: GoValue[]): GoValue {
  if (item === undefined) throw new GoCallError('index of untyped nil');
  let current: GoValue = indirect(item);
  for (const i of indexes) {
    const s = stringOf(current);
    if (s !== undefined) {
      const bytes = Buffer.from(s, 'utf8');
      const x = indexArg(i, bytes.length);
      if (x >= bytes.length) throw new GoCallError('reflect: string index out of range');
      current = new GoNamed(UINT8, BigInt(bytes[x] as number));
    } else if (current instanceof GoSlice) {
      const x = indexArg(i, current.items.length);
      if (x >= current.items.length) throw new GoCallError('reflect: slice index out of range');
      current = current.items[x];
    } else if (current instanceof GoMap) {
      if (i === undefined) throw new GoCallError('value is nil; should be of type string');
      const key = typeOf(i);
      if (!key || !assignable(key, STRING)) {
        throw new GoCallError(`value has type ${typeName(i)}; should be string`);
      }
      const k = stringOf(i) as string;
      current = current.entries.has(k) ? current.entries.get(k) : zeroValue(current.type.elem);
    } else {
      throw new GoCallError(`can't index item of type ${typeName(current)}`);
    }
  }
  return current;
}

function slice(item: GoValue, indexes: GoValue[]): GoValue {
  if (item === undefined) throw new GoCallError('slice of untyped nil');
  if (indexes.length > 3) throw new GoCallError(`too many slice indexes: ${indexes.length}`);
  const s = stringOf(item);
  let length: number;
  if (s !== undefined) {
    if (indexes.length === 3) throw new GoCallError('cannot 3-index slice a string');
    length = Buffer.byteLength(s, 'utf8');
  } else if (item instanceof GoSlice) length = item.items.length;
  else throw new GoCallError(`can't slice item of type ${typeName(item)}`);
  const idx = [0, length, length];
  indexes.forEach((value, i) => {
    idx[i] = indexArg(value, length);
  });
  const [from, to, max] = idx as [number, number, number];
  if (from > to) throw new GoCallError(`invalid slice index: ${from} > ${to}`);
  if (indexes.length === 3 && to > max) throw new GoCallError(`invalid slice index: ${to} > ${max}`);
  if (s !== undefined) {
    const text = Buffer.from(s, 'utf8').subarray(from, to).toString('utf8');
    return item instanceof GoNamed ? new GoNamed(item.type, text) : text;
  }
  return new GoSlice((item as GoSlice).type, (item as GoSlice).items.slice(from, to));
}

function length(value: GoValue): bigint {
  if (value === undefined) throw new GoCallError('reflect: call of reflect.Value.Type on zero Value');
  const item = indirect(value);
  const s = stringOf(item);
  if (s !== undefined) return BigInt(Buffer.byteLength(s, 'utf8'));
  if (item instanceof GoSlice) return BigInt(item.items.length);
  if (item instanceof GoMap) return BigInt(item.entries.size);
  throw new GoCallError(`len of type ${typeName(item)}`);
}

/** The argument text html/js/urlquery escape: one string as is, else fmt.Sprint. */
function evalArgs(args: readonly GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === undefined ? '<no value>' : a)));
}

/** Go's template.HTMLEscapeString. */
export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => HTML_ESCAPES[c] as string);
}

const HTML_ESCAPES: Record<string, string> = {
  '\0': '\uFFFD',
  '"': '&#34;',
  "'": '&#39;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
};

/** Go's template.JSEscapeString. */
function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case "'":
        out += "\\'";
        break;
      case '"':
        out += '\\"';
        break;
      case '<':
        out += '\\u003C';
        break;
      case '>':
        out += '\\u003E';
        break;
      case '&':
        out += '\\u0026';
        break;
      case '=':
        out += '\\u003D';
        break;
      default:
        if (cp < 0x20 || (cp >= 0x80 && !isPrint(cp)))
          out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
        else out += ch;
    }
  }
  return out;
}

/** Go's url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Every builtin except and/or, which the executor evaluates lazily. */
export const BUILTINS: ReadonlyMap<string, GoFunction> = new Map<string, GoFunction>([
  ['and', fn([REFLECT_VALUE], ([first]) => first, REFLECT_VALUE)],
  ['or', fn([REFLECT_VALUE], ([first]) => first, REFLECT_VALUE)],
  ['not', fn([REFLECT_VALUE], ([v]) => !isTrue(v))],
  ['len', fn([REFLECT_VALUE], ([v]) => length(v))],
  ['index', fn([REFLECT_VALUE], ([item, ...rest]) => index(item, rest), REFLECT_VALUE)],
  ['slice', fn([REFLECT_VALUE], ([item, ...rest]) => slice(item, rest), REFLECT_VALUE)],
  ['print', fn([], (args) => sprint(args), ANY)],
  ['printf', fn([STRING], ([format, ...args]) => sprintf(format as string, args), ANY)],
  ['println', fn([], (args) => sprintln(args), ANY)],
  ['html', fn([], (args) => htmlEscape(evalArgs(args)), ANY)],
  ['js', fn([], (args) => jsEscape(evalArgs(args)), ANY)],
  ['urlquery', fn([], (args) => queryEscape(evalArgs(args)), ANY)],
  ['eq', fn([REFLECT_VALUE], ([a, ...rest]) => eq(a, rest), REFLECT_VALUE)],
  ['ne', fn([REFLECT_VALUE, REFLECT_VALUE], ([a, b]) => !eq(a, [b]))],
  ['lt', fn([REFLECT_VALUE, REFLECT_VALUE], ([a, b]) => lt(a, b))],
  ['le', fn([REFLECT_VALUE, REFLECT_VALUE], ([a, b]) => le(a, b))],
  ['gt', fn([REFLECT_VALUE, REFLECT_VALUE], ([a, b]) => !le(a, b))],
  ['ge', fn([REFLECT_VALUE, REFLECT_VALUE], ([a, b]) => !lt(a, b))],
  [
    'call',
    fn(
      [REFLECT_VALUE],
      ([f]) => {
        throw new GoCallError(`non-function ${formatValue(f)} of type ${typeName(f)}`);
      },
      REFLECT_VALUE,
    ),
  ],
]);
