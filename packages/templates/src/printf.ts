// Go's fmt for template values: Sprint, Sprintln and Sprintf with Go's verbs, flags, widths,
// precisions and its `%!verb(type=value)` complaints, and %v of slices, maps and structs as Go
// prints them (Stringers used at every depth).

import { goQuote, isPrint } from '@tocsin/go-syntax';
import { exactDecimal, formatE, formatF, formatG } from './go-decimal.js';
import { GO_ZERO_SECONDS, GoTime } from './go-time.js';
import { GoMap, GoNamed, GoPointer, GoSlice, GoStruct, type GoValue, kindOf, typeOf } from './go-value.js';

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  /** %+v: struct field names. */
  plusV: boolean;
  sharpV: boolean;
  width?: number;
  prec?: number;
}

const noFlags = (): Flags => ({
  plus: false,
  minus: false,
  sharp: false,
  space: false,
  zero: false,
  plusV: false,
  sharpV: false,
});

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: readonly GoValue[]): string {
  let out = '';
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = kindOf(arg) === 'string';
    if (i > 0 && !isString && !prevString) out += ' ';
    out += formatArg(arg, 'v', noFlags());
    prevString = isString;
  });
  return out;
}

/** fmt.Sprintln: spaces always, and a newline. */
export function sprintln(args: readonly GoValue[]): string {
  return `${args.map((arg) => formatArg(arg, 'v', noFlags())).join(' ')}\n`;
}

/** fmt.Sprint of one value: what `{{ value }}` prints. */
export function formatValue(value: GoValue): string {
  return formatArg(value, 'v', noFlags());
}

