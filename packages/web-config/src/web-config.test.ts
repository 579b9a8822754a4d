import { describe, expect, it } from 'vitest';
import { parseWebConfig } from './web-config.js';

// bcrypt of "secret" at cost 4 (tests stay fast).
const HASH = '$2b$04$O19GM18yVWa1NhhKmco14OvdihlSnP26NkiQAlwksSaCsve7dgGrC';

describe('parseWebConfig', () => {
  it('reads every section, with exporter-toolkit defaults and paths relative to the file', () => {
    const config = parseWebConfig(
      `tls_server_config:
  cert_file: server.crt
  key_file: /abs/server.key
  client_auth_type: RequireAndVerifyClientCert
  client_ca_file: ca.crt
  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
  curve_preferences: [X25519, CurveP256]
http_server_config:
  http2: false
  headers:
    X-Frame-Options: deny
    Content-Security-Policy: ""
basic_auth_users:
  alice: ${HASH}
rate_limit:
  interval: 100ms
  burst: 5
`,
      '/etc/tocsin',
    );
    expect(config).toEqual({
      http2: false,
      headers: { 'X-Frame-Options': 'deny' },
      users: { alice: HASH },
      authExcludedPaths: [],
      rateLimit: { intervalMs: 100, burst: 5 },
      tls: {
        certFile: '/etc/tocsin/server.crt',
        keyFile: '/abs/server.key',
        clientCaFile: '/etc/tocsin/ca.crt',
        clientAuthType: 'RequireAndVerifyClientCert',
        minVersion: 'TLS12',
        maxVersion: 'TLS13',
        cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
        preferServerCipherSuites: true,
        curvePreferences: ['X25519', 'CurveP256'],
      },
    });
  });

  it('an empty file is plain HTTP without auth', () => {
    expect(parseWebConfig('', '/')).toEqual({ http2: true, headers: {}, users: {}, authExcludedPaths: [] });
  });

  it.each([
    ['tls_server_confg: {}', 'tls_server_confg: unknown field'],
    ['tls_server_config: {cert_file: a}', 'tls_server_config: missing one of key or key_file'],
    ['tls_server_config: {key_file: a}', 'tls_server_config: missing one of cert or cert_file'],
    ['tls_server_config: {cert_file: a, cert: b, key_file: c}', 'cert and cert_file are mutually exclusive'],
    [
      'tls_server_config: {cert_file: a, key_file: b, client_ca_file: c}',
      "client CA's have been configured without a client_auth_type",
    ],
    [
      'tls_server_config: {cert_file: a, key_file: b, client_auth_type: Sometimes}',
      'tls_server_config.client_auth_type: "Sometimes" is not one of',
    ],
    [
      'tls_server_config: {cert_file: a, key_file: b, min_version: TLS14}',
      'tls_server_config.min_version: unknown TLS version "TLS14"',
    ],
    [
      'tls_server_config: {cert_file: a, key_file: b, min_version: TLS13, max_version: TLS12}',
      'min_version TLS13 is above max_version TLS12',
    ],
    [
      'tls_server_config: {cert_file: a, key_file: b, cipher_suites: [RC4]}',
      'tls_server_config.cipher_suites: unknown name "RC4"',
    ],
    [
      'tls_server_config: {cert_file: a, key_file: b, client_allowed_sans: [x]}',
      'tls_server_config.client_allowed_sans: needs client_auth_type',
    ],
    ['http_server_config: {headers: {Server: x}}', 'HTTP header "Server" can not be configured'],
    [
      'http_server_config: {headers: {X-Frame-Options: allow}}',
      'http_server_config.headers.X-Frame-Options: "allow" is not one of "deny", "sameorigin"',
    ],
    ['basic_auth_users: {bob: plaintext}', 'basic_auth_users.bob: not a bcrypt hash'],
    ['basic_auth_users: {bob: 12}', 'basic_auth_users.bob: the password must be a bcrypt hash string'],
    ['rate_limit: {interval: soon}', 'rate_limit.interval:'],
    ['basic_auth_users: [a]', 'basic_auth_users: must be a mapping'],
    ['a: [', 'invalid YAML'],
  ])('%s is rejected naming the field', (text, message) => {
    expect(() => parseWebConfig(text, '/')).toThrow(message);
  });

  it('never quotes a password hash in an error', () => {
    const hash = '$2b$04$tooshort';
    expect(() => parseWebConfig(`basic_auth_users: {bob: "${hash}"}`, '/')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(hash) }),
    );
  });
});
