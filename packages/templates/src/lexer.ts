// The scanner for text/template: text outside actions, tokens inside {{ }}. It follows Go's lexer
// token for token (trim markers, comments, where an identifier may end, what a number looks like),
// because Go's parse errors quote these tokens and report the line of the last one read.

import { goQuote } from '@tocsin/go-syntax';
import { goRune, utf8Length } from './literals.js';

export type TokenType =
  | 'error' // value is the message
  | 'bool'
  | 'char' // one printable ASCII character not otherwise claimed, such as ','
  | 'charConstant'
  | 'comment'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  | Keyword;

type Keyword =
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

export interface Token {
  readonly type: TokenType;
  /** The source text of the token (for 'error', the message). */
  readonly value: string;
  /** Offset in the template text (a JS string index). */
  readonly pos: number;
}

const KEYWORDS: ReadonlyMap<string, Keyword> = new Map<string, Keyword>([
  ['block', 'block'],
  ['break', 'break'],
  ['continue', 'continue'],
  ['define', 'define'],
  ['else', 'else'],
  ['end', 'end'],
  ['if', 'if'],
  ['nil', 'nil'],
  ['range', 'range'],
  ['template', 'template'],
  ['with', 'with'],
]);

const KEYWORD_TYPES: ReadonlySet<TokenType> = new Set<TokenType>([...KEYWORDS.values(), 'dot']);

export const DEFAULT_LEFT_DELIM = '{{';
export const DEFAULT_RIGHT_DELIM = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
/** A trim marker is '-' plus one space character: "{{- " and " -}}". */
const TRIM_MARKER_LENGTH = 2;

/** Spaces inside actions; newlines count since Go 1.16. */
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const ALPHANUMERIC = /^[\p{L}\p{Nd}_]$/u;
function isAlphaNumeric(c: string): boolean {
  const code = c.charCodeAt(0);
  if (c.length === 1 && code < 0x80) {
    return (
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a) ||
      c === '_'
    );
  }
  return c !== '' && ALPHANUMERIC.test(c);
}
const isAsciiPrintable = (c: string): boolean => c >= ' ' && c <= '~';

interface LexerOptions {
  readonly leftDelim: string;
  readonly rightDelim: string;
  /** False when a function named "break" exists: then it is a function, not a keyword. */
  readonly breakIsKeyword: boolean;
  readonly continueIsKeyword: boolean;
}

export class Lexer {
  private pos = 0;
  private start = 0;
  private insideAction = false;
  private parenDepth = 0;
  private failure: Token | undefined;

  constructor(
    private readonly input: string,
    private readonly options: LexerOptions,
  ) {}

  /** The next token; after an error or EOF the same kind of token keeps coming. */
  next(): Token {
    if (this.failure) return this.failure;
    return this.insideAction ? this.lexInsideAction() : this.lexText();
  }

  // ---- helpers ----

  /** The character (code point) at `at`, or '' at the end. */
  private charAt(at: number): string {
    const cp = this.input.codePointAt(at);
    return cp === undefined ? '' : String.fromCodePoint(cp);
  }

  private peekChar(): string {
    return this.charAt(this.pos);
  }

  private nextChar(): string {
    const c = this.charAt(this.pos);
    this.pos += c.length;
    return c;
  }

  private accept(valid: string): boolean {
    const c = this.peekChar();
    if (c !== '' && valid.includes(c)) {
      this.pos += c.length;
      return true;
    }
    return false;
  }

  private acceptRun(valid: string): void {
    while (this.accept(valid)) {
      // keep going
    }
  }

  private emit(type: TokenType): Token {
    const token = { type, value: this.input.slice(this.start, this.pos), pos: this.start };
    this.start = this.pos;
    return token;
  }

  private error(message: string): Token {
    this.failure = { type: 'error', value: message, pos: this.start };
    return this.failure;
  }

  private hasLeftTrimMarker(at: number): boolean {
    return this.input.charAt(at) === '-' && isSpace(this.input.charAt(at + 1));
  }

  private hasRightTrimMarker(at: number): boolean {
    return isSpace(this.input.charAt(at)) && this.input.charAt(at + 1) === '-';
  }

  /** Whether a right delimiter (maybe after " -") starts here, and whether it trims. */
  private atRightDelim(): { delim: boolean; trim: boolean } {
    const { rightDelim } = this.options;
    if (
      this.hasRightTrimMarker(this.pos) &&
      this.input.startsWith(rightDelim, this.pos + TRIM_MARKER_LENGTH)
    ) {
      return { delim: true, trim: true };
    }
    return { delim: this.input.startsWith(rightDelim, this.pos), trim: false };
  }