export function sprintf(format: string, args: readonly GoValue[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const chars = [...format];
  while (i < chars.length) {
    const c = chars[i] as string;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    const flags = noFlags();
    for (; i < chars.length; i++) {
      const f = chars[i];
      if (f === '#') flags.sharp = true;
      else if (f === '0') flags.zero = !flags.minus;
      else if (f === '+') flags.plus = true;
      else if (f === '-') {
        flags.minus = true;
        flags.zero = false;
      } else if (f === ' ') flags.space = true;
      else break;
    }
    // Argument index [n].
    let badIndex = false;
    const argIndex = (): void => {
      if (chars[i] !== '[') return;
      reordered = true;
      const close = chars.indexOf(']', i);
      const n = Number(chars.slice(i + 1, close).join(''));
      if (close > 0 && Number.isInteger(n) && n >= 1 && n <= args.length) {
        argNum = n - 1;
        i = close + 1;
      } else {
        badIndex = true;
        i = close > 0 ? close + 1 : i + 1;
      }
    };
    argIndex();
    if (chars[i] === '*') {
      i++;
      const w = args[argNum++];
      if (typeof w === 'bigint') {
        flags.width = Number(w);
        if (flags.width < 0) {
          flags.minus = true;
          flags.zero = false;
          flags.width = -flags.width;
        }
      } else out += '%!(BADWIDTH)';
    } else {
      let digits = '';
      while (/[0-9]/.test(chars[i] ?? '')) digits += chars[i++];
      if (digits) flags.width = Number(digits);
    }
    if (chars[i] === '.') {
      i++;
      argIndex();
      if (chars[i] === '*') {
        i++;
        const p = args[argNum++];
        if (typeof p === 'bigint' && p >= 0n) flags.prec = Number(p);
        else out += '%!(BADPREC)';
      } else {
        let digits = '';
        while (/[0-9]/.test(chars[i] ?? '')) digits += chars[i++];
        flags.prec = digits ? Number(digits) : 0;
      }
    }
    argIndex();
    const verb = chars[i++];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (badIndex) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argNum++];
    if (verb === 'v') {
      flags.sharpV = flags.sharp;
      flags.plusV = flags.plus;
      if (flags.sharpV) flags.sharp = false;
      if (flags.plusV) flags.plus = false;
    }
    out += formatArg(arg, verb, flags);
  }
  if (!reordered && argNum < args.length) {
    const extra = args
      .slice(argNum)
      .map((a) => (a === undefined ? '<nil>' : `${typeName(a)}=${formatValue(a)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

/** strconv.QuoteToASCII from Quote's output: non-ASCII characters as \u / \U escapes. */
function asciiOnly(quoted: string): string {
  let out = '';
  for (const ch of quoted) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) out += ch;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return out;
}

/** strconv.CanBackquote: no backquote and no control character other than tab. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '`' || cp === 0xfeff || cp === 0x7f || (cp < 0x20 && ch !== '\t')) return false;
  }
  return true;
}

export function typeName(value: GoValue): string {
  return typeOf(value)?.name ?? '<nil>';
}

function pad(text: string, flags: Flags, zeroAllowed = true): string {
  const width = flags.width ?? 0;
  const length = [...text].length;
  if (length >= width) return text;
  const fill = width - length;
  if (flags.minus) return text + ' '.repeat(fill);
  if (flags.zero && zeroAllowed) {
    const sign = /^[+\- ]/.test(text) ? text.charAt(0) : '';
    return sign + '0'.repeat(fill) + text.slice(sign.length);
  }
  return ' '.repeat(fill) + text;
}

function badVerb(value: GoValue, verb: string): string {
  if (value === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(value)}=${formatArg(value, 'v', noFlags())})`;
}

function formatArg(value: GoValue, verb: string, flags: Flags, depth = 0): string {
  if (verb === 'T') return pad(typeName(value), flags);
  if (value === undefined) {
    return verb === 'v' ? pad('<nil>', flags) : badVerb(value, verb);
  }
  const type = typeOf(value);
  if (type?.stringer && 'vsxXq'.includes(verb) && !flags.sharpV) {
    return formatString(type.stringer(value), verb, flags) ?? badVerb(value, verb);
  }
  switch (typeof value) {
    case 'boolean':
      return verb === 't' || verb === 'v' ? pad(String(value), flags) : badVerb(value, verb);
    case 'bigint':
      return formatInteger(value, verb, flags) ?? badVerb(value, verb);
    case 'number':
      return formatFloat(value, verb, flags) ?? badVerb(value, verb);
    case 'string':
      return formatString(value, verb, flags) ?? badVerb(value, verb);
  }
  if (value instanceof GoNamed) {
    const inner =
      typeof value.value === 'string'
        ? formatString(value.value, verb, flags)
        : formatInteger(value.value, verb, flags);
    return inner ?? badVerb(value, verb);
  }
  if (value instanceof GoSlice) {
    if (flags.sharpV) {
      return `${typeName(value)}{${value.items.map((v) => formatArg(v, verb, flags, depth + 1)).join(', ')}}`;
    }
    return `[${value.items.map((v) => formatArg(v, verb, flags, depth + 1)).join(' ')}]`;
  }
  if (value instanceof GoMap) {
    const sep = flags.sharpV ? ', ' : ' ';
    const body = value
      .sortedKeys()
      .map(
        (k) =>
          `${formatArg(k, verb, flags, depth + 1)}:${formatArg(value.entries.get(k), verb, flags, depth + 1)}`,
      )
      .join(sep);
    return flags.sharpV ? `${typeName(value)}{${body}}` : `map[${body}]`;
  }
  if (value instanceof GoTime) {
    // Verbs a Stringer does not serve print time.Time's fields: wall, ext (seconds since year 1), loc.
    const wall = formatArg(BigInt(value.nanos), verb, flags, depth + 1);
    const ext = formatArg(BigInt(value.seconds) - BigInt(GO_ZERO_SECONDS), verb, flags, depth + 1);
    return `{${wall} ${ext} ${formatArg(0n, verb, flags, depth + 1)}}`;
  }
  if (value instanceof GoPointer) {
    // fmt prints a pointer to a struct as &{...} at the top, as an address below it.
    return depth === 0 ? `&${formatArg(value.target, verb, flags, depth)}` : '0xc000010000';
  }
  if (value instanceof GoStruct) {
    const fields = value.type.fields ?? [];
    const body = fields
      .map(({ name }) => {
        const v = formatArg(value.fields[name], verb, flags, depth + 1);
        return flags.plusV || flags.sharpV ? `${name}:${v}` : v;
      })
      .join(flags.sharpV ? ', ' : ' ');
    return flags.sharpV ? `${typeName(value)}{${body}}` : `{${body}}`;
  }
  return badVerb(value, verb);
}

function formatString(s: string, verb: string, flags: Flags): string | undefined {
  if (verb === 'v' && flags.sharpV) return pad(goQuote(s), flags);
  switch (verb) {
    case 'v':
    case 's': {
      const text = flags.prec === undefined ? s : [...s].slice(0, flags.prec).join('');
      return pad(text, flags);
    }
    case 'q': {
      if (flags.sharp && canBackquote(s)) {
        return pad(`\`${s}\``, flags);
      }
      return pad(flags.plus ? asciiOnly(goQuote(s)) : goQuote(s), flags);
    }
    case 'x':
    case 'X': {
      const bytes = [...Buffer.from(s, 'utf8')].map((b) => b.toString(16).padStart(2, '0'));
      let hex = flags.space ? bytes.map((b) => (flags.sharp ? `0x${b}` : b)).join(' ') : bytes.join('');
      if (!flags.space && flags.sharp && hex) hex = `0x${hex}`;
      return pad(verb === 'X' ? hex.toUpperCase().replaceAll('0X', '0X') : hex, flags);
    }
    default:
      return undefined;
  }
}

