import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import type { EmailConfig } from './email.js';
import { readReceiver } from './receiver.js';

/** All `email_configs` entries of a receiver; `list` is the list's YAML at column 0. */
function emails(list: string, global = '{}'): EmailConfig[] {
  const items = list.trim().replace(/^/gm, '  ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  email_configs:\n${items}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.email_configs ?? [];
}
const email = (item: string, global?: string) => emails(`- ${item}`, global)[0] as EmailConfig;
const SMTP = 'smtp_smarthost: localhost:25\nsmtp_from: alertmanager@example.org';

describe('email_configs', () => {
  it('requires to (TestEmailToIsPresent)', () => {
    expect(() => email("to: ''", SMTP)).toThrow('missing to address in email config');
  });

  it('rejects headers equal after canonicalisation (TestEmailHeadersCollision)', () => {
    expect(() =>
      email("{ to: 'to@email.com', headers: { Subject: 'Alert', subject: 'New Alert' } }", SMTP),
    ).toThrow('duplicate header "Subject" in email config');
    expect(() => email('{ to: a@b, headers: { x-custom-header: a, X-Custom-Header: b } }', SMTP)).toThrow(
      'duplicate header "X-Custom-Header" in email config',
    );
  });

  it('stores canonical header names', () => {
    expect(email('{ to: a@b, headers: { x-priority: "1" } }', SMTP).headers).toEqual({ 'X-Priority': '1' });
  });

  it('accepts any to text: addresses are parsed only when sending', () => {
    expect(email("to: 'not an address, a@b'", SMTP).to).toBe('not an address, a@b');
  });

  it('has upstream defaults', () => {
    const c = email('to: a@b', SMTP);
    expect(c).toMatchObject({
      send_resolved: false,
      html: '{{ template "email.default.html" . }}',
      text: '',
      hello: 'localhost',
      require_tls: true,
      tls_config: { insecure_skip_verify: false },
    });
    expect(c.force_implicit_tls).toBeUndefined();
  });

  it('needs a smarthost and a from, inline or global', () => {
    expect(() => email('to: a@b')).toThrow('no global SMTP smarthost set');
    expect(() => email('to: a@b', 'smtp_smarthost: localhost:25')).toThrow('no global SMTP from set');
    expect(() => email('{ to: a@b, smarthost: "h:25", from: f@b }')).not.toThrow();
  });

  it('checks its own smarthost', () => {
    expect(() => email('{ to: a@b, smarthost: localhost }', SMTP)).toThrow(
      'address localhost: missing port in address',
    );
  });

  it('takes the password and its file from global only together (TestGlobalAndLocalSMTPPassword)', () => {
    const list = emails(
      `
- to: one@example.com
- to: two@example.com
  auth_password_file: /tmp/localuser1password
- to: three@example.com
  auth_password: mysecret
- to: four@example.com
  auth_secret: myprecious
- to: five@example.com
  auth_secret_file: /tmp/localuser4secret
`,
      `${SMTP}\nsmtp_auth_password_file: /tmp/globaluserpassword`,
    );
    expect(list[0]).toMatchObject({ auth_password_file: '/tmp/globaluserpassword' });
    expect(list[0]?.auth_password).toBeUndefined();
    expect(list[1]).toMatchObject({ auth_password_file: '/tmp/localuser1password' });
    expect(list[2]?.auth_password?.reveal()).toBe('mysecret');
    expect(list[2]?.auth_password_file).toBeUndefined();
    expect(list[3]?.auth_secret?.reveal()).toBe('myprecious');
    expect(list[4]?.auth_secret_file).toBe('/tmp/localuser4secret');
  });

  it('inherits hello, identity, username, TLS and implicit TLS from global', () => {
    const c = email(
      'to: a@b',
      `${SMTP}\nsmtp_hello: host.example.org\nsmtp_auth_username: u\nsmtp_auth_identity: i\nsmtp_require_tls: false\nsmtp_force_implicit_tls: true\nsmtp_tls_config: { server_name: s }`,
    );
    expect(c).toMatchObject({
      hello: 'host.example.org',
      auth_username: 'u',
      auth_identity: 'i',
      require_tls: false,
      force_implicit_tls: true,
      tls_config: { server_name: 's' },
    });
  });

  it('keeps its own settings over global ones', () => {
    const c = email(
      '{ to: a@b, require_tls: true, hello: mine, tls_config: { insecure_skip_verify: true } }',
      `${SMTP}\nsmtp_require_tls: false`,
    );
    expect(c).toMatchObject({ require_tls: true, hello: 'mine', tls_config: { insecure_skip_verify: true } });
  });

  it('checks threading', () => {
    expect(email('{ to: a@b, threading: { enabled: true, thread_by_date: daily } }', SMTP).threading).toEqual(
      {
        enabled: true,
        thread_by_date: 'daily',
      },
    );
    expect(() => email('{ to: a@b, threading: { enabled: true } }', SMTP)).toThrow(
      "threading.thread_by_date must be either 'none' or 'daily'",
    );
    expect(() =>
      email(
        '{ to: a@b, threading: { enabled: true, thread_by_date: none }, headers: { references: x } }',
        SMTP,
      ),
    ).toThrow('conflicting configuration: threading.enabled conflicts with custom References header');
  });

  it('rejects unknown keys', () => {
    expect(() => email('{ to: a@b, port: 25 }', SMTP)).toThrow('field port not found in type config.plain');
  });
});
