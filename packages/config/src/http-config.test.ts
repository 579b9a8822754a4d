import { describe, expect, it } from 'vitest';
import { defaultHttpConfig, type HttpClientConfig, readHttpConfig, readTlsConfig } from './http-config.js';
import { YamlObject } from './yaml/index.js';

const http = (text: string): HttpClientConfig => readHttpConfig(YamlObject.parse(text) as YamlObject);

describe('readHttpConfig', () => {
  it('defaults to following redirects with HTTP/2 on', () => {
    const c = http('{}');
    expect(c).toEqual(defaultHttpConfig());
    expect(c.follow_redirects).toBe(true);
    expect(c.enable_http2).toBe(true);
  });

  it('reads every field of basic_auth, authorization, oauth2, proxy, TLS and headers', () => {
    const c = http(`
basic_auth: { username: u, password_file: /p }
follow_redirects: false
enable_http2: no
proxy_url: http://proxy:3128
no_proxy: localhost
proxy_connect_header: { X-Proxy: [one, two] }
tls_config: { ca_file: /ca, cert_file: /c, key_file: /k, server_name: s, insecure_skip_verify: true, min_version: TLS12, max_version: TLS13 }
http_headers:
  X-Custom: { values: [a], secrets: [b], files: [/f] }
`);
    expect(c.basic_auth).toEqual({ username: 'u', password_file: '/p' });
    expect(c.follow_redirects).toBe(false);
    expect(c.enable_http2).toBe(false);
    expect(c.proxy_url).toBe('http://proxy:3128');
    expect(c.proxy_connect_header?.['X-Proxy']?.map((s) => s.reveal())).toEqual(['one', 'two']);
    expect(c.tls_config).toMatchObject({
      ca_file: '/ca',
      server_name: 's',
      insecure_skip_verify: true,
      min_version: 'TLS12',
    });
    expect(c.http_headers?.['X-Custom']?.values).toEqual(['a']);
    expect(c.http_headers?.['X-Custom']?.secrets?.[0]?.reveal()).toBe('b');
  });

  it('turns a legacy bearer_token into a Bearer authorization', () => {
    const token = http('bearer_token: abc');
    expect(token.bearer_token).toBeUndefined();
    expect(token.authorization?.type).toBe('Bearer');
    expect(token.authorization?.credentials?.reveal()).toBe('abc');
    const file = http('bearer_token_file: /t');
    expect(file.authorization).toEqual({ type: 'Bearer', credentials_file: '/t' });
  });

  it('defaults the authorization type to Bearer and trims it', () => {
    expect(http('authorization: { credentials: x }').authorization?.type).toBe('Bearer');
    expect(http('authorization: { type: " Token ", credentials: x }').authorization?.type).toBe('Token');
  });

  it('masks secrets when serialised', () => {
    const json = JSON.stringify(
      http(
        'basic_auth: { username: u, password: hunter2 }\nproxy_connect_header: { A: [topsecret] }\nproxy_url: http://p',
      ),
    );
    expect(json).not.toContain('hunter2');
    expect(json).not.toContain('topsecret');
    expect(json).toContain('<secret>');
  });

  it.each([
    [
      'basic_auth: {username: username, password: mysecret}\nbearer_token: mysecret\nbearer_token_file: file',
      'at most one of bearer_token & bearer_token_file must be configured',
    ],
    [
      'basic_auth: {username: username, password: mysecret}\nbearer_token_file: file',
      'at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured',
    ],
    [
      'basic_auth: {username: user, password: foo, password_file: basic-auth-password}',
      'at most one of basic_auth password, password_file & password_ref must be configured',
    ],
    [
      'basic_auth: {username: user, username_file: basic-auth-username, password: foo}',
      'at most one of basic_auth username, username_file & username_ref must be configured',
    ],
    [
      'authorization: {type: APIKEY}\nbearer_token: foo',
      'authorization is not compatible with bearer_token & bearer_token_file',
    ],
    [
      'authorization: {credentials: bearertoken, credentials_file: key.txt}',
      'at most one of authorization credentials & credentials_file must be configured',
    ],
    [
      'basic_auth: {username: user, password: foo}\nauthorization: {credentials: foo}',
      'at most one of basic_auth, oauth2 & authorization must be configured',
    ],
    [
      'basic_auth: {username: user, password: foo}\noauth2: {client_id: foo, client_secret: bar}',
      'at most one of basic_auth, oauth2 & authorization must be configured',
    ],
    ['authorization: {type: Basic}', 'authorization type cannot be set to "basic", use "basic_auth" instead'],
    [
      'oauth2: {client_id: myclient, client_secret: mysecret, client_secret_file: mysecret, token_url: "http://auth"}',
      'at most one of oauth2 client_secret, client_secret_file & client_secret_ref must be configured',
    ],
    [
      'oauth2: {client_id: myclient, client_certificate_key: mysecret, client_certificate_key_file: mysecret, grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", token_url: "http://auth"}',
      'at most one of oauth2 client_certificate_key, client_certificate_key_file & client_certificate_key_ref must be configured using grant-type=urn:ietf:params:oauth:grant-type:jwt-bearer',
    ],
    [
      'oauth2: {client_id: c, token_url: "http://auth", grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", signature_algorithm: HS256}',
      'valid signature algorithms are RS256, RS384 and RS512',
    ],
    ['oauth2: {client_secret: mysecret, token_url: "http://auth"}', 'oauth2 client_id must be configured'],
    ['oauth2: {client_id: myclientid, client_secret: mysecret}', 'oauth2 token_url must be configured'],
    [
      'oauth2: {client_id: c, token_url: "http://auth", no_proxy: x}',
      'if no_proxy is configured, proxy_url must also be configured',
    ],
    [
      'proxy_from_environment: true\nproxy_url: foo',
      'if proxy_from_environment is configured, proxy_url must not be configured',
    ],
    [
      'proxy_from_environment: true\nno_proxy: 127.0.0.1',
      'if proxy_from_environment is configured, no_proxy must not be configured',
    ],
    ['no_proxy: 127.0.0.1', 'if no_proxy is configured, proxy_url must also be configured'],
    [
      'proxy_connect_header: {single: [value_0]}',
      'if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured',
    ],
    ['http_headers: {user-Agent: {values: [bar]}}', 'setting header "User-Agent" is not allowed'],
    ['proxy_url: "http://a:b"', 'invalid port ":b" after host'],
    ['tls_config: {min_version: TLS14}', 'unknown TLS version: TLS14'],
    ['basic_auth: {user: x}', 'field user not found in type config.plain'],
    ['http_headers: {X-A: {value: [x]}}', 'field value not found in type config.Header'],
    ['bearer_tokn: x', 'field bearer_tokn not found'],
  ])('rejects %j', (text, message) => {
    expect(() => http(text)).toThrow(message);
  });
});

describe('readTlsConfig', () => {
  const tls = (text: string) => readTlsConfig(YamlObject.parse(text) as YamlObject);

  it('accepts a client certificate with its key, inline or from files', () => {
    expect(tls('cert_file: c\nkey_file: k')).toMatchObject({ cert_file: 'c', key_file: 'k' });
    expect(tls('cert: c\nkey: k').key?.reveal()).toBe('k');
  });

  it.each([
    ['ca: x\nca_file: y', 'at most one of ca, ca_file & ca_ref must be configured'],
    ['cert: x\ncert_file: y\nkey: k', 'at most one of cert, cert_file & cert_ref must be configured'],
    ['cert: x\nkey: k\nkey_file: y', 'at most one of key and key_file must be configured'],
    [
      'cert_file: x',
      'exactly one of key or key_file must be configured when a client certificate is configured',
    ],
    ['key_file: x', 'exactly one of cert or cert_file must be configured when a client key is configured'],
  ])('rejects %j', (text, message) => {
    expect(() => tls(text)).toThrow(message);
  });
});
