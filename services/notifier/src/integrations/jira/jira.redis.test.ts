import path from 'node:path';
import type { StandInRequest, VendorStandIn } from '@tocsin/test-support';
import { describe, expect, it } from 'vitest';
import { deadLetterOf, freshNotification, itHandlesVendorErrors } from '../integration-expectations.js';
import {
  notification,
  type RecordedRequest,
  readRecording,
  recordedStepAlerts,
  useHarness,
} from '../integration-harness.js';
import { groupLabel, MAX_SUMMARY_RUNES } from './jira-request.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const EXPECTED = readRecording(FIXTURES, 'expected-requests.json');

const json = (status: number, body: unknown) => ({
  status,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});
/** A search result holding one issue in a status category (`new`, `indeterminate`, `done`). */
const found = (key: string, category: string) =>
  json(200, {
    issues: [
      {
        id: '1',
        key,
        fields: {
          status: { name: category === 'done' ? 'Done' : 'Open', statusCategory: { key: category } },
        },
      },
    ],
  });
const NO_ISSUES = json(200, { issues: [] });
const transitions = (list: { id: string; name: string }[]) =>
  json(200, { expand: 'transitions', transitions: list });

/** Jira's side of the fixture: no issue yet, then the open issue (updated), then again (updated and resolved). */
function scriptFixtureReplies(standIn: VendorStandIn): void {
  standIn.reply('/dc/rest/api/2/search', NO_ISSUES, found('OPS-1', 'new'), found('OPS-1', 'indeterminate'));
  standIn.reply('/cloud/rest/api/3/search/jql', NO_ISSUES, found('ZRICH-1', 'new'), found('ZRICH-1', 'new'));
  standIn.reply(
    '/dc/rest/api/2/issue/OPS-1/transitions',
    transitions([
      { id: '21', name: 'In Progress' },
      { id: '31', name: 'Done' },
    ]),
  );
  standIn.reply(
    '/cloud/rest/api/3/issue/ZRICH-1/transitions',
    transitions([
      { id: '41', name: 'Resolve' },
      { id: '51', name: 'Reopen' },
    ]),
  );
}

function describe_(r: StandInRequest): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const k of ['content-type', 'authorization', 'accept-language', 'user-agent']) {
    if (r.headers[k] !== undefined) headers[k] = String(r.headers[k]);
  }
  return { method: r.method, path: r.url, headers, body: r.body === '' ? '' : JSON.parse(r.body) };
}

const h = useHarness('jira', FIXTURES, {
  receivers: `
  - name: reopen
    jira_configs:
      - api_url: STAND_IN_URL/reopen/rest/api/2
        project: OPS
        issue_type: Bug
        summary: '{{ range .Alerts }}{{ .Annotations.description }}{{ end }}'
        reopen_transition: Reopen
        reopen_duration: 90m
        wont_fix_resolution: "Won't Fix"
  - name: adf
    jira_configs:
      - api_url: STAND_IN_URL/adf/rest/api/3/
        project: OPS
        issue_type: Bug
        description: 'not JSON {{ .Status }}'
  - name: errors
    jira_configs:
      - api_url: STAND_IN_URL/errors/rest/api/2
        project: OPS
        issue_type: Bug
`,
});

