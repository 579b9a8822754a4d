import { replaceLoneSurrogates } from '@tocsin/model';

/**
 * Go's url.QueryEscape: everything but letters, digits and `-_.~` escaped, spaces as `+`. A lone
 * surrogate (which encodeURIComponent refuses) is sent as U+FFFD.
 */
export function goQueryEscape(s: string): string {
  return encodeURIComponent(replaceLoneSurrogates(s))
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** Go's url.Values.Encode: `k=v` pairs sorted by key, joined with `&`. */
export function goQueryEncode(values: Readonly<Record<string, string>>): string {
  return Object.keys(values)
    .sort()
    .map((k) => `${goQueryEscape(k)}=${goQueryEscape(values[k] ?? '')}`)
    .join('&');
}

/** Adds `path` to the URL's path and replaces its query with `query` (already encoded). */
export function withPathAndQuery(base: string, path: string, query: string): string {
  const u = new URL(base);
  const user = u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : '';
  return `${u.protocol}//${user}${u.host}${u.pathname}${path}?${query}`;
}

/** The URL's query parameters (the last value of each), for merging as Go's Query().Set does. */
export function queryValues(base: string): Record<string, string> {
  return Object.fromEntries(new URL(base).searchParams.entries());
}
