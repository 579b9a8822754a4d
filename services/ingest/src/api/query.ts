import { Matcher, MatcherError, parseMatcher } from '@tocsin/matchers';
import type { Request } from 'express';
import type { StateFilter } from '../alert-view.js';

/** A 400 answer with Alertmanager's bare-string error body. */
export class BadRequest extends Error {}

/** Every value of a repeatable query parameter. */
export function queryValues(req: Request, name: string): string[] {
  const v = req.query[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

/** `filter=` values, each one matcher (AM's compat parser: no braces, UTF-8 with classic fallback). */
export function filterMatchers(req: Request): Matcher[] {
  return queryValues(req, 'filter').map((text) => {
    try {
      return parseMatcher(text);
    } catch (err) {
      throw new BadRequest(`bad matcher format: ${text}: ${(err as Error).message}`);
    }
  });
}

/** `receiver=`: a regex anchored like every Alertmanager regex. */
export function receiverFilter(req: Request): ((name: string) => boolean) | undefined {
  const [text] = queryValues(req, 'receiver');
  if (text === undefined || text === '') return undefined;
  try {
    const m = Matcher.create('=~', 'receiver', text);
    return (name) => m.matches(name);
  } catch (err) {
    const reason = err instanceof MatcherError ? err.message : String(err);
    throw new BadRequest(`failed to parse receiver param: ${reason}`);
  }
}

/** Boolean flags default to true; a value that is not a boolean is ignored, as AM does. */
export function boolParam(req: Request, name: string): boolean {
  const [text] = queryValues(req, name);
  if (text !== undefined && /^(false|0|no|n|off|f)$/i.test(text)) return false;
  return true;
}

export function stateFilter(req: Request): StateFilter {
  return {
    active: boolParam(req, 'active'),
    silenced: boolParam(req, 'silenced'),
    inhibited: boolParam(req, 'inhibited'),
  };
}
