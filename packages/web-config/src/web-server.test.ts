import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '@tocsin/test-support';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasicAuth } from './basic-auth.js';
import { createWebServer, type WebServer } from './web-server.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-web-config-'));
const HASH = bcrypt.hashSync('s3cret', 4);

/** A self-signed certificate for 127.0.0.1, made by openssl. */
function selfSigned(name: string): { cert: string; key: string } {
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
      ...['-keyout', key, '-out', cert, '-subj', `/CN=${name}`, '-addext', 'subjectAltName=IP:127.0.0.1'],
    ],
    { stdio: 'pipe' },
  );
  return { cert, key };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(
  port: number,
  urlPath: string,
  options: { ca?: string; auth?: string; cert?: string; key?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        // A fresh connection each time: a kept-alive one would skip the handshake under test.
        agent: false,
        ca: options.ca,
        cert: options.cert,
        key: options.key,
        headers: options.auth
          ? { authorization: `Basic ${Buffer.from(options.auth).toString('base64')}` }
          : {},
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => {
          body += d.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('createWebServer with TLS and basic auth', () => {
  const server = selfSigned('server');
  const ca = readFileSync(server.cert, 'utf8');
  const file = path.join(dir, 'web.yml');
  let web: WebServer;
  let port: number;
  const write = (users: string) =>
    writeFileSync(
      file,
      `tls_server_config:
  cert_file: server.crt
  key_file: server.key
http_server_config:
  headers:
    X-Content-Type-Options: nosniff
basic_auth_users:
${users}
`,
    );

  beforeAll(async () => {
    write(`  alice: ${HASH}`);
    web = await createWebServer((_req, res) => res.end('hello'), {
      webConfigFile: file,
      publicPaths: ['/-/healthy'],
      pollIntervalMs: 50,
    });
    port = await web.listen('127.0.0.1', 0);
  });
  afterAll(() => web?.close());

  it('serves HTTPS that a client trusting the self-signed certificate accepts', async () => {
    expect(web.scheme).toBe('https');
    const answer = await get(port, '/x', { ca, auth: 'alice:s3cret' });
    expect(answer).toMatchObject({ status: 200, body: 'hello' });
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it('fails the handshake for a client that does not trust the certificate', async () => {
    await expect(get(port, '/x', { auth: 'alice:s3cret' })).rejects.toThrow(/self[- ]signed/i);
  });

  it('answers 401 with WWW-Authenticate: Basic without or with wrong credentials', async () => {
    for (const auth of [undefined, 'alice:wrong', 'mallory:s3cret', 'alice']) {
      const answer = await get(port, '/x', { ca, ...(auth ? { auth } : {}) });
      expect(answer.status, String(auth)).toBe(401);
      expect(answer.headers['www-authenticate']).toBe('Basic');
    }
  });

  it('serves public paths without credentials, and only those exactly', async () => {
    expect((await get(port, '/-/healthy?x=1', { ca })).status).toBe(200);
    expect((await get(port, '/-/healthy/', { ca })).status).toBe(401);
    expect((await get(port, '//-/healthy', { ca })).status).toBe(401);
  });

  it('picks up a changed user list, and keeps the last good one when the file turns invalid', async () => {
    write(`  bob: ${HASH}`);
    await waitFor(async () => (await get(port, '/x', { ca, auth: 'bob:s3cret' })).status === 200, {
      what: 'bob accepted',
    });
    expect((await get(port, '/x', { ca, auth: 'alice:s3cret' })).status).toBe(401);
    writeFileSync(file, 'basic_auth_users: [broken');
    await new Promise((r) => setTimeout(r, 300));
    expect((await get(port, '/x', { ca, auth: 'bob:s3cret' })).status).toBe(200);
  });

  it('serves a renewed certificate without a restart', async () => {
    write(`  bob: ${HASH}`);
    selfSigned('server');
    const renewed = readFileSync(server.cert, 'utf8');
    expect(renewed).not.toBe(ca);
    await waitFor(
      () =>
        get(port, '/x', { ca: renewed, auth: 'bob:s3cret' }).then(
          (a) => a.status === 200,
          () => false,
        ),
      { what: 'the renewed certificate served' },
    );
    await expect(get(port, '/x', { ca, auth: 'bob:s3cret' })).rejects.toThrow();
  });
});

describe('client certificates', () => {
  it('RequireAndVerifyClientCert drops a client without one and serves one the CA signed', async () => {
    const server = selfSigned('server2');
    const client = selfSigned('client');
    const file = path.join(dir, 'mtls.yml');
    writeFileSync(
      file,
      `tls_server_config:
  cert_file: server2.crt
  key_file: server2.key
  client_auth_type: RequireAndVerifyClientCert
  client_ca_file: client.crt
`,
    );
    const web = await createWebServer((_req, res) => res.end('ok'), { webConfigFile: file });
    const port = await web.listen('127.0.0.1', 0);
    try {
      const ca = readFileSync(server.cert, 'utf8');
      await expect(get(port, '/', { ca })).rejects.toThrow();
      const answer = await get(port, '/', {
        ca,
        cert: readFileSync(client.cert, 'utf8'),
        key: readFileSync(client.key, 'utf8'),
      });
      expect(answer).toMatchObject({ status: 200, body: 'ok' });
    } finally {
      await web.close();
    }
  });

  it('a missing certificate file fails start-up naming the field', async () => {
    const file = path.join(dir, 'missing.yml');
    writeFileSync(file, 'tls_server_config: {cert_file: nope.crt, key_file: nope.key}\n');
    await expect(createWebServer(() => {}, { webConfigFile: file })).rejects.toThrow(
      'tls_server_config.cert_file: cannot read',
    );
  });

  it('a key that does not match the certificate fails start-up', async () => {
    selfSigned('a');
    selfSigned('b');
    const file = path.join(dir, 'mismatch.yml');
    writeFileSync(file, 'tls_server_config: {cert_file: a.crt, key_file: b.key}\n');
    await expect(createWebServer(() => {}, { webConfigFile: file })).rejects.toThrow(
      'the certificate and key do not load',
    );
  });
});

describe('BasicAuth', () => {
  const header = (auth: string) => `Basic ${Buffer.from(auth).toString('base64')}`;

  it('verifies with bcrypt once, then answers from its cache', async () => {
    const auth = new BasicAuth({ alice: HASH });
    const first = auth.check(header('alice:s3cret'));
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toBe(true);
    expect(auth.check(header('alice:s3cret'))).toBe(true);
    expect(await auth.check(header('alice:nope'))).toBe(false);
    expect(auth.check(header('alice:nope'))).toBe(false);
  });

  it('rejects unknown users, other schemes and malformed headers', async () => {
    const auth = new BasicAuth({ alice: HASH });
    expect(await auth.check(header('bob:s3cret'))).toBe(false);
    expect(await auth.check(`Bearer ${Buffer.from('alice:s3cret').toString('base64')}`)).toBe(false);
    expect(await auth.check('Basic !!!')).toBe(false);
    expect(await auth.check(undefined)).toBe(false);
    expect(await auth.check(`bAsIc ${Buffer.from('alice:s3cret').toString('base64')}`)).toBe(true);
  });

  it('keeps at most maxCached outcomes', async () => {
    const auth = new BasicAuth({ alice: HASH }, 2);
    for (const p of ['a', 'b', 'c']) await auth.check(header(`alice:${p}`));
    // "a" was evicted: checking it again needs bcrypt (a promise), "c" is cached.
    expect(auth.check(header('alice:a'))).toBeInstanceOf(Promise);
    expect(auth.check(header('alice:c'))).toBe(false);
  });
});
