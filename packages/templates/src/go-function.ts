import type { GoType, GoValue } from './go-value.js';

/**
 * A function templates can call, described as Go's reflect would see it: parameter types (so
 * arguments are checked and converted as Go does) and an optional trailing `...` parameter.
 */
export interface GoFunction {
  readonly params: readonly GoType[];
  /** Element type of the trailing `...` parameter, if any. */
  readonly variadic?: GoType;
  /** Throws GoCallError (or anything) for Go's returned error / panic: `error calling f: ...`. */
  readonly call: (args: GoValue[], context: CallContext) => GoValue;
}

/** What a function may need from the running template. */
export interface CallContext {
  /** Renders the route label `name` of the data (routeLabels); '' when there is none. */
  readonly routeLabel: (name: string) => string;
}

/** An error a Go function returns; the executor reports `error calling <name>: <message>`. */
export class GoCallError extends Error {}

export const fn = (params: readonly GoType[], call: GoFunction['call'], variadic?: GoType): GoFunction => ({
  params,
  call,
  ...(variadic ? { variadic } : {}),
});
