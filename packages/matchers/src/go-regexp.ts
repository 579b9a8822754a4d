// Compiles matcher regexes with RE2 (linear time) while reporting errors the
// way Go's regexp package words them, since Alertmanager users see those.
import { quoteMeta } from '@tocsin/go-syntax';
import RE2 from 're2';
import { isValidUtf8 } from './chars.js';
import { MatcherError } from './errors.js';

export type CompiledRegexp = InstanceType<typeof RE2>;

// C++ RE2 error texts and their Go regexp/syntax equivalents.
const GO_ERROR_CODES: ReadonlyArray<readonly [string, string]> = [
  ['invalid escape sequence', 'invalid escape sequence'],
  ['invalid character class range', 'invalid character class range'],
  ['invalid character class', 'invalid character class'],
  ['missing ]', 'missing closing ]'],
  ['missing )', 'missing closing )'],
  ['unexpected )', 'unexpected )'],
  ['trailing \\', 'trailing backslash at end of expression'],
  ['no argument for repetition operator', 'missing argument to repetition operator'],
  ['invalid repetition size', 'invalid repeat count'],
  ['bad repetition operator', 'invalid nested repetition operator'],
  ['invalid perl operator', 'invalid or unsupported Perl syntax'],
  ['invalid UTF-8', 'invalid UTF-8'],
  ['invalid named capture group', 'invalid named capture'],
  ['unexpected error', 'regexp/syntax: internal error'],
];
const TOO_LARGE = 'pattern too large - compile failed';
const CAPTURE_NAME = /^\(\?P?<[A-Za-z0-9_]+>$/;
const NAMED_GROUP = /\(\?P?<[A-Za-z0-9_]+>/y;

/** Compiles `^(?:value)$` exactly as Alertmanager builds it (plain concatenation). */
export function compileAnchored(value: string): CompiledRegexp {
  return compileGo(`^(?:${value})$`);
}

/** Compiles a Go-syntax regexp with RE2; throws MatcherError worded like Go's regexp.Compile. */
export function compileGo(source: string): CompiledRegexp {
  if (!isValidUtf8(source)) throw goError('invalid UTF-8', source);
  const prepared = prepare(source);
  if (prepared.invalidEscape !== undefined) throw goError('invalid escape sequence', prepared.invalidEscape);
  try {
    return new RE2(prepared.pattern, 'u');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // C++ RE2 rejects repeated group names; Go accepts them, and matching ignores names.
    if (isDuplicateNameError(message)) {
      try {
        return new RE2(prepared.unnamed, 'u');
      } catch {
        // Fall through and report the error for the pattern as written.
      }
    }
    throw translateError(message, source, prepared.pattern);
  }
}

function isDuplicateNameError(message: string): boolean {
  const prefix = 'invalid named capture group: ';
  if (message === 'duplicate capture group name') return true;
  // A well-formed name can only be refused for being a repeat.
  return message.startsWith(prefix) && CAPTURE_NAME.test(message.slice(prefix.length));
}

function goError(code: string, expr: string): MatcherError {
  return new MatcherError(`error parsing regexp: ${code}: \`${expr}\``);
}

function translateError(message: string, source: string, compiled: string): MatcherError {
  if (message === TOO_LARGE) return goError('expression too large', source);
  for (const [cpp, go] of GO_ERROR_CODES) {
    if (message === cpp) return goError(go, '');
    if (message.startsWith(`${cpp}: `)) {
      const arg = message.slice(cpp.length + 2);
      return goError(go, arg === compiled ? source : arg);
    }
  }
  return new MatcherError(`error parsing regexp: ${message}`);
}

interface Prepared {
  /** The pattern to hand to node-re2. */
  pattern: string;
  /** Same, with named groups made anonymous. */
  unnamed: string;
  /** Set when the pattern has an escape Go rejects but node-re2 would translate or accept. */
  invalidEscape?: string;
}

/**
 * node-re2 rewrites some JavaScript-only escapes (\uXXXX, \cX) and RE2 accepts
 * \C; Go rejects all three, so they are refused here. \Q...\E is expanded to
 * escaped literals so that node-re2's rewriting cannot touch quoted text.
 */
function prepare(source: string): Prepared {
  let pattern = '';
  let unnamed = '';
  let inClass = false;
  let classStart = 0;
  let i = 0;
  // Cached search result keeps hostile inputs like "[[:[:[:..." linear.
  let posixClose = -2;
  const emit = (text: string, anonymous = text): void => {
    pattern += text;
    unnamed += anonymous;
  };
  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === '\\') {
      const next = source.charAt(i + 1);
      if (next === 'u' || next === 'c' || next === 'C') {
        return { pattern, unnamed, invalidEscape: `\\${next}` };
      }
      if (next === 'Q' && !inClass) {
        const end = source.indexOf('\\E', i + 2);
        const literal = end < 0 ? source.slice(i + 2) : source.slice(i + 2, end);
        emit(quoteMeta(literal));
        i = end < 0 ? source.length : end + 2;
        continue;
      }
      emit(source.slice(i, i + 2));
      i += 2;
      continue;
    }
    if (inClass) {
      if (ch === '[' && source.charAt(i + 1) === ':') {
        if (posixClose !== -1 && posixClose < i + 2) posixClose = source.indexOf(':]', i + 2);
        const end = posixClose;
        if (end >= 0) {
          emit(source.slice(i, end + 2));
          i = end + 2;
          continue;
        }
      }
      // A ']' right after '[' or '[^' is a literal, not the end of the class.
      if (ch === ']' && i > classStart) inClass = false;
      emit(ch);
      i++;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      classStart = source.charAt(i + 1) === '^' ? i + 2 : i + 1;
      emit(source.slice(i, classStart));
      i = classStart;
      continue;
    }
    NAMED_GROUP.lastIndex = i;
    const capture = ch === '(' ? NAMED_GROUP.exec(source) : null;
    if (capture) {
      emit(capture[0], '(');
      i += capture[0].length;
      continue;
    }
    emit(ch);
    i++;
  }
  return { pattern, unnamed };
}
