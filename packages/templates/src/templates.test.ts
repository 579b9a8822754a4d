import { describe, expect, it } from 'vitest';
import { TemplateExecError } from './errors.js';
import { Templates } from './templates.js';

const data = {
  receiver: 'team-a',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'HighCPU', instance: 'web-1', job: 'node' },
      annotations: { summary: 'CPU is high' },
      startsAt: '2024-05-01T10:00:00.25Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prom/graph',
      fingerprint: 'a1',
    },
    {
      status: 'resolved',
      labels: { alertname: 'HighCPU', instance: 'web-2', job: 'node' },
      annotations: { summary: 'CPU is high' },
      startsAt: '2024-05-01T09:00:00Z',
      endsAt: '2024-05-01T10:30:00Z',
      generatorURL: 'http://prom/graph2',
      fingerprint: 'b2',
    },
  ],
  groupLabels: { alertname: 'HighCPU' },
  commonLabels: { alertname: 'HighCPU', job: 'node' },
  commonAnnotations: { summary: 'CPU is high' },
  externalURL: 'http://am:9093',
};

describe('Templates', () => {
  const templates = Templates.fromFiles([
    { path: '/etc/am/custom.tmpl', text: '{{ define "slack.default.title" }}custom {{ .Status }}{{ end }}' },
  ]);

  it('executes the data model and the default subject', () => {
    expect(templates.executeText('{{ template "__subject" . }}', data)).toBe('[FIRING:1] HighCPU (node)');
    expect(templates.executeText('{{ range .Alerts.Resolved }}{{ .EndsAt }}{{ end }}', data)).toBe(
      '2024-05-01 10:30:00 +0000 UTC',
    );
    expect(templates.executeText('{{ (index .Alerts 0).StartsAt }}', data)).toBe(
      '2024-05-01 10:00:00.25 +0000 UTC',
    );
  });

  it('lets later definitions win', () => {
    expect(templates.executeText('{{ template "slack.default.title" . }}', data)).toBe('custom firing');
  });

  it('returns empty for empty text and names the failing node', () => {
    expect(templates.executeText('', data)).toBe('');
    expect(() => templates.executeText('x {{ .Receiver.Foo }}', data)).toThrow(
      new TemplateExecError(
        'template: :1:14: executing "" at <.Receiver.Foo>: can\'t evaluate field Foo in type string',
        '',
        '.Receiver.Foo',
        "can't evaluate field Foo in type string",
      ),
    );
  });

  it('escapes values in HTML by context', () => {
    const html = templates.executeHtml(
      '<a href="{{ .ExternalURL }}/?r={{ .Receiver }}&x=<b>">{{ "<i>" }}</a>',
      {
        ...data,
        receiver: 'a b&c',
      },
    );
    expect(html).toBe('<a href="http://am:9093/?r=a%20b%26c&x=<b>">&lt;i&gt;</a>');
  });
});

describe('Templates.load', () => {
  it('loads the files the globs name, later files winning, and names the file of a parse error', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { TemplateParseError } = await import('./errors.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-load-'));
    writeFileSync(path.join(dir, 'a.tmpl'), '{{ define "x" }}a{{ end }}{{ define "y" }}y{{ end }}');
    writeFileSync(path.join(dir, 'b.tmpl'), '{{ define "x" }}b{{ end }}');
    const loaded = await Templates.load([path.join(dir, '*.tmpl')]);
    expect(
      loaded.executeText('{{ template "x" }}{{ template "y" }}{{ template "__alertmanager" }}', data),
    ).toBe('byAlertmanager');

    writeFileSync(path.join(dir, 'c.tmpl'), 'ok\n  {{ if }}');
    const err = await Templates.load([path.join(dir, '*.tmpl')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateParseError);
    expect((err as Error).message).toBe('template: c.tmpl:2: missing value for if');
    expect(err).toMatchObject({ file: path.join(dir, 'c.tmpl'), line: 2, column: 9 });
  });
});
