import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import type { NotifyAlert, NotifyJobData } from '@tocsin/queues';
import { selfSignedCertificate, waitFor } from '@tocsin/test-support';
import type { JobsOptions } from 'bullmq';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type NotifierUnderTest,
  notifierTestDir,
  notifyJob,
  readFixtureAlerts,
  startNotifierUnderTest,
} from '../integration-harness.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const PASSWORD = 'p4ss-w0rd';
const SECRET = 'cr4m-s3cret';

interface Delivery {
  server: string;
  from: string;
  to: string[];
  raw: string;
  secure: boolean;
  hello: string;
  user: string | undefined;
  method: string | undefined;
}

const deliveries: Delivery[] = [];
const connections: Record<string, number> = {};
const rcptReplies = new Map<string, number[]>();
let dir: string;
let under: NotifierUnderTest;
const servers: SMTPServer[] = [];
const authMethodOf = new Map<string, string>();
let seq = 0;

/** A real SMTP server; RCPT TO replies can be scripted per address. */
async function smtpServer(name: string, options: SMTPServerOptions): Promise<number> {
  const server = new SMTPServer({
    logger: false,
    ...options,
    onConnect(_session, callback) {
      connections[name] = (connections[name] ?? 0) + 1;
      callback();
    },
    onAuth(auth, session, callback) {
      authMethodOf.set(session.id, auth.method);
      const ok =
        auth.username === 'alice' &&
        (auth.method === 'CRAM-MD5' ? auth.validatePassword(SECRET) : auth.password === PASSWORD);
      if (!ok) {
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
        return;
      }
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      const code = rcptReplies.get(address.address)?.shift();
      if (code) {
        callback(Object.assign(new Error(`${code} scripted refusal`), { responseCode: code }));
        return;
      }
      callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        deliveries.push({
          server: name,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          secure: session.secure,
          hello: session.hostNameAppearsAs,
          user: session.user,
          method: authMethodOf.get(session.id),
        });
        callback();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.server.address() as { port: number }).port;
}

async function closedPort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise((resolve) => s.close(resolve));
  return port;
}

beforeAll(async () => {
  dir = notifierTestDir('email');
  const { cert, key } = selfSignedCertificate(dir, 'smtp.tocsin.test');
  // The fixture's server: no TLS, no auth, as Alertmanager was recorded against.
  const plain = await smtpServer('plain', { authOptional: true, disabledCommands: ['STARTTLS'] });
  // STARTTLS, then AUTH required; LOGIN listed before PLAIN, so Alertmanager's rule picks LOGIN.
  const starttls = await smtpServer('starttls', { key, cert, authMethods: ['LOGIN', 'PLAIN'] });
  // No TLS; CRAM-MD5 listed first, and the config has a secret for it.
  const cram = await smtpServer('cram', {
    authMethods: ['CRAM-MD5', 'PLAIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
  });
  // TLS from the first byte.
  const implicit = await smtpServer('implicit', { secure: true, key, cert, authOptional: true });
  // Drops clients idle for 300 ms, as real servers do after a few minutes.
  const impatient = await smtpServer('impatient', {
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    socketTimeout: 300,
  });
  const refused = await closedPort();
  writeFileSync(path.join(dir, 'password'), `${PASSWORD}\n`);
  writeFileSync(path.join(dir, 'secret'), SECRET);
  const tls = `
        tls_config:
          ca_file: ${path.join(dir, 'cert.pem')}
          server_name: smtp.tocsin.test`;
  const fixtureConfig = readFileSync(path.join(FIXTURES, 'alertmanager.yml'), 'utf8')
    .replaceAll('SMTP_ADDRESS', `127.0.0.1:${plain}`)
    .replaceAll('SLACK_URL', 'http://127.0.0.1:9/slack');
  const config = `${fixtureConfig}
  - name: secure
    email_configs:
      - to: 'Team <team@example.org>, lead@example.org'
        smarthost: 127.0.0.1:${starttls}
        require_tls: true
        hello: tocsin.test
        auth_username: alice
        auth_password_file: ${path.join(dir, 'password')}${tls}
        send_resolved: true
        text: '{{ range .Alerts }}{{ .Labels.instance }} {{ .Status }}{{ "\\n" }}{{ end }}'
        headers:
          Subject: '{{ .Alerts.Firing | len }} firing on {{ .CommonLabels.cluster }}'
          X-Group: '{{ .GroupLabels.alertname }}'
          Reply-To: 'noc@example.org'
  - name: cram
    email_configs:
      - to: ops@example.org
        smarthost: 127.0.0.1:${cram}
        auth_username: alice
        auth_password: ${PASSWORD}
        auth_secret_file: ${path.join(dir, 'secret')}
  - name: implicit
    email_configs:
      - to: ops@example.org
        smarthost: 127.0.0.1:${implicit}
        force_implicit_tls: true${tls}
  - name: no-starttls
    email_configs:
      - to: ops@example.org
        smarthost: 127.0.0.1:${plain}
        require_tls: true
  - name: wrong-password
    email_configs:
      - to: ops@example.org
        smarthost: 127.0.0.1:${starttls}
        auth_username: alice
        auth_password: wrong
        require_tls: true${tls}
  - name: impatient
    email_configs:
      - to: ops@example.org
        smarthost: 127.0.0.1:${impatient}
  - name: refused
    email_configs:
      - to: ops@example.org
        smarthost: 127.0.0.1:${refused}
  - name: broken-template
    email_configs:
      - to: ops@example.org
        headers:
          Subject: '{{ template "no.such.template" . }}'
`;
  under = await startNotifierUnderTest('email', dir, config);
}, 60_000);

afterAll(async () => {
  await under?.close();
  // smtp-server waits for its clients to leave: a connection Tocsin forgot would hang here.
  for (const s of servers) await new Promise((resolve) => s.close(() => resolve(undefined)));
});

const fixtureAlerts = () => readFixtureAlerts(FIXTURES);

function notification(receiver: string, alerts: NotifyAlert[] = fixtureAlerts()): NotifyJobData {
  seq += 1;
  return notifyJob(
    'email',
    receiver,
    { key: `{}:{alertname="DiskFull", n="${seq}"}`, labels: { alertname: 'DiskFull' } },
    alerts,
  );
}

const run = (n: NotifyJobData, opts?: JobsOptions) => under.run(n, opts);

/** Header lines of a raw message (unfolded), and its body. */
function split(raw: string): { headers: string[]; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  return { headers: raw.slice(0, end).split('\r\n'), body: raw.slice(end + 4) };
}

/** What the recorder did to Alertmanager's message, done to Tocsin's. */
function normalise(raw: string): string {
  const boundary = /boundary=([^\r\n;]+)/.exec(raw)?.[1] ?? 'none';
  return raw
    .replace(/^Date: .*$/m, 'Date: DATE')
    .replace(/^Message-Id: .*$/m, 'Message-Id: MESSAGE-ID')
    .replaceAll(boundary, 'BOUNDARY');
}

function deliveriesTo(server: string): Delivery[] {
  return deliveries.filter((d) => d.server === server);
}

describe('email notifier', () => {
  it('sends what Alertmanager sent for the same alerts: envelope, headers and text part byte for byte, subject decoded', async () => {
    const job = await run(notification('team.ops'));
    expect(job.returnvalue).toBe('sent');
    const [mail] = deliveriesTo('plain');
    expect(mail).toBeDefined();
    const recorded = readFileSync(path.join(FIXTURES, 'alertmanager-0.25.eml'), 'utf8');
    const meta = JSON.parse(readFileSync(path.join(FIXTURES, 'alertmanager-0.25.json'), 'utf8'));
    expect({ from: mail?.from, to: mail?.to }).toEqual(meta.envelope);

    const ours = split(normalise(mail?.raw ?? ''));
    const theirs = split(recorded);
    // Alertmanager writes headers in Go map order, which is random: compare them as a set.
    expect([...ours.headers].sort()).toEqual([...theirs.headers].sort());
    expect(ours.headers).toContain('Subject: =?utf-8?q?[FIRING:1]_DiskFull_(z=C3=BCrich-1_critical)?=');
    const [ourText] = ours.body.split('\r\n--BOUNDARY');
    const [theirText] = theirs.body.split('\r\n--BOUNDARY');
    expect(ourText).toBe(theirText);

    const parsed = await simpleParser(mail?.raw ?? '');
    const reference = await simpleParser(recorded);
    expect(parsed.subject).toBe('[FIRING:1] DiskFull (zürich-1 critical)');
    expect(parsed.subject).toBe(reference.subject);
    expect(parsed.text).toBe(reference.text);
    expect(parsed.messageId).toMatch(/^<\d+\.\d+@.+>$/);
  });

  it('writes its own HTML body naming every alert with its labels, annotations and links', async () => {
    const mail = deliveriesTo('plain')[0];
    const parsed = await simpleParser(mail?.raw ?? '');
    const html = parsed.html || '';
    expect(html).toContain('<html');
    const text = htmlText(html);
    for (const alert of fixtureAlerts()) {
      for (const [name, value] of Object.entries({ ...alert.labels, ...alert.annotations })) {
        expect(text).toContain(name);
        expect(text).toContain(value);
      }
    }
    expect(html).toContain('href="http://prometheus.example:9090/graph?g0.expr=disk_free%3C0.03"');
    expect(html).toContain('href="http://alertmanager.example:9093/#/alerts?receiver=team%5C.ops"');
  });

  it('upgrades with STARTTLS, logs in with the first mechanism the server lists, sends templated headers and both parts', async () => {
    const job = await run(notification('secure'));
    expect(job.returnvalue).toBe('sent');
    const [mail] = deliveriesTo('starttls');
    expect(mail).toMatchObject({
      secure: true,
      hello: 'tocsin.test',
      user: 'alice',
      method: 'LOGIN',
      from: 'alertmanager@example.org',
      to: ['team@example.org', 'lead@example.org'],
    });
    const parsed: ParsedMail = await simpleParser(mail?.raw ?? '');
    expect(parsed.subject).toBe('1 firing on zürich-1');
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : []).toEqual([
      { address: 'team@example.org', name: 'Team' },
      { address: 'lead@example.org', name: '' },
    ]);
    expect(parsed.from?.value).toEqual([{ address: 'alertmanager@example.org', name: 'Alertmanager' }]);
    expect(parsed.headers.get('x-group')).toBe('DiskFull');
    expect(parsed.replyTo?.text).toBe('noc@example.org');
    expect(parsed.headers.get('mime-version')).toBe('1.0');
    expect(parsed.text).toBe('db-1:9100 firing\ndb-2:9100 resolved\n');
    expect(parsed.html).toContain('db-2:9100');
  });

  it('keeps the connection for the next message to the same smarthost', async () => {
    const before = connections.starttls ?? 0;
    const count = deliveriesTo('starttls').length;
    expect((await run(notification('secure'))).returnvalue).toBe('sent');
    expect((await run(notification('secure'))).returnvalue).toBe('sent');
    expect(deliveriesTo('starttls').length).toBe(count + 2);
    expect(connections.starttls).toBe(before);
  });

  it('opens a new connection when the server closed the idle one', async () => {
    expect((await run(notification('impatient'))).returnvalue).toBe('sent');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const job = await run(notification('impatient'));
    expect(job.returnvalue).toBe('sent');
    expect(job.attemptsMade).toBe(1);
    expect(deliveriesTo('impatient')).toHaveLength(2);
    expect(connections.impatient).toBe(2);
  });

  it('uses CRAM-MD5 with the secret from its file when the server lists it first', async () => {
    expect((await run(notification('cram'))).returnvalue).toBe('sent');
    expect(deliveriesTo('cram')[0]).toMatchObject({ method: 'CRAM-MD5', user: 'alice', secure: false });
  });

  it('speaks TLS from the first byte with force_implicit_tls', async () => {
    expect((await run(notification('implicit'))).returnvalue).toBe('sent');
    expect(deliveriesTo('implicit')[0]).toMatchObject({ secure: true, to: ['ops@example.org'] });
  });

  it('fails at once on a 550 from the server: no retry, a dead letter', async () => {
    rcptReplies.set('ops@example.org', [550]);
    const n = notification('cram');
    const job = await run(n);
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(
      /^cram\/email\[0\]: notify retry canceled due to unrecoverable error after 1 attempts: .*550/,
    );
    const letter = await waitFor(
      async () => (await under.deadLetters.list({ receiver: 'cram' })).find((l) => l.groupKey === n.groupKey),
      { what: 'the dead letter' },
    );
    expect(letter).toMatchObject({ integration: 'email', attempts: 1 });
    expect(letter.lastError).toContain('550 scripted refusal');
  });

  it('retries a 451 and delivers on the next attempt', async () => {
    const count = deliveriesTo('cram').length;
    rcptReplies.set('ops@example.org', [451]);
    const job = await run(notification('cram'));
    expect(job.returnvalue).toBe('sent');
    expect(job.attemptsMade).toBe(2);
    expect(deliveriesTo('cram').length).toBe(count + 1);
  });

  it('fails a wrong password at once (535) and retries a refused connection', async () => {
    const wrong = await run(notification('wrong-password'));
    expect(wrong.failedReason).toMatch(/unrecoverable error after 1 attempts: .*535/);
    const refused = await run(notification('refused'), { attempts: 1 });
    expect(await refused.getState()).toBe('failed');
    expect(refused.failedReason).toMatch(
      /^refused\/email\[0\]: notify retry canceled after 1 attempts: .*ECONNREFUSED/,
    );
  });

  it('will not send in the clear when require_tls is set and the server offers no STARTTLS', async () => {
    const count = deliveriesTo('plain').length;
    const job = await run(notification('no-starttls'), { attempts: 1 });
    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toMatch(/STARTTLS/);
    expect(deliveriesTo('plain').length).toBe(count);
  });

  it('fails a template error with its message, and sends nothing', async () => {
    const count = deliveries.length;
    const job = await run(notification('broken-template'));
    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toContain('execute "Subject" header template');
    expect(job.failedReason).toContain('no.such.template');
    expect(deliveries.length).toBe(count);
  });
});

/** The visible text of an HTML body, entities decoded, whitespace collapsed. */
function htmlText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
