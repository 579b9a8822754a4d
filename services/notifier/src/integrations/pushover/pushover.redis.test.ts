import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  notification,
  readRecording,
  recordedStepAlerts,
  replayRecording,
  useHarness,
} from '../integration-harness.js';
import { PUSHOVER_LIMITS } from './pushover-query.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const ENDPOINT = '/1/messages.json';

/** Alertmanager hard-codes Pushover's URL: the stand-in is reached as an HTTPS proxy. */
const PROXIED = `        http_config:
          proxy_url: STAND_IN_URL
          tls_config:
            insecure_skip_verify: true`;

const receiver = (name: string, extra = '') => `  - name: ${name}
    pushover_configs:
      - user_key: ${name}-us3r
        token: ${name}-t0ken
${extra}${PROXIED}
`;

const h = useHarness('pushover', FIXTURES, {
  receivers: `
  - name: newer
    pushover_configs:
      - user_key_file: TEMP_DIR/user
        token_file: TEMP_DIR/token
        device: 'phone-{{ .CommonLabels.severity }}'
        ttl: 1h30m
        monospace: true
        retry: 90s
        expire: 0s
        message: '  '
${PROXIED}
${receiver('flaky')}${receiver('rejecting')}${receiver('limited')}${receiver(
  'long',
  `        title: '{{ range .Alerts }}{{ .Annotations.description }}{{ end }}'
        message: '{{ range .Alerts }}{{ .Annotations.description }}{{ end }}'
        url: 'https://example.org/{{ range .Alerts }}{{ .Annotations.description }}{{ end }}'
`,
)}`,
  files: { token: 'file-t0ken\n', user: 'file-us3r\n' },
});

const params = (url: string) => new URLSearchParams(url.split('?')[1] ?? '');
const sentWith = (token: string) =>
  h.standIn.requestsTo(ENDPOINT).filter((r) => params(r.url).get('token') === token);

describe('pushover notifier', () => {
  it('sends the query Alertmanager sent for the same config and alerts, plus 0.34’s device', async () => {
    const steps = await replayRecording(h, 'pushover', readRecording(FIXTURES), [0, 1]);
    for (const step of steps) {
      expect(step.ours).toHaveLength(step.recorded.length);
      for (const [i, recorded] of step.recorded.entries()) {
        const mine = step.ours[i];
        expect(mine?.method).toBe('POST');
        expect(mine?.tunnel).toBe('api.pushover.net:443');
        expect(mine?.host).toBe('api.pushover.net');
        expect(mine?.headers['content-type']).toBe(recorded.headers['content-type']);
        expect(mine?.headers['user-agent']).toMatch(/^Alertmanager\//);
        expect(mine?.body).toBe('');
        // Byte for byte (Go's QueryEscape, keys sorted), once 0.34's empty device is taken out.
        expect(mine?.path).toMatch(/[?&]device=&/);
        expect(mine?.path.replace(/([?&])device=&/, '$1')).toBe(recorded.path);
      }
    }
  }, 60_000);

  it('sends device, ttl and monospace, reads the key files, and says (no details) for an empty message', async () => {
    expect((await h.run(notification('pushover', 'newer'))).returnvalue).toBe('sent');
    const [r] = sentWith('file-t0ken');
    const p = params(r?.url ?? '');
    expect(p.get('user')).toBe('file-us3r');
    expect(p.get('device')).toBe('phone-critical');
    expect(p.get('ttl')).toBe('5400');
    expect(p.get('monospace')).toBe('1');
    expect(p.get('html')).toBeNull();
    expect(p.get('retry')).toBe('90');
    expect(p.get('expire')).toBe('0');
    expect(p.get('message')).toBe('(no details)');
  });

  it('retries a 500', async () => {
    h.standIn.reply(ENDPOINT, { status: 500, body: 'oops' });
    const job = await h.run(notification('pushover', 'flaky', { groupKey: '{}:{flaky}' }));
    expect(job.returnvalue).toBe('sent');
    expect(sentWith('flaky-t0ken')).toHaveLength(2);
  });

  it("files a 400 as a dead letter at once, with Pushover's reply, and never shows the token", async () => {
    h.standIn.reply(ENDPOINT, {
      status: 400,
      headers: { 'Content-Type': 'application/json' },
      body: '{"user":"invalid","errors":["user identifier is invalid"],"status":0}',
    });
    const n = notification('pushover', 'rejecting', { groupKey: '{}:{rejecting}' });
    const job = await h.run(n);
    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toContain('unexpected status code 400: {"user":"invalid"');
    expect(job.failedReason).not.toContain('rejecting-t0ken');
    expect(sentWith('rejecting-t0ken')).toHaveLength(1);
    const letters = await h.deadLetters.list({ receiver: 'rejecting' });
    expect(letters.map((l) => l.groupKey)).toEqual([n.groupKey]);
    expect(h.logs.join('\n')).not.toContain('rejecting-t0ken');
  });

  it('waits out Retry-After on a 429, then delivers', async () => {
    h.standIn.reply(ENDPOINT, { status: 429, headers: { 'Retry-After': '2' } });
    const job = await h.run(notification('pushover', 'limited', { groupKey: '{}:{limited}' }));
    expect(job.returnvalue).toBe('sent');
    const [first, second] = sentWith('limited-t0ken');
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1900);
  });

  it("cuts title, message and url at Pushover's limits and says so", async () => {
    const alerts = recordedStepAlerts('firing').map((a) => ({
      ...a,
      annotations: { ...a.annotations, description: 'é'.repeat(700) },
    }));
    const job = await h.run(notification('pushover', 'long', { alerts, groupKey: '{}:{long}' }));
    expect(job.returnvalue).toBe('sent');
    const p = params(sentWith('long-t0ken')[0]?.url ?? '');
    for (const field of ['title', 'message', 'url'] as const) {
      const value = p.get(field) ?? '';
      expect([...value].length).toBe(PUSHOVER_LIMITS[field]);
      expect(value.endsWith('…')).toBe(true);
    }
    for (const line of ['Truncated title', 'Truncated message', 'Truncated URL']) {
      expect(h.logs.some((l) => l.includes(line))).toBe(true);
    }
  });
});
