import { writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { publishReload, readFleetStatus } from '@tocsin/coordinator';
import { fingerprint, GO_ZERO_TIME_MS } from '@tocsin/model';
import { NotificationLog } from '@tocsin/nflog';
import { NOTIFY_JOB_OPTIONS, type NotifyAlert, type NotifyJobData } from '@tocsin/queues';
import { selfSignedCertificate, waitFor } from '@tocsin/test-support';
import type { JobsOptions } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type NotifierUnderTest,
  notifierTestDir,
  notifyJob,
  startNotifierUnderTest,
} from '../integration-harness.js';

// A secret in every URL: no error message or log line may ever show it.
const TOKEN = 'T0K3N-s3cr3t';

interface Received {
  path: string;
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
}
type Reply = { status: number; headers?: Record<string, string>; body?: string };
type Responder = (r: Received) => Reply | Promise<Reply>;

const received: Received[] = [];
const responders = new Map<string, Responder[]>();

/** Replies in order for a path; once used up, 200. */
function respond(p: string, ...replies: Responder[]): void {
  responders.set(p, replies);
}

function handler(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    const path = (req.url ?? '').replace(`/${TOKEN}`, '');
    const r: Received = {
      path,
      method: req.method ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    };
    received.push(r);
    const reply = (await responders.get(path)?.shift()?.(r)) ?? { status: 200 };
    res.writeHead(reply.status, reply.headers).end(reply.body ?? '');
  });
}

const requestsTo = (p: string) => received.filter((r) => r.path === p);

let under: NotifierUnderTest;
let nflog: NotificationLog;
let http: Server;
let https: Server;
let proxy: Server;
const proxied: string[] = [];
let dir: string;
let configText: string;
let seq = 0;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  dir = notifierTestDir('webhook');
  const { cert, key } = selfSignedCertificate(dir, 'tocsin.test');
  http = createHttpServer(handler);
  https = createHttpsServer({ cert, key }, handler);
  const port = await listen(http);
  const tlsPort = await listen(https);
  proxy = createHttpServer((req, res) => {
    // A forward proxy sees absolute-form request targets; this one answers for the origin itself.
    proxied.push(req.url ?? '');
    req.resume().on('end', () => res.writeHead(200).end());
  });
  const proxyPort = await listen(proxy);
  const spare = createHttpServer();
  const closedPort = await listen(spare);
  await new Promise((resolve) => spare.close(resolve));
  writeFileSync(path.join(dir, 'password'), 'first-password\n');
  writeFileSync(path.join(dir, 'token'), 'bearer-token\n');
  writeFileSync(path.join(dir, 'url'), `http://127.0.0.1:${port}/${TOKEN}/from-file\n`);
  const base = `http://127.0.0.1:${port}/${TOKEN}`;
  configText = `route:
  receiver: plain
receivers:
  - name: plain
    webhook_configs:
      - url: '${base}/plain'
      - url: '${base}/second'
        max_alerts: 1
  - name: team.a
    webhook_configs:
      - url: '${base}/team-a'
  - name: basic
    webhook_configs:
      - url: '${base}/basic'
        http_config:
          basic_auth:
            username: alice
            password_file: ${path.join(dir, 'password')}
  - name: bearer
    webhook_configs:
      - url_file: ${path.join(dir, 'url')}
        http_config:
          authorization:
            credentials_file: ${path.join(dir, 'token')}
  - name: flaky
    webhook_configs:
      - url: '${base}/flaky'
  - name: rejecting
    webhook_configs:
      - url: '${base}/rejecting'
  - name: limited
    webhook_configs:
      - url: '${base}/limited'
  - name: quiet
    webhook_configs:
      - url: '${base}/quiet'
        send_resolved: false
  - name: templated
    webhook_configs:
      - url: 'http://127.0.0.1:${port}/{{ .GroupLabels.alertname }}'
  - name: payload
    webhook_configs:
      - url: '${base}/payload'
        payload:
          text: '{{ .Status }} <{{ .Receiver }}>'
          count: '{{ .Alerts | len }}'
          '{{ .GroupLabels.alertname }}': fixed
          list: ['{{ .CommonLabels.n }}', 2, true]
          yes_no: 'yes'
          structured: 'a: {{ .GroupLabels.alertname }}'
  - name: unreachable
    webhook_configs:
      - url: 'http://127.0.0.1:${closedPort}/${TOKEN}/nowhere'
  - name: tls
    webhook_configs:
      - url: 'https://127.0.0.1:${tlsPort}/${TOKEN}/tls'
        http_config:
          tls_config:
            ca_file: ${path.join(dir, 'cert.pem')}
            server_name: tocsin.test
  - name: untrusted
    webhook_configs:
      - url: 'https://127.0.0.1:${tlsPort}/${TOKEN}/untrusted'
  - name: slow
    webhook_configs:
      - url: '${base}/slow'
        timeout: 200ms
  - name: redirected
    webhook_configs:
      - url: '${base}/moved'
  - name: unfollowed
    webhook_configs:
      - url: '${base}/moved-again'
        http_config:
          follow_redirects: false
  - name: proxied
    webhook_configs:
      - url: 'http://origin.invalid/${TOKEN}/proxied'
        http_config:
          proxy_url: 'http://127.0.0.1:${proxyPort}'
  - name: vanishing
    webhook_configs:
      - url: '${base}/vanishing'
`;
  under = await startNotifierUnderTest('webhook', dir, configText, {
    externalUrl: 'http://tocsin.example:9093/',
    flags: ['--web.listen-address=127.0.0.1:0'],
    jobTimeoutMs: 15_000,
  });
  nflog = new NotificationLog(under.redis, { prefix: under.prefix });
});

