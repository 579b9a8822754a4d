// Tocsin's default templates. The texts amtool 0.25 carries are checked byte for byte against it
// in the conformance fixture ('stock' cases); these cover the newer ones and the HTML email.
import { describe, expect, it } from 'vitest';
import { Templates } from './templates.js';
import { FIRING_AND_RESOLVED } from './test-data.js';

const templates = Templates.fromFiles([]);
const render = (name: string, data = FIRING_AND_RESOLVED) =>
  templates.executeText(`{{ template "${name}" . }}`, data);

const MD_FIRING =
  '\nLabels:\n  - alertname = HighCPU\n  - instance = web-1:9100\n  - job = node\n  - severity = critical\n' +
  '\nAnnotations:\n  - description = CPU > 90%\n  - summary = CPU is high\n\nSource: http://prom/graph?g0.expr=up\n\n';
const MD_RESOLVED =
  '\nLabels:\n  - alertname = HighCPU\n  - instance = web-2:9100\n  - job = node\n  - severity = warning\n' +
  '\nAnnotations:\n  - summary = CPU is high\n\nSource: http://prom/graph?g0.expr=up2\n\n';

describe('default templates', () => {
  it("define every name Alertmanager's default.tmpl and email.tmpl define", () => {
    const names = templates.names();
    for (const name of [
      '__alertmanager',
      '__alertmanagerURL',
      '__subject',
      '__description',
      '__text_alert_list',
      '__text_alert_list_markdown',
      'email.default.subject',
      'email.default.html',
      ...[
        'title',
        'username',
        'fallback',
        'callbackid',
        'pretext',
        'titlelink',
        'iconemoji',
        'iconurl',
        'text',
        'footer',
        'color',
      ].map((f) => `slack.default.${f}`),
      ...['description', 'client', 'clientURL', 'instances'].map((f) => `pagerduty.default.${f}`),
      ...['message', 'description', 'source'].map((f) => `opsgenie.default.${f}`),
      ...['message', 'to_user', 'to_party', 'to_tag', 'agent_id'].map((f) => `wechat.default.${f}`),
      ...['state_message', 'entity_display_name', 'monitoring_tool'].map((f) => `victorops.default.${f}`),
      ...['title', 'message', 'url'].map((f) => `pushover.default.${f}`),
      'sns.default.subject',
      'sns.default.message',
      'telegram.default.message',
      ...['content', 'title', 'message'].map((f) => `discord.default.${f}`),
      'webex.default.message',
      ...['summary', 'title', 'text'].map((f) => `msteams.default.${f}`),
      'msteamsv2.default.title',
      'msteamsv2.default.text',
      ...['summary', 'description', 'priority'].map((f) => `jira.default.${f}`),
      ...['title', 'alias', 'titlelink', 'emoji', 'iconurl', 'text'].map((f) => `rocketchat.default.${f}`),
      ...['color', 'username', 'title', 'titlelink', 'fallback', 'text'].map(
        (f) => `mattermost.default.${f}`,
      ),
    ]) {
      expect(names, name).toContain(name);
    }
  });

  it('render the Markdown alert lists (msteams, msteamsv2, jira, mattermost)', () => {
    const expected = `\n\n# Alerts Firing:\n${MD_FIRING}\n\n\n# Alerts Resolved:\n${MD_RESOLVED}\n\n`;
    for (const name of [
      'msteams.default.text',
      'msteamsv2.default.text',
      'jira.default.description',
      'mattermost.default.text',
    ]) {
      expect(render(name), name).toBe(expected);
    }
    expect(
      templates.executeText(
        '{{ template "__text_alert_list_markdown" .Alerts.Firing }}',
        FIRING_AND_RESOLVED,
      ),
    ).toBe(MD_FIRING);
  });

  it('pick the Jira priority from the firing alerts, else the resolved ones', () => {
    expect(render('jira.default.priority')).toBe('High');
    const resolvedOnly = { ...FIRING_AND_RESOLVED, alerts: FIRING_AND_RESOLVED.alerts?.slice(1) };
    expect(render('jira.default.priority', resolvedOnly)).toBe('Medium');
    const noSeverity = {
      ...FIRING_AND_RESOLVED,
      alerts: FIRING_AND_RESOLVED.alerts?.map((a) => ({ ...a, labels: { alertname: 'X' } })),
    };
    expect(render('jira.default.priority', noSeverity)).toBe('');
  });

  it('colour Slack and Mattermost by status', () => {
    expect(render('slack.default.color')).toBe('danger');
    expect(render('mattermost.default.color', { ...FIRING_AND_RESOLVED, status: 'resolved' })).toBe('good');
  });

  it('give an HTML email naming every alert with its labels, annotations and links', () => {
    const data = {
      ...FIRING_AND_RESOLVED,
      alerts: FIRING_AND_RESOLVED.alerts?.map((a, i) =>
        i === 0 ? { ...a, annotations: { ...a.annotations, summary: 'CPU <high> & "hot"' } } : a,
      ),
    };
    const html = templates.executeHtml('{{ template "email.default.html" . }}', data);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<title>[FIRING:1] HighCPU (node)</title>');
    for (const value of ['web-1:9100', 'web-2:9100', 'critical', 'warning', 'CPU &gt; 90%'])
      expect(html).toContain(value);
    expect(html).toContain('CPU &lt;high&gt; &amp; &#34;hot&#34;');
    expect(html).toContain('<a href="http://prom/graph?g0.expr=up" style="color:#1565c0;">Source</a>');
    expect(html).toContain('<a href="http://prom/graph?g0.expr=up2" style="color:#1565c0;">Source</a>');
    expect(html).toContain('href="http://am.example:9093/#/alerts?receiver=team-a"');
    expect(html).toContain('1 firing, 1 resolved');
    expect(html).not.toContain('<no value>');
  });

  it('can be overridden by a user file, but not by an empty later definition', () => {
    const custom = Templates.fromFiles([
      { path: '/t/a.tmpl', text: '{{ define "__subject" }}custom {{ .Status }}{{ end }}' },
      { path: '/t/b.tmpl', text: '{{ define "slack.default.username" }}{{ end }}' },
    ]);
    expect(custom.executeText('{{ template "slack.default.title" . }}', FIRING_AND_RESOLVED)).toBe(
      'custom firing',
    );
    expect(custom.executeText('{{ template "slack.default.username" . }}', FIRING_AND_RESOLVED)).toBe(
      'Alertmanager',
    );
  });
});
