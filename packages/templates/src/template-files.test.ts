import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTemplateFiles } from './template-files.js';
import { checkTemplateFiles } from './templates.js';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-tmpl-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('template files from `templates:` globs', () => {
  it('reads the matches of each glob in sorted order and ignores other files', async () => {
    const dir = dirWith({ 'b.tmpl': 'B', 'a.tmpl': 'A', 'notes.txt': 'x', 'sub/c.tmpl': 'C' });
    const files = await readTemplateFiles([path.join(dir, '*.tmpl'), path.join(dir, 'sub', 'c.tmpl')]);
    expect(files.map((f) => [path.relative(dir, f.path), f.text])).toEqual([
      ['a.tmpl', 'A'],
      ['b.tmpl', 'B'],
      ['sub/c.tmpl', 'C'],
    ]);
  });

  it('accepts a glob that matches nothing, even in a missing directory', async () => {
    expect(await readTemplateFiles(['/nonexistent/dir/*.tmpl', '/nonexistent/one.tmpl'])).toEqual([]);
  });

  it('supports ? and character classes', async () => {
    const dir = dirWith({ 'a1.tmpl': '', 'a2.tmpl': '', 'ab.tmpl': '' });
    const files = await readTemplateFiles([path.join(dir, 'a[0-9].tmp?')]);
    expect(files.map((f) => path.basename(f.path))).toEqual(['a1.tmpl', 'a2.tmpl']);
  });

  it('fails on the first file with a syntax error, naming file, line and column', async () => {
    const dir = dirWith({ 'good.tmpl': '{{ define "x" }}ok{{ end }}', 'bad.tmpl': 'line one\n{{ .Foo ' });
    await expect(checkTemplateFiles([path.join(dir, '*.tmpl')])).rejects.toThrow(/^template: bad\.tmpl:2: /);
    const bad = dirWith({ 'bad.tmpl': '{{ define "x" }}\nhello {{ .Foo }\n{{ end }}' });
    await expect(checkTemplateFiles([path.join(bad, '*.tmpl')])).rejects.toThrow(
      `template: bad.tmpl:2: unexpected "}" in operand (${path.join(bad, 'bad.tmpl')}, line 2, column 15)`,
    );
  });

  it("rejects a function Alertmanager does not define, and accepts Alertmanager's own", async () => {
    const good = dirWith({ 'ok.tmpl': '{{ .CommonLabels.SortedPairs.Values | join " " | toUpper }}' });
    await expect(checkTemplateFiles([path.join(good, '*.tmpl')])).resolves.toHaveLength(1);
    const bad = dirWith({ 'x.tmpl': '{{ nosuchfunc . }}' });
    await expect(checkTemplateFiles([path.join(bad, '*.tmpl')])).rejects.toThrow(
      'function "nosuchfunc" not defined',
    );
  });
});