afterAll(async () => {
  await under?.close();
  await new Promise((resolve) => http?.close(resolve));
  await new Promise((resolve) => https?.close(resolve));
  await new Promise((resolve) => proxy?.close(resolve));
});

function notification(receiver: string, over: Partial<NotifyJobData> = {}): NotifyJobData {
  seq += 1;
  const labels = { alertname: 'Test', n: String(seq) };
  const alert: NotifyAlert = {
    fingerprint: fingerprint(labels),
    status: 'firing',
    labels,
    annotations: { summary: 's' },
    startsAt: Date.UTC(2024, 0, 1),
    endsAt: GO_ZERO_TIME_MS,
    generatorURL: 'http://prometheus/graph',
  };
  const group = { key: `{}:{alertname="Test", n="${seq}"}`, labels: { alertname: 'Test', n: String(seq) } };
  return notifyJob('webhook', receiver, group, [alert], over);
}

const keyOf = (n: NotifyJobData) => ({
  groupKey: n.groupKey,
  receiver: n.receiver,
  integration: 'webhook',
  index: n.index,
});

/** Enqueues a notification and waits until BullMQ is done with it. */
const run = (n: NotifyJobData, opts?: JobsOptions) => under.run(n, opts);

async function metric(name: string, labels: Record<string, string>): Promise<number> {
  const m = await under.notifier.registry.getSingleMetric(name)?.get();
  const found = m?.values.find((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val));
  return found?.value ?? Number.NaN;
}

