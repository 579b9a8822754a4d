#!/usr/bin/env node
// Records what Alertmanager's own template engine renders for each conformance case, by running
// `amtool template render` (Debian's amtool 0.25 at /usr/bin/amtool, or $AMTOOL), and writes
// conformance/fixture.json. Run from anywhere: node packages/templates/scripts/record-conformance.mjs

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cases } from '../conformance/cases.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'conformance');
const amtool = process.env.AMTOOL ?? 'amtool';
// Alertmanager's stock templates: 0.34's default.tmpl (see conformance/README.md for how to get
// it; Debian's 0.25 copy lacks the newer names) and the email subject from Debian's email.tmpl.
const STOCK_DEFAULT = process.env.AM_DEFAULT_TMPL ?? '/tmp/am-0.34-default.tmpl';
const STOCK_EMAIL = process.env.AM_EMAIL_TMPL ?? '/usr/share/prometheus/alertmanager/email.tmpl';

const version = execFileSync(amtool, ['--version'], { encoding: 'utf8' }).split('\n')[0];
if (!existsSync(STOCK_DEFAULT))
  throw new Error(`${STOCK_DEFAULT} is missing; set AM_DEFAULT_TMPL (see conformance/README.md)`);

const recorded = cases.map((c) => {
  const args = ['template', 'render', '--template.text', c.text];
  if (c.data) args.push('--template.data', path.join(root, 'data', c.data));
  // amtool insists on a glob; one that matches nothing loads no files, as Alertmanager allows.
  const globs =
    c.files === 'user'
      ? [path.join(root, 'templates', '*.tmpl')]
      : c.files === 'stock'
        ? [STOCK_DEFAULT, STOCK_EMAIL]
        : [path.join(root, 'data', '*.tmpl')];
  for (const glob of globs) args.push('--template.glob', glob);
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

const fixture = {
  recordedWith: version,
  command: 'amtool template render',
  stockTemplates: 'Alertmanager v0.34.0 template/default.tmpl, Debian 0.25 email.tmpl',
  cases: recorded,
};
writeFileSync(path.join(root, 'fixture.json'), `${JSON.stringify(fixture, null, 2)}\n`);
console.log(`${recorded.length} cases recorded with ${version}`);
