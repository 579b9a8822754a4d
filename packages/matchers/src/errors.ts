/** A matcher that cannot exist: bad regex, bad label name, bad value. */
export class MatcherError extends Error {
  override name = 'MatcherError';
}

/**
 * Input text that does not parse as matchers. `position` is the column
 * (in Unicode code points, as in the message) where the problem was found,
 * or undefined when the grammar that failed does not track positions.
 */
export class MatcherParseError extends MatcherError {
  override name = 'MatcherParseError';
  readonly input: string;
  readonly position: number | undefined;

  constructor(message: string, input: string, position?: number) {
    super(message);
    this.input = input;
    this.position = position;
  }
}
