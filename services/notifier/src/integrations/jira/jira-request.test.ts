import type { JiraConfig } from '@tocsin/config';
import { describe, expect, it } from 'vitest';
import { encodeIssue, groupLabel, isApiV3, joinUrl, searchJql, searchUrl } from './jira-request.js';

const config = (over: Partial<JiraConfig> = {}): JiraConfig =>
  ({
    api_type: 'auto',
    project: 'OPS',
    issue_type: 'Bug',
    summary: {},
    description: {},
    priority: '',
    send_resolved: true,
    ...over,
  }) as JiraConfig;

describe('jira requests', () => {
  it('labels the group with the SHA-256 of its key (the hash Alertmanager 0.25 sent as the SNS FIFO ids)', () => {
    expect(groupLabel('{}:{alertname="DiskFull"}')).toBe(
      'ALERT{17c4e445d234645c9e547ff6d32a864af0ebdadcd1902771c24c8d366637ff41}',
    );
  });

  it('searches open issues, or recently resolved ones when firing with a reopen transition', () => {
    const label = 'ALERT{x}';
    const tail = 'project="OPS" and labels="ALERT{x}" order by status ASC,resolutiondate DESC';
    expect(searchJql(config(), 'OPS', label, true)).toBe(`statusCategory != Done and ${tail}`);
    const reopen = config({
      reopen_transition: 'Reopen',
      reopen_duration: { ms: 2 * 3_600_000 + 59_999 } as never,
    });
    expect(searchJql(reopen, 'OPS', label, true)).toBe(
      `(resolutiondate is EMPTY OR resolutiondate >= -120m) and ${tail}`,
    );
    // Resolved groups only ever look at open issues.
    expect(searchJql(reopen, 'OPS', label, false)).toBe(`statusCategory != Done and ${tail}`);
    // No reopen_duration: nothing done is reopened.
    expect(searchJql(config({ reopen_transition: 'Reopen' }), 'OPS', label, true)).toBe(
      `statusCategory != Done and ${tail}`,
    );
    expect(searchJql(config({ wont_fix_resolution: 'Won\'t "Fix"' }), 'O"P', label, false)).toBe(
      '(resolution is EMPTY or resolution != "Won\'t \\"Fix\\"") and statusCategory != Done and project="O\\"P" and labels="ALERT{x}" order by status ASC,resolutiondate DESC',
    );
  });

  it.each([
    ['auto', 'https://jira.example/rest/api/2/', 'https://jira.example/rest/api/2/search'],
    ['auto', 'https://acme.atlassian.net/rest/api/2', 'https://acme.atlassian.net/rest/api/3/search/jql'],
    ['datacenter', 'https://acme.atlassian.net/rest/api/2', 'https://acme.atlassian.net/rest/api/2/search'],
    ['cloud', 'https://jira.example/rest/api/2/', 'https://jira.example/rest/api/3/search/jql'],
    ['cloud', 'https://jira.example/rest/api/3', 'https://jira.example/rest/api/3/search/jql'],
  ])('api_type %s with %s searches at %s', (apiType, apiUrl, want) => {
    expect(searchUrl(config({ api_type: apiType }), apiUrl)).toBe(want);
  });

  it('joins paths as Go URL.JoinPath does and tells API v3 by the path', () => {
    expect(joinUrl('https://j.example/rest/api/2/', 'issue/OPS-1/transitions')).toBe(
      'https://j.example/rest/api/2/issue/OPS-1/transitions',
    );
    expect(joinUrl('https://j.example/base', 'issue')).toBe('https://j.example/base/issue');
    expect(isApiV3('https://j.example/rest/api/3/')).toBe(true);
    expect(isApiV3('https://j.example/rest/api/2')).toBe(false);
  });

  it('writes the fields as a Go map: keys in byte order, custom fields winning, HTML escaped', () => {
    const body = encodeIssue({
      summary: 'a <b> & c',
      issuetype: { name: 'Bug' },
      labels: ['ALERT{x}', 'z'],
      project: { key: 'OPS' },
      custom: { summary: 'custom wins', Zeta: 1, customfield_1: { b: 1, a: [true, null] } },
    });
    expect(body).toBe(
      '{"fields":{"Zeta":1,"customfield_1":{"a":[true,null],"b":1},"issuetype":{"name":"Bug"},"labels":["ALERT{x}","z"],"project":{"key":"OPS"},"summary":"custom wins"}}\n',
    );
    expect(
      encodeIssue({ summary: '<&>', issuetype: {}, labels: [], project: { key: '' }, custom: {} }),
    ).toContain('"summary":"\\u003c\\u0026\\u003e"');
  });
});
