// Alertmanager validates a silence regex as written (`regexp.Compile(pattern)`), while
// @tocsin/matchers compiles the anchored form `^(?:pattern)$`. This restates the anchored
// result as Go words it for the bare pattern.

import { Matcher, MatcherError } from '@tocsin/matchers';

const ERROR = /^(error parsing regexp: [^`]*: )`([\s\S]*)`$/;

/** Go's `regexp.Compile(value)` error text, or undefined when the pattern compiles. */
export function goRegexpError(value: string): string | undefined {
  try {
    Matcher.create('=~', 'x', value);
  } catch (err) {
    if (!(err instanceof MatcherError)) throw err;
    return restate(err.message, value);
  }
  // `a)(b` compiles once wrapped (its `)` closes the wrapper's group) but not alone.
  return closesOuterGroup(value) ? `error parsing regexp: unexpected ): \`${value}\`` : undefined;
}

function restate(message: string, value: string): string {
  const m = ERROR.exec(message);
  if (!m) return message;
  const [, head = '', fragment = ''] = m;
  // A trailing backslash escapes the wrapper's `)` instead of failing by itself.
  if (/(^|[^\\])(\\\\)*\\$/.test(value) && /missing closing [)\]]/.test(head)) {
    return 'error parsing regexp: trailing backslash at end of expression: ``';
  }
  const anchored = `^(?:${value})$`;
  if (fragment === anchored) return `${head}\`${value}\``;
  // Fragments that run to the end of the input also hold the wrapper's `)$`.
  if (fragment.endsWith(')$') && value.endsWith(fragment.slice(0, -2))) {
    return `${head}\`${fragment.slice(0, -2)}\``;
  }
  return message;
}

// Index of the `]` closing the class opened at `start`, or the input length.
function classEnd(v: string, start: number): number {
  let j = start + 1;
  if (v[j] === '^') j++;
  if (v[j] === ']') j++; // a leading `]` is a literal
  for (; j < v.length; j++) {
    const c = v[j];
    if (c === '\\') {
      j++;
    } else if (c === '[' && v[j + 1] === ':') {
      const end = v.indexOf(':]', j + 2);
      if (end >= 0) j = end + 1;
    } else if (c === ']') {
      return j;
    }
  }
  return v.length;
}

/** Whether a `)` outside escapes and classes closes more groups than the pattern opened. */
function closesOuterGroup(v: string): boolean {
  let depth = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '\\') {
      if (v[i + 1] === 'Q') {
        const end = v.indexOf('\\E', i + 2);
        if (end < 0) return false;
        i = end + 1;
      } else {
        i++;
      }
    } else if (c === '[') {
      i = classEnd(v, i);
    } else if (c === '(') {
      depth++;
    } else if (c === ')' && --depth < 0) {
      return true;
    }
  }
  return false;
}
