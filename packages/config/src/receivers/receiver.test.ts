import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import { INTEGRATION_TYPES, type IntegrationType, type Receiver, readReceiver } from './receiver.js';

/** Reads `receivers:` with `global:` from inline YAML (both written at column 0). */
function receivers(list: string, global = ''): Receiver[] {
  const indent = (s: string) => s.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${global ? indent(global) : '  {}'}\nreceivers:\n${indent(list)}`,
  ) as YamlObject;
  const g = readGlobal(root.object('global'));
  return root.value('receivers').asList((item) => readReceiver(item, g));
}
const receiver = (list: string, global = '') => receivers(list, global)[0] as Receiver;

describe('receiver name and labels', () => {
  it('requires a name', () => {
    expect(() => receiver("- name: ''")).toThrow('missing name in receiver');
    expect(() => receiver('- webhook_configs: []')).toThrow('missing name in receiver');
  });

  it('adds the name label (TestReceiverLabelsAutoPopulatesName)', () => {
    expect(receiver("- name: 'team-X'").labels).toEqual({ name: 'team-X' });
  });

  it('keeps user labels, hyphenated and UTF-8 keys included', () => {
    const r = receiver(
      '- name: team-X-slack\n  labels: { owning-team: team-X-slack, kind: heartbeat, ключ: знач }',
    );
    expect(r.labels).toEqual({
      'owning-team': 'team-X-slack',
      kind: 'heartbeat',
      ключ: 'знач',
      name: 'team-X-slack',
    });
  });

  it('accepts a name label equal to the name and rejects another one', () => {
    expect(receiver("- name: 'team-X'\n  labels: { name: 'team-X', owner: my-team }").labels?.owner).toBe(
      'my-team',
    );
    expect(() => receiver("- name: 'team-X'\n  labels: { name: 'different-name' }")).toThrow(
      'receiver label "name" must match receiver name "team-X", got "different-name"',
    );
  });

  it('is a black hole without integrations', () => {
    expect(receiver('- name: devnull')).toEqual({ name: 'devnull', labels: { name: 'devnull' } });
  });

  it('rejects unknown keys', () => {
    expect(() => receiver('- name: x\n  foo_configs: []')).toThrow(
      'field foo_configs not found in type config.plain',
    );
  });

  it('reads a null list entry as a receiver without name, as Go does', () => {
    expect(receivers('- ~\n- name: a').map((r) => r.name)).toEqual(['', 'a']);
  });
});

describe('null integration entries (TestEmptyConfigOfIntegration)', () => {
  const expected: Record<IntegrationType, string> = {
    discord: 'missing discord config',
    email: 'missing email config',
    incidentio: 'missing incidentio config',
    pagerduty: 'missing pagerduty config',
    webhook: 'missing webhook config',
    pushover: 'missing pushover config',
    victorops: 'missing victorops config',
    sns: 'missing sns config',
    telegram: 'missing telegram config',
    webex: 'missing webex config',
    msteams: 'missing msteams config',
    msteamsv2: 'missing msteamsv2 config',
    jira: 'missing jira config',
    mattermost: 'missing mattermost config',
    slack: 'no Slack API URL nor App token set either inline or in a file',
    opsgenie: 'no global OpsGenie API Key set either inline or in a file',
    wechat: 'no global Wechat Api Secret set either inline or in a file',
    rocketchat: 'no global Rocketchat TokenID set either inline or in a file',
  };

  it.each(INTEGRATION_TYPES.map((t) => [t, expected[t]]))(
    '%s_configs: [null] fails with %j',
    (type, message) => {
      expect(() => receiver(`- name: r\n  ${type}_configs:\n  -`)).toThrow(message);
    },
  );

  it('says where the entry is', () => {
    expect(() => receiver('- name: r\n  webhook_configs:\n  - url: http://a\n  -')).toThrow(
      /^receivers\[0\]\.webhook_configs\[1\]: missing webhook config$/,
    );
  });

  it('lets a null Slack entry take everything from global', () => {
    const r = receiver('- name: r\n  slack_configs:\n  -', 'slack_api_url: http://hooks.example.com/x');
    expect(r.slack_configs?.[0]?.api_url?.reveal()).toBe('http://hooks.example.com/x');
  });
});

describe('send_resolved defaults', () => {
  const minimal: Record<IntegrationType, string> = {
    discord: 'webhook_url: http://d',
    email: 'to: a@b',
    incidentio: 'url: http://i',
    pagerduty: 'routing_key: k',
    slack: 'api_url: http://s',
    webhook: 'url: http://w',
    opsgenie: 'api_key: k',
    wechat: 'api_secret: s',
    pushover: '{user_key: u, token: t}',
    victorops: '{api_key: k, routing_key: r}',
    sns: 'topic_arn: t',
    telegram: '{bot_token: b, chat_id: 1}',
    webex: '{room_id: r, http_config: {authorization: {credentials: c}}}',
    msteams: 'webhook_url: http://t',
    msteamsv2: 'webhook_url: http://t',
    jira: '{project: P, issue_type: Bug, api_url: http://j}',
    rocketchat: '{token: t, token_id: i}',
    mattermost: 'webhook_url: http://m',
  };
  // Upstream's defaults: false for email, slack, wechat and rocketchat, true for the rest.
  const defaultFalse = new Set(['email', 'slack', 'wechat', 'rocketchat']);
  const global = 'smtp_smarthost: localhost:25\nsmtp_from: am@example.org\nwechat_api_corp_id: c';

  it.each(INTEGRATION_TYPES.map((t) => [t, !defaultFalse.has(t)]))('%s defaults to %s', (type, value) => {
    const r = receiver(`- name: r\n  ${type}_configs:\n  - ${minimal[type]}`, global);
    const list = r[`${type}_configs`] as { send_resolved: boolean }[];
    expect(list[0]?.send_resolved).toBe(value);
  });

  it('is reset to false by an explicit null (yaml.v2 zero value)', () => {
    const r = receiver('- name: r\n  webhook_configs:\n  - { url: http://w, send_resolved: ~ }');
    expect(r.webhook_configs?.[0]?.send_resolved).toBe(false);
  });

  it('can be set either way', () => {
    const r = receiver('- name: r\n  email_configs:\n  - { to: a@b, send_resolved: true }', global);
    expect(r.email_configs?.[0]?.send_resolved).toBe(true);
  });
});

describe('global http_config', () => {
  it('is inherited by configs without their own, and not merged into those with one', () => {
    const r = receiver(
      '- name: r\n  webhook_configs:\n  - url: http://a\n  - { url: http://b, http_config: { enable_http2: false } }',
      'http_config: { follow_redirects: false }',
    );
    expect(r.webhook_configs?.[0]?.http_config?.follow_redirects).toBe(false);
    expect(r.webhook_configs?.[1]?.http_config).toMatchObject({
      follow_redirects: true,
      enable_http2: false,
    });
  });
});

describe('secrets', () => {
  it('never appear in JSON', () => {
    const r = receiver(`
- name: r
  webhook_configs: [{ url: "http://hook.example.com/SECRET1" }]
  slack_configs: [{ api_url: "https://hooks.slack.com/SECRET2" }]
  pagerduty_configs: [{ routing_key: SECRET3 }]
  opsgenie_configs: [{ api_key: SECRET4 }]
  email_configs: [{ to: a@b, smarthost: "h:25", from: f@b, auth_password: SECRET5 }]
  telegram_configs: [{ bot_token: SECRET6, chat_id: 1 }]
  pushover_configs: [{ user_key: SECRET7, token: SECRET8 }]
  sns_configs: [{ topic_arn: t, sigv4: { access_key: a, secret_key: SECRET9 } }]
`);
    const json = JSON.stringify(r);
    expect(json).not.toMatch(/SECRET/);
    expect(json).toContain('<secret>');
  });
});
