import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectSameRequests,
  freshNotification,
  itHandlesVendorErrors,
  vendorRequests,
} from '../integration-expectations.js';
import { describeRequest, readRecording, replayRecording, useHarness } from '../integration-harness.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const UPSTREAM = readRecording(FIXTURES, 'upstream-0.34.json');

// A Workflows (Power Automate) webhook answers 202 Accepted.
const h = useHarness('msteamsv2', FIXTURES, {
  receivers: `
  - name: custom
    msteamsv2_configs:
      - webhook_url_file: TEMP_DIR/url
        title: "{{ .Status | title }}: {{ .GroupLabels.alertname }}"
        text: "{{ range .Alerts }}* {{ .Labels.instance }}{{ end }}"
  - name: errors
    msteamsv2_configs:
      - webhook_url: STAND_IN_URL/errors
`,
  files: { url: 'STAND_IN_URL/from-file\n' },
});

describe('msteamsv2 notifier', () => {
  it("sends the Adaptive Card of Alertmanager 0.34's code and templates for a firing, a partly resolved and a resolved group", async () => {
    for (const { recorded, ours } of await replayRecording(h, 'msteamsv2', UPSTREAM, [0])) {
      expectSameRequests(ours, vendorRequests(recorded));
    }
  });

  it('reads webhook_url_file and renders title and text', async () => {
    expect((await h.run(freshNotification('msteamsv2', 'custom'))).returnvalue).toBe('sent');
    const [r] = h.standIn.requestsTo('/from-file').map(describeRequest);
    const body = r?.body as
      | { attachments: { content: { body: { text: string; color?: string }[] } }[] }
      | undefined;
    const card = body?.attachments[0]?.content;
    expect(card?.body.map((b) => b.text)).toEqual(['Firing: DiskFull', '* db-1:9100* db-2:9100']);
    expect(card?.body[0]?.color).toBe('Attention');
  });

  itHandlesVendorErrors(() => h, {
    integration: 'msteamsv2',
    receiver: 'errors',
    path: '/errors',
  });
});
