import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config } from '@tocsin/config';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { md5AsMetricValue } from './config-metrics.js';
import { Coordinator } from './coordinator.js';

const VALID_A = `route:\n  receiver: a\nreceivers:\n  - name: a\n`;
const VALID_B = `route:\n  receiver: b\n  group_wait: 1s\nreceivers:\n  - name: b\n`;
const INVALID = `route:\n  receiver: nobody\nreceivers:\n  - name: a\n`;

function configFile(text: string): { file: string; write: (t: string) => void } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tocsin-coord-')), 'alertmanager.yml');
  const write = (t: string) => writeFileSync(file, t);
  write(text);
  return { file, write };
}

async function gauge(registry: Registry, name: string): Promise<number | undefined> {
  const metric = await registry.getSingleMetric(name)?.get();
  return metric?.values[0]?.value;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

describe('Coordinator', () => {
  it('loads the file and calls every subscriber in order with the new config', async () => {
    const { file } = configFile(VALID_A);
    const coordinator = new Coordinator(file);
    const calls: string[] = [];
    coordinator.subscribe((c) => void calls.push(`first:${c.route.receiver}`));
    coordinator.subscribe(async (c) => void calls.push(`second:${c.route.receiver}`));

    const result = await coordinator.reload();

    expect(result).toEqual({ ok: true, hash: md5(VALID_A) });
    expect(calls).toEqual(['first:a', 'second:a']);
    expect(coordinator.config?.route.receiver).toBe('a');
    expect(coordinator.text).toBe(VALID_A);
  });

  it('keeps the old config and tells no subscriber when the new file is invalid', async () => {
    const { file, write } = configFile(VALID_A);
    const registry = new Registry();
    const coordinator = new Coordinator(file, { meter: registry, now: () => 1_700_000_000_000 });
    const seen: string[] = [];
    coordinator.subscribe((c) => void seen.push(c.route.receiver ?? ''));
    await coordinator.reload();
    expect(await gauge(registry, 'alertmanager_config_last_reload_successful')).toBe(1);
    expect(await gauge(registry, 'alertmanager_config_last_reload_success_timestamp_seconds')).toBe(
      1_700_000_000,
    );
    expect(await gauge(registry, 'alertmanager_config_hash')).toBe(md5AsMetricValue(VALID_A));

    write(INVALID);
    const result = await coordinator.reload();

    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ hash: md5(VALID_A) });
    expect(!result.ok && result.error).toContain('undefined receiver "nobody" used in route');
    expect(seen).toEqual(['a']);
    expect(coordinator.config?.route.receiver).toBe('a');
    expect(coordinator.hash).toBe(md5(VALID_A));
    expect(await gauge(registry, 'alertmanager_config_last_reload_successful')).toBe(0);
    expect(await gauge(registry, 'alertmanager_config_hash')).toBe(md5AsMetricValue(VALID_A));
  });

  it('fails the first load of a missing file without calling subscribers', async () => {
    const coordinator = new Coordinator('/nonexistent/alertmanager.yml');
    let called = false;
    coordinator.subscribe(() => {
      called = true;
    });
    const result = await coordinator.reload();
    expect(result.ok).toBe(false);
    expect(result.hash).toBeUndefined();
    expect(called).toBe(false);
    expect(coordinator.config).toBeUndefined();
  });

  it('gives the old config back to earlier subscribers when a later one rejects the new one', async () => {
    const { file, write } = configFile(VALID_A);
    const coordinator = new Coordinator(file);
    const applied: string[] = [];
    coordinator.subscribe((c) => void applied.push(c.route.receiver ?? ''));
    coordinator.subscribe((c: Config) => {
      if (c.route.receiver === 'b') throw new Error('receiver b cannot be built');
    });
    await coordinator.reload();

    write(VALID_B);
    const result = await coordinator.reload();

    expect(result).toMatchObject({ ok: false, error: 'receiver b cannot be built' });
    expect(applied).toEqual(['a', 'b', 'a']);
    expect(coordinator.config?.route.receiver).toBe('a');
  });

  it('fails the reload when a template file named by `templates:` does not parse', async () => {
    const { file, write } = configFile(VALID_A);
    writeFileSync(path.join(path.dirname(file), 'bad.tmpl'), '{{ define "x" }}\n{{ .Foo ');
    const coordinator = new Coordinator(file);
    await coordinator.reload();
    write(`templates: ['*.tmpl']\n${VALID_B}`);
    const result = await coordinator.reload();
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^template: bad\.tmpl:2: /) });
    expect(coordinator.config?.route.receiver).toBe('a');
  });

  it('runs an extra validation step before any subscriber sees the config', async () => {
    const { file } = configFile(VALID_A);
    let called = false;
    const coordinator = new Coordinator(file, {
      validate: () => {
        throw new Error('template: bad.tmpl:1: unexpected EOF');
      },
    });
    coordinator.subscribe(() => {
      called = true;
    });
    const result = await coordinator.reload();
    expect(result).toMatchObject({ ok: false, error: 'template: bad.tmpl:1: unexpected EOF' });
    expect(called).toBe(false);
  });

  it('never runs two reloads at once', async () => {
    const { file } = configFile(VALID_A);
    const coordinator = new Coordinator(file);
    let running = 0;
    let maxRunning = 0;
    coordinator.subscribe(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
    });
    const results = await Promise.all([coordinator.reload(), coordinator.reload(), coordinator.reload()]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(maxRunning).toBe(1);
  });

  it('stops calling a subscriber after it unsubscribes', async () => {
    const { file } = configFile(VALID_A);
    const coordinator = new Coordinator(file);
    let calls = 0;
    const unsubscribe = coordinator.subscribe(() => {
      calls++;
    });
    await coordinator.reload();
    unsubscribe();
    await coordinator.reload();
    expect(calls).toBe(1);
  });
});
