import path from 'node:path';
import { parseDuration } from '@tocsin/config';
import { parseDocument } from 'yaml';
import {
  CIPHER_SUITES,
  CLIENT_AUTH_TYPES,
  type ClientAuthType,
  CURVES,
  EXTRA_HEADERS,
  TLS_VERSIONS,
  type TlsVersionName,
} from './tls-names.js';

/** A problem with the web config file; the message names the field. */
export class WebConfigError extends Error {
  override readonly name = 'WebConfigError';
}

export interface TlsServerConfig {
  /** PEM text given inline, or the path (made absolute against the file's folder). */
  cert?: string;
  certFile?: string;
  key?: string;
  keyFile?: string;
  clientCa?: string;
  clientCaFile?: string;
  clientAuthType: ClientAuthType;
  clientAllowedSans?: string[];
  minVersion: TlsVersionName;
  maxVersion: TlsVersionName;
  /** IANA names as Go spells them. */
  cipherSuites: string[];
  preferServerCipherSuites: boolean;
  curvePreferences: string[];
}

/** `--web.config.file` as exporter-toolkit (Prometheus, Alertmanager) reads it. */
export interface WebConfig {
  /** Absent when the file configures no TLS: plain HTTP. */
  tls?: TlsServerConfig;
  /** Accepted for compatibility; Tocsin serves HTTP/1.1 only. */
  http2: boolean;
  headers: Record<string, string>;
  /** User name → bcrypt hash; empty means no basic auth. */
  users: Record<string, string>;
  rateLimit?: { intervalMs: number; burst: number };
  /** Paths that need no credentials (exporter-toolkit's `auth_excluded_paths`). */
  authExcludedPaths: string[];
}

// Go's bcrypt: "$2" plus an optional minor letter, a two-digit cost, 22 salt and 31 hash characters.
const BCRYPT = /^\$2[a-z]?\$(\d\d)\$[./A-Za-z0-9]{53}$/;

/**
 * Parses and validates the file's text; `dir` (the file's folder) anchors relative paths.
 * Unknown fields are errors, as exporter-toolkit's strict YAML decoding makes them.
 */
export function parseWebConfig(text: string, dir: string): WebConfig {
  const doc = parseDocument(text, { uniqueKeys: true });
  const [first] = doc.errors;
  // Only the first line: the rest quotes the file, which may hold an inline key.
  if (first) throw new WebConfigError(`invalid YAML: ${first.message.split('\n')[0]}`);
  const root = doc.toJS() ?? {};
  const top = object(root, '');
  known(
    top,
    ['tls_server_config', 'http_server_config', 'basic_auth_users', 'rate_limit', 'auth_excluded_paths'],
    '',
  );
  const http = object(top.http_server_config ?? {}, 'http_server_config');
  known(http, ['http2', 'headers'], 'http_server_config');
  const config: WebConfig = {
    http2: bool(http.http2, 'http_server_config.http2', true),
    headers: headers(http.headers),
    users: users(top.basic_auth_users),
    authExcludedPaths: strings(top.auth_excluded_paths, 'auth_excluded_paths'),
  };
  const tls = tlsConfig(top.tls_server_config, dir);
  if (tls) config.tls = tls;
  const limit = rateLimit(top.rate_limit);
  if (limit) config.rateLimit = limit;
  return config;
}

function tlsConfig(value: unknown, dir: string): TlsServerConfig | undefined {
  const field = 'tls_server_config';
  const t = object(value ?? {}, field);
  known(
    t,
    [
      'cert',
      'key',
      'client_ca',
      'cert_file',
      'key_file',
      'client_auth_type',
      'client_ca_file',
      'client_allowed_sans',
      'min_version',
      'max_version',
      'cipher_suites',
      'prefer_server_cipher_suites',
      'curve_preferences',
    ],
    field,
  );
  const s = (name: string) => str(t[name], `${field}.${name}`);
  const file = (name: string) => {
    const p = s(name);
    return p ? path.resolve(dir, p) : undefined;
  };
  const cert = s('cert');
  const key = s('key');
  const clientCa = s('client_ca');
  const certFile = file('cert_file');
  const keyFile = file('key_file');
  const clientCaFile = file('client_ca_file');
  const authName = s('client_auth_type');
  // exporter-toolkit's rule: any of these set means TLS is wanted.
  if (!cert && !key && !clientCa && !certFile && !keyFile && !clientCaFile && !authName) return undefined;
  if (cert && certFile) throw new WebConfigError(`${field}: cert and cert_file are mutually exclusive`);
  if (key && keyFile) throw new WebConfigError(`${field}: key and key_file are mutually exclusive`);
  if (clientCa && clientCaFile)
    throw new WebConfigError(`${field}: client_ca and client_ca_file are mutually exclusive`);
  if (!cert && !certFile) throw new WebConfigError(`${field}: missing one of cert or cert_file`);
  if (!key && !keyFile) throw new WebConfigError(`${field}: missing one of key or key_file`);
  const clientAuthType = authType(authName);
  if ((clientCa || clientCaFile) && clientAuthType === 'NoClientCert')
    throw new WebConfigError(`${field}: client CA's have been configured without a client_auth_type`);
  const minVersion = version(t.min_version, `${field}.min_version`, 'TLS12');
  const maxVersion = version(t.max_version, `${field}.max_version`, 'TLS13');
  const order = Object.keys(TLS_VERSIONS);
  if (order.indexOf(minVersion) > order.indexOf(maxVersion))
    throw new WebConfigError(`${field}: min_version ${minVersion} is above max_version ${maxVersion}`);
  const out: TlsServerConfig = {
    clientAuthType,
    minVersion,
    maxVersion,
    cipherSuites: oneOf(t.cipher_suites, `${field}.cipher_suites`, Object.keys(CIPHER_SUITES)),
    preferServerCipherSuites: bool(
      t.prefer_server_cipher_suites,
      `${field}.prefer_server_cipher_suites`,
      true,
    ),
    curvePreferences: oneOf(t.curve_preferences, `${field}.curve_preferences`, Object.keys(CURVES)),
  };
  if (t.client_allowed_sans !== undefined && t.client_allowed_sans !== null) {
    if (clientAuthType !== 'RequireAnyClientCert' && clientAuthType !== 'RequireAndVerifyClientCert')
      throw new WebConfigError(
        `${field}.client_allowed_sans: needs client_auth_type RequireAnyClientCert or RequireAndVerifyClientCert`,
      );
    out.clientAllowedSans = strings(t.client_allowed_sans, `${field}.client_allowed_sans`);
  }
  Object.assign(out, defined({ cert, key, clientCa, certFile, keyFile, clientCaFile }));
  return out;
}

