import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { ConfigError, configError } from './config-error.js';
import { Duration, parseDuration } from './duration.js';
import { Secret } from './secret.js';

interface ReadContext {
  doc: Document;
  lines: LineCounter;
}

type ItemReader<T> = (item: YamlValue, path: string) => T;

/** One YAML node with the path it was found at, for reading list items and free-form values. */
export class YamlValue {
  constructor(
    readonly node: Node | null,
    readonly path: string,
    private readonly ctx: ReadContext,
  ) {}

  get isNull(): boolean {
    return this.node === null || (isScalar(this.node) && this.node.value === null);
  }

  /** The value as an object with known keys, or null for a YAML null. */
  asObject(): YamlObject | null {
    if (this.isNull) return null;
    if (!isMap(this.node)) throw this.typeError('a mapping');
    return new YamlObject(this.node, this.path, this.ctx);
  }

  /** Go's yaml.v2 reads any scalar into a string field as its text: `2` is "2", `yes` is "yes". */
  asString(): string {
    if (this.isNull) return '';
    const node = this.node;
    if (!isScalar(node)) throw this.typeError('a string');
    if (typeof node.value === 'string') return node.value;
    return node.source ?? String(node.value);
  }

  asBool(): boolean {
    const text = this.asString();
    if (/^(?:y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(text)) return true;
    if (/^(?:n|N|no|No|NO|false|False|FALSE|off|Off|OFF)$/.test(text)) return false;
    throw this.typeError('a boolean', text);
  }

  asInt(): number {
    const text = this.asString().replaceAll('_', '');
    const n = /^[-+]?(?:0x[0-9a-fA-F]+|0o?[0-7]+|0b[01]+|\d+)$/.test(text) ? parseGoInt(text) : Number.NaN;
    if (!Number.isSafeInteger(n)) throw this.typeError('an integer', text);
    return n;
  }

  asFloat(): number {
    const text = this.asString();
    const n = Number(text);
    if (text.trim() === '' || Number.isNaN(n)) throw this.typeError('a number', text);
    return n;
  }

  asDuration(): Duration {
    try {
      return new Duration(parseDuration(this.asString()));
    } catch (err) {
      throw this.error((err as Error).message);
    }
  }

  /** A list; a null list is empty. Items are handed to `read` with their own path. */
  asList<T>(read: ItemReader<T>): T[] {
    if (this.isNull) return [];
    const node = this.node;
    if (!isSeq(node)) throw this.typeError('a list');
    return node.items.map((item, i) => {
      const path = `${this.path}[${i}]`;
      return read(new YamlValue(resolve(item as Node | null, this.ctx), path, this.ctx), path);
    });
  }

  /** A mapping of strings to values read by `read`, in file order. */
  asMap<T>(read: ItemReader<T>): Map<string, T> {
    const out = new Map<string, T>();
    if (this.isNull) return out;
    if (!isMap(this.node)) throw this.typeError('a mapping');
    for (const pair of mergedPairs(this.node, this.ctx)) {
      const key = new YamlValue(pair.key as Node, this.path, this.ctx).asString();
      const path = this.path ? `${this.path}.${key}` : key;
      out.set(key, read(new YamlValue(resolve(pair.value as Node | null, this.ctx), path, this.ctx), path));
    }
    return out;
  }

  /** The plain JS value (for free-form maps such as `details` or `payload`). */
  toJS(): unknown {
    return this.node === null ? null : this.node.toJSON();
  }

  line(): number | undefined {
    const offset = this.node?.range?.[0];
    return offset === undefined ? undefined : this.ctx.lines.linePos(offset).line;
  }

  error(message: string): ConfigError {
    return configError(this.path, message);
  }

  private typeError(expected: string, text?: string): ConfigError {
    const got = text === undefined ? yamlTag(this.node) : JSON.stringify(text);
    const line = this.line();
    return this.error(
      `${line === undefined ? '' : `line ${line}: `}cannot unmarshal ${got} into ${expected}`,
    );
  }
}

/**
 * A YAML mapping read field by field, the way Go's strict unmarshalling reads a struct: every
 * getter marks its key as known, and `finish()` rejects whatever key was never asked for.
 */
export class YamlObject {
  private readonly fields = new Map<string, Pair>();
  private readonly seen = new Set<string>();

  constructor(
    node: YAMLMap,
    readonly path: string,
    private readonly ctx: ReadContext,
  ) {
    for (const pair of mergedPairs(node, ctx)) {
      const key = new YamlValue(pair.key as Node, path, ctx).asString();
      this.fields.set(key, pair);
    }
  }

