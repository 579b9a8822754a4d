#!/usr/bin/env node
// Records what Alertmanager's own template engine renders for each conformance case, by running
// `amtool template render` (Debian's amtool 0.25 at /usr/bin/amtool, or $AMTOOL), and writes
// conformance/fixture.json. Run from anywhere: node packages/templates/scripts/record-conformance.mjs

import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cases } from '../conformance/cases.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'conformance');
const amtool = process.env.AMTOOL ?? 'amtool';
const STOCK_GLOB = process.env.AM_DEFAULT_TMPL ?? '/usr/share/prometheus/alertmanager/default.tmpl';

const version = execFileSync(amtool, ['--version'], { encoding: 'utf8' }).split('\n')[0];

const recorded = cases.map((c) => {
  const args = ['template', 'render', '--template.text', c.text];
  if (c.data) args.push('--template.data', path.join(root, 'data', c.data));
  // amtool insists on a glob; one that matches nothing loads no files, as Alertmanager allows.
  const glob =
    c.files === 'user'
      ? path.join(root, 'templates', '*.tmpl')
      : c.files === 'stock'
        ? STOCK_GLOB
        : path.join(root, 'data', '*.tmpl');
  args.push('--template.glob', glob);
  if (c.type) args.push('--template.type', c.type);
  const run = spawnSync(amtool, args, { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  const entry = {
    name: c.name,
    text: c.text,
    data: c.data ?? null,
    files: c.files ?? null,
    type: c.type ?? 'text',
  };
  if (run.status === 0) return { ...entry, output: run.stdout };
  // amtool reports `amtool: error: <Go's error>` and a newline on stderr.
  return { ...entry, error: run.stderr.replace(/^amtool: error: /, '').replace(/\n+$/, '') };
});

const fixture = { recordedWith: version, command: 'amtool template render', cases: recorded };
writeFileSync(path.join(root, 'fixture.json'), `${JSON.stringify(fixture, null, 2)}\n`);
console.log(`${recorded.length} cases recorded with ${version}`);
