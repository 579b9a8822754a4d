import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import type { MattermostConfig } from './mattermost.js';
import { readReceiver } from './receiver.js';

/** All `mattermost_configs` entries of a receiver; `list` is the list's YAML at column 0. */
function list(items: string, global = '{}'): MattermostConfig[] {
  const body = items.trim().replace(/^/gm, '  ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  mattermost_configs:\n${body}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.mattermost_configs ?? [];
}
const one = (item: string, global?: string) => list(`- ${item}`, global)[0] as MattermostConfig;

describe('mattermost_configs (TestMattermostConfig_UnmarshalYAML)', () => {
  it.each([
    '{ webhook_url: "http://some.url", channel: some_channel, username: some_username, text: some text }',
    '{ webhook_url_file: /some/url.file, channel: c, username: u, attachments: [{ text: some text }], props: { card: some text } }',
    '{ webhook_url: "http://some.url", text: some text, attachments: [{ text: some text }] }',
  ])('accepts %s', (item) => {
    expect(() => one(item)).not.toThrow();
  });

  it('rejects both webhook_url and webhook_url_file', () => {
    expect(() => one('{ webhook_url: "http://some.url", webhook_url_file: /some/url.file }')).toThrow(
      'at most one of webhook_url & webhook_url_file must be configured',
    );
  });

  it.each([
    ['{ title: some title, value: some value, short: true }', undefined],
    ['{ title: some title, value: some value }', undefined],
    ['{ title: some title }', 'missing value in Mattermost field configuration'],
    ['{ value: some value }', 'missing title in Mattermost field configuration'],
  ])('checks field %s (TestMattermostField_UnmarshalYAML)', (field, message) => {
    const read = () => one(`{ webhook_url: "http://m", fields: [${field}] }`);
    if (message) expect(read).toThrow(message);
    else expect(read().fields).toHaveLength(1);
  });

  it('checks fields inside attachments too', () => {
    expect(() => one('{ webhook_url: "http://m", attachments: [{ fields: [{ title: t }] }] }')).toThrow(
      'missing value in Mattermost field configuration',
    );
  });

  it('takes the webhook URL or file from global (TestMattermostDefaultWebhookURL, ...File)', () => {
    expect(
      one('channel: x', 'mattermost_webhook_url: "https://mm.example.com/hooks/x"').webhook_url?.reveal(),
    ).toBe('https://mm.example.com/hooks/x');
    expect(one('channel: x', 'mattermost_webhook_url_file: /global_file').webhook_url_file).toBe(
      '/global_file',
    );
  });

  it('still fails on a global URL and file when the receiver sets its own (TestMattermostValidReceiverBothWebhookURLAndFile)', () => {
    expect(() =>
      one(
        '{ channel: team-X, webhook_url_file: /override_file }',
        'mattermost_webhook_url: https://mattermost.example.com/hooks/xxx\nmattermost_webhook_url_file: /global_file',
      ),
    ).toThrow('at most one of mattermost_webhook_url & mattermost_webhook_url_file must be configured');
  });

  it('needs a webhook URL from somewhere (TestMattermostNoWebhookURL)', () => {
    expect(() => one('channel: x')).toThrow('missing webhook_url or webhook_url_file on mattermost_config');
  });

  it('has upstream defaults and reads priority', () => {
    const c = one('{ webhook_url_file: /f, priority: { priority: urgent, requested_ack: true } }');
    expect(c).toMatchObject({
      send_resolved: true,
      username: '{{ template "mattermost.default.username" . }}',
      title_link: '{{ template "mattermost.default.titlelink" . }}',
      priority: { priority: 'urgent', requested_ack: true },
    });
  });
});
