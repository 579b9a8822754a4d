// Every case of conformance/fixture.json (recorded from Alertmanager's amtool, see
// conformance/README.md) rendered by Tocsin's engine must give the same output or error.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type TemplateDataLike, toGoData } from './data-model.js';
import { Templates } from './templates.js';

interface FixtureCase {
  name: string;
  text: string;
  data: string | null;
  files: 'user' | 'stock' | null;
  type: 'text' | 'html';
  output?: string;
  error?: string;
}

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'conformance');
const fixture = JSON.parse(readFileSync(path.join(root, 'fixture.json'), 'utf8')) as { cases: FixtureCase[] };

const userFiles = readdirSync(path.join(root, 'templates'))
  .filter((f) => f.endsWith('.tmpl'))
  .sort()
  .map((f) => ({
    path: path.join(root, 'templates', f),
    text: readFileSync(path.join(root, 'templates', f), 'utf8'),
  }));

// 'stock' cases were recorded against Alertmanager's default.tmpl; Tocsin's defaults stand in.
const withUserFiles = Templates.fromFiles(userFiles);
const defaultsOnly = Templates.fromFiles([]);

function render(c: FixtureCase): { output: string } | { error: string } {
  const templates = c.files === 'user' ? withUserFiles : defaultsOnly;
  // amtool decodes the file into a template.Data value (notifiers pass a pointer instead).
  const data = toGoData(
    c.data ? (JSON.parse(readFileSync(path.join(root, 'data', c.data), 'utf8')) as TemplateDataLike) : {},
  );
  try {
    return {
      output: c.type === 'html' ? templates.executeHtml(c.text, data) : templates.executeText(c.text, data),
    };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

describe('template conformance with Alertmanager (amtool)', () => {
  it('has at least 60 recorded cases', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const expected = c.error !== undefined ? { error: c.error } : { output: c.output };
    expect(render(c)).toEqual(expected);
  });
});
