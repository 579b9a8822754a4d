import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceDir } from './conformance.js';
import { repoRoot } from './stack.js';

describe('config-validation conformance corpus', () => {
  // The bin script `npx tocsin` runs, called directly: npx's own start-up would be 60% of the run.
  it('gives Alertmanager 0.34 verdict on every file, through `tocsin check-config`', () => {
    const checker = path.join(conformanceDir(), 'configs/check.mjs');
    const tocsin = path.join(repoRoot, 'packages/cli/bin/tocsin.js');
    const run = spawnSync(process.execPath, [checker, '--cmd', `node ${tocsin} check-config {file}`], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 230_000,
    });
    const lines = run.stdout.trim().split('\n');
    const failures = lines.filter((l) => l.startsWith('FAIL '));
    expect(failures).toEqual([]);
    expect(lines.at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    expect(run.status).toBe(0);
  });
});