describe('webhook notifier', () => {
  it('posts the version 4 payload with Alertmanager headers and logs the success', async () => {
    const n = notification('plain', { routeLabels: { team: 'x' } });
    const job = await run(n);
    expect(job.returnvalue).toBe('sent');
    const [r, ...more] = requestsTo('/plain');
    expect(more).toHaveLength(0);
    expect(r?.method).toBe('POST');
    expect(r?.headers['content-type']).toBe('application/json');
    expect(r?.headers['user-agent']).toBe('Alertmanager/0.34.0');
    expect(r?.headers['idempotency-key']).toMatch(/^[0-9a-f]{64}$/);
    expect(r?.headers.authorization).toBeUndefined();
    expect(r?.body.endsWith('}\n')).toBe(true);
    expect(JSON.parse(r?.body ?? '')).toEqual({
      receiver: 'plain',
      status: 'firing',
      alerts: [
        {
          status: 'firing',
          labels: n.alerts[0]?.labels,
          annotations: { summary: 's' },
          startsAt: '2024-01-01T00:00:00Z',
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: 'http://prometheus/graph',
          fingerprint: n.firing[0],
        },
      ],
      notification_reason: 'first notification',
      groupLabels: n.groupLabels,
      commonLabels: n.alerts[0]?.labels,
      commonAnnotations: { summary: 's' },
      routeLabels: { team: 'x' },
      externalURL: 'http://tocsin.example:9093',
      version: '4',
      groupKey: n.groupKey,
      truncatedAlerts: 0,
    });
    expect(await nflog.query(keyOf(n))).toEqual({ firing: n.firing, resolved: [], timestamp: n.flushedAt });
  });

  it('uses the config at the job index: max_alerts of the second webhook, QuoteMeta of the name', async () => {
    const first = notification('plain');
    const n = notification('plain', {
      index: 1,
      alerts: [...first.alerts, ...notification('plain').alerts],
    });
    await run(n);
    const body = JSON.parse(requestsTo('/second')[0]?.body ?? '{}');
    expect(body.alerts).toHaveLength(1);
    expect(body.truncatedAlerts).toBe(1);
    await run(notification('team.a'));
    expect(JSON.parse(requestsTo('/team-a')[0]?.body ?? '{}').receiver).toBe('team\\.a');
  });

  it('sends basic auth, reading the password file at send time', async () => {
    await run(notification('basic'));
    writeFileSync(path.join(dir, 'password'), 'rotated\n');
    await run(notification('basic'));
    const auth = requestsTo('/basic').map((r) => r.headers.authorization);
    expect(auth).toEqual([
      `Basic ${Buffer.from('alice:first-password').toString('base64')}`,
      `Basic ${Buffer.from('alice:rotated').toString('base64')}`,
    ]);
  });

  it('sends a bearer token from credentials_file to the URL in url_file', async () => {
    const job = await run(notification('bearer'));
    expect(job.returnvalue).toBe('sent');
    expect(requestsTo('/from-file').map((r) => r.headers.authorization)).toEqual(['Bearer bearer-token']);
  });

  it('retries a 500 with the same Idempotency-Key and logs only after the success', async () => {
    const n = notification('flaky');
    const logged: unknown[] = [];
    const check: Responder = async () => {
      logged.push(await nflog.query(keyOf(n)));
      return { status: 500, body: 'try later' };
    };
    const ok: Responder = async () => {
      logged.push(await nflog.query(keyOf(n)));
      return { status: 200 };
    };
    respond('/flaky', check, ok);
    const requestsBefore = await metric('alertmanager_notification_requests_total', {
      integration: 'webhook',
    });
    const failedBefore = await metric('alertmanager_notification_requests_failed_total', {
      integration: 'webhook',
    });
    const job = await run(n);
    expect(job.returnvalue).toBe('sent');
    // BullMQ counts the failure and the final success.
    expect(job.attemptsMade).toBe(2);
    const keys = requestsTo('/flaky').map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(logged).toEqual([undefined, undefined]);
    expect(await nflog.query(keyOf(n))).toMatchObject({ firing: n.firing, timestamp: n.flushedAt });
    expect(await metric('alertmanager_notification_requests_total', { integration: 'webhook' })).toBe(
      requestsBefore + 2,
    );
    expect(await metric('alertmanager_notification_requests_failed_total', { integration: 'webhook' })).toBe(
      failedBefore + 1,
    );
  });

  it('fails a 400 at once, without retry, log entry or the URL in the reason', async () => {
    respond('/rejecting', () => ({ status: 400, body: '{"status":"invalid event"}' }));
    const failedBefore = await metric('alertmanager_notifications_failed_total', {
      integration: 'webhook',
      reason: 'clientError',
    });
    const n = notification('rejecting');
    const job = await run(n);
    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toBe(
      'rejecting/webhook[0]: notify retry canceled due to unrecoverable error after 1 attempts: unexpected status code 400: {"status":"invalid event"}',
    );
    expect(requestsTo('/rejecting')).toHaveLength(1);
    expect(await nflog.query(keyOf(n))).toBeUndefined();
    expect(
      await metric('alertmanager_notifications_failed_total', {
        integration: 'webhook',
        reason: 'clientError',
      }),
    ).toBe(failedBefore + 1);
  });

  it('delays only this job on 429 with Retry-After, then delivers it', async () => {
    respond('/limited', () => ({ status: 429, headers: { 'Retry-After': '1' } }));
    const n = notification('limited');
    const job = await run(n);
    expect(job.returnvalue).toBe('sent');
    // A delay is not a failed attempt: only the success counts (a retry with backoff makes it 2).
    expect(job.attemptsMade).toBe(1);
    expect(job.attemptsStarted).toBe(2);
    const keys = requestsTo('/limited').map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(await nflog.query(keyOf(n))).toBeDefined();
  });

  it('keeps the queue flowing while a rate-limited job waits', async () => {
    respond('/limited', () => ({ status: 429, headers: { 'Retry-After': '20' } }));
    const waiting = notification('limited');
    const id = `test.${under.prefix}.waiting`;
    await under.queue.add('notify', waiting, { ...NOTIFY_JOB_OPTIONS, jobId: id });
    await waitFor(async () => (await under.queue.getJobState(id)) === 'delayed', { what: 'the 429 delay' });
    expect((await run(notification('plain'))).returnvalue).toBe('sent');
    expect(await under.queue.getJobState(id)).toBe('delayed');
    // Rather than wait out Retry-After, run it now: it is delivered on its second try.
    await (await under.queue.getJob(id))?.promote();
    await waitFor(async () => (await under.queue.getJobState(id)) === 'completed', {
      what: 'the delayed job',
    });
    expect(await nflog.query(keyOf(waiting))).toBeDefined();
  });

  it('bounds an attempt by the integration timeout', async () => {
    respond('/slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return { status: 200 };
    });
    const job = await run(notification('slow'), { attempts: 1 });
    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toContain('context deadline exceeded');
    expect(
      await metric('alertmanager_notifications_failed_total', {
        integration: 'webhook',
        reason: 'contextDeadlineExceeded',
      }),
    ).toBe(1);
  });

  it('follows a 307 with the body, unless follow_redirects is false', async () => {
    const to = (p: string) => () => ({ status: 307, headers: { Location: `/${TOKEN}${p}` } });
    respond('/moved', to('/target'));
    respond('/moved-again', to('/not-followed'));
    expect((await run(notification('redirected'))).returnvalue).toBe('sent');
    const [target] = requestsTo('/target');
    expect(target?.method).toBe('POST');
    expect(JSON.parse(target?.body ?? '{}').receiver).toBe('redirected');
    const job = await run(notification('unfollowed'));
    expect(job.failedReason).toContain('unexpected status code 307');
    expect(requestsTo('/not-followed')).toHaveLength(0);
  });

  it('goes through proxy_url', async () => {
    expect((await run(notification('proxied'))).returnvalue).toBe('sent');
    expect(proxied).toEqual([`http://origin.invalid/${TOKEN}/proxied`]);
  });

  it('skips a duplicate of a notification already sent (nflog re-check)', async () => {
    const n = notification('plain');
    const before = requestsTo('/plain').length;
    expect((await run(n)).returnvalue).toBe('sent');
    expect((await run(n)).returnvalue).toBe('already-sent');
    expect(requestsTo('/plain').length).toBe(before + 1);
  });

  it('drops a notification older than the last one logged', async () => {
    const n = notification('plain');
    await nflog.log(
      keyOf(n),
      { firing: [], resolved: [], timestamp: n.flushedAt + 1000 },
      n.repeatIntervalMs,
    );
    const before = requestsTo('/plain').length;
    expect((await run(n)).returnvalue).toBe('superseded');
    expect(requestsTo('/plain').length).toBe(before);
  });

  it('with send_resolved false, sends only firing alerts and logs an all-resolved group without sending', async () => {
    const firing = notification('quiet');
    const resolvedAlert = { ...(notification('quiet').alerts[0] as NotifyJobData['alerts'][0]) };
    resolvedAlert.status = 'resolved';
    resolvedAlert.endsAt = Date.UTC(2024, 0, 2);
    const mixed = {
      ...firing,
      alerts: [...firing.alerts, resolvedAlert],
      resolved: [resolvedAlert.fingerprint],
    };
    expect((await run(mixed)).returnvalue).toBe('sent');
    const body = JSON.parse(requestsTo('/quiet')[0]?.body ?? '{}');
    expect(body.alerts.map((a: { status: string }) => a.status)).toEqual(['firing']);

    const allResolved = notification('quiet', {
      groupKey: mixed.groupKey,
      alerts: [
        { ...(firing.alerts[0] as NotifyJobData['alerts'][0]), status: 'resolved', endsAt: Date.now() },
      ],
      firing: [],
      resolved: firing.firing,
      reason: 'all alerts resolved',
      flushedAt: mixed.flushedAt + 1,
    });
    expect((await run(allResolved)).returnvalue).toBe('resolved-only');
    expect(requestsTo('/quiet')).toHaveLength(1);
    expect(await nflog.query(keyOf(allResolved))).toEqual({
      firing: [],
      resolved: firing.firing,
      timestamp: allResolved.flushedAt,
    });
  });

  it('renders a templated URL with the notification data', async () => {
    const job = await run(notification('templated'));
    expect(job.returnvalue).toBe('sent');
    expect(requestsTo('/Test')).toHaveLength(1);
  });

  it('renders a custom payload: strings templated, keys too, YAML results taken as values, keys sorted', async () => {
    const n = notification('payload');
    expect((await run(n)).returnvalue).toBe('sent');
    const [r] = requestsTo('/payload');
    expect(r?.headers['content-type']).toBe('application/json');
    expect(r?.body).toBe(
      `{"Test":"fixed","count":1,"list":[${n.groupLabels.n},2,true],"structured":{"a":"Test"},"text":"firing \\u003cpayload\\u003e","yes_no":true}\n`,
    );
  });

  it('never shows the URL when the receiver is unreachable', async () => {
    const job = await run(notification('unreachable'), { attempts: 1 });
    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toMatch(
      /^unreachable\/webhook\[0\]: notify retry canceled after 1 attempts: Post "<redacted>": /,
    );
    expect(job.failedReason).not.toContain(TOKEN);
    expect(under.logs.join('\n')).not.toContain(TOKEN);
  });

  it('posts over TLS to a self-signed server trusted through ca_file and server_name', async () => {
    const job = await run(notification('tls'));
    expect(job.returnvalue).toBe('sent');
    expect(requestsTo('/tls')).toHaveLength(1);
    const untrusted = await run(notification('untrusted'), { attempts: 1 });
    expect(await untrusted.getState()).toBe('failed');
    expect(untrusted.failedReason).toMatch(/certificate/i);
    expect(untrusted.failedReason).not.toContain(TOKEN);
    expect(requestsTo('/untrusted')).toHaveLength(0);
  });

  it('serves every Alertmanager notification series from the start on /metrics', async () => {
    for (const integration of ['email', 'slack', 'webhook']) {
      expect(await metric('alertmanager_notifications_total', { integration })).toBeGreaterThanOrEqual(0);
      expect(
        await metric('alertmanager_notifications_failed_total', { integration, reason: 'rateLimited' }),
      ).toBeGreaterThanOrEqual(0);
    }
    const res = await fetch(`${under.notifier.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('alertmanager_notification_latency_seconds_bucket{le="20",integration="email"} 0');
    expect(text).toContain('alertmanager_config_last_reload_successful 1');
    expect((await fetch(`${under.notifier.url}/-/ready`)).status).toBe(200);
  });

  it('drops a notification whose receiver a reload removed', async () => {
    const n = notification('vanishing');
    expect((await run(n)).returnvalue).toBe('sent');
    const without = configText.replace(/ {2}- name: vanishing\n(?: {4}.*\n)+/, '');
    expect(without).not.toContain('vanishing');
    writeFileSync(under.configFile, without);
    await publishReload(under.redis, under.prefix);
    const hash = (await import('node:crypto')).createHash('md5').update(without).digest('hex');
    await waitFor(
      async () => (await readFleetStatus(under.redis, under.prefix)).some((s) => s.hash === hash),
      {
        what: 'the reload',
      },
    );
    const job = await run(notification('vanishing'));
    expect(job.returnvalue).toBe('dropped');
    expect(requestsTo('/vanishing')).toHaveLength(1);
    expect(under.logs.some((l) => l.includes('Integration not in the current configuration'))).toBe(true);
  });
});
