import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { type ReloadReport, readFleetStatus, reloadChannel } from '@tocsin/coordinator';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix, waitFor } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, serviceArgs, startTocsin, stopAll, writeConfig } from './stack.js';

const config = (receiver: string) => `route:\n  receiver: ${receiver}\nreceivers:\n  - name: ${receiver}\n`;
const INVALID = `route:\n  receiver: ghost\nreceivers:\n  - name: a\n`;

describe('fleet-wide reload across the three services as real processes on one Redis', () => {
  const prefix = uniquePrefix('fleet-e2e');
  const file = writeConfig(config('a'));
  const services = ['ingest', 'dispatcher', 'notifier'];
  const children: ChildProcess[] = [];
  let redis: Redis;

  const status = () => readFleetStatus(redis, prefix);
  const allReport = (check: (r: ReloadReport) => boolean) => async () => {
    const reports = await status();
    return reports.length === services.length && reports.every(check) && reports;
  };

  beforeAll(async () => {
    redis = connectTestRedis();
    const port = await freePort();
    children.push(
      startTocsin(serviceArgs('ingest', file, prefix, [`--web.listen-address=127.0.0.1:${port}`])),
      startTocsin(serviceArgs('dispatcher', file, prefix)),
      startTocsin(serviceArgs('notifier', file, prefix, ['--integration=webhook'])),
    );
    await waitFor(
      allReport((r) => r.ok),
      { timeoutMs: 20_000, what: 'the three services joined' },
    );
  });

  afterAll(async () => {
    await stopAll(children);
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it('moves all three to a new config within a second of one PUBLISH, keeps it through a broken one, and reloads one on SIGHUP', async () => {
    const [first] = await status();
    const hashA = first?.hash;
    expect(new Set((await status()).map((r) => r.service))).toEqual(new Set(services));

    writeFileSync(file, config('b'));
    await redis.publish(reloadChannel(prefix), '');
    const onB = await waitFor(
      allReport((r) => r.ok && r.hash !== hashA),
      {
        timeoutMs: 1000,
        what: 'all three on the new hash',
      },
    );
    const hashB = onB[0]?.hash;
    expect(new Set(onB.map((r) => r.hash))).toEqual(new Set([hashB]));

    writeFileSync(file, INVALID);
    await redis.publish(reloadChannel(prefix), '');
    const failed = await waitFor(
      allReport((r) => !r.ok),
      { what: 'all three reporting the failed reload' },
    );
    for (const report of failed) {
      expect(report.hash).toBe(hashB);
      expect(report.error).toContain('undefined receiver "ghost" used in route');
    }

    writeFileSync(file, config('c'));
    const target = children[1] as ChildProcess;
    target.kill('SIGHUP');
    const afterHup = await waitFor(
      async () => {
        const reports = await status();
        const reloaded = reports.find((r) => r.service === 'dispatcher');
        return reloaded?.ok && reloaded.hash !== hashB && reports;
      },
      { what: 'the SIGHUPed process on config c' },
    );
    const others = afterHup.filter((r) => r.service !== 'dispatcher');
    expect(others.map((r) => [r.ok, r.hash])).toEqual([
      [false, hashB],
      [false, hashB],
    ]);
  });
});
