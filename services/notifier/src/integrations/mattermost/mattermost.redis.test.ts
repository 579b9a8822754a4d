import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshNotification, itHandlesVendorErrors } from '../integration-expectations.js';
import {
  describeRequest,
  readRecording,
  recordedStepAlerts,
  replayRecording,
  useHarness,
} from '../integration-harness.js';
import { MAX_TEXT_RUNES } from './mattermost-message.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const EXPECTED = readRecording(FIXTURES, 'expected-requests.json');

const h = useHarness('mattermost', FIXTURES, {
  receivers: `
  - name: file
    mattermost_configs:
      - webhook_url_file: TEMP_DIR/url
        priority: { priority: bogus, requested_ack: true }
  - name: long
    mattermost_configs:
      - webhook_url: STAND_IN_URL/hooks/long
        text: '{{ range .Alerts }}{{ .Annotations.description }}{{ end }}'
        attachments: [{ title: long }]
  - name: errors
    mattermost_configs:
      - webhook_url: STAND_IN_URL/hooks/errors
        channel: town-square
`,
  files: { url: 'STAND_IN_URL/hooks/from-file\n' },
});

describe('mattermost notifier', () => {
  it('posts the requests derived from Alertmanager 0.34 for a firing, a partly resolved and a resolved group', async () => {
    const steps = await replayRecording(h, 'mattermost', EXPECTED, [0, 1, 2]);
    for (const step of steps) {
      expect(step.ours).toHaveLength(step.recorded.length);
      for (const [i, want] of step.recorded.entries()) {
        const got = step.ours[i];
        expect(got?.method).toBe(want.method);
        expect(got?.path).toBe(want.path);
        expect(got?.headers['content-type']).toBe(want.headers['content-type']);
        expect(got?.headers['user-agent']).toMatch(/^Alertmanager\//);
        // Key order too: Go writes the struct's fields in declaration order.
        expect(JSON.stringify(got?.body)).toBe(JSON.stringify(want.body));
      }
    }
    // Go's json.Encoder escapes HTML characters and ends with a newline.
    const raw = steps[0]?.raw.find((r) => r.path === '/hooks/attachments')?.body ?? '';
    expect(raw).toContain('2 alerts \\u0026 counting');
    expect(raw.endsWith('}\n')).toBe(true);
  });

  it('reads webhook_url_file and sends an unknown priority as standard, without an ack request', async () => {
    const job = await h.run(freshNotification('mattermost', 'file'));
    expect(job.returnvalue, job.failedReason).toBe('sent');
    const [r] = h.standIn.requestsTo('/hooks/from-file').map(describeRequest);
    expect((r?.body as { priority?: unknown } | undefined)?.priority).toEqual({ priority: 'standard' });
    expect(h.logs.some((l) => l.includes('Priority \\"bogus\\" is set to standard'))).toBe(true);
  });

  it('cuts the message text at 16383 characters and says so in the log', async () => {
    const [alert] = recordedStepAlerts('firing');
    if (!alert) throw new Error('no alert');
    alert.annotations = { description: 'é'.repeat(20_000) };
    const job = await h.run(freshNotification('mattermost', 'long', { alerts: [alert] }));
    expect(job.returnvalue, job.failedReason).toBe('sent');
    const body = describeRequest(h.standIn.requestsTo('/hooks/long')[0] as never).body as { text: string };
    expect([...body.text]).toHaveLength(MAX_TEXT_RUNES);
    expect(body.text.endsWith('…')).toBe(true);
    expect(h.logs.some((l) => l.includes('"msg":"Truncated text"'))).toBe(true);
  });

  it('names the channel in the error of a refused message', async () => {
    h.standIn.reply('/hooks/errors', { status: 404, body: 'Unable to find the webhook.' });
    const job = await h.run(freshNotification('mattermost', 'errors'));
    expect(job.failedReason).toContain(
      'channel "town-square": unexpected status code 404: Unable to find the webhook.',
    );
  });

  itHandlesVendorErrors(() => h, { integration: 'mattermost', receiver: 'errors', path: '/hooks/errors' });
});
