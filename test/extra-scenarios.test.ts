import { readdirSync } from 'node:fs';
import path from 'node:path';
import { uniquePrefix } from '@tocsin/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteScenarioKeys, runScenarios } from './conformance.js';
import { repoRoot } from './stack.js';

// The project's own scenarios (test/scenarios, recorded from Alertmanager 0.25 with the shared
// runner's --record), against the whole stack started by `npx tocsin start`.
describe('extra conformance scenarios (test/scenarios) against tocsin start', () => {
  const prefix = uniquePrefix('extra-scenarios');
  const scenariosDir = path.join(repoRoot, 'test/scenarios');
  const scenarios = readdirSync(scenariosDir, { withFileTypes: true }).filter((d) => d.isDirectory());
  afterAll(() => deleteScenarioKeys(prefix));

  it('passes every scenario', async () => {
    const { lines, stdout, status } = await runScenarios(prefix, scenariosDir);
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    const totals = /^(\d+) passed, 0 failed$/.exec(lines.at(-1) ?? '');
    expect(totals, stdout.slice(-2000)).not.toBeNull();
    expect(Number(totals?.[1])).toBe(scenarios.length);
    expect(status).toBe(0);
  });
});