  private skipSpacesFrom(at: number): number {
    let i = at;
    while (i < this.input.length && isSpace(this.input.charAt(i))) i++;
    return i;
  }

  /** What may follow an identifier, field or variable: it is how ".X.Y" splits in two. */
  private atTerminator(): boolean {
    const c = this.peekChar();
    if (c === '' || isSpace(c) || '.,|:()'.includes(c)) return true;
    return this.input.startsWith(this.options.rightDelim, this.pos);
  }

  // ---- outside actions ----

  private lexText(): Token {
    const { leftDelim } = this.options;
    const at = this.input.indexOf(leftDelim, this.pos);
    if (at < 0) {
      this.pos = this.input.length;
      return this.pos > this.start ? this.emit('text') : this.emit('eof');
    }
    if (at > this.pos) {
      let end = at;
      if (this.hasLeftTrimMarker(at + leftDelim.length)) {
        while (end > this.start && isSpace(this.input.charAt(end - 1))) end--;
      }
      const text: Token = { type: 'text', value: this.input.slice(this.start, end), pos: this.start };
      this.pos = this.start = at;
      if (text.value.length > 0) return text;
    }
    return this.lexLeftDelim();
  }

  private lexLeftDelim(): Token {
    this.pos += this.options.leftDelim.length;
    const afterMarker = this.hasLeftTrimMarker(this.pos) ? TRIM_MARKER_LENGTH : 0;
    if (this.input.startsWith(LEFT_COMMENT, this.pos + afterMarker)) {
      this.pos += afterMarker;
      this.start = this.pos;
      return this.lexComment();
    }
    const delim = this.emit('leftDelim');
    this.insideAction = true;
    this.parenDepth = 0;
    this.pos += afterMarker;
    this.start = this.pos;
    return delim;
  }

  private lexComment(): Token {
    const close = this.input.indexOf(RIGHT_COMMENT, this.pos + LEFT_COMMENT.length);
    if (close < 0) return this.error('unclosed comment');
    this.pos = close + RIGHT_COMMENT.length;
    const { delim, trim } = this.atRightDelim();
    if (!delim) return this.error('comment ends before closing delimiter');
    const comment = this.emit('comment');
    this.pos += (trim ? TRIM_MARKER_LENGTH : 0) + this.options.rightDelim.length;
    if (trim) this.pos = this.skipSpacesFrom(this.pos);
    this.start = this.pos;
    return comment;
  }

  // ---- inside actions ----

  private lexRightDelim(): Token {
    const { trim } = this.atRightDelim();
    if (trim) this.pos = this.start = this.pos + TRIM_MARKER_LENGTH;
    this.pos += this.options.rightDelim.length;
    const delim = this.emit('rightDelim');
    if (trim) this.pos = this.start = this.skipSpacesFrom(this.pos);
    this.insideAction = false;
    return delim;
  }

  private lexInsideAction(): Token {
    if (this.atRightDelim().delim) {
      return this.parenDepth === 0 ? this.lexRightDelim() : this.error('unclosed left paren');
    }
    const c = this.nextChar();
    if (c === '') return this.error('unclosed action');
    if (isSpace(c)) {
      this.pos -= c.length; // the space may begin " -}}"
      return this.lexSpace();
    }
    switch (c) {
      case '=':
        return this.emit('assign');
      case ':':
        return this.nextChar() === '=' ? this.emit('declare') : this.error('expected :=');
      case '|':
        return this.emit('pipe');
      case '"':
        return this.lexQuote();
      case '`':
        return this.lexRawQuote();
      case '$':
        return this.lexFieldOrVariable('variable');
      case "'":
        return this.lexChar();
      case '(':
        this.parenDepth++;
        return this.emit('leftParen');
      case ')':
        this.parenDepth--;
        return this.parenDepth < 0 ? this.error('unexpected right paren') : this.emit('rightParen');
    }
    // ".x" is a field, ".5" a number.
    if (c === '.') {
      const following = this.input.charAt(this.pos);
      if (following !== '' && !(following >= '0' && following <= '9'))
        return this.lexFieldOrVariable('field');
    }
    if (c === '.' || c === '+' || c === '-' || (c >= '0' && c <= '9')) {
      this.pos -= c.length;
      return this.lexNumber();
    }
    if (isAlphaNumeric(c)) {
      this.pos -= c.length;
      return this.lexIdentifier();
    }
    if (isAsciiPrintable(c)) return this.emit('char');
    return this.error(`unrecognized character in action: ${goRune(c.codePointAt(0) ?? 0)}`);
  }

