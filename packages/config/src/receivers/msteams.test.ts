import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import type { MSTeamsConfig } from './msteams.js';
import { readReceiver } from './receiver.js';

/** All `msteams_configs` entries of a receiver; `list` is the list's YAML at column 0. */
function list(items: string, global = '{}'): MSTeamsConfig[] {
  const body = items.trim().replace(/^/gm, '  ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  msteams_configs:\n${body}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.msteams_configs ?? [];
}
const one = (item: string, global?: string) => list(`- ${item}`, global)[0] as MSTeamsConfig;

describe('msteams_configs', () => {
  it('needs exactly one of webhook_url and webhook_url_file', () => {
    expect(() => one('title: t')).toThrow('one of webhook_url or webhook_url_file must be configured');
    expect(() => one('{ webhook_url: "http://t", webhook_url_file: /f }')).toThrow(
      'at most one of webhook_url & webhook_url_file must be configured',
    );
  });

  it('has upstream defaults', () => {
    expect(one('webhook_url_file: /f')).toMatchObject({
      send_resolved: true,
      title: '{{ template "msteams.default.title" . }}',
      summary: '{{ template "msteams.default.summary" . }}',
      text: '{{ template "msteams.default.text" . }}',
    });
  });
});
