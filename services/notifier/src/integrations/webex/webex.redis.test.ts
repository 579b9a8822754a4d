import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectSameRequests,
  freshNotification,
  itHandlesVendorErrors,
  vendorRequests,
} from '../integration-expectations.js';
import {
  describeRequest,
  readRecording,
  recordedStepAlerts,
  replayRecording,
  useHarness,
} from '../integration-harness.js';
import { MAX_MESSAGE_BYTES } from './webex-message.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const JSON_TYPE = { 'Content-Type': 'application/json' };

const h = useHarness('webex', FIXTURES, {
  receivers: `
  - name: templated
    webex_configs:
      - api_url: STAND_IN_URL/templated
        room_id: "room-{{ .GroupLabels.alertname }}"
        message: '{{ range .Alerts }}{{ .Annotations.description }}{{ end }}'
        http_config:
          authorization:
            credentials_file: TEMP_DIR/token
  - name: errors
    webex_configs:
      - api_url: STAND_IN_URL/errors
        room_id: r
        http_config:
          authorization:
            credentials: t
`,
  files: { token: 'file-t0k3n\n' },
});

describe('webex notifier', () => {
  it('sends what Alertmanager 0.25 sent for a firing, a partly resolved and a resolved group', async () => {
    for (const { recorded, ours } of await replayRecording(h, 'webex', readRecording(FIXTURES), [0, 1])) {
      expectSameRequests(ours, vendorRequests(recorded));
    }
  });

  it('templates room_id (Alertmanager 0.28+), authorizes from a credentials file, cuts the message at 7439 bytes', async () => {
    const [alert] = recordedStepAlerts('firing');
    if (!alert) throw new Error('no alert');
    alert.annotations = { description: 'é'.repeat(5000) };
    expect((await h.run(freshNotification('webex', 'templated', { alerts: [alert] }))).returnvalue).toBe(
      'sent',
    );
    const [r] = h.standIn.requestsTo('/templated').map(describeRequest);
    expect(r?.headers.authorization).toBe('Bearer file-t0k3n');
    const body = r?.body as { markdown: string; roomId: string };
    expect(body.roomId).toBe('room-DiskFull');
    expect(Buffer.byteLength(body.markdown)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(Buffer.byteLength(body.markdown)).toBeGreaterThan(MAX_MESSAGE_BYTES - 3);
    expect(body.markdown.endsWith('é…')).toBe(true);
  });

  itHandlesVendorErrors(() => h, {
    integration: 'webex',
    receiver: 'errors',
    path: '/errors',
    clientError: {
      status: 404,
      headers: JSON_TYPE,
      body: '{"message":"Could not find a room","trackingId":"x"}',
    },
  });
});
