import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectSameRequests, freshNotification, itHandlesVendorErrors } from '../integration-expectations.js';
import {
  describeRequest,
  readRecording,
  recordedStepAlerts,
  replayRecording,
  useHarness,
} from '../integration-harness.js';
import { MAX_PAYLOAD_BYTES } from './incidentio-message.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const EXPECTED = readRecording(FIXTURES, 'expected-requests.json');

const h = useHarness('incidentio', FIXTURES, {
  receivers: `
  - name: files
    incidentio_configs:
      - url_file: TEMP_DIR/url
        alert_source_token_file: TEMP_DIR/token
  - name: errors
    incidentio_configs:
      - url: STAND_IN_URL/errors
        alert_source_token: t
`,
  files: { url: 'STAND_IN_URL/from-file\n', token: 'token-from-file\n' },
});

describe('incident.io notifier', () => {
  it('posts the messages derived from Alertmanager 0.34 for a firing, a partly resolved and a resolved group', async () => {
    const steps = await replayRecording(h, 'incidentio', EXPECTED, [0, 1]);
    for (const step of steps) {
      expectSameRequests(step.ours, step.recorded);
    }
    // The webhook's bytes: HTML characters escaped as Go escapes them.
    expect(steps[0]?.raw[0]?.body).toContain('\\u0026 \\u003cgrowing\\u003e');
  });

  it('reads url_file and alert_source_token_file', async () => {
    const job = await h.run(freshNotification('incidentio', 'files'));
    expect(job.returnvalue, job.failedReason).toBe('sent');
    expect(h.standIn.requestsTo('/from-file')[0]?.headers.authorization).toBe('Bearer token-from-file');
  });

  it("puts incident.io's message and errors into the error of a refused alert", async () => {
    h.standIn.reply('/errors', {
      status: 422,
      headers: { 'Content-Type': 'application/json' },
      body: '{"message":"Validation failed","errors":["deduplication_key is required","title too long"]}',
    });
    const job = await h.run(freshNotification('incidentio', 'errors'));
    expect(job.failedReason).toContain(
      'unexpected status code 422: Validation failed: deduplication_key is required, title too long',
    );
  });

  it('keeps only the first alert of a message over 512 KiB and says so in the log', async () => {
    const alerts = Array.from({ length: 3 }, (_, i) => {
      const [a] = recordedStepAlerts('firing');
      if (!a) throw new Error('no alert');
      return { ...a, fingerprint: `f${i}`, annotations: { description: 'x'.repeat(250_000) } };
    });
    const job = await h.run(freshNotification('incidentio', 'errors', { alerts }));
    expect(job.returnvalue, job.failedReason).toBe('sent');
    const r = h.standIn.requestsTo('/errors').at(-1);
    expect(Buffer.byteLength(r?.body ?? '')).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    const body = describeRequest(r as never).body as { alerts: unknown[]; truncatedAlerts: number };
    expect(body.alerts).toHaveLength(1);
    // max_alerts truncation only counts into truncatedAlerts; the size cut does not.
    expect(body.truncatedAlerts).toBe(0);
    expect(
      h.logs.some((l) => l.includes('Truncated alert content due to incident.io payload size limit')),
    ).toBe(true);
  });

  itHandlesVendorErrors(() => h, { integration: 'incidentio', receiver: 'errors', path: '/errors' });
});
