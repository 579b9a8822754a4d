import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { itHandlesReceiverErrors } from '../integration-expectations.js';
import {
  notification,
  readRecording,
  recordedStepAlerts,
  replayRecording,
  useHarness,
} from '../integration-harness.js';
import { MAX_STATE_MESSAGE_RUNES } from './notifier.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');

const h = useHarness('victorops', FIXTURES, {
  receivers: `
  - name: flaky
    victorops_configs:
      - api_url: STAND_IN_URL/flaky/
        routing_key: r
  - name: rejecting
    victorops_configs:
      - api_url: STAND_IN_URL/rejecting/
        routing_key: r
  - name: limited
    victorops_configs:
      - api_url: STAND_IN_URL/limited/
        routing_key: r
  - name: long
    victorops_configs:
      - api_url: STAND_IN_URL/long/
        routing_key: r
        state_message: '{{ range .Alerts }}{{ .Annotations.description }}{{ end }}'
`,
});

describe('victorops notifier', () => {
  it('sends what Alertmanager sent for the same config and alerts, RECOVERY once resolved', async () => {
    const steps = await replayRecording(h, 'victorops', readRecording(FIXTURES), [0, 1, 2]);
    for (const step of steps) {
      expect(step.ours).toHaveLength(step.recorded.length);
      for (const [i, recorded] of step.recorded.entries()) {
        const mine = step.ours[i];
        expect(mine?.method).toBe(recorded.method);
        expect(mine?.path).toBe(recorded.path);
        expect(mine?.headers['content-type']).toBe(recorded.headers['content-type']);
        expect(mine?.headers['user-agent']).toMatch(/^Alertmanager\//);
        expect(JSON.stringify(mine?.body)).toBe(JSON.stringify(recorded.body));
      }
      // Go marshals the map with its keys sorted, HTML characters escaped, a newline at the end.
      for (const r of step.raw) {
        expect(Object.keys(JSON.parse(r.body))).toEqual(Object.keys(JSON.parse(r.body)).sort());
        expect(r.body.endsWith('}\n')).toBe(true);
      }
      expect(step.raw.find((r) => r.path.startsWith('/full/'))?.body).toContain('x \\u0026 y');
    }
    expect(
      steps.map((s) => (s.ours[0]?.body as { message_type?: string } | undefined)?.message_type),
    ).toEqual(['CRITICAL', 'CRITICAL', 'RECOVERY']);
  }, 60_000);

  itHandlesReceiverErrors(() => h, {
    integration: 'victorops',
    path: (receiver) => `/${receiver}/default-v1ctor-key/r`,
    serverError: { status: 500, body: 'oops' },
    clientError: { status: 400, body: '{"result":"failure","message":"Missing fields: message_type"}' },
    clientErrorReason: 'unexpected status code 400: {"result":"failure"',
    rateLimited: { status: 429, headers: { 'Retry-After': '2' } },
    titles: {
      serverError: 'retries a 500',
      clientError: 'files a 400 as a dead letter at once, with the reply',
      rateLimited: 'waits out Retry-After on a 429, then delivers',
    },
  });

  it('cuts state_message at 20 480 characters and says so', async () => {
    const alerts = recordedStepAlerts('firing').map((a) => ({
      ...a,
      annotations: { ...a.annotations, description: 'é'.repeat(15_000) },
    }));
    const job = await h.run(notification('victorops', 'long', { alerts, groupKey: '{}:{long}' }));
    expect(job.returnvalue).toBe('sent');
    const body = JSON.parse(h.standIn.requestsTo('/long/default-v1ctor-key/r')[0]?.body ?? '{}');
    expect([...body.state_message].length).toBe(MAX_STATE_MESSAGE_RUNES);
    expect(body.state_message.endsWith('…')).toBe(true);
    expect(h.logs.some((l) => l.includes('Truncated state_message'))).toBe(true);
  });
});