function authType(name: string | undefined): ClientAuthType {
  if (!name) return 'NoClientCert';
  if (name === 'RequireClientCert') return 'RequireAnyClientCert';
  if ((CLIENT_AUTH_TYPES as readonly string[]).includes(name)) return name as ClientAuthType;
  throw new WebConfigError(
    `tls_server_config.client_auth_type: ${JSON.stringify(name)} is not one of ${CLIENT_AUTH_TYPES.join(', ')}`,
  );
}

function headers(value: unknown): Record<string, string> {
  const field = 'http_server_config.headers';
  const h = object(value ?? {}, field);
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(h)) {
    if (!Object.hasOwn(EXTRA_HEADERS, name))
      throw new WebConfigError(`${field}: HTTP header ${JSON.stringify(name)} can not be configured`);
    const text = str(v, `${field}.${name}`) ?? '';
    const allowed = EXTRA_HEADERS[name];
    if (allowed && !allowed.includes(text))
      throw new WebConfigError(
        `${field}.${name}: ${JSON.stringify(text)} is not one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
      );
    // A blank value leaves the header unset.
    if (text !== '') out[name] = text;
  }
  return out;
}

function users(value: unknown): Record<string, string> {
  const field = 'basic_auth_users';
  const u = object(value ?? {}, field);
  const out: Record<string, string> = {};
  for (const [name, hash] of Object.entries(u)) {
    if (typeof hash !== 'string')
      throw new WebConfigError(`${field}.${name}: the password must be a bcrypt hash string`);
    const match = BCRYPT.exec(hash);
    const cost = Number(match?.[1]);
    // Never echo the hash: it is a secret too.
    if (!match) throw new WebConfigError(`${field}.${name}: not a bcrypt hash`);
    if (cost < 4 || cost > 31)
      throw new WebConfigError(`${field}.${name}: bcrypt cost ${cost} outside 4..31`);
    out[name] = hash;
  }
  return out;
}

function rateLimit(value: unknown): WebConfig['rateLimit'] {
  if (value === undefined || value === null) return undefined;
  const field = 'rate_limit';
  const r = object(value, field);
  known(r, ['interval', 'burst'], field);
  const intervalText = str(r.interval, `${field}.interval`) ?? '0s';
  let intervalMs: number;
  try {
    intervalMs = parseDuration(intervalText);
  } catch (err) {
    throw new WebConfigError(`${field}.interval: ${(err as Error).message}`);
  }
  const burst = r.burst ?? 0;
  if (typeof burst !== 'number' || !Number.isSafeInteger(burst) || burst < 0)
    throw new WebConfigError(`${field}.burst: ${JSON.stringify(burst)} is not a non-negative integer`);
  // An interval of 0 turns the limiter off, as in exporter-toolkit.
  return intervalMs > 0 ? { intervalMs, burst } : undefined;
}

function version(value: unknown, field: string, fallback: TlsVersionName): TlsVersionName {
  const text = str(value, field);
  if (!text) return fallback;
  if (Object.hasOwn(TLS_VERSIONS, text)) return text as TlsVersionName;
  throw new WebConfigError(
    `${field}: unknown TLS version ${JSON.stringify(text)} (one of ${Object.keys(TLS_VERSIONS).join(', ')})`,
  );
}

function oneOf(value: unknown, field: string, allowed: readonly string[]): string[] {
  const list = strings(value, field);
  for (const item of list)
    if (!allowed.includes(item)) throw new WebConfigError(`${field}: unknown name ${JSON.stringify(item)}`);
  return list;
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new WebConfigError(`${field || 'the file'}: must be a mapping`);
  return value as Record<string, unknown>;
}

function known(value: Record<string, unknown>, fields: readonly string[], where: string): void {
  for (const key of Object.keys(value))
    if (!fields.includes(key))
      throw new WebConfigError(
        `${where ? `${where}.` : ''}${key}: unknown field (expected one of ${fields.join(', ')})`,
      );
}

function str(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new WebConfigError(`${field}: must be a string`);
  return value;
}

function bool(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new WebConfigError(`${field}: must be true or false`);
  return value;
}

function strings(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new WebConfigError(`${field}: must be a list of strings`);
  return value as string[];
}

function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
