// The UTF-8 matchers parser (Alertmanager >= 0.27, matcher/parse): optional
// balanced braces, comma-separated matchers, one trailing comma, quoted or
// unquoted tokens. Error messages follow Alertmanager's wording.
import { goUnquote } from '@tocsin/go-syntax';
import { MatcherError, MatcherParseError } from './errors.js';
import { LexError, Lexer, type Token, type TokenKind } from './lexer.js';
import { Matcher, type MatchType } from './matcher.js';

const EXPECTED_NAME = 'expected label name';
const EXPECTED_OPERATOR = "expected an operator such as '=', '!=', '=~' or '!~'";
const EXPECTED_VALUE = 'expected label value';
const EXPECTED_SEPARATOR = 'expected a comma or close brace';
const EXPECTED_AFTER_COMMA = 'expected a matcher or close brace after comma';
const EXPECTED_CLOSE = 'expected close brace';
const EXPECTED_OPEN = 'expected opening brace';
const EXPECTED_EOF = 'expected end of input';

const OPERATORS: readonly TokenKind[] = ['=', '!=', '=~', '!~'];
const LITERALS: readonly TokenKind[] = ['quoted', 'unquoted'];

/** Zero or more matchers, e.g. `{foo="bar", baz=~"qu+x",}`. */
export function parseUtf8Matchers(input: string): Matcher[] {
  return new Utf8Parser(input).parse();
}

/** Exactly one matcher (braces allowed, as in Alertmanager's parse.Matcher). */
export function parseUtf8Matcher(input: string): Matcher {
  const matchers = parseUtf8Matchers(input);
  const [first] = matchers;
  if (first === undefined) throw new MatcherParseError('no matchers', input);
  if (matchers.length > 1) throw new MatcherParseError(`expected 1 matcher, found ${matchers.length}`, input);
  return first;
}

class Utf8Parser {
  readonly #input: string;
  readonly #lexer: Lexer;
  #hasOpenBrace = false;
  readonly #matchers: Matcher[] = [];

  constructor(input: string) {
    this.#input = input;
    this.#lexer = new Lexer(input);
  }

  parse(): Matcher[] {
    // Lexer errors before the first matcher are reported as they are.
    const first = this.#peek();
    if (first.kind === 'eof') return this.#end();
    if (first.kind === '{') {
      this.#hasOpenBrace = true;
      this.#lexer.next();
    }
    let next = this.#peek();
    while (next.kind !== 'eof' && next.kind !== '}') {
      this.#parseMatcher();
      next = this.#peek(EXPECTED_SEPARATOR);
      if (next.kind === 'eof' || next.kind === '}') break;
      this.#require(next, [','], EXPECTED_SEPARATOR);
      this.#lexer.next();
      next = this.#peek(EXPECTED_AFTER_COMMA);
      if (next.kind !== 'eof' && next.kind !== '}') this.#require(next, LITERALS, EXPECTED_AFTER_COMMA);
    }
    this.#closeBrace(next);
    return this.#end();
  }

  #parseMatcher(): void {
    const nameToken = this.#expect(LITERALS, EXPECTED_NAME);
    const name = this.#unquote(nameToken);
    const operator = this.#expect(OPERATORS, EXPECTED_OPERATOR);
    const valueToken = this.#expect(LITERALS, EXPECTED_VALUE);
    const value = this.#unquote(valueToken);
    try {
      this.#matchers.push(Matcher.create(operator.kind as MatchType, name, value));
    } catch (err) {
      if (err instanceof MatcherError) throw new MatcherError(`failed to create matcher: ${err.message}`);
      throw err;
    }
  }

  // `next` is either '}' or end of input.
  #closeBrace(next: Token): void {
    const column = this.#lexer.offset;
    if (this.#hasOpenBrace) {
      if (next.kind === 'eof') this.#fail(`0:${column}: end of input: ${EXPECTED_CLOSE}`, next.start);
      this.#lexer.next();
    } else if (next.kind === '}') {
      this.#fail(`0:${next.end}: }: ${EXPECTED_OPEN}`, next.start);
    }
  }

  #end(): Matcher[] {
    const token = this.#next(EXPECTED_EOF);
    if (token.kind !== 'eof')
      this.#fail(`${token.start}:${token.end}: ${token.text}: ${EXPECTED_EOF}`, token.start);
    return this.#matchers;
  }

  #unquote(token: Token): string {
    if (token.kind !== 'quoted') return token.text;
    // Unlike Go, which keeps the raw bytes, a literal that is not valid UTF-8 is refused.
    const text = goUnquote(token.text, { fatal: true });
    if (text === undefined)
      this.#fail(`${token.start}:${token.end}: ${token.text}: invalid input`, token.start);
    return text;
  }

  #expect(kinds: readonly TokenKind[], expected: string): Token {
    const token = this.#peek(expected);
    this.#require(token, kinds, expected);
    return this.#lexer.next();
  }

  #require(token: Token, kinds: readonly TokenKind[], expected: string): void {
    if (token.kind === 'eof') this.#fail(`end of input: ${expected}`, token.start);
    if (!kinds.includes(token.kind)) {
      this.#fail(`${token.start}:${token.end}: unexpected ${token.text}: ${expected}`, token.start);
    }
  }

  #peek(expected?: string): Token {
    return this.#lex(() => this.#lexer.peek(), expected);
  }

  #next(expected?: string): Token {
    return this.#lex(() => this.#lexer.next(), expected);
  }

  // Lexer errors get the parser's expectation appended, as Alertmanager wraps them.
  #lex(scan: () => Token, expected: string | undefined): Token {
    try {
      return scan();
    } catch (err) {
      if (!(err instanceof LexError)) throw err;
      const message = expected === undefined ? err.message : `${err.message}: ${expected}`;
      return this.#fail(message, err.column);
    }
  }

  #fail(message: string, position: number): never {
    throw new MatcherParseError(message, this.#input, position);
  }
}
