import { formatMatcher } from './canonical.js';
import { isValidUtf8, quoteGo } from './chars.js';
import { MatcherError } from './errors.js';
import { type CompiledRegexp, compileAnchored } from './go-regexp.js';

export type MatchType = '=' | '!=' | '=~' | '!~';

const MATCH_TYPES: readonly MatchType[] = ['=', '!=', '=~', '!~'];

/** The JSON shape of a matcher in API v2 (silences, alert filters). */
export interface ApiMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual?: boolean;
}

/** One label matcher. Immutable; regexes are compiled once, at creation. */
export class Matcher {
  readonly type: MatchType;
  readonly name: string;
  readonly value: string;
  readonly #regexp: CompiledRegexp | undefined;

  private constructor(type: MatchType, name: string, value: string, regexp: CompiledRegexp | undefined) {
    this.type = type;
    this.name = name;
    this.value = value;
    this.#regexp = regexp;
  }

  /** Throws MatcherError for a regex that does not compile or text that is not valid UTF-8. */
  static create(type: MatchType, name: string, value: string): Matcher {
    if (!MATCH_TYPES.includes(type)) throw new MatcherError(`unknown match type ${quoteGo(String(type))}`);
    if (!isValidUtf8(name)) throw new MatcherError(`invalid label name ${quoteGo(name)}`);
    if (type === '=~' || type === '!~') return new Matcher(type, name, value, compileAnchored(value));
    if (!isValidUtf8(value)) throw new MatcherError(`invalid label value ${quoteGo(value)}`);
    return new Matcher(type, name, value, undefined);
  }

  /** From the API shape; `isEqual` is absent in old clients and then means true. */
  static fromApi(m: ApiMatcher): Matcher {
    const isEqual = m.isEqual ?? true;
    const type: MatchType = m.isRegex ? (isEqual ? '=~' : '!~') : isEqual ? '=' : '!=';
    return Matcher.create(type, m.name, m.value);
  }

  get isRegex(): boolean {
    return this.type === '=~' || this.type === '!~';
  }

  get isEqual(): boolean {
    return this.type === '=' || this.type === '=~';
  }

  /** An absent label must be passed as '' (Alertmanager treats them the same). */
  matches(value: string): boolean {
    switch (this.type) {
      case '=':
        return value === this.value;
      case '!=':
        return value !== this.value;
      case '=~':
        return this.#regexp?.test(value) === true;
      case '!~':
        return this.#regexp?.test(value) !== true;
    }
  }

  /** Same type, name and value. */
  equals(other: Matcher): boolean {
    return this.type === other.type && this.name === other.name && this.value === other.value;
  }

  toString(): string {
    return formatMatcher(this);
  }

  toJSON(): Required<ApiMatcher> {
    return { name: this.name, value: this.value, isRegex: this.isRegex, isEqual: this.isEqual };
  }
}
