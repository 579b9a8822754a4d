import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import type { MSTeamsV2Config } from './msteamsv2.js';
import { readReceiver } from './receiver.js';

/** All `msteamsv2_configs` entries of a receiver; `list` is the list's YAML at column 0. */
function list(items: string, global = '{}'): MSTeamsV2Config[] {
  const body = items.trim().replace(/^/gm, '  ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  msteamsv2_configs:\n${body}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.msteamsv2_configs ?? [];
}
const one = (item: string, global?: string) => list(`- ${item}`, global)[0] as MSTeamsV2Config;

describe('msteamsv2_configs', () => {
  const URL = 'webhook_url: "https://example.webhook.office.com/webhookb2/test"';

  it('needs exactly one of webhook_url and webhook_url_file', () => {
    expect(() => one('title: t')).toThrow('one of webhook_url or webhook_url_file must be configured');
    expect(() => one(`{ ${URL}, webhook_url_file: /f }`)).toThrow(
      'at most one of webhook_url & webhook_url_file must be configured',
    );
  });

  it('has upstream defaults', () => {
    expect(one(URL)).toMatchObject({
      send_resolved: true,
      title: '{{ template "msteamsv2.default.title" . }}',
      text: '{{ template "msteamsv2.default.text" . }}',
    });
  });

  it('inherits the global proxy without an http_config (TestMSTeamsV2GlobalProxyInheritedWhenNoLocalHTTPConfig)', () => {
    const c = one(URL, 'http_config: { proxy_url: "http://proxy.example.com:3128" }');
    expect(c.http_config?.proxy_url).toBe('http://proxy.example.com:3128');
  });

  it('inherits only the global proxy into a partial http_config (...WhenPartialHTTPConfig)', () => {
    const c = one(
      `{ ${URL}, http_config: { follow_redirects: false } }`,
      'http_config: { proxy_url: "http://proxy.example.com:3128", enable_http2: false }',
    );
    expect(c.http_config).toMatchObject({
      proxy_url: 'http://proxy.example.com:3128',
      follow_redirects: false,
      enable_http2: true,
    });
  });

  it('keeps its own proxy (TestMSTeamsV2LocalProxyTakesPrecedence)', () => {
    const c = one(
      `{ ${URL}, http_config: { proxy_url: "http://local-proxy.example.com:8080" } }`,
      'http_config: { proxy_url: "http://global-proxy.example.com:3128" }',
    );
    expect(c.http_config?.proxy_url).toBe('http://local-proxy.example.com:8080');
  });
});
