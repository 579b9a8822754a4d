import { uniquePrefix } from '@tocsin/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteScenarioKeys, runScenarios } from './conformance.js';

// Every public scenario recorded from Alertmanager, against the whole stack started by
// `npx tocsin start` (ingest, dispatcher, webhook notifier as separate processes).
describe('notification and API conformance scenarios against tocsin start', () => {
  const prefix = uniquePrefix('scenarios');
  afterAll(() => deleteScenarioKeys(prefix));

  it('passes every scenario', async () => {
    const { lines, stdout, status } = await runScenarios(prefix);
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    const totals = /^(\d+) passed, 0 failed$/.exec(lines.at(-1) ?? '');
    expect(totals, stdout.slice(-2000)).not.toBeNull();
    // The public folder holds 15 scenarios; a larger private set only adds to this.
    expect(Number(totals?.[1])).toBeGreaterThanOrEqual(15);
    expect(status).toBe(0);
  });
});
