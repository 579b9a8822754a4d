import { describe, expect, it } from 'vitest';
import { defaultGlobal, type GlobalConfig, readGlobal } from './global.js';
import { YamlObject } from './yaml/index.js';

const global = (text: string): GlobalConfig => {
  const root = YamlObject.parse(`global:\n${text.replace(/^/gm, '  ')}`) as YamlObject;
  return readGlobal(root.object('global'));
};

describe('readGlobal defaults (DefaultGlobalConfig)', () => {
  it('has upstream defaults when there is no global block', () => {
    const g = readGlobal(undefined);
    expect(g.resolve_timeout.ms).toBe(5 * 60 * 1000);
    expect(g.http_config).toMatchObject({ follow_redirects: true, enable_http2: true });
    expect(g.smtp_hello).toBe('localhost');
    expect(g.smtp_require_tls).toBe(true);
    expect(g.smtp_tls_config).toEqual({ insecure_skip_verify: false });
    expect(g.pagerduty_url).toBe('https://events.pagerduty.com/v2/enqueue');
    expect(g.opsgenie_api_url).toBe('https://api.opsgenie.com/');
    expect(g.wechat_api_url).toBe('https://qyapi.weixin.qq.com/cgi-bin/');
    expect(g.victorops_api_url).toBe('https://alert.victorops.com/integrations/generic/20131114/alert/');
    expect(g.telegram_api_url).toBe('https://api.telegram.org');
    expect(g.webex_api_url).toBe('https://webexapis.com/v1/messages');
    expect(g.rocketchat_api_url).toBe('https://open.rocket.chat/');
    expect(g.slack_app_url).toBe('https://slack.com/api/chat.postMessage');
    expect(g.jira_api_url).toBeUndefined();
    expect(g.slack_api_url).toBeUndefined();
  });

  it('keeps the defaults of keys the block does not set (conf.empty-fields.yml)', () => {
    const g = global(`
smtp_smarthost: 'localhost:25'
smtp_from: 'alertmanager@example.org'
smtp_auth_username: ''
smtp_auth_password: ''
smtp_hello: ''
slack_api_url: 'https://slack.com/webhook'
`);
    expect(String(g.smtp_smarthost)).toBe('localhost:25');
    expect(g.smtp_from).toBe('alertmanager@example.org');
    expect(g.smtp_auth_username).toBeUndefined();
    expect(g.smtp_auth_password).toBeUndefined();
    expect(g.smtp_hello).toBe('');
    expect(g.slack_api_url?.reveal()).toBe('https://slack.com/webhook');
    expect(g.pagerduty_url).toBe(defaultGlobal().pagerduty_url);
    expect(g.resolve_timeout.ms).toBe(300_000);
  });

  it('reads the global http_config apart from receivers (conf.http-config.good.yml)', () => {
    expect(global('http_config: { follow_redirects: false }').http_config.follow_redirects).toBe(false);
  });

  it('lets an explicit null unset a defaulted URL and zero a bool', () => {
    const g = global('webex_api_url: null\nsmtp_require_tls: ~\nresolve_timeout: 1h');
    expect(g.webex_api_url).toBeUndefined();
    expect(g.smtp_require_tls).toBe(false);
    expect(g.resolve_timeout.ms).toBe(3_600_000);
  });

  it('masks secrets in JSON', () => {
    const json = JSON.stringify(
      global('smtp_auth_password: p4ss\nslack_api_url: http://hooks.example.com/XYZ\nopsgenie_api_key: k3y'),
    );
    expect(json).not.toMatch(/p4ss|XYZ|k3y/);
    expect(json).toContain('"smtp_auth_password":"<secret>"');
  });
});

describe('smtp_smarthost (HostPort)', () => {
  it.each([
    ['""', undefined],
    ['"localhost:25"', 'localhost:25'],
    ['":25"', ':25'],
    ['"[fd12:3456:789a::1]:25"', '[fd12:3456:789a::1]:25'],
  ])('accepts %s', (text, printed) => {
    const g = global(`smtp_smarthost: ${text}`);
    expect(g.smtp_smarthost === undefined ? undefined : String(g.smtp_smarthost)).toBe(printed);
  });

  it.each([
    ['"localhost"', 'address localhost: missing port in address'],
    ['"localhost:"', 'address "localhost:": port cannot be empty'],
  ])('rejects %s', (text, message) => {
    expect(() => global(`smtp_smarthost: ${text}`)).toThrow(message);
  });
});

describe('global URL checks', () => {
  it.each([
    ['slack_api_url: "://wrongurl/"', 'missing protocol scheme'],
    ['pagerduty_url: "://example.com"', 'missing protocol scheme'],
    ['opsgenie_api_url: "telnet://example.com"', 'unsupported scheme "telnet" for URL'],
    ['victorops_api_url: "http:"', 'missing host for URL'],
    ['jira_api_url: ""', 'unsupported scheme "" for URL'],
  ])('rejects %s', (text, message) => {
    expect(() => global(text)).toThrow(message);
  });

  it('names the field in the error', () => {
    expect(() => global('pagerduty_url: "ftp://x"')).toThrow(/^global\.pagerduty_url: /);
  });
});

describe('value/file exclusions', () => {
  it.each([
    'slack_app_token',
    'slack_api_url',
    'opsgenie_api_key',
    'victorops_api_key',
    'telegram_bot_token',
    'smtp_auth_password',
    'rocketchat_token',
    'rocketchat_token_id',
    'smtp_auth_secret',
    'wechat_api_secret',
    'mattermost_webhook_url',
  ])('rejects both %s and its file', (key) => {
    const value = key.endsWith('url') ? 'http://example.com/x' : 'v';
    expect(() => global(`${key}: ${value}\n${key}_file: /f`)).toThrow(
      `at most one of ${key} & ${key}_file must be configured`,
    );
  });

  it('accepts each value or file alone', () => {
    expect(() =>
      global('slack_api_url_file: /f\nopsgenie_api_key: k\nrocketchat_token_id_file: /t'),
    ).not.toThrow();
  });

  it('rejects a Slack app token together with a webhook URL', () => {
    expect(() => global('slack_app_token: xoxb\nslack_api_url: https://hooks.slack.com/x')).toThrow(
      'at most one of slack_app_token/slack_app_token_file & slack_api_url/slack_api_url_file must be configured',
    );
  });

  it('tolerates slack_api_url equal to the app URL (the bearer-token workaround)', () => {
    expect(() =>
      global('slack_app_token: xoxb\nslack_api_url: https://slack.com/api/chat.postMessage'),
    ).not.toThrow();
  });

  it('counts a rocketchat token written as an empty string as set', () => {
    expect(() => global('rocketchat_token: ""\nrocketchat_token_file: /f')).toThrow(
      'at most one of rocketchat_token & rocketchat_token_file',
    );
  });
});

describe('strict keys', () => {
  it('rejects unknown global keys with Go wording', () => {
    expect(() => global('smtp_port: 25')).toThrow('field smtp_port not found in type config.plain');
  });

  it('rejects a bad resolve_timeout', () => {
    expect(() => global('resolve_timeout: 5x')).toThrow('not a valid duration string: "5x"');
  });
});
