import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { readFleetStatus, reloadChannel } from '@tocsin/coordinator';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix, waitFor } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertPoster, notifiedIds, sleep, type TestAlert } from './alert-poster.js';
import { type ScriptedSink, startScriptedSink } from './scripted-sink.js';
import { startWebhookStack, stopAll, writeConfig } from './stack.js';

const BATCH = 10;

const config = (sinkUrl: string, path: string) => `route:
  receiver: sink
  group_by: [batch]
  group_wait: 1s
  group_interval: 5m
  repeat_interval: 4h
receivers:
  - name: sink
    webhook_configs:
      - url: ${sinkUrl}${path}
`;

/** Valid YAML that would send elsewhere, but its route names a receiver that does not exist. */
const invalid = (sinkUrl: string, path: string) => `route:
  receiver: ghost
  group_by: [batch]
  group_wait: 1s
receivers:
  - name: sink
    webhook_configs:
      - url: ${sinkUrl}${path}-changed
`;

describe('an invalid config published while alerts stream in', () => {
  const prefix = uniquePrefix('reload-load');
  const path = `/${prefix}`;
  const children: ChildProcess[] = [];
  let sink: ScriptedSink;
  let redis: Redis;
  let file: string;
  let base: string;

  beforeAll(async () => {
    redis = connectTestRedis();
    sink = await startScriptedSink();
    file = writeConfig(config(sink.url, path));
    base = await startWebhookStack(file, prefix, children);
    await waitFor(async () => (await readFleetStatus(redis, prefix)).length === 3, {
      timeoutMs: 30_000,
      what: 'three services joined',
    });
  });

  afterAll(async () => {
    await stopAll(children);
    await sink?.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it('changes nothing: every process keeps the old config and reports the error; delivery continues', async () => {
    const before = await readFleetStatus(redis, prefix);
    const hash = before[0]?.hash;
    expect(before.every((r) => r.ok && r.hash === hash)).toBe(true);

    const poster = new AlertPoster(base);
    let stop = false;
    let b = 0;
    const postedAfterReload = new Set<string>();
    let reloaded = false;
    const client = async () => {
      while (!stop) {
        const batch = b++;
        const alerts: TestAlert[] = Array.from({ length: BATCH }, (_, i) => ({
          labels: { alertname: 'ReloadUnderLoad', batch: `b${batch}`, id: `b${batch}-${i}` },
        }));
        const afterReload = reloaded;
        await poster.post(alerts);
        if (afterReload) for (const a of alerts) postedAfterReload.add(a.labels.id as string);
        await sleep(50);
      }
    };
    const clients = Promise.all([client(), client()]);

    await sleep(3000);
    writeFileSync(file, invalid(sink.url, path));
    await redis.publish(reloadChannel(prefix), '');
    reloaded = true;
    const failed = await waitFor(
      async () => {
        const reports = await readFleetStatus(redis, prefix);
        return reports.length === 3 && reports.every((r) => !r.ok) && reports;
      },
      { timeoutMs: 10_000, what: 'all three reporting the failed reload' },
    );
    for (const r of failed) {
      expect(r.hash).toBe(hash);
      expect(r.error).toContain('undefined receiver "ghost" used in route');
    }
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^alertmanager_config_last_reload_successful 0$/m);
    const status = (await (await fetch(`${base}/api/v2/status`)).json()) as { config: { original: string } };
    // The status API still shows the old config (webhook URLs are secrets there, as in Alertmanager).
    expect(status.config.original).toContain('receiver: sink');
    expect(status.config.original).not.toContain('ghost');

    await sleep(5000);
    stop = true;
    await clients;
    await waitFor(
      () => {
        const ids = notifiedIds(sink.delivered(path));
        return [...poster.accepted].every((id) => ids.has(id));
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'every accepted alert notified' },
    );
    console.log(
      `reload under load: ${poster.accepted.size} alerts accepted, ${postedAfterReload.size} after the failed reload, ` +
        `${sink.delivered(path).length} notifications; answers ${JSON.stringify(poster.statusCounts())}`,
    );
    expect(postedAfterReload.size).toBeGreaterThan(0);
    expect(Object.keys(poster.statusCounts())).toEqual(['200']);
    // Nothing went where the invalid config would have sent it.
    expect(sink.requests.filter((r) => r.path !== path)).toEqual([]);
    // The failed reload is still what every process reports.
    expect((await readFleetStatus(redis, prefix)).every((r) => !r.ok && r.hash === hash)).toBe(true);
  });
});