function formatInteger(n: bigint, verb: string, flags: Flags): string | undefined {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let digits: string;
  let prefix = '';
  switch (verb) {
    case 'v':
    case 'd':
      digits = abs.toString(10);
      break;
    case 'b':
      digits = abs.toString(2);
      if (flags.sharp) prefix = '0b';
      break;
    case 'o':
    case 'O':
      digits = abs.toString(8);
      if (verb === 'O') prefix = '0o';
      else if (flags.sharp) prefix = '0';
      break;
    case 'x':
      digits = abs.toString(16);
      if (flags.sharp) prefix = '0x';
      break;
    case 'X':
      digits = abs.toString(16).toUpperCase();
      if (flags.sharp) prefix = '0X';
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(n) >= 0 && Number(n) <= 0x10ffff ? Number(n) : 0xfffd), flags);
    case 'q': {
      const cp = Number(n) >= 0 && Number(n) <= 0x10ffff ? Number(n) : 0xfffd;
      const ch = String.fromCodePoint(cp);
      const quoted = ch === "'" ? "'\\''" : `'${goQuote(ch).slice(1, -1).replace('\\"', '"')}'`;
      return pad(quoted, flags);
    }
    case 'U': {
      const hex = `U+${abs.toString(16).toUpperCase().padStart(4, '0')}`;
      const cp = Number(n);
      const printable = flags.sharp && cp >= 0 && cp <= 0x10ffff && isPrint(cp);
      return pad(printable ? `${hex} '${String.fromCodePoint(cp)}'` : hex, flags);
    }
    default:
      return undefined;
  }
  if (flags.prec !== undefined) {
    if (flags.prec === 0 && n === 0n) digits = '';
    digits = digits.padStart(flags.prec, '0');
  }
  const sign = negative ? '-' : flags.plus ? '+' : flags.space ? ' ' : '';
  const width = flags.width ?? 0;
  const body = prefix + digits;
  if (flags.zero && !flags.minus && flags.prec === undefined && sign.length + body.length < width) {
    return sign + prefix + digits.padStart(width - sign.length - prefix.length, '0');
  }
  return pad(sign + body, flags, false);
}

