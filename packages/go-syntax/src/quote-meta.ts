// Go's regexp.QuoteMeta escapes exactly these.
const REGEXP_META = /[\\.+*?()|[\]{}^$]/g;

/** Go's `regexp.QuoteMeta`: a regexp matching `s` literally (`team.a` → `team\.a`). */
export function quoteMeta(s: string): string {
  return s.replace(REGEXP_META, '\\$&');
}
