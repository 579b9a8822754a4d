import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultHttpConfig, type HttpClientConfig, Secret } from '@tocsin/config';
import { describe, expect, it } from 'vitest';
import { RetryableError, UnrecoverableNotifyError } from '../notify-errors.js';
import { configHeaders } from './request-headers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-headers-'));
const file = (name: string, text: string) => {
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};
const config = (over: Partial<HttpClientConfig>): HttpClientConfig => ({ ...defaultHttpConfig(), ...over });

describe('configHeaders', () => {
  it('adds nothing without auth or headers', async () => {
    expect(await configHeaders(undefined)).toEqual({});
    expect(await configHeaders(config({}))).toEqual({});
  });

  it('builds basic auth from inline values and trimmed files', async () => {
    const h = await configHeaders(
      config({ basic_auth: { username_file: file('user', ' bob \n'), password: new Secret('pw') } }),
    );
    expect(h.Authorization).toEqual([`Basic ${Buffer.from('bob:pw').toString('base64')}`]);
  });

  it('sends authorization with its type', async () => {
    const h = await configHeaders(
      config({ authorization: { type: 'Token', credentials: new Secret('abc') } }),
    );
    expect(h.Authorization).toEqual(['Token abc']);
  });

  it('adds http_headers values, secrets and files', async () => {
    const h = await configHeaders(
      config({
        http_headers: { 'X-Team': { values: ['a'], secrets: [new Secret('b')], files: [file('h', 'c\n')] } },
      }),
    );
    expect(h['X-Team']).toEqual(['a', 'b', 'c']);
  });

  it('retries when a credentials file is missing, refuses what it cannot do yet', async () => {
    await expect(
      configHeaders(config({ authorization: { type: 'Bearer', credentials_file: path.join(dir, 'none') } })),
    ).rejects.toBeInstanceOf(RetryableError);
    await expect(
      configHeaders(
        config({
          oauth2: { client_id: 'x', token_url: 'http://t', tls_config: { insecure_skip_verify: false } },
        }),
      ),
    ).rejects.toThrow(new UnrecoverableNotifyError('oauth2 in http_config is not supported yet'));
  });
});
