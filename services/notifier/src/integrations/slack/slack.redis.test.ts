import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { publishReload, readFleetStatus } from '@tocsin/coordinator';
import { fingerprint, GO_ZERO_TIME_MS } from '@tocsin/model';
import type { NotifyAlert, NotifyJobData } from '@tocsin/queues';
import { waitFor } from '@tocsin/test-support';
import type { JobsOptions } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type NotifierUnderTest,
  notifierTestDir,
  notifyJob,
  readFixtureAlerts,
  startNotifierUnderTest,
} from '../integration-harness.js';
import { MAX_TEXT_RUNES, MAX_TITLE_RUNES } from './slack-message.js';

const EMAIL_FIXTURES = path.join(import.meta.dirname, '..', 'email', 'fixtures');
const FIXTURE = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'fixtures', 'alertmanager-0.25.json'), 'utf8'),
) as { requests: { path: string; headers: Record<string, string>; body: unknown }[] };
const TOKEN = 'xoxb-t0k3n';

interface Received {
  path: string;
  at: number;
  headers: IncomingMessage['headers'];
  raw: string;
  body: Record<string, unknown>;
}
type Reply = { status: number; type?: string; headers?: Record<string, string>; body: string };

const received: Received[] = [];
const replies = new Map<string, Reply[]>();
let slack: Server;
let dir: string;
let under: NotifierUnderTest;
let seq = 0;

/** Replies in order for a path; once used up, an incoming webhook's `200 ok`. */
function respond(p: string, ...r: Reply[]): void {
  replies.set(p, r);
}

const requestsTo = (p: string) => received.filter((r) => r.path === p);

beforeAll(async () => {
  dir = notifierTestDir('slack');
  slack = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({
        path: req.url ?? '',
        at: Date.now(),
        headers: req.headers,
        raw,
        body: JSON.parse(raw),
      });
      const reply = replies.get(req.url ?? '')?.shift() ?? { status: 200, body: 'ok' };
      res
        .writeHead(reply.status, { 'Content-Type': reply.type ?? 'text/plain', ...reply.headers })
        .end(reply.body);
    });
  });
  await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(slack.address() as AddressInfo).port}`;
  writeFileSync(path.join(dir, 'url'), `${url}/from-file\n`);
  const fixtureConfig = readFileSync(path.join(EMAIL_FIXTURES, 'alertmanager.yml'), 'utf8')
    .replaceAll('SMTP_ADDRESS', '127.0.0.1:25')
    .replaceAll('SLACK_URL', url);
  writeFileSync(path.join(dir, 'custom.tmpl'), '{{ define "custom.title" }}v1 {{ .Status }}{{ end }}');
  const config = `templates: ['${dir}/*.tmpl']
${fixtureConfig}
  - name: custom
    slack_configs:
      - api_url: ${url}/custom
        title: '{{ template "custom.title" . }}'
  - name: bot
    slack_configs:
      - app_token: ${TOKEN}
        app_url: ${url}/api/chat.postMessage
        channel: '#bot'
        message_text: '{{ .Alerts | len }} alerts'
  - name: file
    slack_configs:
      - api_url_file: ${path.join(dir, 'url')}
  - name: limited
    slack_configs:
      - api_url: ${url}/limited
  - name: refusing
    slack_configs:
      - api_url: ${url}/refusing
        channel: '#nope'
  - name: flaky
    slack_configs:
      - api_url: ${url}/flaky
  - name: long
    slack_configs:
      - api_url: ${url}/long
        send_resolved: true
        title: '{{ range .Alerts }}{{ .Annotations.description }}{{ end }}'
        text: '{{ range .Alerts }}{{ .Labels.n }} {{ .Status }}: {{ .Annotations.description }}{{ "\\n" }}{{ end }}'
