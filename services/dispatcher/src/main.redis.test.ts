import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '@tocsin/runtime';
import { connectTestRedis, deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '@tocsin/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { webhookConfig } from './dispatcher.fixture.js';
import { parseDispatcherFlags } from './flags.js';
import { ConfigLoadError, startDispatcher } from './main.js';

const prefix = uniquePrefix('disp-main');
const redis = connectTestRedis();
afterAll(async () => {
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
});

function flags(config: string, ...extra: string[]) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tocsin-dispatcher-')), 'alertmanager.yml');
  writeFileSync(file, config);
  return parseDispatcherFlags([
    `--config.file=${file}`,
    `--redis.url=${testRedisUrl()}`,
    `--redis.prefix=${prefix}`,
    ...extra,
  ]);
}

const silent = createLogger('dispatcher', 'silent');

describe('startDispatcher', () => {
  it('refuses to start on an invalid config', async () => {
    await expect(startDispatcher(flags('route: {}\n'), silent)).rejects.toBeInstanceOf(ConfigLoadError);
  });

  it('serves its metrics when given --web.listen-address', async () => {
    const running = await startDispatcher(flags(webhookConfig(), '--web.listen-address=127.0.0.1:0'), silent);
    try {
      const res = await fetch(`${running.metricsUrl}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain('alertmanager_dispatcher_aggregation_groups 0');
      expect(text).toContain('alertmanager_config_last_reload_successful 1');
    } finally {
      await running.close();
    }
  });
});
