import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import type { JiraConfig } from './jira.js';
import { readReceiver } from './receiver.js';

/** All `jira_configs` entries of a receiver; `list` is the list's YAML at column 0. */
function list(items: string, global = '{}'): JiraConfig[] {
  const body = items.trim().replace(/^/gm, '  ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  jira_configs:\n${body}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.jira_configs ?? [];
}
const one = (item: string, global?: string) => list(`- ${item}`, global)[0] as JiraConfig;

describe('jira_configs', () => {
  const MIN = 'project: OPS\n  issue_type: Bug\n  api_url: "https://example.atlassian.net"';

  it('has upstream defaults', () => {
    const c = one(MIN);
    expect(c).toMatchObject({
      send_resolved: true,
      api_type: 'auto',
      summary: { template: '{{ template "jira.default.summary" . }}' },
      description: { template: '{{ template "jira.default.description" . }}' },
      priority: '{{ template "jira.default.priority" . }}',
    });
  });

  it.each([
    ['{ issue_type: Bug, api_url: "http://j" }', 'missing project in jira_config'],
    ['{ project: OPS, api_url: "http://j" }', 'missing issue_type in jira_config'],
    [
      '{ project: OPS, issue_type: Bug, api_type: server }',
      'unknown api_type on jira_config, must be auto, cloud or datacenter',
    ],
    ['{ project: OPS, issue_type: Bug, summary: { text: x } }', 'field text not found in type jira.plain'],
  ])('rejects %s', (item, message) => {
    expect(() => one(item, 'jira_api_url: "http://j"')).toThrow(message);
  });

  it('needs an API URL, inline or global', () => {
    expect(() => one('{ project: OPS, issue_type: Bug }')).toThrow('no global Jira Cloud URL set');
    expect(
      one('{ project: OPS, issue_type: Bug }', 'jira_api_url: "https://global.atlassian.net"').api_url,
    ).toBe('https://global.atlassian.net');
  });

  it('reads summary and description as a string or as {template, enable_update}', () => {
    const c = one(`${MIN}\n  summary: "S {{ .Status }}"\n  description: { enable_update: false }`);
    expect(c.summary).toEqual({ template: 'S {{ .Status }}' });
    expect(c.description).toEqual({
      template: '{{ template "jira.default.description" . }}',
      enable_update: false,
    });
  });

  it('reads the transitions, reopen_duration, labels and custom fields', () => {
    const c = one(
      `${MIN}\n  labels: [a, b]\n  reopen_transition: Reopen\n  resolve_transition: Done\n  wont_fix_resolution: "Won't Fix"\n  reopen_duration: 1d\n  fields: { customfield_10001: "{{ .GroupLabels.x }}", customfield_10002: { value: red } }`,
    );
    expect(c).toMatchObject({
      labels: ['a', 'b'],
      reopen_transition: 'Reopen',
      resolve_transition: 'Done',
      wont_fix_resolution: "Won't Fix",
    });
    expect(c.reopen_duration?.ms).toBe(86_400_000);
    expect(c.fields).toEqual({
      customfield_10001: '{{ .GroupLabels.x }}',
      customfield_10002: { value: 'red' },
    });
  });
});
