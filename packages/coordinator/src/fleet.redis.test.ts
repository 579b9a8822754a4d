import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix, waitFor } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Coordinator } from './coordinator.js';
import { FleetMember, publishReload, readFleetStatus, reloadStatusKey } from './fleet.js';

const A = `route:\n  receiver: a\nreceivers:\n  - name: a\n`;
const B = `route:\n  receiver: b\nreceivers:\n  - name: b\n`;
const BROKEN = `route:\n  receiver: a\n  group_interval: 0s\nreceivers:\n  - name: a\n`;

describe('FleetMember (in process, real Redis)', () => {
  const prefix = uniquePrefix('fleet');
  let redis: Redis;
  const members: FleetMember[] = [];
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tocsin-fleet-')), 'alertmanager.yml');

  beforeAll(() => {
    redis = connectTestRedis();
    writeFileSync(file, A);
  });

  afterAll(async () => {
    for (const m of members) await m.leave();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  async function join(service: string): Promise<{ member: FleetMember; coordinator: Coordinator }> {
    const coordinator = new Coordinator(file);
    const member = await FleetMember.join(coordinator, redis, {
      prefix,
      service,
      instance: service,
      sighup: false,
    });
    members.push(member);
    return { member, coordinator };
  }

  it('loads on join, reloads on a broadcast, and keeps the old config when the new one is broken', async () => {
    const one = await join('one');
    const two = await join('two');
    expect(one.coordinator.config?.route.receiver).toBe('a');
    let status = await readFleetStatus(redis, prefix);
    expect(status.map((s) => [s.instance, s.ok])).toEqual([
      ['one', true],
      ['two', true],
    ]);
    const hashA = status[0]?.hash;

    writeFileSync(file, B);
    await publishReload(redis, prefix);
    status = await waitFor(
      async () => {
        const s = await readFleetStatus(redis, prefix);
        return s.every((r) => r.hash !== hashA) && s;
      },
      { what: 'both members on config B' },
    );
    expect(two.coordinator.config?.route.receiver).toBe('b');
    const hashB = status[0]?.hash;
    expect(status[1]?.hash).toBe(hashB);

    writeFileSync(file, BROKEN);
    await publishReload(redis, prefix);
    status = await waitFor(
      async () => {
        const s = await readFleetStatus(redis, prefix);
        return s.every((r) => !r.ok) && s;
      },
      { what: 'both members reporting the failed reload' },
    );
    for (const report of status) {
      expect(report.hash).toBe(hashB);
      expect(report.error).toContain('group_interval cannot be zero');
    }
    expect(one.coordinator.config?.route.receiver).toBe('b');
  });

  it('reloads once when its subscription comes back after a dropped connection', async () => {
    writeFileSync(file, A);
    const { coordinator } = await join('reconnecting');
    expect(coordinator.config?.route.receiver).toBe('a');

    // A broadcast sent while the subscriber is away is lost; the resubscribe must heal it.
    writeFileSync(file, B);
    const clients = (await redis.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
    const ids = clients
      .split('\n')
      .filter((line) => line.includes(`name=${prefix}:reload:reconnecting/reconnecting `))
      .map((line) => /\bid=(\d+)/.exec(line)?.[1])
      .filter((id): id is string => id !== undefined);
    expect(ids).toHaveLength(1);
    for (const id of ids) await redis.call('CLIENT', 'KILL', 'ID', id);

    await waitFor(() => coordinator.config?.route.receiver === 'b', { what: 'reload after resubscribe' });
    const raw = await redis.hget(reloadStatusKey(prefix), 'reconnecting/reconnecting');
    expect(JSON.parse(raw ?? '{}')).toMatchObject({ ok: true, service: 'reconnecting' });
  });

  it('removes itself from the status hash when it leaves', async () => {
    const { member } = await join('leaving');
    expect(await redis.hexists(reloadStatusKey(prefix), 'leaving/leaving')).toBe(1);
    await member.leave();
    members.splice(members.indexOf(member), 1);
    expect(await redis.hexists(reloadStatusKey(prefix), 'leaving/leaving')).toBe(0);
  });
});