describe('jira notifier', () => {
  it('searches, creates, updates and resolves as derived from Alertmanager 0.34 for a firing, a partly resolved and a resolved group', async () => {
    scriptFixtureReplies(h.standIn);
    for (const step of EXPECTED.steps) {
      const before = h.standIn.requests.length;
      for (const index of [0, 1]) {
        const job = await h.run(
          notification('jira', 'team.ops', { index, alerts: recordedStepAlerts(step.name) }),
        );
        expect(job.returnvalue, `${step.name}[${index}]: ${job.failedReason}`).toBe('sent');
      }
      // In order: each config's requests depend on the replies to the ones before.
      const ours = h.standIn.requests.slice(before).map(describe_);
      expect(ours.map((r) => `${r.method} ${r.path}`)).toEqual(
        step.requests.map((r) => `${r.method} ${r.path}`),
      );
      for (const [i, want] of step.requests.entries()) {
        const got = ours[i];
        expect(JSON.stringify(got?.body)).toBe(JSON.stringify(want.body));
        for (const header of ['content-type', 'authorization', 'accept-language']) {
          expect(got?.headers[header], `${want.method} ${want.path} ${header}`).toBe(want.headers[header]);
        }
        expect(got?.headers['user-agent']).toMatch(/^Alertmanager\//);
      }
    }
  });

  it("reopens a recently resolved issue when the group fires again, never one resolved as won't fix", async () => {
    h.standIn.reply('/reopen/rest/api/2/search', found('OPS-7', 'done'));
    h.standIn.reply(
      '/reopen/rest/api/2/issue/OPS-7/transitions',
      transitions([{ id: '51', name: 'Reopen' }]),
    );
    const [alert] = recordedStepAlerts('firing');
    if (!alert) throw new Error('no alert');
    alert.annotations = { description: 'é'.repeat(400) };
    const n = freshNotification('jira', 'reopen', { alerts: [alert] });
    const job = await h.run(n);
    expect(job.returnvalue, job.failedReason).toBe('sent');
    const sent = h.standIn.requests.filter((r) => r.path.startsWith('/reopen/')).map(describe_);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /reopen/rest/api/2/search',
      'PUT /reopen/rest/api/2/issue/OPS-7',
      'GET /reopen/rest/api/2/issue/OPS-7/transitions',
      'POST /reopen/rest/api/2/issue/OPS-7/transitions',
    ]);
    const [search, update, , transition] = sent;
    expect((search?.body as { jql: string } | undefined)?.jql).toBe(
      `(resolution is EMPTY or resolution != "Won't Fix") and (resolutiondate is EMPTY OR resolutiondate >= -90m) and project="OPS" and labels="${groupLabel(n.groupKey)}" order by status ASC,resolutiondate DESC`,
    );
    const summary = (update?.body as { fields: { summary: string } } | undefined)?.fields.summary ?? '';
    expect([...summary]).toHaveLength(MAX_SUMMARY_RUNES);
    expect(summary.endsWith('…')).toBe(true);
    expect(transition?.body).toEqual({ transition: { id: '51' } });
  });

  it('opens no issue for a resolved group whose issue is gone', async () => {
    // The group fired before (an issue was created), then its issue was deleted in Jira.
    const firing = freshNotification('jira', 'errors');
    expect((await h.run(firing)).returnvalue).toBe('sent');
    const before = h.standIn.requests.length;
    const job = await h.run(
      notification('jira', 'errors', {
        groupKey: firing.groupKey,
        alerts: recordedStepAlerts('resolved'),
        firing: [],
        resolved: recordedStepAlerts('resolved').map((a) => a.fingerprint),
        flushedAt: Date.now(),
      }),
    );
    expect(job.returnvalue, job.failedReason).toBe('sent');
    expect(h.standIn.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /errors/rest/api/2/search',
    ]);
  });

  it('fails at once when an API v3 description is not JSON, and when the transition does not exist', async () => {
    const n = freshNotification('jira', 'adf');
    const job = await h.run(n);
    expect(job.failedReason).toContain('description template: invalid JSON for API v3');
    expect((await deadLetterOf(h, n)).attempts).toBe(1);

    h.standIn.reply('/dc/rest/api/2/search', found('OPS-9', 'new'), found('OPS-9', 'new'));
    h.standIn.reply('/dc/rest/api/2/issue/OPS-9/transitions', transitions([{ id: '1', name: 'Close' }]));
    const firing = freshNotification('jira', 'team.ops');
    expect((await h.run(firing)).returnvalue).toBe('sent');
    const resolved = await h.run(
      notification('jira', 'team.ops', {
        groupKey: firing.groupKey,
        alerts: recordedStepAlerts('resolved'),
        firing: [],
        resolved: recordedStepAlerts('resolved').map((a) => a.fingerprint),
        flushedAt: Date.now(),
      }),
    );
    expect(resolved.failedReason).toContain("can't find transition Done for issue OPS-9");
  });

  it('says which request Jira refused', async () => {
    h.standIn.reply('/errors/rest/api/2/issue', {
      status: 400,
      headers: { 'Content-Type': 'application/json' },
      body: '{"errorMessages":[],"errors":{"priority":"Field \'priority\' cannot be set."}}',
    });
    const job = await h.run(freshNotification('jira', 'errors'));
    expect(job.failedReason).toContain(
      `failed to POST request to "issue": unexpected status code 400: {"errorMessages":[],"errors":{"priority":"Field 'priority' cannot be set."}}`,
    );
  });

  itHandlesVendorErrors(() => h, {
    integration: 'jira',
    receiver: 'errors',
    path: '/errors/rest/api/2/search',
  });
});
