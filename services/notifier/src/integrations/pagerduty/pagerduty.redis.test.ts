import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupKeyHash } from '../../group-key-hash.js';
import { itHandlesReceiverErrors } from '../integration-expectations.js';
import {
  notification,
  RECORDED_GROUP_KEY,
  type RecordedRequest,
  readRecording,
  recordedStepAlerts,
  replayRecording,
  useHarness,
} from '../integration-harness.js';
import { MAX_SUMMARY_RUNES } from './pagerduty-message.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const RECORDING = readRecording(FIXTURES);
// Alertmanager 0.25's default details were text; 0.34's (which Tocsin follows) are JSON values.
const DEFAULT_DETAILS = ['firing', 'resolved', 'num_firing', 'num_resolved'];

const h = useHarness('pagerduty', FIXTURES, {
  receivers: `
  - name: files
    pagerduty_configs:
      - routing_key_file: TEMP_DIR/routing-key
  - name: flaky
    pagerduty_configs:
      - routing_key: k
        url: STAND_IN_URL/flaky
  - name: rejecting
    pagerduty_configs:
      - routing_key: k
        url: STAND_IN_URL/rejecting
  - name: limited
    pagerduty_configs:
      - routing_key: k
        url: STAND_IN_URL/limited
  - name: v1-limited
    pagerduty_configs:
      - service_key: k
        http_config:
          proxy_url: STAND_IN_URL
          tls_config:
            insecure_skip_verify: true
  - name: long
    pagerduty_configs:
      - routing_key: k
        url: STAND_IN_URL/long
        description: '{{ range .Alerts }}{{ .Annotations.description }}{{ end }}'
        details:
          huge: '{{ range .Alerts }}{{ .Annotations.description }}{{ end }}'
`,
  files: { 'routing-key': 'r0uting-key-from-file\n' },
});

function detailsOf(body: unknown): Record<string, unknown> {
  const b = body as {
    details?: Record<string, unknown>;
    payload?: { custom_details?: Record<string, unknown> };
  };
  return b.details ?? b.payload?.custom_details ?? {};
}

function withoutDefaultDetails(body: unknown): unknown {
  const copy = structuredClone(body);
  const details = detailsOf(copy);
  for (const k of DEFAULT_DETAILS) delete details[k];
  return copy;
}

describe('pagerduty notifier', () => {
  it('sends, step by step, the events Alertmanager sent for the same config and alerts (v2 and v1)', async () => {
    expect(groupKeyHash(RECORDED_GROUP_KEY)).toBe(
      (RECORDING.steps[0]?.requests[0]?.body as { dedup_key?: string } | undefined)?.dedup_key,
    );
    for (const step of await replayRecording(h, 'pagerduty', RECORDING, [0, 1, 2])) {
      const { alerts, raw: ours } = step;
      expect(step.ours).toHaveLength(step.recorded.length);
      for (const [i, recorded] of step.recorded.entries()) {
        const mine = step.ours[i] as RecordedRequest;
        expect(mine.method).toBe(recorded.method);
        expect(mine.path).toBe(recorded.path);
        expect(mine.tunnel).toBe(recorded.tunnel);
        expect(mine.headers['content-type']).toBe(recorded.headers['content-type']);
        expect(mine.headers['user-agent']).toMatch(/^Alertmanager\//);
        expect(JSON.stringify(withoutDefaultDetails(mine.body))).toBe(
          JSON.stringify(withoutDefaultDetails(recorded.body)),
        );
        // The default details as Alertmanager 0.34 renders them: toJson of the alerts, counts as numbers.
        const details = detailsOf(mine.body);
        const firing = alerts.filter((a) => a.status === 'firing');
        const resolved = alerts.filter((a) => a.status === 'resolved');
        expect(details.num_firing).toBe(firing.length);
        expect(details.num_resolved).toBe(resolved.length);
        const instances = (list: unknown) =>
          (list as { labels: { instance: string }; status: string }[]).map((a) => [
            a.labels.instance,
            a.status,
          ]);
        expect(instances(details.firing)).toEqual(firing.map((a) => [a.labels.instance, 'firing']));
        expect(instances(details.resolved)).toEqual(resolved.map((a) => [a.labels.instance, 'resolved']));
      }
      // Go's json.Encoder: HTML characters escaped, a newline at the end.
      for (const r of ours) expect(r.body.endsWith('}\n')).toBe(true);
      expect(ours.find((r) => r.path === '/full/v2/enqueue')?.body).toContain('\\u003c');
    }
  }, 60_000);

  it('reads routing_key_file, trimmed', async () => {
    const before = h.standIn.requests.length;
    expect((await h.run(notification('pagerduty', 'files'))).returnvalue).toBe('sent');
    const [r] = h.standIn.requests.slice(before);
    expect(r?.path).toBe('/default/v2/enqueue');
    expect(JSON.parse(r?.body ?? '{}').routing_key).toBe('r0uting-key-from-file');
  });

  itHandlesReceiverErrors(() => h, {
    integration: 'pagerduty',
    path: (receiver) => `/${receiver}`,
    serverError: { status: 500, body: 'oops' },
    clientError: {
      status: 400,
      headers: { 'Content-Type': 'application/json' },
      body: '{"status":"invalid event","message":"Event object is invalid","errors":["Length of \'routing_key\' is incorrect","Severity is invalid"]}',
    },
    clientErrorReason:
      "unexpected status code 400: Event object is invalid: Length of 'routing_key' is incorrect,Severity is invalid",
    rateLimited: { status: 429, headers: { 'Retry-After': '2' }, body: '' },
    titles: {
      serverError: 'retries a 500',
      clientError: "files a 400 as a dead letter at once, with PagerDuty's message and errors",
      rateLimited: 'waits out Retry-After on a 429 (v2), then delivers',
    },
  });

  it("retries v1's rate limit, a 403", async () => {
    const v1 = '/generic/2010-04-15/create_event.json';
    h.standIn.reply(v1, { status: 403, body: '' });
    const before = h.standIn.requestsTo(v1).length;
    const job = await h.run(notification('pagerduty', 'v1-limited', { groupKey: '{}:{v1-limited}' }));
    expect(job.returnvalue).toBe('sent');
    const sent = h.standIn.requestsTo(v1).slice(before);
    expect(sent).toHaveLength(2);
    expect(sent.every((r) => r.tunnel === 'events.pagerduty.com:443')).toBe(true);
  });

  it('cuts the summary at 1024 characters and replaces details over 512 KB, and says so', async () => {
    const alerts = recordedStepAlerts('firing').map((a) => ({
      ...a,
      annotations: { ...a.annotations, description: 'é'.repeat(300_000) },
    }));
    const job = await h.run(notification('pagerduty', 'long', { alerts, groupKey: '{}:{long}' }));
    expect(job.returnvalue).toBe('sent');
    const [r] = h.standIn.requestsTo('/long');
    const body = JSON.parse(r?.body ?? '{}');
    expect([...body.payload.summary].length).toBe(MAX_SUMMARY_RUNES);
    expect(body.payload.summary.endsWith('…')).toBe(true);
    expect(body.payload.custom_details).toEqual({
      error: 'Custom details have been removed because the original event exceeds the maximum size of 512KB',
    });
    expect(h.logs.some((l) => l.includes('Truncated summary'))).toBe(true);
    expect(
      h.logs.some((l) => /Truncated Details because message of size \S+ exceeds limit 512KB/.test(l)),
    ).toBe(true);
  });
});
