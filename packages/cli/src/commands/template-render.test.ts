import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/tocsin.js');

function tocsin(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-template-'));
const write = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

const DATA = {
  receiver: 'team-a',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'HighCPU', instance: 'web-1' },
      annotations: { summary: 'CPU <high>' },
      startsAt: '2024-05-01T10:00:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prom/graph',
      fingerprint: 'a1',
    },
  ],
  groupLabels: { alertname: 'HighCPU' },
  commonLabels: { alertname: 'HighCPU', instance: 'web-1' },
  commonAnnotations: { summary: 'CPU <high>' },
  externalURL: 'http://am:9093',
};

describe('tocsin template render', () => {
  const data = write('data.json', JSON.stringify(DATA));
  const glob = path.join(dir, '*.tmpl');
  write('mine.tmpl', '{{ define "mine" }}{{ .Receiver }} has {{ len .Alerts }} alert(s){{ end }}');

  it('renders text with the user files and the default templates, no newline added', () => {
    const run = tocsin(
      'template',
      'render',
      `--template.glob=${glob}`,
      '--template.data',
      data,
      '--template.text',
      '{{ template "mine" . }} | {{ template "__subject" . }} | {{ (index .Alerts 0).StartsAt }}',
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      'team-a has 1 alert(s) | [FIRING:1] HighCPU (web-1) | 2024-05-01 10:00:00 +0000 UTC',
    );
  });

  it('escapes for HTML with --template.type html', () => {
    const run = tocsin(
      'template',
      'render',
      '--template.data',
      data,
      '--template.type',
      'html',
      '--template.text',
      '<p>{{ .CommonAnnotations.summary }}</p>',
    );
    expect(run.stdout).toBe('<p>CPU &lt;high&gt;</p>');
  });

  it("uses amtool's example data when none is given", () => {
    const run = tocsin(
      'template',
      'render',
      '--template.text',
      '{{ .Receiver }} {{ .Status }} {{ .GroupLabels.Values }} {{ len .Alerts }}',
    );
    expect(run.stdout).toBe('receiver alertstatus [grouplabelvalue1 grouplabelvalue2] 2');
  });

  it('reports an execution error with exit status 1', () => {
    const run = tocsin('template', 'render', '--template.data', data, '--template.text', '{{ .Nope }}');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'tocsin: error: template: :1:3: executing "" at <.Nope>: can\'t evaluate field Nope in type template.Data\n',
    );
  });

  it('reports a parse error in a template file', () => {
    const bad = write('bad.tmpl.broken', '{{ define "x" }}{{ if }}{{ end }}');
    const run = tocsin('template', 'render', '--template.glob', bad, '--template.text', 'x');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('tocsin: error: template: bad.tmpl.broken:1: missing value for if\n');
  });

  it('needs --template.text', () => {
    expect(tocsin('template', 'render').status).toBe(2);
  });
});
