import { GoDuration, parseGoDuration } from './go-duration.js';
import { checkGoUrlSyntax } from './go-url.js';
import { Secret } from './secret.js';
import { checkHttpUrl } from './url.js';
import type { YamlObject } from './yaml-object.js';

/**
 * Field readers with the semantics of Go's yaml.v2 on Alertmanager's field types. yaml.v2 tells
 * an absent key (the default stays) from an explicit null (the field is reset to its zero value),
 * so `send_resolved: null` is false even where the default is true.
 */

/** True when the key is written, even as null. */
export function isPresent(obj: YamlObject, key: string): boolean {
  return obj.value(key).node !== null;
}

/** A string with a default; an explicit null is ''. */
export function stringOr(obj: YamlObject, key: string, fallback: string): string {
  const v = obj.value(key);
  return v.node === null ? fallback : v.asString();
}

/** A bool with a default; an explicit null is false. */
export function boolOr(obj: YamlObject, key: string, fallback: boolean): boolean {
  const v = obj.value(key);
  if (v.node === null) return fallback;
  return v.isNull ? false : v.asBool();
}

/** A non-empty string or undefined (Go's '' means unset for paths and plain strings). */
export function optionalString(obj: YamlObject, key: string): string | undefined {
  const text = obj.string(key);
  return text === undefined || text === '' ? undefined : text;
}

/**
 * A `commoncfg.Secret`: set when non-empty. Go keeps the text `<secret>` as a value, so a masked
 * dump still passes the required-secret checks when it is loaded again.
 */
export function secretField(obj: YamlObject, key: string): Secret | undefined {
  const text = obj.string(key);
  return text === undefined || text === '' ? undefined : new Secret(text);
}

/** Alertmanager's `URL`: http(s) with a host; null leaves it unset, '' is an error. */
export function urlField(obj: YamlObject, key: string): string | undefined {
  const v = obj.value(key);
  if (v.isNull) return undefined;
  const text = v.asString();
  try {
    checkGoUrlSyntax(text);
    checkHttpUrl(text);
  } catch (err) {
    throw v.error((err as Error).message);
  }
  return text;
}

/** Alertmanager's `SecretURL`: a URL kept as a secret; `<secret>` reads as a set but empty URL. */
export function secretUrlField(obj: YamlObject, key: string): Secret | undefined {
  const v = obj.value(key);
  if (v.isNull) return undefined;
  if (v.asString() === Secret.MASK) return new Secret('');
  const text = urlField(obj, key);
  return text === undefined ? undefined : new Secret(text);
}

/** Go's `url.Parse` only (any scheme, '' allowed): prometheus/common's `URL`, e.g. `proxy_url`. */
export function anyUrlField(obj: YamlObject, key: string): string | undefined {
  const v = obj.value(key);
  if (v.isNull) return undefined;
  const text = v.asString();
  try {
    checkGoUrlSyntax(text);
  } catch (err) {
    throw v.error((err as Error).message);
  }
  return text;
}

/** A `time.Duration` field: Go duration text, or an integer of nanoseconds. */
export function goDurationField(obj: YamlObject, key: string): GoDuration | undefined {
  const v = obj.value(key);
  if (v.isNull) return undefined;
  const text = v.asString();
  if (/^[-+]?\d+$/.test(text)) return new GoDuration(v.asInt() / 1e6);
  try {
    return new GoDuration(parseGoDuration(text) / 1e6);
  } catch {
    throw v.error(`cannot unmarshal !!str \`${text}\` into time.Duration`);
  }
}

/**
 * A field whose Go type parses its text with `time.ParseDuration` (pushover's `retry`,
 * `expire`, `ttl`): the parser's own message is the error.
 */
export function goDurationTextField(obj: YamlObject, key: string): GoDuration | undefined {
  const v = obj.value(key);
  if (v.isNull) return undefined;
  try {
    return new GoDuration(parseGoDuration(v.asString()) / 1e6);
  } catch (err) {
    throw v.error((err as Error).message);
  }
}

/** A `uint64` field: negative numbers are rejected as yaml.v2 does. */
export function uintField(obj: YamlObject, key: string): number | undefined {
  const v = obj.value(key);
  if (v.isNull) return undefined;
  const n = v.asInt();
  if (n < 0) throw v.error(`cannot unmarshal !!int \`${v.asString()}\` into uint64`);
  return n;
}

/** Go's `at most one of a & b must be configured` rule. */
export function atMostOne(obj: YamlObject, message: string, ...set: boolean[]): void {
  if (set.filter(Boolean).length > 1) throw obj.error('', message);
}
