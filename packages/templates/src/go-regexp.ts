// Go's regexp (RE2 syntax) on JavaScript's engine: the pattern is translated (named groups,
// POSIX classes, \A \z \Q..\E, leading flag groups, \pL), errors read like Go's, and
// ReplaceAllString follows Go's rules for empty matches and `$name` expansion.

import { goQuote } from '@tocsin/go-syntax';
import { canBackquote } from './printf.js';

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-/:-@[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

class GoRegexpError extends Error {}

const backquote = (s: string): string => (canBackquote(s) ? `\`${s}\`` : goQuote(s));

function translate(pattern: string): { source: string; flags: string } {
  let flags = '';
  let rest = pattern;
  const leading = /^\(\?([imsU]+)\)/.exec(rest);
  if (leading) {
    for (const f of leading[1] as string) if (f !== 'U' && !flags.includes(f)) flags += f;
    rest = rest.slice(leading[0].length);
  }
  let source = '';
  let unicode = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charAt(i);
    if (c === '\\') {
      const next = rest.charAt(i + 1);
      if (next === 'Q') {
        const end = rest.indexOf('\\E', i + 2);
        const literal = end < 0 ? rest.slice(i + 2) : rest.slice(i + 2, end);
        source += literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
        i = end < 0 ? rest.length : end + 1;
        continue;
      }
      if (next === 'A') source += '^';
      else if (next === 'z') source += '$(?![\\s\\S])';
      else if ((next === 'p' || next === 'P') && rest.charAt(i + 2) !== '{') {
        source += `\\${next}{${rest.charAt(i + 2)}}`;
        unicode = true;
        i += 2;
        continue;
      } else {
        if (next === 'p' || next === 'P') unicode = true;
        source += c + next;
      }
      i++;
      continue;
    }
    if (c === '(' && rest.startsWith('(?P<', i)) {
      source += '(?<';
      i += 3;
      continue;
    }
    if (c === '[' && rest.charAt(i + 1) === ':') {
      const m = /^\[:(\^?)([a-z]+):\]/.exec(rest.slice(i));
      if (m && POSIX[m[2] as string]) {
        source += m[1] ? `[^${POSIX[m[2] as string]}]` : `[${POSIX[m[2] as string]}]`;
        i += m[0].length - 1;
        continue;
      }
    }
    source += c;
  }
  // POSIX classes inside brackets: [[:alpha:]x] became [[A-Za-z]x]; flatten the inner brackets.
  source = source.replace(/\[\[([^\]^][^\]]*)\]/g, '[$1');
  if (unicode) flags += 'u';
  return { source, flags };
}

const cache = new Map<string, RegExp>();

/** regexp.Compile; throws GoRegexpError with Go's `error parsing regexp: ...` text. */
function compileGoRegexp(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const { source, flags } = translate(pattern);
  let re: RegExp;
  try {
    re = new RegExp(source, `${flags}g`);
  } catch (err) {
    throw new GoRegexpError(`error parsing regexp: ${goReason(pattern, (err as Error).message)}`);
  }
  cache.set(pattern, re);
  return re;
}

function goReason(pattern: string, message: string): string {
  if (/Unterminated group/i.test(message)) return `missing closing ): ${backquote(pattern)}`;
  if (/Unmatched '\)'/i.test(message)) return `unexpected ): ${backquote(pattern)}`;
  if (/Unterminated character class/i.test(message)) {
    return `missing closing ]: ${backquote(pattern.slice(pattern.lastIndexOf('[')))}`;
  }
  const repeat = /Nothing to repeat/i.test(message) ? /(^|[^\\])([*+?]|\{\d+(,\d*)?\})/.exec(pattern) : null;
  if (repeat) return `missing argument to repetition operator: ${backquote(repeat[2] as string)}`;
  return `${message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '').toLowerCase()}: ${backquote(pattern)}`;
}

/** regexp.MustCompile: Go panics with this text. */
export function mustCompileGoRegexp(pattern: string): RegExp {
  try {
    return compileGoRegexp(pattern);
  } catch (err) {
    throw new GoRegexpError(`regexp: Compile(${backquote(pattern)}): ${(err as Error).message}`);
  }
}

export function matchString(pattern: string, text: string): boolean {
  const re = compileGoRegexp(pattern);
  re.lastIndex = 0;
  return re.test(text);
}

/** Regexp.ReplaceAllString: `$1`, `${1}`, `$name`, `${name}`, `$$`; empty matches as Go skips them. */
export function replaceAllString(re: RegExp, text: string, template: string): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= text.length) {
    re.lastIndex = searchPos;
    const m = re.exec(text);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    out += text.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += expand(template, m);
    lastMatchEnd = end;
    const width = searchPos < text.length ? ((text.codePointAt(searchPos) as number) > 0xffff ? 2 : 1) : 0;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + text.slice(lastMatchEnd);
}

function expand(template: string, m: RegExpExecArray): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(rest);
    if (!ref) {
      out += '$';
      continue;
    }
    const name = (ref[1] ?? ref[2]) as string;
    rest = rest.slice(ref[0].length);
    if (/^[0-9]+$/.test(name) && !(name.length > 1 && name.startsWith('0'))) {
      out += m[Number(name)] ?? '';
    } else {
      out += m.groups?.[name] ?? '';
    }
  }
  return out + rest;
}
