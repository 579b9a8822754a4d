import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/tocsin.js');

function tocsin(...args: string[]) {
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: run.status, out: run.stdout + run.stderr };
}

function file(name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-cli-'));
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

const VALID = `route:
  receiver: hook
inhibit_rules:
  - source_matchers: [a="1"]
    target_matchers: [b="2"]
receivers:
  - name: hook
    webhook_configs: [{url: 'http://127.0.0.1:9/'}]
  - name: blackhole
`;

describe('tocsin check-config', () => {
  it('prints SUCCESS and what a valid file holds, and exits 0', () => {
    const f = file('ok.yml', VALID);
    const { status, out } = tocsin('check-config', f);
    expect(status).toBe(0);
    expect(out).toContain(`Checking '${f}'`);
    expect(out).toContain('SUCCESS');
    expect(out).toContain(' - 1 inhibit rules');
    expect(out).toContain(' - 2 receivers');
  });

  it('prints FAILED with the reason and exits 1 when any file is invalid', () => {
    const good = file('ok.yml', VALID);
    const bad = file('bad.yml', 'route:\n  receiver: ghost\nreceivers:\n  - name: hook\n');
    const { status, out } = tocsin('check-config', good, bad);
    expect(status).toBe(1);
    expect(out).toContain('SUCCESS');
    expect(out).toContain('FAILED: route.receiver: undefined receiver "ghost" used in route');
  });

  it('fails a config whose template file does not parse, naming file and line', () => {
    const cfg = file('am.yml', `templates: ['*.tmpl']\n${VALID}`);
    writeFileSync(path.join(path.dirname(cfg), 'broken.tmpl'), '{{ define "x" }}\n{{ end');
    const { status, out } = tocsin('check-config', cfg);
    expect(status).toBe(1);
    expect(out).toMatch(/FAILED: template: broken\.tmpl:2: /);
  });

  it('honours --enable-feature=classic-mode for label names', () => {
    const f = file('utf8.yml', 'route:\n  receiver: r\n  group_by: [föö]\nreceivers:\n  - name: r\n');
    expect(tocsin('check-config', f).status).toBe(0);
    const classic = tocsin('check-config', '--enable-feature=classic-mode', f);
    expect(classic.status).toBe(1);
    expect(classic.out).toContain('group_by');
  });

  it('explains usage for no files and unknown commands', () => {
    expect(tocsin('check-config').status).toBe(2);
    const unknown = tocsin('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.out).toContain('unknown command "frobnicate"');
  });
});
