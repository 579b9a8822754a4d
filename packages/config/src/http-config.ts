import { anyUrlField, boolOr, optionalString, secretField } from './yaml/go-fields.js';
import { Secret, type YamlObject, type YamlValue } from './yaml/index.js';

/**
 * prometheus/common's `HTTPClientConfig` (the `http_config` of `global` and of every HTTP
 * integration) and its `TLSConfig`, with the checks its `Validate` makes. `*_file` paths are
 * only stored: they are read when a request is sent, never while validating.
 */

export const TLS_VERSIONS = ['TLS10', 'TLS11', 'TLS12', 'TLS13'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

export interface TlsConfig {
  ca?: string;
  cert?: string;
  key?: Secret;
  ca_file?: string;
  cert_file?: string;
  key_file?: string;
  ca_ref?: string;
  cert_ref?: string;
  key_ref?: string;
  server_name?: string;
  insecure_skip_verify: boolean;
  min_version?: TlsVersion;
  max_version?: TlsVersion;
}

export interface ProxyConfig {
  proxy_url?: string;
  no_proxy?: string;
  proxy_from_environment?: boolean;
  proxy_connect_header?: Record<string, Secret[]>;
}

export interface BasicAuth {
  username?: string;
  username_file?: string;
  username_ref?: string;
  password?: Secret;
  password_file?: string;
  password_ref?: string;
}

export interface Authorization {
  type: string;
  credentials?: Secret;
  credentials_file?: string;
  credentials_ref?: string;
}

export interface OAuth2 extends ProxyConfig {
  client_id?: string;
  client_secret?: Secret;
  client_secret_file?: string;
  client_secret_ref?: string;
  client_certificate_key_id?: string;
  client_certificate_key?: Secret;
  client_certificate_key_file?: string;
  client_certificate_key_ref?: string;
  grant_type?: string;
  signature_algorithm?: string;
  iss?: string;
  audience?: string;
  claims?: Record<string, unknown>;
  scopes?: string[];
  token_url?: string;
  endpoint_params?: Record<string, string>;
  tls_config: TlsConfig;
}

/** One entry of `http_headers`: values sent as they are, secrets masked, files read per request. */
export interface HttpHeader {
  values?: string[];
  secrets?: Secret[];
  files?: string[];
}

export interface HttpClientConfig extends ProxyConfig {
  basic_auth?: BasicAuth;
  /** Also where a legacy `bearer_token[_file]` ends up, as upstream's `Validate` moves it. */
  authorization?: Authorization;
  oauth2?: OAuth2;
  bearer_token?: Secret;
  bearer_token_file?: string;
  tls_config: TlsConfig;
  follow_redirects: boolean;
  enable_http2: boolean;
  http_headers?: Record<string, HttpHeader>;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const SIGNATURE_ALGORITHMS = ['RS256', 'RS384', 'RS512'];

// Headers the client sets itself (prometheus/common `ReservedHeaders`).
const RESERVED_HEADERS = new Set([
  'Authorization',
  'Host',
  'Content-Encoding',
  'Content-Length',
  'Content-Type',
  'User-Agent',
  'Connection',
  'Keep-Alive',
  'Proxy-Authenticate',
  'Proxy-Authorization',
  'Www-Authenticate',
  'Accept-Encoding',
  'X-Prometheus-Remote-Write-Version',
  'X-Prometheus-Remote-Read-Version',
  'X-Prometheus-Scrape-Timeout-Seconds',
  'X-Amz-Date',
  'X-Amz-Security-Token',
  'X-Amz-Content-Sha256',
]);

/** `DefaultHTTPClientConfig`: redirects followed, HTTP/2 on. */
export function defaultHttpConfig(): HttpClientConfig {
  return { tls_config: { insecure_skip_verify: false }, follow_redirects: true, enable_http2: true };
}

/** The `http_config` at `key`, or undefined when absent or null (the caller may inherit). */
export function httpConfigField(parent: YamlObject, key = 'http_config'): HttpClientConfig | undefined {
  const obj = parent.object(key);
  return obj ? readHttpConfig(obj) : undefined;
}

export function readHttpConfig(obj: YamlObject): HttpClientConfig {
  const c = defaultHttpConfig();
  const basic = obj.object('basic_auth');
  if (basic) c.basic_auth = readBasicAuth(basic);
  const auth = obj.object('authorization');
  if (auth) c.authorization = readAuthorization(auth);
  const oauth2 = obj.object('oauth2');
  if (oauth2) c.oauth2 = readOAuth2(oauth2);
  c.bearer_token = secretField(obj, 'bearer_token');
  c.bearer_token_file = optionalString(obj, 'bearer_token_file');
  c.tls_config = tlsConfigField(obj, 'tls_config') ?? { insecure_skip_verify: false };
  c.follow_redirects = boolOr(obj, 'follow_redirects', true);
  c.enable_http2 = boolOr(obj, 'enable_http2', true);
  Object.assign(c, readProxy(obj));
  const headers = obj.value('http_headers');
  if (!headers.isNull) c.http_headers = Object.fromEntries(headers.asMap(readHeader));
  obj.finish('config.plain');
  validate(obj, c);
  return c;
}

/** A `tls_config` (also `smtp_tls_config`, email `tls_config`), or undefined when absent/null. */
export function tlsConfigField(parent: YamlObject, key: string): TlsConfig | undefined {
  const obj = parent.object(key);
  return obj ? readTlsConfig(obj) : undefined;
}

export function readTlsConfig(obj: YamlObject): TlsConfig {
  const c: TlsConfig = {
    ca: optionalString(obj, 'ca'),
    cert: optionalString(obj, 'cert'),
    key: secretField(obj, 'key'),
    ca_file: optionalString(obj, 'ca_file'),
    cert_file: optionalString(obj, 'cert_file'),
    key_file: optionalString(obj, 'key_file'),
    ca_ref: optionalString(obj, 'ca_ref'),
    cert_ref: optionalString(obj, 'cert_ref'),
    key_ref: optionalString(obj, 'key_ref'),
    server_name: optionalString(obj, 'server_name'),
    insecure_skip_verify: boolOr(obj, 'insecure_skip_verify', false),
    min_version: tlsVersion(obj, 'min_version'),
    max_version: tlsVersion(obj, 'max_version'),
  };
  obj.finish('config.plain');
  const count = (...set: unknown[]) => set.filter((v) => v !== undefined).length;
  if (count(c.ca, c.ca_file, c.ca_ref) > 1)
    throw obj.error('', 'at most one of ca, ca_file & ca_ref must be configured');
  if (count(c.cert, c.cert_file, c.cert_ref) > 1) {
    throw obj.error('', 'at most one of cert, cert_file & cert_ref must be configured');
  }
  const keys = count(c.key, c.key_file, c.key_ref);
  if (keys > 1) throw obj.error('', 'at most one of key and key_file must be configured');
  const certs = count(c.cert, c.cert_file, c.cert_ref);
  if (certs > 0 && keys === 0) {
    throw obj.error(
      '',
      'exactly one of key or key_file must be configured when a client certificate is configured',
    );
  }
  if (keys > 0 && certs === 0) {
    throw obj.error(
      '',
      'exactly one of cert or cert_file must be configured when a client key is configured',
    );
  }
  return c;
}

function tlsVersion(obj: YamlObject, key: string): TlsVersion | undefined {
  const v = obj.value(key);
  if (v.isNull) return undefined;
  const text = v.asString();
  if (!(TLS_VERSIONS as readonly string[]).includes(text)) throw v.error(`unknown TLS version: ${text}`);
  return text as TlsVersion;
}

function readBasicAuth(obj: YamlObject): BasicAuth {
  const a: BasicAuth = {
    username: optionalString(obj, 'username'),
    username_file: optionalString(obj, 'username_file'),
    username_ref: optionalString(obj, 'username_ref'),
    password: secretField(obj, 'password'),
    password_file: optionalString(obj, 'password_file'),
    password_ref: optionalString(obj, 'password_ref'),
  };
  obj.finish('config.plain');
  return a;
}

function readAuthorization(obj: YamlObject): Authorization {
  const a: Authorization = {
    type: obj.string('type') ?? '',
    credentials: secretField(obj, 'credentials'),
    credentials_file: optionalString(obj, 'credentials_file'),
    credentials_ref: optionalString(obj, 'credentials_ref'),
  };
  obj.finish('config.Authorization');
  return a;
}

function readOAuth2(obj: YamlObject): OAuth2 {
  const claims = obj.value('claims');
  const o: OAuth2 = {
    client_id: optionalString(obj, 'client_id'),
    client_secret: secretField(obj, 'client_secret'),
    client_secret_file: optionalString(obj, 'client_secret_file'),
    client_secret_ref: optionalString(obj, 'client_secret_ref'),
    client_certificate_key_id: optionalString(obj, 'client_certificate_key_id'),
    client_certificate_key: secretField(obj, 'client_certificate_key'),
    client_certificate_key_file: optionalString(obj, 'client_certificate_key_file'),
    client_certificate_key_ref: optionalString(obj, 'client_certificate_key_ref'),
    grant_type: optionalString(obj, 'grant_type'),
    signature_algorithm: optionalString(obj, 'signature_algorithm'),
    iss: optionalString(obj, 'iss'),
    audience: optionalString(obj, 'audience'),
    claims: claims.isNull ? undefined : Object.fromEntries(claims.asMap((v) => v.toJS())),
    scopes: obj.stringList('scopes'),
    token_url: optionalString(obj, 'token_url'),
    endpoint_params: obj.stringMap('endpoint_params'),
    tls_config: tlsConfigField(obj, 'tls_config') ?? { insecure_skip_verify: false },
    ...readProxy(obj),
  };
  obj.finish('config.plain');
  // OAuth2's own unmarshalling validates its inline proxy settings.
  validateProxy(obj, o);
  return o;
}

function readProxy(obj: YamlObject): ProxyConfig {
  const header = obj.value('proxy_connect_header');
  const fromEnv = boolOr(obj, 'proxy_from_environment', false);
  return {
    proxy_url: anyUrlField(obj, 'proxy_url'),
    no_proxy: optionalString(obj, 'no_proxy'),
    proxy_from_environment: fromEnv || undefined,
    proxy_connect_header: header.isNull
      ? undefined
      : Object.fromEntries(header.asMap((v) => v.asList((item) => new Secret(item.asString())))),
  };
}

function readHeader(value: YamlValue): HttpHeader {
  const obj = value.asObject();
  if (!obj) return {};
  const h: HttpHeader = {
    values: obj.stringList('values'),
    secrets: obj.list('secrets', (item) => new Secret(item.asString())),
    files: obj.stringList('files'),
  };
  obj.finish('config.Header');
  return h;
}

/** prometheus/common `HTTPClientConfig.Validate`, in its order; moves a bearer token to authorization. */
function validate(obj: YamlObject, c: HttpClientConfig): void {
  const fail = (message: string) => obj.error('', message);
  const bearer = c.bearer_token !== undefined || c.bearer_token_file !== undefined;
  if (c.bearer_token && c.bearer_token_file)
    throw fail('at most one of bearer_token & bearer_token_file must be configured');
  if ((c.basic_auth || c.oauth2) && bearer) {
    throw fail('at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured');
  }
  const b = c.basic_auth;
  if (b && count(b.username, b.username_file, b.username_ref) > 1) {
    throw fail('at most one of basic_auth username, username_file & username_ref must be configured');
  }
  if (b && count(b.password, b.password_file, b.password_ref) > 1) {
    throw fail('at most one of basic_auth password, password_file & password_ref must be configured');
  }
  const a = c.authorization;
  if (a) {
    if (bearer) throw fail('authorization is not compatible with bearer_token & bearer_token_file');
    if (count(a.credentials, a.credentials_file, a.credentials_ref) > 1) {
      throw fail('at most one of authorization credentials & credentials_file must be configured');
    }
    a.type = a.type.trim() || 'Bearer';
    if (a.type.toLowerCase() === 'basic')
      throw fail('authorization type cannot be set to "basic", use "basic_auth" instead');
    if (c.basic_auth || c.oauth2)
      throw fail('at most one of basic_auth, oauth2 & authorization must be configured');
  } else if (c.bearer_token) {
    c.authorization = { type: 'Bearer', credentials: c.bearer_token };
    c.bearer_token = undefined;
  } else if (c.bearer_token_file) {
    c.authorization = { type: 'Bearer', credentials_file: c.bearer_token_file };
    c.bearer_token_file = undefined;
  }
  const o = c.oauth2;
  if (o) {
    if (c.basic_auth) throw fail('at most one of basic_auth, oauth2 & authorization must be configured');
    if (!o.client_id) throw fail('oauth2 client_id must be configured');
    if (!o.token_url) throw fail('oauth2 token_url must be configured');
    if (o.grant_type === JWT_BEARER) {
      if (count(o.client_certificate_key, o.client_certificate_key_file, o.client_certificate_key_ref) > 1) {
        throw fail(
          `at most one of oauth2 client_certificate_key, client_certificate_key_file & client_certificate_key_ref must be configured using grant-type=${JWT_BEARER}`,
        );
      }
      if (o.signature_algorithm && !SIGNATURE_ALGORITHMS.includes(o.signature_algorithm)) {
        throw fail('valid signature algorithms are RS256, RS384 and RS512');
      }
    } else if (count(o.client_secret, o.client_secret_file, o.client_secret_ref) > 1) {
      throw fail(
        'at most one of oauth2 client_secret, client_secret_file & client_secret_ref must be configured using grant-type=client_credentials',
      );
    }
  }
  validateProxy(obj, c);
  for (const name of Object.keys(c.http_headers ?? {})) {
    const canonical = canonicalHeaderKey(name);
    if (RESERVED_HEADERS.has(canonical))
      throw fail(`setting header ${JSON.stringify(canonical)} is not allowed`);
  }
}

function validateProxy(obj: YamlObject, p: ProxyConfig): void {
  const fail = (message: string) => obj.error('', message);
  const hasUrl = p.proxy_url !== undefined && p.proxy_url !== '';
  if (Object.keys(p.proxy_connect_header ?? {}).length > 0 && !p.proxy_from_environment && !hasUrl) {
    throw fail(
      'if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured',
    );
  }
  if (p.proxy_from_environment && hasUrl) {
    throw fail('if proxy_from_environment is configured, proxy_url must not be configured');
  }
  if (p.proxy_from_environment && p.no_proxy) {
    throw fail('if proxy_from_environment is configured, no_proxy must not be configured');
  }
  if (p.proxy_url === undefined && p.no_proxy)
    throw fail('if no_proxy is configured, proxy_url must also be configured');
}

function count(...values: unknown[]): number {
  return values.filter((v) => v !== undefined && v !== '').length;
}

/** Go's `http.CanonicalHeaderKey`: `x-custom-header` is `X-Custom-Header`; odd names stay as they are. */
export function canonicalHeaderKey(name: string): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return name;
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}
