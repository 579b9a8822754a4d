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
import {
  COLOR_FIRING,
  COLOR_RESOLVED,
  MAX_CONTENT_RUNES,
  MAX_DESCRIPTION_RUNES,
  MAX_TITLE_RUNES,
} from './discord-message.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const LONG = '{{ range .Alerts }}{{ .Annotations.description }}{{ end }}';

// Discord's webhook answers 204 No Content.
const h = useHarness('discord', FIXTURES, {
  receivers: `
  - name: extras
    discord_configs:
      - webhook_url_file: TEMP_DIR/url
        content: "{{ .Alerts.Firing | len }} firing"
        username: tocsin
        avatar_url: https://example.org/avatar.png
  - name: long
    discord_configs:
      - webhook_url: STAND_IN_URL/long
        title: '${LONG}'
        message: '${LONG}'
        content: '${LONG}'
  - name: errors
    discord_configs:
      - webhook_url: STAND_IN_URL/errors
`,
  files: { url: 'STAND_IN_URL/from-file\n' },
});

describe('discord notifier', () => {
  it('sends what Alertmanager 0.25 sent for a firing, a partly resolved and a resolved group', async () => {
    const steps = await replayRecording(h, 'discord', readRecording(FIXTURES), [0, 1]);
    for (const { recorded, ours } of steps) {
      expectSameRequests(ours, vendorRequests(recorded));
    }
    const colors = steps.map(
      (s) => (s.ours[0]?.body as { embeds: { color: number }[] } | undefined)?.embeds[0]?.color,
    );
    expect(colors).toEqual([COLOR_FIRING, COLOR_FIRING, COLOR_RESOLVED]);
  });

  it('reads webhook_url_file and sends content, username and avatar_url (Alertmanager 0.26+)', async () => {
    const job = await h.run(
      freshNotification('discord', 'extras', { alerts: recordedStepAlerts('partly-resolved') }),
    );
    expect(job.returnvalue).toBe('sent');
    const [r] = h.standIn.requestsTo('/from-file').map(describeRequest);
    expect(r?.body).toMatchObject({
      content: '1 firing',
      username: 'tocsin',
      avatar_url: 'https://example.org/avatar.png',
    });
    expect(Object.keys(r?.body as object)).toEqual(['content', 'embeds', 'username', 'avatar_url']);
  });

  it("cuts title, description and content to Discord's limits and says so in the log", async () => {
    const [alert] = recordedStepAlerts('firing');
    if (!alert) throw new Error('no alert');
    alert.annotations = { description: 'é'.repeat(5000) };
    const job = await h.run(freshNotification('discord', 'long', { alerts: [alert] }));
    expect(job.returnvalue).toBe('sent');
    const body = describeRequest(h.standIn.requestsTo('/long')[0] as never).body as {
      content: string;
      embeds: { title: string; description: string }[];
    };
    const embed = body.embeds[0];
    for (const [text, max] of [
      [embed?.title, MAX_TITLE_RUNES],
      [embed?.description, MAX_DESCRIPTION_RUNES],
      [body.content, MAX_CONTENT_RUNES],
    ] as const) {
      expect([...(text ?? '')].length).toBe(max);
      expect(text?.endsWith('…')).toBe(true);
    }
    expect(h.logs.some((l) => l.includes('Truncated title'))).toBe(true);
    expect(h.logs.filter((l) => l.includes('Truncated message')).length).toBeGreaterThanOrEqual(2);
  });

  itHandlesVendorErrors(() => h, {
    integration: 'discord',
    receiver: 'errors',
    path: '/errors',
  });
});
