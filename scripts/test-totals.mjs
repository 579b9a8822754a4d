#!/usr/bin/env node
// Sums the vitest JSON reports every workspace wrote during `npm test` and prints
// `N passed, M failed` (the last line of .ci/run). A test file that failed to load counts as a
// failure, and so does a workspace that wrote no report: a broken run never reads as green.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { workspaces } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

function workspaceDirs() {
  return workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [path.join(root, pattern)];
    const parent = path.join(root, pattern.slice(0, -2));
    return existsSync(parent) ? readdirSync(parent).map((name) => path.join(parent, name)) : [];
  });
}

let passed = 0;
let failed = 0;
for (const dir of workspaceDirs()) {
  const manifest = path.join(dir, 'package.json');
  if (!existsSync(manifest)) continue;
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  if (!pkg.scripts?.test) continue;
  const reportFile = path.join(dir, '.vitest-report.json');
  if (!existsSync(reportFile)) {
    console.log(`${pkg.name}: no test report, counted as 1 failure`);
    failed++;
    continue;
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  for (const file of report.testResults ?? []) {
    const anyTestFailed = (file.assertionResults ?? []).some((t) => t.status === 'failed');
    if (file.status === 'failed' && !anyTestFailed) failed++;
  }
}
console.log(`${passed} passed, ${failed} failed`);
