import { parseDuration } from '@tocsin/config';

export type FlagKind = 'string' | 'duration' | 'int' | 'bool' | 'list';

export interface FlagDef {
  kind: FlagKind;
  help: string;
  default?: string;
}

type FlagValue<D extends FlagDef> = D['kind'] extends 'duration' | 'int'
  ? number
  : D['kind'] extends 'bool'
    ? boolean
    : D['kind'] extends 'list'
      ? string[]
      : string;

export type Flags<S extends Record<string, FlagDef>> = {
  [K in keyof S]: S[K]['default'] extends string ? FlagValue<S[K]> : FlagValue<S[K]> | undefined;
};

export class FlagError extends Error {
  override readonly name = 'FlagError';
}

/** `config.file` ↔ `TOCSIN_CONFIG_FILE`. */
export function envName(flag: string): string {
  return `TOCSIN_${flag.toUpperCase().replace(/[.-]/g, '_')}`;
}

/**
 * Parses `--name value` / `--name=value` flags (Alertmanager's names, e.g. `--config.file`),
 * falling back to `TOCSIN_*` env vars and then to defaults; validates every value once, so a
 * service fails at start-up with a message naming the flag instead of later with a stack trace.
 * A repeated flag of kind `list` accumulates; commas also separate list items.
 */
export function parseFlags<S extends Record<string, FlagDef>>(
  spec: S,
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Flags<S> {
  const raw = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new FlagError(`unexpected argument ${JSON.stringify(arg)}`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const def = spec[name];
    if (!def) throw new FlagError(`unknown flag --${name}`);
    let value: string;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (def.kind === 'bool' && (argv[i + 1] === undefined || argv[i + 1]?.startsWith('--')))
      value = 'true';
    else {
      const next = argv[++i];
      if (next === undefined) throw new FlagError(`flag --${name} needs a value`);
      value = next;
    }
    raw.set(name, [...(raw.get(name) ?? []), value]);
  }
  const out: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(spec)) {
    const fromEnv = env[envName(name)];
    const values =
      raw.get(name) ?? (fromEnv !== undefined ? [fromEnv] : def.default !== undefined ? [def.default] : []);
    out[name] = values.length === 0 ? undefined : convert(name, def, values);
  }
  return out as Flags<S>;
}

function convert(name: string, def: FlagDef, values: string[]): unknown {
  const last = values[values.length - 1] as string;
  switch (def.kind) {
    case 'string':
      return last;
    case 'list':
      return values.flatMap((v) => v.split(',')).filter((v) => v !== '');
    case 'bool':
      if (/^(true|1|yes)$/i.test(last)) return true;
      if (/^(false|0|no)$/i.test(last)) return false;
      throw new FlagError(`--${name}: ${JSON.stringify(last)} is not a boolean`);
    case 'int': {
      const n = Number(last);
      if (!Number.isSafeInteger(n) || n < 0)
        throw new FlagError(`--${name}: ${JSON.stringify(last)} is not a non-negative integer`);
      return n;
    }
    case 'duration':
      try {
        return parseDuration(last);
      } catch (err) {
        throw new FlagError(`--${name}: ${(err as Error).message}`);
      }
  }
}

/** One line per flag, for `--help`. */
export function flagUsage(spec: Record<string, FlagDef>): string {
  return Object.entries(spec)
    .map(
      ([name, def]) =>
        `  --${name}${def.default !== undefined ? ` (default ${JSON.stringify(def.default)})` : ''}\n      ${def.help} [env ${envName(name)}]`,
    )
    .join('\n');
}
