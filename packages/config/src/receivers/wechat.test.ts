import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import { readReceiver } from './receiver.js';
import type { WechatConfig } from './wechat.js';

/** All `wechat_configs` entries of a receiver; `list` is the list's YAML at column 0. */
function list(items: string, global = '{}'): WechatConfig[] {
  const body = items.trim().replace(/^/gm, '  ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  wechat_configs:\n${body}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.wechat_configs ?? [];
}
const one = (item: string, global?: string) => list(`- ${item}`, global)[0] as WechatConfig;

describe('wechat_configs', () => {
  const GLOBAL = 'wechat_api_secret: s\nwechat_api_corp_id: corp';

  it('defaults message_type to text and accepts markdown', () => {
    expect(one('message: m', GLOBAL).message_type).toBe('text');
    expect(one('message_type: markdown', GLOBAL).message_type).toBe('markdown');
  });

  it('is case-sensitive about message_type', () => {
    expect(() => one('message_type: TEXT', GLOBAL)).toThrow(
      'weChat message type "TEXT" does not match valid options ^(text|markdown)$',
    );
  });

  it('rejects both api_secret and its file (TestWechatBothAPIURLAndFile)', () => {
    expect(() => one('{ api_secret: s, api_secret_file: /f }', GLOBAL)).toThrow(
      'at most one of api_secret & api_secret_file must be configured',
    );
  });

  it('needs a secret, inline or global (TestWechatNoAPIURL)', () => {
    expect(() => one('message: m', 'wechat_api_corp_id: c')).toThrow(
      'no global Wechat Api Secret set either inline or in a file',
    );
    expect(one('api_secret: mine', 'wechat_api_corp_id: c').api_secret?.reveal()).toBe('mine');
  });

  it('takes the secret file from global (TestWechatGlobalAPISecretFile)', () => {
    const [first, second] = list(
      '- message: m\n- api_secret_file: /override_file',
      'wechat_api_secret_file: /global_file\nwechat_api_corp_id: c',
    );
    expect(first?.api_secret_file).toBe('/global_file');
    expect(second?.api_secret_file).toBe('/override_file');
  });

  it('needs a corp id and an API URL', () => {
    expect(() => one('api_secret: s')).toThrow('no global Wechat CorpID set');
    expect(() => one('message: m', `${GLOBAL}\nwechat_api_url: ~`)).toThrow('no global Wechat URL set');
  });

  it('has upstream defaults', () => {
    expect(one('corp_id: c', 'wechat_api_secret: s')).toMatchObject({
      send_resolved: false,
      api_url: 'https://qyapi.weixin.qq.com/cgi-bin/',
      corp_id: 'c',
      to_user: '{{ template "wechat.default.to_user" . }}',
      agent_id: '{{ template "wechat.default.agent_id" . }}',
    });
    expect(one('api_url: "http://wx.example.com/cgi"', GLOBAL).api_url).toBe('http://wx.example.com/cgi/');
  });
});
