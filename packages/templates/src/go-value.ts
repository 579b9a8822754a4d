// Go values as templates see them. Plain JS values stand for Go's basic types (string, bigint for
// int, number for float64, boolean for bool, undefined for "no value" / a nil interface); anything
// with a Go type name, fields or methods is a GoObject carrying its GoType, so that printing, %T,
// field lookup and Go's error messages name the same types Go does.

type GoKind =
  | 'bool'
  | 'int'
  | 'uint8'
  | 'float64'
  | 'complex128'
  | 'string'
  | 'slice'
  | 'map'
  | 'struct'
  | 'interface'
  | 'func'
  | 'ptr';

/** A method: receives the receiver and the already-converted arguments. */
export interface GoMethod {
  readonly params: readonly GoType[];
  /** Element type of a trailing `...` parameter. */
  readonly variadic?: GoType;
  readonly call: (receiver: GoValue, args: GoValue[]) => GoValue;
}

export interface GoType {
  /** As `%T` prints it: `string`, `template.KV`, `[]template.Alert`, `map[string]interface {}`. */
  readonly name: string;
  readonly kind: GoKind;
  /** Named types (`template.KV`) are assignable to their unnamed underlying type and back. */
  readonly underlying?: string;
  /** Slice and map element type. */
  readonly elem?: GoType;
  /** Struct fields in declaration order, with their JSON names. */
  readonly fields?: readonly { readonly name: string; readonly json: string }[];
  readonly methods?: Readonly<Record<string, GoMethod>>;
  /** Its String() method, which fmt uses. */
  readonly stringer?: (value: GoValue) => string;
}

export type GoValue = string | bigint | number | boolean | undefined | GoObject;

export abstract class GoObject {
  abstract readonly type: GoType;
}

export class GoSlice extends GoObject {
  constructor(
    readonly type: GoType,
    readonly items: readonly GoValue[],
  ) {
    super();
  }
}

export class GoMap extends GoObject {
  constructor(
    readonly type: GoType,
    readonly entries: ReadonlyMap<string, GoValue>,
  ) {
    super();
  }

  /** Keys in Go's fmt/range order (sorted). */
  sortedKeys(): string[] {
    return [...this.entries.keys()].sort(compareStrings);
  }
}

export class GoStruct extends GoObject {
  constructor(
    readonly type: GoType,
    readonly fields: Readonly<Record<string, GoValue>>,
  ) {
    super();
  }
}

/** A pointer to a struct: Alertmanager's notifiers pass `*template.Data`. */
export class GoPointer extends GoObject {
  readonly type: GoType;
  constructor(readonly target: GoStruct) {
    super();
    this.type = { name: `*${target.type.name}`, kind: 'ptr', elem: target.type };
  }
}

/** What a pointer points at; other values as they are (Go's indirect). */
export const indirect = (value: GoValue): GoValue => (value instanceof GoPointer ? value.target : value);

/** A value of a named basic type: template.HTML (string), time.Month (int), time.Duration (int64). */
export class GoNamed extends GoObject {
  constructor(
    readonly type: GoType,
    readonly value: string | bigint,
  ) {
    super();
  }
}

/** Byte-wise comparison as Go's sort.Strings does (UTF-16 order differs above the BMP). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return Buffer.compare(ab, bb);
}

// ---- basic types ----

const basic = (name: string, kind: GoKind): GoType => ({ name, kind });
export const STRING: GoType = basic('string', 'string');
const INT: GoType = basic('int', 'int');
export const UINT8: GoType = basic('uint8', 'uint8');
export const FLOAT64: GoType = basic('float64', 'float64');
const BOOL: GoType = basic('bool', 'bool');
/** interface{} / any: accepts every value. */
export const ANY: GoType = basic('interface {}', 'interface');
/** reflect.Value parameters of Go's builtins: any value, even "no value". */
export const REFLECT_VALUE: GoType = basic('reflect.Value', 'interface');
export const ERROR: GoType = basic('error', 'interface');

export const sliceOf = (
  elem: GoType,
  name = `[]${elem.name}`,
  methods?: Record<string, GoMethod>,
): GoType => ({
  name,
  kind: 'slice',
  elem,
  underlying: `[]${elem.name}`,
  ...(methods ? { methods } : {}),
});

const mapOf = (elem: GoType, name = `map[string]${elem.name}`): GoType => ({
  name,
  kind: 'map',
  elem,
  underlying: `map[string]${elem.name}`,
});

export const STRING_SLICE: GoType = sliceOf(STRING);
export const ANY_SLICE: GoType = sliceOf(ANY);
export const ANY_MAP: GoType = mapOf(ANY);

export function typeOf(value: GoValue): GoType | undefined {
  switch (typeof value) {
    case 'string':
      return STRING;
    case 'bigint':
      return INT;
    case 'number':
      return FLOAT64;
    case 'boolean':
      return BOOL;
    case 'undefined':
      return undefined;
    default:
      return value.type;
  }
}

export function kindOf(value: GoValue): GoKind | 'invalid' {
  return typeOf(value)?.kind ?? 'invalid';
}

/** Whether a value of type `from` may be passed where `to` is expected (Go's AssignableTo). */
export function assignable(from: GoType, to: GoType): boolean {
  if (to.kind === 'interface') return to !== ERROR;
  if (from.name === to.name) return true;
  // Identical underlying types where at least one side is unnamed.
  const fromUnderlying = from.underlying ?? from.name;
  const toUnderlying = to.underlying ?? to.name;
  const fromNamed = from.underlying !== undefined && from.underlying !== from.name;
  const toNamed = to.underlying !== undefined && to.underlying !== to.name;
  return fromUnderlying === toUnderlying && (!fromNamed || !toNamed);
}

/** Go's truth for if/with/and/or/not; undefined when Go cannot tell (e.g. a func). */
export function isTrue(value: GoValue): boolean | undefined {
  switch (typeof value) {
    case 'undefined':
      return false;
    case 'string':
      return value.length > 0;
    case 'bigint':
      return value !== 0n;
    case 'number':
      return value !== 0;
    case 'boolean':
      return value;
  }
  if (value instanceof GoSlice) return value.items.length > 0;
  if (value instanceof GoMap) return value.entries.size > 0;
  if (value instanceof GoStruct) return true;
  if (value instanceof GoNamed)
    return typeof value.value === 'string' ? value.value.length > 0 : value.value !== 0n;
  return true;
}

/** A string-kinded value's text (string or a named string type). */
export function stringOf(value: GoValue): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof GoNamed && typeof value.value === 'string') return value.value;
  return undefined;
}

/** The zero value of a type, as missingkey=zero gives for absent map keys. */
export function zeroValue(type: GoType | undefined): GoValue {
  switch (type?.kind) {
    case 'string':
      return type === STRING ? '' : new GoNamed(type, '');
    case 'int':
      return type === INT ? 0n : new GoNamed(type, 0n);
    case 'float64':
      return 0;
    case 'bool':
      return false;
    case 'slice':
      return new GoSlice(type, []);
    case 'map':
      return new GoMap(type, new Map());
    default:
      return undefined;
  }
}