function formatFloat(v: number, verb: string, flags: Flags): string | undefined {
  if (!'vbeEfFgGxX'.includes(verb)) return undefined;
  let text: string;
  if (Number.isNaN(v)) text = flags.plus ? '+NaN' : flags.space ? ' NaN' : 'NaN';
  else if (!Number.isFinite(v)) text = v > 0 ? (flags.plus ? '+Inf' : flags.space ? ' Inf' : '+Inf') : '-Inf';
  else {
    const negative = v < 0 || Object.is(v, -0);
    const abs = Math.abs(v);
    let body: string;
    switch (verb) {
      case 'e':
      case 'E':
        body = formatE(exactDecimal(abs), flags.prec ?? 6, verb);
        break;
      case 'f':
      case 'F':
        body = formatF(exactDecimal(abs), flags.prec ?? 6);
        break;
      case 'g':
      case 'G':
        body = formatG(abs, flags.prec ?? -1, verb === 'G' ? 'E' : 'e');
        break;
      case 'v':
        body = formatG(abs, flags.prec ?? -1);
        break;
      case 'b':
        body = formatBinaryFloat(abs);
        break;
      default:
        body = formatHexFloat(abs, flags.prec ?? -1, verb === 'X');
    }
    const sign = negative ? '-' : flags.plus ? '+' : flags.space ? ' ' : '';
    text = sign + body;
    if (v === Number.POSITIVE_INFINITY && !flags.plus) text = '+Inf';
  }
  if (!Number.isFinite(v)) {
    // Go pads infinities and NaN with spaces, never zeros, and drops the + of +Inf without %+.
    if (v === Number.POSITIVE_INFINITY && !flags.plus && !flags.space) text = '+Inf';
    return pad(text, flags, false);
  }
  return pad(text, flags);
}

/** The float's bits: mantissa with the implicit 1, and the binary exponent of its lowest bit. */
function floatBits(v: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  return exp === 0
    ? { mantissa: frac, exponent: -1074 }
    : { mantissa: frac | (1n << 52n), exponent: exp - 1075 };
}

/** %b of a float: decimal mantissa, p, binary exponent (strconv's 'b' format). */
function formatBinaryFloat(v: number): string {
  const { mantissa, exponent } = floatBits(v);
  return `${mantissa}p${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
}

/** %x of a float: 0x1.8p+01, shortest hex digits unless a precision is given (strconv's 'x'). */
function formatHexFloat(v: number, prec: number, upper: boolean): string {
  let mantissa = 0n;
  let exponent = 0;
  if (v !== 0) {
    const bits = floatBits(v);
    mantissa = bits.mantissa;
    exponent = bits.exponent + 52;
    // Normalise subnormals so the leading digit is 1.
    while (mantissa < 1n << 52n) {
      mantissa <<= 1n;
      exponent--;
    }
  }
  let fraction = (mantissa & ((1n << 52n) - 1n)).toString(16).padStart(13, '0');
  if (prec >= 0 && prec < 13) {
    // Round half to even at the requested hex digit.
    const shift = BigInt(4 * (13 - prec));
    let m = mantissa;
    const half = 1n << (shift - 1n);
    const rest = m & ((1n << shift) - 1n);
    m >>= shift;
    if (rest > half || (rest === half && (m & 1n) === 1n)) m++;
    if (m >> BigInt(4 * prec) >= 2n) {
      m >>= 1n;
      exponent++;
    }
    fraction = prec === 0 ? '' : (m & ((1n << BigInt(4 * prec)) - 1n)).toString(16).padStart(prec, '0');
  } else if (prec < 0) fraction = fraction.replace(/0+$/, '');
  else fraction = fraction.padEnd(prec, '0');
  const lead = v === 0 ? '0' : '1';
  const exp = `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  const text = `0x${lead}${fraction ? `.${fraction}` : ''}p${exp}`;
  return upper ? text.toUpperCase() : text;
}
