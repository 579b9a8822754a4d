import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deadLetterOf,
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
import { HTML_TOO_LONG_NOTICE, MAX_MESSAGE_RUNES } from './telegram-message.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const LONG = '{{ range .Alerts }}{{ .Annotations.description }}{{ end }}';
const JSON_TYPE = { 'Content-Type': 'application/json' };

const h = useHarness('telegram', FIXTURES, {
  receivers: `
  - name: files
    telegram_configs:
      - api_url: STAND_IN_URL/files
        bot_token_file: TEMP_DIR/token
        chat_id_file: TEMP_DIR/chat
        message_thread_id: 1357
        parse_mode: ""
        message: "{{ .Status }}"
  - name: long-html
    telegram_configs:
      - api_url: STAND_IN_URL/long-html
        bot_token: t
        chat_id: 1
        message: '${LONG}'
  - name: long-markdown
    telegram_configs:
      - api_url: STAND_IN_URL/long-markdown
        bot_token: t
        chat_id: 1
        parse_mode: Markdown
        message: '${LONG}'
  - name: quiet
    telegram_configs:
      - api_url: STAND_IN_URL/quiet
        bot_token: t
        chat_id: 1
        send_resolved: false
        parse_mode: ""
        message: "{{ .Status }}{{ range .Alerts }} {{ .Labels.instance }}={{ .Status }}{{ end }}"
  - name: errors
    telegram_configs:
      - api_url: STAND_IN_URL/errors
        bot_token: t
        chat_id: 1
`,
  files: { token: '99:file-t0k3n\n', chat: ' -100200300\n' },
});

const sent = (p: string) =>
  h.standIn.requestsTo(p).map((r) => describeRequest(r).body as Record<string, string>);

describe('telegram notifier', () => {
  it('sends what Alertmanager 0.25 sent for a firing, a partly resolved and a resolved group', async () => {
    for (const { recorded, ours } of await replayRecording(h, 'telegram', readRecording(FIXTURES), [0, 1])) {
      expectSameRequests(ours, vendorRequests(recorded));
    }
  });

  it('reads bot_token_file and chat_id_file, sends message_thread_id, and no parse_mode when it is empty', async () => {
    const job = await h.run(freshNotification('telegram', 'files'));
    expect(job.returnvalue).toBe('sent');
    expect(h.standIn.requests.at(-1)?.path).toBe('/files/bot99:file-t0k3n/sendMessage');
    expect(sent('/files/bot99:file-t0k3n/sendMessage')).toEqual([
      {
        chat_id: '-100200300',
        disable_web_page_preview: 'true',
        message_thread_id: '1357',
        text: 'firing',
      },
    ]);
  });

  it('sends a notice instead of an HTML message over 4096 characters, and cuts other modes', async () => {
    const [alert] = recordedStepAlerts('firing');
    if (!alert) throw new Error('no alert');
    alert.annotations = { description: 'é'.repeat(5000) };
    for (const receiver of ['long-html', 'long-markdown']) {
      expect((await h.run(freshNotification('telegram', receiver, { alerts: [alert] }))).returnvalue).toBe(
        'sent',
      );
    }
    expect(sent('/long-html/bott/sendMessage')[0]?.text).toBe(HTML_TOO_LONG_NOTICE);
    const text = sent('/long-markdown/bott/sendMessage')[0]?.text ?? '';
    expect([...text].length).toBe(MAX_MESSAGE_RUNES);
    expect(text.endsWith('…')).toBe(true);
    expect(h.logs.some((l) => l.includes('Truncated message'))).toBe(true);
  });

  it('with send_resolved false leaves resolved alerts out, and sends nothing once all are resolved', async () => {
    const mixed = await h.run(
      freshNotification('telegram', 'quiet', { alerts: recordedStepAlerts('partly-resolved') }),
    );
    expect(mixed.returnvalue).toBe('sent');
    const groupKey = freshNotification('telegram', 'quiet').groupKey;
    const outcomes = [];
    for (const step of ['firing', 'resolved'] as const) {
      outcomes.push(
        (await h.run(freshNotification('telegram', 'quiet', { groupKey, alerts: recordedStepAlerts(step) })))
          .returnvalue,
      );
    }
    expect(outcomes).toEqual(['sent', 'resolved-only']);
    expect(sent('/quiet/bott/sendMessage').map((b) => b.text)).toEqual([
      'firing db-2:9100=firing',
      'firing db-1:9100=firing db-2:9100=firing',
    ]);
  });

  itHandlesVendorErrors(() => h, {
    integration: 'telegram',
    receiver: 'errors',
    path: '/errors/bott/sendMessage',
    clientError: {
      status: 400,
      headers: JSON_TYPE,
      body: '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}',
    },
    // Flood control says how long to wait in the body, not in a header.
    rateLimited: {
      status: 429,
      headers: JSON_TYPE,
      body: '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 2","parameters":{"retry_after":2}}',
    },
    retryAfterSeconds: 2,
  });

  it('names the Bot API error in the dead letter', async () => {
    h.standIn.reply('/errors/bott/sendMessage', {
      status: 403,
      headers: JSON_TYPE,
      body: '{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}',
    });
    const n = freshNotification('telegram', 'errors');
    await h.run(n);
    const letter = await deadLetterOf(h, n);
    expect(letter.reason).toBe('authError');
    expect(letter.lastError).toContain('telegram: Forbidden: bot was blocked by the user (403)');
  });
});