`;
  under = await startNotifierUnderTest('slack', dir, config);
}, 60_000);

afterAll(async () => {
  await under?.close();
  await new Promise((resolve) => slack?.close(resolve));
});

const fixtureAlerts = () => readFixtureAlerts(EMAIL_FIXTURES);

function notification(receiver: string, over: Partial<NotifyJobData> = {}): NotifyJobData {
  seq += 1;
  const group = { key: `{}:{alertname="DiskFull", n="${seq}"}`, labels: { alertname: 'DiskFull' } };
  return notifyJob('slack', receiver, group, over.alerts ?? fixtureAlerts(), over);
}

const run = (n: NotifyJobData, opts?: JobsOptions) => under.run(n, opts);

/** Alerts with long descriptions, firing and resolved interleaved. */
function manyAlerts(count: number, descriptionLength: number): NotifyAlert[] {
  return Array.from({ length: count }, (_, i) => {
    const labels = { alertname: 'DiskFull', n: String(i).padStart(4, '0') };
    const resolved = i % 2 === 1;
    return {
      fingerprint: fingerprint(labels),
      status: resolved ? 'resolved' : 'firing',
      labels,
      annotations: { description: 'é'.repeat(descriptionLength) },
      startsAt: Date.UTC(2024, 0, 1),
      endsAt: resolved ? Date.UTC(2024, 0, 2) : GO_ZERO_TIME_MS,
      generatorURL: '',
    };
  });
}

describe('slack notifier', () => {
  it('posts the payload Alertmanager posted for the same config and alerts, field for field', async () => {
    for (const index of [0, 1]) {
      const job = await run(notification('team.ops', { index }));
      expect(job.returnvalue).toBe('sent');
    }
    for (const recorded of FIXTURE.requests) {
      const [ours, ...more] = requestsTo(recorded.path);
      expect(more).toHaveLength(0);
      expect(ours?.headers['content-type']).toBe(recorded.headers['content-type']);
      expect(ours?.headers['user-agent']).toMatch(/^Alertmanager\//);
      expect(ours?.body).toEqual(recorded.body);
      // Go's json.Encoder: HTML characters escaped, a newline at the end.
      expect(ours?.raw.endsWith('}\n')).toBe(true);
    }
    expect(requestsTo('/full')[0]?.raw).toContain('\\u0026 growing');
  });

  it('with a bot token posts to app_url with the token as Bearer authorization and accepts {"ok": true}', async () => {
    respond('/api/chat.postMessage', {
      status: 200,
      type: 'application/json; charset=utf-8',
      body: '{"ok":true,"channel":"C1","ts":"1.2"}',
    });
    const job = await run(notification('bot'));
    expect(job.returnvalue).toBe('sent');
    const [r] = requestsTo('/api/chat.postMessage');
    expect(r?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(r?.body).toMatchObject({ channel: '#bot', text: '1 alerts', username: 'Alertmanager' });
  });

  it('reads the webhook URL from api_url_file', async () => {
    expect((await run(notification('file'))).returnvalue).toBe('sent');
    expect(requestsTo('/from-file')).toHaveLength(1);
  });

  it('fails at once on {"ok": false} and on a text reply other than ok', async () => {
    respond(
      '/refusing',
      { status: 200, type: 'application/json', body: '{"ok":false,"error":"channel_not_found"}' },
      { status: 200, body: 'invalid_payload' },
    );
    const first = await run(notification('refusing'));
    expect(await first.getState()).toBe('failed');
    expect(first.failedReason).toBe(
      'refusing/slack[0]: notify retry canceled due to unrecoverable error after 1 attempts: channel "#nope": error response from Slack: channel_not_found',
    );
    const second = await run(notification('refusing'));
    expect(second.failedReason).toContain('received an error response from Slack: invalid_payload');
    expect(requestsTo('/refusing')).toHaveLength(2);
  });

  it('retries a 500', async () => {
    respond('/flaky', { status: 500, body: 'oops' });
    const job = await run(notification('flaky'));
    expect(job.returnvalue).toBe('sent');
    expect(requestsTo('/flaky')).toHaveLength(2);
  });

  it('waits out Retry-After on a 429, then delivers', async () => {
    respond('/limited', { status: 429, headers: { 'Retry-After': '2' }, body: 'rate_limited' });
    const job = await run(notification('limited'));
    expect(job.returnvalue).toBe('sent');
    const [first, second] = requestsTo('/limited');
    expect(second).toBeDefined();
    // Not before Retry-After (with a little slack for clocks), well before a backoff would give up.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1900);
  });

  it("keeps a message with too many alerts under Slack's limit, firing alerts first, and says so in the log", async () => {
    const alerts = manyAlerts(400, 300);
    const job = await run(notification('long', { alerts }));
    expect(job.returnvalue).toBe('sent');
    const [r] = requestsTo('/long');
    const attachment = ((r?.body.attachments ?? []) as { text: string; title: string }[])[0];
    const text = attachment?.text ?? '';
    expect([...text].length).toBeLessThanOrEqual(MAX_TEXT_RUNES);
    const lines = text.trim().split('\n');
    // 400 alerts of ~310 characters would be ~124 000; about 40 000 / 310 fit.
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.length).toBeLessThan(400);
    expect(lines.every((l) => l.includes('firing'))).toBe(true);
    expect([...(attachment?.title ?? '')].length).toBe(MAX_TITLE_RUNES);
    expect(attachment?.title.endsWith('…')).toBe(true);
    const warning = under.logs.find((l) => l.includes("stay under Slack's size limit"));
    expect(JSON.parse(warning ?? '{}').truncatedAlerts).toBe(400 - lines.length);
  });

  it('cuts the text of a single alert too long on its own', async () => {
    const job = await run(notification('long', { alerts: manyAlerts(1, 50_000) }));
    expect(job.returnvalue).toBe('sent');
    const text = ((requestsTo('/long')[1]?.body.attachments ?? []) as { text: string }[])[0]?.text ?? '';
    expect([...text].length).toBe(MAX_TEXT_RUNES);
    expect(text.endsWith('…')).toBe(true);
  });

  it('loads the templates: files again on every reload, and keeps them when a reload fails', async () => {
    const titles = () =>
      requestsTo('/custom').map((r) => (r.body.attachments as { title: string }[])[0]?.title);
    expect((await run(notification('custom'))).returnvalue).toBe('sent');
    writeFileSync(
      path.join(dir, 'custom.tmpl'),
      '{{ define "custom.title" }}v2 {{ .Status | toUpper }}{{ end }}',
    );
    let report = await reload();
    expect(report.ok).toBe(true);
    expect((await run(notification('custom'))).returnvalue).toBe('sent');
    writeFileSync(path.join(dir, 'custom.tmpl'), '{{ define "custom.title" }}v3 {{ .Status {{ end }}');
    report = await reload();
    expect(report.ok).toBe(false);
    expect(report.error).toContain('custom.tmpl');
    expect((await run(notification('custom'))).returnvalue).toBe('sent');
    expect(titles()).toEqual(['v1 firing', 'v2 FIRING', 'v2 FIRING']);
  });
});

/** Publishes a reload and waits for this notifier's next report. */
async function reload(): Promise<{ ok: boolean; error: string | null }> {
  const mine = async () =>
    (await readFleetStatus(under.redis, under.prefix)).find((r) => r.service === 'notifier');
  const before = (await mine())?.at;
  await publishReload(under.redis, under.prefix);
  return waitFor(
    async () => {
      const report = await mine();
      return report && report.at !== before ? report : undefined;
    },
    { timeoutMs: 15_000, what: 'the reload report' },
  );
}
