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
import { MAX_TITLE_RUNES } from './rocketchat-message.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const EXPECTED = readRecording(FIXTURES, 'expected-requests.json');
const POST = '/api/v1/chat.postMessage';

// (A global token file would win over a config's inline token, as upstream's cmp.Or has it.)
const h = useHarness('rocketchat', FIXTURES, {
  head: `global:
  rocketchat_api_url: STAND_IN_URL/global/
`,
  receivers: `
  - name: files
    rocketchat_configs:
      - channel: '#files'
        token_id_file: TEMP_DIR/token-id
        token_file: TEMP_DIR/token
  - name: long
    rocketchat_configs:
      - api_url: STAND_IN_URL/long
        token_id: u
        token: t
        title: '{{ range .Alerts }}{{ .Annotations.description }}{{ end }}'
  - name: errors
    rocketchat_configs:
      - api_url: STAND_IN_URL/errors
        token_id: u
        token: t
        channel: '#errors'
`,
  files: { token: 'token-from-file\n', 'token-id': 'id-from-file\n' },
});

describe('rocketchat notifier', () => {
  it('posts the messages derived from Alertmanager 0.34 for a firing, a partly resolved and a resolved group', async () => {
    const steps = await replayRecording(h, 'rocketchat', EXPECTED, [0, 1]);
    for (const step of steps) {
      expect(step.ours).toHaveLength(step.recorded.length);
      for (const [i, want] of step.recorded.entries()) {
        const got = step.ours[i];
        expect(got?.method).toBe(want.method);
        expect(got?.path).toBe(want.path);
        expect(got?.headers['content-type']).toBe(want.headers['content-type']);
        expect(JSON.stringify(got?.body)).toBe(JSON.stringify(want.body));
        const raw = step.raw.find((r) => r.url === want.path);
        expect(raw?.headers['x-auth-token']).toBe(want.headers['x-auth-token']);
        expect(raw?.headers['x-user-id']).toBe(want.headers['x-user-id']);
      }
    }
  });

  it('takes the URL from global and reads token_file and token_id_file', async () => {
    const job = await h.run(freshNotification('rocketchat', 'files'));
    expect(job.returnvalue, job.failedReason).toBe('sent');
    const [r] = h.standIn.requestsTo(`/global${POST}`);
    expect(r?.headers['x-auth-token']).toBe('token-from-file');
    expect(r?.headers['x-user-id']).toBe('id-from-file');
    expect((describeRequest(r as never).body as { channel: string }).channel).toBe('#files');
  });

  it('fails at once on {"success": false}, with the channel and the error', async () => {
    h.standIn.reply(`/errors${POST}`, {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: '{"success":false,"error":"error-not-allowed"}',
    });
    const job = await h.run(freshNotification('rocketchat', 'errors'));
    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toBe(
      'errors/rocketchat[0]: notify retry canceled due to unrecoverable error after 1 attempts: channel "#errors": error response from Rocketchat: error-not-allowed',
    );
  });

  it('cuts the title at 1024 characters', async () => {
    const [alert] = recordedStepAlerts('firing');
    if (!alert) throw new Error('no alert');
    alert.annotations = { description: 'é'.repeat(3000) };
    const job = await h.run(freshNotification('rocketchat', 'long', { alerts: [alert] }));
    expect(job.returnvalue, job.failedReason).toBe('sent');
    const body = describeRequest(h.standIn.requestsTo(`/long${POST}`)[0] as never).body as {
      attachments: { title: string }[];
    };
    const title = body.attachments[0]?.title ?? '';
    expect([...title]).toHaveLength(MAX_TITLE_RUNES);
    expect(title.endsWith('…')).toBe(true);
  });

  itHandlesVendorErrors(() => h, { integration: 'rocketchat', receiver: 'errors', path: `/errors${POST}` });
});
