import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import { readReceiver } from './receiver.js';
import type { WebhookConfig } from './webhook.js';

/** The first `webhook_configs` entry of a receiver; `body` is that entry's YAML at column 0. */
function webhook(body: string, global = '{}'): WebhookConfig {
  const item = body.trim().replace(/^/gm, '    ').replace(/^ {4}/, '  - ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  webhook_configs:\n${item}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.webhook_configs?.[0] as WebhookConfig;
}

describe('webhook_configs', () => {
  it('requires url or url_file (TestWebhookURLIsPresent)', () => {
    expect(() => webhook('{}')).toThrow('one of url or url_file must be configured');
  });

  it('rejects both (TestWebhookURLOrURLFile)', () => {
    expect(() => webhook("url: 'http://example.com'\nurl_file: 'http://example.com'")).toThrow(
      'at most one of url & url_file must be configured',
    );
  });

  it('checks its http_config (TestWebhookHttpConfigIsValid)', () => {
    expect(() =>
      webhook("url: 'http://example.com'\nhttp_config:\n  bearer_token: foo\n  bearer_token_file: /tmp/bar"),
    ).toThrow('at most one of bearer_token & bearer_token_file must be configured');
  });

  it('has defaults: send_resolved, no limit, no own timeout', () => {
    const c = webhook("url: 'http://example.com'");
    expect(c).toMatchObject({ send_resolved: true, max_alerts: 0 });
    expect(c.timeout).toBeUndefined();
    expect(c.http_config?.follow_redirects).toBe(true);
  });

  it('reads max_alerts, timeout and a payload', () => {
    const c = webhook(
      'url: http://a\nmax_alerts: 5\ntimeout: 10s\npayload:\n  alerts: "{{ .Alerts | len }}"\n  tags: [a, b]',
    );
    expect(c.max_alerts).toBe(5);
    expect(c.timeout?.ms).toBe(10_000);
    expect(c.payload).toEqual({ alerts: '{{ .Alerts | len }}', tags: ['a', 'b'] });
  });

  it('rejects a negative max_alerts', () => {
    expect(() => webhook('url: http://a\nmax_alerts: -1')).toThrow('cannot unmarshal !!int `-1` into uint64');
  });

  it('hides the URL and basic-auth password (TestWebhookPasswordIsObfuscated)', () => {
    const c = webhook(
      "url: 'http://example.com/TOKEN'\nhttp_config:\n  basic_auth:\n    username: foo\n    password: supersecret",
    );
    const json = JSON.stringify(c);
    expect(json).not.toContain('supersecret');
    expect(json).not.toContain('TOKEN');
    expect(c.url?.reveal()).toBe('http://example.com/TOKEN');
  });
});

describe('webhook url as a template URL (TestSecretTemplURL)', () => {
  it.each([
    '"http://example.com/webhook"',
    '"http://example.com/{{ .GroupLabels.alertname }}"',
    '"not-a-url-{{ .GroupLabels.alertname }}"',
    '"<secret>"',
  ])('accepts %s', (url) => {
    expect(webhook(`url: ${url}`).url).toBeDefined();
  });

  it.each([
    ['"example.com/webhook"', 'invalid URL: unsupported scheme "" for URL'],
    ['"ftp://example.com/webhook"', 'invalid URL: unsupported scheme "ftp" for URL'],
    ['"http://example.com/{{ .Invalid"', 'invalid template syntax: template: :1: unclosed action'],
    [
      '"http://example.com/{{ .X | toUpper }}"',
      'invalid template syntax: template: :1: function "toUpper" not defined',
    ],
    ['"://example.com"', 'invalid URL: parse "://example.com": missing protocol scheme'],
  ])('rejects %s', (url, message) => {
    expect(() => webhook(`url: ${url}`)).toThrow(message);
  });

  it('treats an empty url as unset', () => {
    expect(() => webhook('url: ""')).toThrow('one of url or url_file must be configured');
  });
});
