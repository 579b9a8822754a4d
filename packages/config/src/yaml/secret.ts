/**
 * A secret config value. It serialises as `<secret>` (JSON, YAML, string interpolation,
 * `util.inspect`), so a config can be logged or shown on the status API without leaking;
 * only `reveal()` gives the value, at the moment it is sent.
 */
export class Secret {
  static readonly MASK = '<secret>';
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return Secret.MASK;
  }

  toString(): string {
    return Secret.MASK;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return Secret.MASK;
  }
}