  private lexSpace(): Token {
    let spaces = 0;
    while (isSpace(this.peekChar())) {
      this.pos++;
      spaces++;
    }
    // Leave the last space for a following " -}}".
    if (
      this.hasRightTrimMarker(this.pos - 1) &&
      this.input.startsWith(this.options.rightDelim, this.pos - 1 + TRIM_MARKER_LENGTH)
    ) {
      this.pos--;
      if (spaces === 1) return this.lexRightDelim();
    }
    return this.emit('space');
  }

  private lexIdentifier(): Token {
    while (isAlphaNumeric(this.peekChar())) this.nextChar();
    if (!this.atTerminator()) return this.badCharacter();
    const word = this.input.slice(this.start, this.pos);
    const keyword = KEYWORDS.get(word);
    if (keyword !== undefined) {
      const demoted =
        (keyword === 'break' && !this.options.breakIsKeyword) ||
        (keyword === 'continue' && !this.options.continueIsKeyword);
      return this.emit(demoted ? 'identifier' : keyword);
    }
    if (word === 'true' || word === 'false') return this.emit('bool');
    return this.emit('identifier');
  }

  /** After '.' or '$': a lone one is dot or "$", else the name runs to a terminator. */
  private lexFieldOrVariable(type: 'field' | 'variable'): Token {
    if (this.atTerminator()) return this.emit(type === 'variable' ? 'variable' : 'dot');
    while (isAlphaNumeric(this.peekChar())) this.nextChar();
    if (!this.atTerminator()) return this.badCharacter();
    return this.emit(type);
  }

  private badCharacter(): Token {
    return this.error(`bad character ${goRune(this.input.codePointAt(this.pos) ?? 0)}`);
  }

  /** Quoted literals run to their closing quote; the parser checks the escapes. */
  private lexQuoted(quote: string, type: TokenType, unterminated: string, newlineEnds: boolean): Token {
    for (;;) {
      const c = this.nextChar();
      if (c === quote) return this.emit(type);
      if (c === '' || (newlineEnds && c === '\n')) return this.error(unterminated);
      if (c === '\\' && newlineEnds) {
        const escaped = this.nextChar();
        if (escaped === '' || escaped === '\n') return this.error(unterminated);
      }
    }
  }

  private lexChar(): Token {
    return this.lexQuoted("'", 'charConstant', 'unterminated character constant', true);
  }

  private lexQuote(): Token {
    return this.lexQuoted('"', 'string', 'unterminated quoted string', true);
  }

  private lexRawQuote(): Token {
    return this.lexQuoted('`', 'rawString', 'unterminated raw quoted string', false);
  }

  /** Go's scanner is loose here ("089", "0x1.2"); the parser rejects what is not a Go number. */
  private lexNumber(): Token {
    if (!this.scanNumber()) return this.error(`bad number syntax: ${goQuote(this.sinceStart())}`);
    const sign = this.peekChar();
    if (sign === '+' || sign === '-') {
      // Complex: 1+2i, no spaces, ends in 'i'.
      if (!this.scanNumber() || !this.sinceStart().endsWith('i')) {
        return this.error(`bad number syntax: ${goQuote(this.sinceStart())}`);
      }
      return this.emit('complex');
    }
    return this.emit('number');
  }

  private sinceStart(): string {
    return this.input.slice(this.start, this.pos);
  }

  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    const decimal = digits.length === 11;
    const hexadecimal = digits.length === 23;
    if ((decimal && this.accept('eE')) || (hexadecimal && this.accept('pP'))) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i'); // imaginary
    if (isAlphaNumeric(this.peekChar())) {
      this.nextChar();
      return false;
    }
    return true;
  }
}

/** How Go prints a token in "unexpected X in Y" messages. */
export function describeToken(token: Token): string {
  if (token.type === 'eof') return 'EOF';
  if (token.type === 'error') return token.value;
  if (KEYWORD_TYPES.has(token.type)) return `<${token.value}>`;
  // Go compares the byte length with 10, then keeps 10 runes.
  if (utf8Length(token.value) > 10) return `${goQuote(Array.from(token.value).slice(0, 10).join(''))}...`;
  return goQuote(token.value);
}

/** Maps string offsets to 1-based lines and columns (columns in code points). */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  /** Without surrogate pairs a column is a plain offset difference. */
  private readonly onlyBmp: boolean;

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    this.onlyBmp = !/[\uD800-\uDFFF]/.test(text);
  }

  locate(pos: number): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= pos) low = mid;
      else high = mid - 1;
    }
    const lineStart = this.lineStarts[low] ?? 0;
    const width = this.onlyBmp ? pos - lineStart : Array.from(this.text.slice(lineStart, pos)).length;
    return { line: low + 1, column: width + 1 };
  }
}