  /** Parses a whole document. An empty document is `null`, like Go's empty config struct. */
  static parse(text: string): YamlObject | null {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, version: '1.1', uniqueKeys: true, merge: false });
    const first = doc.errors[0];
    if (first) throw new ConfigError(`yaml: ${first.message.split('\n')[0]}`);
    const root = new YamlValue(doc.contents as Node | null, '', { doc, lines });
    if (root.isNull) return null;
    if (!isMap(root.node)) {
      throw new ConfigError(`yaml: unmarshal errors: cannot unmarshal ${yamlTag(root.node)} into the config`);
    }
    return root.asObject();
  }

  keys(): string[] {
    return [...this.fields.keys()];
  }

  /** True when the key is present with a non-null value. */
  has(key: string): boolean {
    this.seen.add(key);
    return !this.value(key).isNull;
  }

  /** The value at `key` (a null YamlValue when absent); marks the key as known. */
  value(key: string): YamlValue {
    this.seen.add(key);
    const pair = this.fields.get(key);
    return new YamlValue(
      pair ? resolve(pair.value as Node | null, this.ctx) : null,
      this.pathOf(key),
      this.ctx,
    );
  }

  /** Marks keys as known without reading them (fields Tocsin accepts but ignores). */
  accept(...keys: string[]): void {
    for (const key of keys) this.seen.add(key);
  }

  string(key: string): string | undefined {
    const v = this.value(key);
    return v.isNull ? undefined : v.asString();
  }

  bool(key: string): boolean | undefined {
    const v = this.value(key);
    return v.isNull ? undefined : v.asBool();
  }

  int(key: string): number | undefined {
    const v = this.value(key);
    return v.isNull ? undefined : v.asInt();
  }

  float(key: string): number | undefined {
    const v = this.value(key);
    return v.isNull ? undefined : v.asFloat();
  }

  duration(key: string): Duration | undefined {
    const v = this.value(key);
    return v.isNull ? undefined : v.asDuration();
  }

  /** A secret; the masked form `<secret>` reads back as unset, so a shown config reloads cleanly. */
  secret(key: string): Secret | undefined {
    const text = this.string(key);
    return text === undefined || text === '' || text === Secret.MASK ? undefined : new Secret(text);
  }

  stringList(key: string): string[] | undefined {
    const v = this.value(key);
    return v.isNull ? undefined : v.asList((item) => item.asString());
  }

  stringMap(key: string): Record<string, string> | undefined {
    const v = this.value(key);
    return v.isNull ? undefined : Object.fromEntries(v.asMap((item) => item.asString()));
  }

  object(key: string): YamlObject | undefined {
    return this.value(key).asObject() ?? undefined;
  }

  list<T>(key: string, read: ItemReader<T>): T[] | undefined {
    const v = this.value(key);
    return v.isNull ? undefined : v.asList(read);
  }

  pathOf(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  /** An error about one field of this object (or about the object itself when key is ''). */
  error(key: string, message: string): ConfigError {
    return configError(key ? this.pathOf(key) : this.path, message);
  }

  /** Rejects keys no getter asked for, with Go's wording (`field foo not found in type ...`). */
  finish(typeName: string): void {
    for (const [key, pair] of this.fields) {
      if (this.seen.has(key)) continue;
      const offset = (pair.key as Node).range?.[0];
      const line = offset === undefined ? '' : `line ${this.ctx.lines.linePos(offset).line}: `;
      throw configError(
        this.path,
        `yaml: unmarshal errors: ${line}field ${key} not found in type ${typeName}`,
      );
    }
  }
}

function resolve(node: Node | null, ctx: ReadContext): Node | null {
  return isAlias(node) ? ((node.resolve(ctx.doc) as Node | undefined) ?? null) : node;
}

/** Pairs of a mapping with YAML merge keys (`<<: *base`) expanded; explicit keys win. */
function mergedPairs(node: YAMLMap, ctx: ReadContext): Pair[] {
  const own: Pair[] = [];
  const merged: Pair[] = [];
  for (const pair of node.items as Pair[]) {
    const key = pair.key as Scalar | null;
    if (isScalar(key) && isMergeKey(key.value) && isAlias(pair.value)) {
      const target = resolve(pair.value as Node, ctx);
      if (isMap(target)) merged.push(...mergedPairs(target, ctx));
    } else {
      own.push(pair);
    }
  }
  const ownKeys = new Set(own.map((p) => String((p.key as Scalar).value)));
  return [...merged.filter((p) => !ownKeys.has(String((p.key as Scalar).value))), ...own];
}

// YAML 1.1 documents give the merge key as a symbol, others as the string.
function isMergeKey(value: unknown): boolean {
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

function yamlTag(node: Node | null): string {
  if (isMap(node)) return '!!map';
  if (isSeq(node)) return '!!seq';
  if (isScalar(node)) return typeof node.value === 'string' ? '!!str' : `!!${typeof node.value}`;
  return '!!null';
}

function parseGoInt(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.replace(/^[-+]/, '');
  if (/^0x/i.test(digits)) return sign * Number.parseInt(digits.slice(2), 16);
  if (/^0b/i.test(digits)) return sign * Number.parseInt(digits.slice(2), 2);
  if (/^0o/i.test(digits)) return sign * Number.parseInt(digits.slice(2), 8);
  if (/^0\d/.test(digits)) return sign * Number.parseInt(digits.slice(1), 8);
  return sign * Number(digits);
}
