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
import { MAX_MESSAGE_RUNES } from './opsgenie-requests.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');

const h = useHarness('opsgenie', FIXTURES, {
  receivers: `
  - name: files
    opsgenie_configs:
      - api_url: STAND_IN_URL/files/
        api_key_file: TEMP_DIR/api-key
  - name: flaky
    opsgenie_configs:
      - api_url: STAND_IN_URL/flaky/
  - name: rejecting
    opsgenie_configs:
      - api_url: STAND_IN_URL/rejecting/
  - name: limited
    opsgenie_configs:
      - api_url: STAND_IN_URL/limited/
  - name: long
    opsgenie_configs:
      - api_url: STAND_IN_URL/long/
        message: '{{ range .Alerts }}{{ .Annotations.description }}{{ end }}'
`,
  files: { 'api-key': 'key-from-file\n' },
});

describe('opsgenie notifier', () => {
  it('creates, updates and closes as Alertmanager did for the same config and alerts', async () => {
    const steps = await replayRecording(h, 'opsgenie', readRecording(FIXTURES), [0, 1]);
    for (const step of steps) {
      expect(step.ours).toHaveLength(step.recorded.length);
      for (const [i, recorded] of step.recorded.entries()) {
        const mine = step.ours[i];
        expect(mine?.method).toBe(recorded.method);
        expect(mine?.path).toBe(recorded.path);
        expect(mine?.headers['content-type']).toBe(recorded.headers['content-type']);
        expect(mine?.headers.authorization).toBe(recorded.headers.authorization);
        expect(mine?.headers['user-agent']).toMatch(/^Alertmanager\//);
        expect(JSON.stringify(mine?.body)).toBe(JSON.stringify(recorded.body));
      }
      for (const r of step.raw) expect(r.body.endsWith('}\n')).toBe(true);
    }
    // Create first, then the message, then the description, one after the other.
    const full = steps[0]?.raw.filter((r) => r.path.startsWith('/full/')).map((r) => `${r.method} ${r.path}`);
    expect(full?.map((x) => x.replace(/[0-9a-f]{64}/, 'ALIAS'))).toEqual([
      'POST /full/v2/alerts',
      'PUT /full/v2/alerts/ALIAS/message',
      'PUT /full/v2/alerts/ALIAS/description',
    ]);
  }, 60_000);

  it("lets global opsgenie_api_key shadow a receiver's api_key_file, as Alertmanager 0.34 does", async () => {
    // Upstream fills api_key and api_key_file from global one by one (cmp.Or), and a key wins over a file.
    expect((await h.run(notification('opsgenie', 'files'))).returnvalue).toBe('sent');
    expect(h.standIn.requestsTo('/files/v2/alerts')[0]?.headers.authorization).toBe(
      'GenieKey default-g3nie-key',
    );
  });

  itHandlesReceiverErrors(() => h, {
    integration: 'opsgenie',
    path: (receiver) => `/${receiver}/v2/alerts`,
    serverError: { status: 503, body: 'unavailable' },
    clientError: {
      status: 422,
      headers: { 'Content-Type': 'application/json' },
      body: '{"message":"Request body is not processable","took":0.001}',
    },
    clientErrorReason:
      'unexpected status code 422: {"message":"Request body is not processable","took":0.001}',
    rateLimited: { status: 429, headers: { 'Retry-After': '2' } },
    titles: {
      serverError: 'retries a 500',
      clientError: "files a 422 as a dead letter at once, with OpsGenie's reply",
      rateLimited: 'waits out Retry-After on a 429, then delivers',
    },
  });

  it('cuts the message at 130 characters and says so', async () => {
    const alerts = recordedStepAlerts('firing').map((a) => ({
      ...a,
      annotations: { ...a.annotations, description: 'é'.repeat(100) },
    }));
    const job = await h.run(notification('opsgenie', 'long', { alerts, groupKey: '{}:{long}' }));
    expect(job.returnvalue).toBe('sent');
    const message = JSON.parse(h.standIn.requestsTo('/long/v2/alerts')[0]?.body ?? '{}').message as string;
    expect([...message].length).toBe(MAX_MESSAGE_RUNES);
    expect(message.endsWith('…')).toBe(true);
    expect(h.logs.some((l) => l.includes('Truncated message'))).toBe(true);
  });
});
