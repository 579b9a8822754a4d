import { describe, expect, it } from 'vitest';
import { UnrecoverableNotifyError } from '../../notify-errors.js';
import { advertisedMechanisms, chooseAuth, type SmtpCredentials } from './smtp-auth.js';

const creds = (over: Partial<SmtpCredentials> = {}): SmtpCredentials => ({
  username: 'alice',
  identity: '',
  password: { value: 'pw' },
  secret: { value: 's3cret' },
  ...over,
});
const tls = { secure: true, host: 'smtp.example.org' };

describe('SMTP authentication as Alertmanager chooses it', () => {
  it('reads the mechanisms of an EHLO reply in the order the server lists them', () => {
    expect(
      advertisedMechanisms('250-smtp.example.org\n250-PIPELINING\n250 AUTH LOGIN CRAM-MD5 PLAIN'),
    ).toEqual(['LOGIN', 'CRAM-MD5', 'PLAIN']);
    expect(advertisedMechanisms('250-x\r\n250-AUTH=PLAIN LOGIN\r\n250 8BITMIME')).toEqual(['PLAIN', 'LOGIN']);
    expect(advertisedMechanisms('250-x\n250 8BITMIME')).toEqual([]);
  });

  it('takes the first listed mechanism it has a credential for', () => {
    expect(chooseAuth(['CRAM-MD5', 'PLAIN'], creds(), tls)).toMatchObject({
      method: 'CRAM-MD5',
      pass: 's3cret',
    });
    expect(chooseAuth(['LOGIN', 'PLAIN'], creds(), tls)).toMatchObject({ method: 'LOGIN', pass: 'pw' });
    expect(chooseAuth(['CRAM-MD5', 'PLAIN'], creds({ secret: { value: '' } }), tls)).toMatchObject({
      method: 'PLAIN',
      user: 'alice',
    });
    expect(chooseAuth(['XOAUTH2', 'PLAIN'], creds(), tls)).toMatchObject({ method: 'PLAIN' });
  });

  it('explains every mechanism it could not use', () => {
    const err = (() => {
      try {
        chooseAuth(
          ['XOAUTH2', 'CRAM-MD5', 'LOGIN'],
          creds({ password: { error: 'could not read /pw: ENOENT' }, secret: { value: '' } }),
          tls,
        );
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(UnrecoverableNotifyError);
    expect(err?.message).toBe(
      'find auth mechanism: unknown auth mechanism: XOAUTH2\nmissing secret for CRAM-MD5 auth mechanism\ncould not read /pw: ENOENT',
    );
  });

  it('refuses PLAIN over an unencrypted connection, except to localhost', () => {
    expect(() => chooseAuth(['PLAIN'], creds(), { secure: false, host: 'smtp.example.org' })).toThrow(
      'unencrypted connection',
    );
    expect(chooseAuth(['PLAIN'], creds(), { secure: false, host: '127.0.0.1' })).toMatchObject({
      method: 'PLAIN',
    });
    expect(chooseAuth(['LOGIN'], creds(), { secure: false, host: 'smtp.example.org' })).toMatchObject({
      method: 'LOGIN',
    });
  });
});
