import type { Route } from '@tocsin/config';
import { Matcher, sortMatchers } from '@tocsin/matchers';

/**
 * The matchers of one route as the dispatcher holds them. A legacy `match_re`
 * value is kept in its anchored form `^(?:re)$` (AM builds the matcher from the
 * compiled regexp's text), so it sorts and renders in route keys that way;
 * anchoring it a second time when matching changes nothing.
 */
export function routeMatchers(route: Route): Matcher[] {
  const out: Matcher[] = [];
  for (const [name, value] of Object.entries(route.match ?? {})) out.push(Matcher.create('=', name, value));
  for (const [name, value] of Object.entries(route.match_re ?? {})) {
    out.push(Matcher.create('=~', name, `^(?:${value})$`));
  }
  out.push(...route.matchers);
  return sortMatchers(out);
}
