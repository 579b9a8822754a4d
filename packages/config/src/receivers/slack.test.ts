import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import { readReceiver } from './receiver.js';
import type { SlackConfig } from './slack.js';

/** All `slack_configs` entries of a receiver; `list` is the list's YAML at column 0. */
function slacks(list: string, global = '{}'): SlackConfig[] {
  const items = list.trim().replace(/^/gm, '  ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  slack_configs:\n${items}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.slack_configs ?? [];
}
const slack = (item: string, global?: string) => slacks(`- ${item}`, global)[0] as SlackConfig;
const URL = 'api_url: http://hooks.example.com/x';

describe('slack_configs fields (TestLoadSlackConfiguration)', () => {
  it('reads what is set and keeps template defaults for the rest', () => {
    const c = slack(
      `{ ${URL}, color: green, username: mark, channel: engineering, title_link: "http://example.com/", image_url: "https://example.com/logo.png" }`,
    );
    expect(c).toMatchObject({
      color: 'green',
      username: 'mark',
      channel: 'engineering',
      title_link: 'http://example.com/',
      image_url: 'https://example.com/logo.png',
      title: '{{ template "slack.default.title" . }}',
      send_resolved: false,
      short_fields: false,
      link_names: false,
      update_message: false,
    });
    expect(c.mrkdwn_in).toBeUndefined();
  });

  it('reads mrkdwn_in', () => {
    expect(slack(`{ ${URL}, mrkdwn_in: [pretext, text] }`).mrkdwn_in).toEqual(['pretext', 'text']);
  });

  it('reads fields and checks title and value (TestSlackFieldConfigValidation)', () => {
    const c = slack(
      `{ ${URL}, fields: [{ title: first, value: hello, short: true }, { title: second, value: world }] }`,
    );
    expect(c.fields).toEqual([
      { title: 'first', value: 'hello', short: true },
      { title: 'second', value: 'world', short: undefined },
    ]);
    expect(() => slack(`{ ${URL}, fields: [{ title: t }] }`)).toThrow(
      'missing value in Slack field configuration',
    );
    expect(() => slack(`{ ${URL}, fields: [{ value: v }] }`)).toThrow(
      'missing title in Slack field configuration',
    );
  });

  it('reads actions (TestSlackActionsValidation)', () => {
    const c = slack(
      `
${URL}
actions:
- type: button
  text: hello
  url: https://localhost
  style: danger
- type: button
  text: hello
  name: something
  style: default
  confirm:
    title: please confirm
    text: are you sure?
    ok_text: yes
    dismiss_text: no
`.replace(/\n/g, '\n  '),
    );
    expect(c.actions?.[0]).toMatchObject({
      type: 'button',
      text: 'hello',
      url: 'https://localhost',
      style: 'danger',
    });
    expect(c.actions?.[1]).toMatchObject({
      name: 'something',
      confirm: { title: 'please confirm', text: 'are you sure?', ok_text: 'yes', dismiss_text: 'no' },
    });
  });

  it('drops message-action fields from link buttons', () => {
    const c = slack(`{ ${URL}, actions: [{ type: button, text: t, url: "http://x", name: n, value: v }] }`);
    expect(c.actions?.[0]?.name).toBeUndefined();
    expect(c.actions?.[0]?.value).toBeUndefined();
  });

  it.each([
    ['{ text: t, url: "http://x" }', 'missing type in Slack action configuration'],
    ['{ type: button, url: "http://x" }', 'missing text in Slack action configuration'],
    ['{ type: button, text: t }', 'missing name or url in Slack action configuration'],
    [
      '{ type: button, text: t, name: n, confirm: { title: x } }',
      'missing text in Slack confirmation configuration',
    ],
  ])('rejects action %s', (action, message) => {
    expect(() => slack(`{ ${URL}, actions: [${action}] }`)).toThrow(message);
  });

  it('reads timeout as a Go duration', () => {
    expect(slack(`{ ${URL}, timeout: 1m30s }`).timeout?.ms).toBe(90_000);
  });
});

describe('slack credentials (TestSlackAuthMethodConfigValidation)', () => {
  it.each([
    ['{ api_url: "http://a", api_url_file: /f }', 'at most one of api_url & api_url_file must be configured'],
    ['{ app_token: t, app_token_file: /f }', 'at most one of app_token & app_token_file must be configured'],
    [
      '{ api_url: "http://a", app_token: t }',
      'at most one of api_url/api_url_file & app_token/app_token_file must be configured',
    ],
    [
      '{ api_url_file: /f, app_token_file: /g }',
      'at most one of api_url/api_url_file & app_token/app_token_file must be configured',
    ],
  ])('rejects %s', (item, message) => {
    expect(() => slack(item)).toThrow(message);
  });

  it('needs a URL or a token from somewhere (TestSlackNoAPIURL)', () => {
    expect(() => slack("{ channel: '#a' }")).toThrow(
      'no Slack API URL nor App token set either inline or in a file',
    );
  });

  it('allows update_message only with the chat.postMessage URL', () => {
    expect(() =>
      slack("{ api_url: 'https://hooks.slack.com/services/T00000000/B00000000/XXXX', update_message: true }"),
    ).toThrow('update_message can only be used with bot tokens');
    const ok = slack(
      "{ api_url: 'https://slack.com/api/chat.postMessage', update_message: true, http_config: { authorization: { credentials: xoxb } } }",
    );
    expect(ok.update_message).toBe(true);
  });

  it('rejects http authorization together with an app token', () => {
    expect(() => slack('{ app_token: t, http_config: { authorization: { credentials: c } } }')).toThrow(
      "http authorization can't be set when using Slack App tokens",
    );
  });
});

describe('slack global fallbacks', () => {
  it('uses the global app token, or an inline one, as Bearer to app_url (TestSlackGlobalAppToken)', () => {
    const list = slacks(
      `
- channel: '#alerts1'
- channel: '#alerts2'
  app_token: 'xoxb-1234-xxxxxx'
- channel: '#alerts3'
  app_url: http://api.fakeslack.example/
- channel: '#alerts4'
  http_config:
    authorization:
      credentials: 'xoxb-my-bot-token'
- api_url: 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'
`,
      "slack_app_token: 'xoxb-1234-abcdefgh'\nslack_api_url: 'https://slack.com/api/chat.postMessage'",
    );
    const [first, second, third, fourth, fifth] = list;
    expect(first?.app_token?.reveal()).toBe('xoxb-1234-abcdefgh');
    expect(first?.api_url?.reveal()).toBe('https://slack.com/api/chat.postMessage');
    expect(first?.http_config?.authorization?.type).toBe('Bearer');
    expect(first?.http_config?.authorization?.credentials?.reveal()).toBe('xoxb-1234-abcdefgh');
    expect(second?.http_config?.authorization?.credentials?.reveal()).toBe('xoxb-1234-xxxxxx');
    expect(third?.app_url).toBe('http://api.fakeslack.example/');
    expect(third?.api_url?.reveal()).toBe('http://api.fakeslack.example/');
    expect(fourth?.app_token).toBeUndefined();
    expect(fourth?.http_config?.authorization).toMatchObject({ type: 'Bearer' });
    expect(fourth?.http_config?.authorization?.credentials?.reveal()).toBe('xoxb-my-bot-token');
    expect(fifth?.api_url?.reveal()).toBe(
      'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
    );
    expect(fifth?.api_url_file).toBeUndefined();
  });

  it('takes the global URL file unless the config has a URL or a file (TestSlackGlobalAPIURLFile)', () => {
    const [first, second, third] = slacks(
      `
- channel: '#alerts1'
- channel: '#alerts2'
  api_url_file: '/override_file'
- channel: '#alerts3'
  api_url: 'http://mysecret.example.com/'
`,
      "slack_api_url_file: '/global_file'",
    );
    expect(first?.api_url_file).toBe('/global_file');
    expect(first?.api_url).toBeUndefined();
    expect(second?.api_url_file).toBe('/override_file');
    expect(third?.api_url?.reveal()).toBe('http://mysecret.example.com/');
    expect(third?.api_url_file).toBeUndefined();
  });

  it('does not change the global http_config when adding the app token authorization', () => {
    const root = YamlObject.parse(
      'global:\n  slack_app_token: xoxb\nreceivers:\n- name: r\n  slack_configs: [{ channel: a }]',
    ) as YamlObject;
    const g = readGlobal(root.object('global'));
    root.value('receivers').asList((v) => readReceiver(v, g));
    expect(g.http_config.authorization).toBeUndefined();
  });
});
