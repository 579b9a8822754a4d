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

// A Teams connector answers 200 with "1".
const h = useHarness('msteams', FIXTURES, {
  receivers: `
  - name: custom
    msteams_configs:
      - webhook_url_file: TEMP_DIR/url
        title: "{{ .Status | title }}: {{ .GroupLabels.alertname }}"
        summary: "{{ .Alerts | len }} alerts"
        text: "{{ range .Alerts }}* {{ .Labels.instance }}{{ end }}"
  - name: errors
    msteams_configs:
      - webhook_url: STAND_IN_URL/errors
`,
  files: { url: 'STAND_IN_URL/from-file\n' },
});

describe('msteams notifier', () => {
  it("sends the MessageCard of Alertmanager 0.34's code and templates for a firing, a partly resolved and a resolved group", async () => {
    for (const { recorded, ours } of await replayRecording(h, 'msteams', UPSTREAM, [0])) {
      expectSameRequests(ours, vendorRequests(recorded));
    }
  });

  it('reads webhook_url_file and renders title, summary and text', async () => {
    expect((await h.run(freshNotification('msteams', 'custom'))).returnvalue).toBe('sent');
    const [r] = h.standIn.requestsTo('/from-file').map(describeRequest);
    expect(r?.body).toEqual({
      '@context': 'http://schema.org/extensions',
      type: 'MessageCard',
      title: 'Firing: DiskFull',
      summary: '2 alerts',
      text: '* db-1:9100* db-2:9100',
      themeColor: '8C1A1A',
    });
  });

  itHandlesVendorErrors(() => h, {
    integration: 'msteams',
    receiver: 'errors',
    path: '/errors',
  });
});
