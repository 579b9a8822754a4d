import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectSameRequest,
  freshNotification,
  itHandlesVendorErrors,
  vendorRequests,
} from '../integration-expectations.js';
import {
  describeRequest,
  type Harness,
  type RecordedSteps,
  replayRecording,
  startHarness,
} from '../integration-harness.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const UPSTREAM = JSON.parse(readFileSync(path.join(FIXTURES, 'upstream-0.34.json'), 'utf8')) as RecordedSteps;

let h: Harness;

beforeAll(async () => {
  const config = `${readFileSync(path.join(FIXTURES, 'alertmanager.yml'), 'utf8')}
  - name: custom
    msteams_configs:
      - webhook_url_file: TEMP_DIR/url
        title: "{{ .Status | title }}: {{ .GroupLabels.alertname }}"
        summary: "{{ .Alerts | len }} alerts"
        text: "{{ range .Alerts }}* {{ .Labels.instance }}{{ end }}"
  - name: errors
    msteams_configs:
      - webhook_url: STAND_IN_URL/errors
`;
  // A Teams connector answers 200 with "1".
  h = await startHarness('msteams', FIXTURES, (url, dir) =>
    config.replaceAll('STAND_IN_URL', url).replaceAll('TEMP_DIR', dir),
  );
  writeFileSync(path.join(h.dir, 'url'), `${h.standIn.url}/from-file\n`);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('msteams notifier', () => {
  it("sends the MessageCard of Alertmanager 0.34's code and templates for a firing, a partly resolved and a resolved group", async () => {
    for (const { recorded: all, ours } of await replayRecording(h, 'msteams', UPSTREAM, [0])) {
      const recorded = vendorRequests(all);
      expect(ours).toHaveLength(recorded.length);
      recorded.forEach((r, i) => {
        expectSameRequest(ours[i], r);
      });
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
