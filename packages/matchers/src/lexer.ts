// Tokens of the UTF-8 matchers grammar. Positions are code point columns,
// which is how Alertmanager counts them in its error messages.
import { isGoSpace, isReserved } from './chars.js';

export type TokenKind = 'eof' | '{' | '}' | ',' | '=' | '!=' | '=~' | '!~' | 'quoted' | 'unquoted';

export interface Token {
  readonly kind: TokenKind;
  /** The token as written, quotes and escapes included. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Input the lexer cannot tokenize; `message` already says where. */
export class LexError extends Error {
  readonly column: number;

  constructor(message: string, column: number) {
    super(message);
    this.column = column;
  }
}

export class Lexer {
  readonly #chars: readonly string[];
  #offset = 0;

  constructor(input: string) {
    this.#chars = Array.from(input);
  }

  /** Number of code points in the input. */
  get length(): number {
    return this.#chars.length;
  }

  /** Column just after the last consumed token. */
  get offset(): number {
    return this.#offset;
  }

  peek(): Token {
    return this.#scan(this.#offset);
  }

  next(): Token {
    const token = this.#scan(this.#offset);
    this.#offset = token.end;
    return token;
  }

  #scan(from: number): Token {
    const chars = this.#chars;
    let start = from;
    while (start < chars.length && isGoSpace(chars[start] ?? '')) start++;
    const ch = chars[start];
    if (ch === undefined) return this.#token('eof', start, start);
    switch (ch) {
      case '{':
      case '}':
      case ',':
        return this.#token(ch, start, start + 1);
      case '=':
        return chars[start + 1] === '~'
          ? this.#token('=~', start, start + 2)
          : this.#token('=', start, start + 1);
      case '!':
        return this.#scanNegation(start);
      case '"':
        return this.#scanQuoted(start);
    }
    if (isReserved(ch)) throw new LexError(`${start}:${start + 1}: ${ch}: invalid input`, start);
    let end = start + 1;
    while (end < chars.length && !isReserved(chars[end] ?? '')) end++;
    return this.#token('unquoted', start, end);
  }

  #scanNegation(start: number): Token {
    const next = this.#chars[start + 1];
    if (next === '=') return this.#token('!=', start, start + 2);
    if (next === '~') return this.#token('!~', start, start + 2);
    const where = `${start}:${start + 1}`;
    if (next === undefined)
      throw new LexError(`${where}: unexpected end of input, expected one of '=~'`, start);
    throw new LexError(`${where}: !: expected one of '=~'`, start);
  }

  // Only finds the closing quote; escapes are decoded later, when the parser unquotes.
  #scanQuoted(start: number): Token {
    const chars = this.#chars;
    let escaped = false;
    for (let i = start + 1; i < chars.length; i++) {
      const ch = chars[i];
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') return this.#token('quoted', start, i + 1);
    }
    const text = chars.slice(start).join('');
    throw new LexError(`${start}:${chars.length}: ${text}: missing end "`, start);
  }

  #token(kind: TokenKind, start: number, end: number): Token {
    return { kind, text: this.#chars.slice(start, end).join(''), start, end };
  }
}
