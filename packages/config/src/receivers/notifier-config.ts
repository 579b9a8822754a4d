import type { GlobalConfig } from '../global.js';
import { type HttpClientConfig, httpConfigField } from '../http-config.js';
import { boolOr } from '../yaml/go-fields.js';
import type { YamlObject } from '../yaml/index.js';

/** What every integration config has (upstream's inline `NotifierConfig`). */
export interface NotifierConfig {
  send_resolved: boolean;
}

/** Integrations that send over HTTP also have an `http_config`, inherited from `global` when unset. */
export interface HttpNotifierConfig extends NotifierConfig {
  http_config?: HttpClientConfig;
}

export function readNotifier(obj: YamlObject, sendResolved: boolean): NotifierConfig {
  return { send_resolved: boolOr(obj, 'send_resolved', sendResolved) };
}

export function readHttpNotifier(obj: YamlObject, sendResolved: boolean): HttpNotifierConfig {
  return { ...readNotifier(obj, sendResolved), http_config: httpConfigField(obj) };
}

/** `cmp.Or(c.HTTPConfig, global.HTTPConfig)`; a copy, so later changes to one never leak into another. */
export function inheritHttpConfig<T extends HttpNotifierConfig>(c: T, global: GlobalConfig): T {
  c.http_config ??= { ...global.http_config };
  return c;
}

/** Go's `url.Path += "/"` for API base URLs that need a trailing slash. */
export function withTrailingSlash(url: string): string {
  const authorityEnd = url.indexOf('/', url.indexOf('//') + 2);
  const queryStart = url.search(/[?#]/);
  const pathEnd = queryStart < 0 ? url.length : queryStart;
  if (authorityEnd < 0 || authorityEnd > pathEnd) return `${url.slice(0, pathEnd)}/${url.slice(pathEnd)}`;
  return url[pathEnd - 1] === '/' ? url : `${url.slice(0, pathEnd)}/${url.slice(pathEnd)}`;
}
