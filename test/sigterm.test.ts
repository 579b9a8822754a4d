import type { ChildProcess } from 'node:child_process';
import { SHUTDOWN_BOUND_MS } from '@tocsin/runtime';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix, waitFor } from '@tocsin/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { notifiedIds } from './alert-poster.js';
import { type ScriptedSink, startScriptedSink } from './scripted-sink.js';
import { freePort, serviceArgs, startTocsin, stopAll, writeConfig } from './stack.js';

type Child = ChildProcess & { output: string[] };

/** Sends SIGTERM and resolves with the exit code and how long the process took to exit. */
function terminate(child: Child): Promise<{ code: number | null; signal: string | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal, ms: Date.now() - started }));
    child.kill('SIGTERM');
  });
}

describe('graceful SIGTERM', () => {
  const prefix = uniquePrefix('sigterm');
  const children: Child[] = [];
  let sink: ScriptedSink;

  afterAll(async () => {
    await stopAll(children);
    await sink?.close();
    const redis = connectTestRedis();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it('a notifier stopped mid-send exits 0 within the bound and the other notifier delivers the notification', async () => {
    let calls = 0;
    // The first send hangs far longer than the notifier's shutdown grace; later ones succeed.
    sink = await startScriptedSink(() =>
      ++calls === 1 ? { status: 200, delayMs: 120_000 } : { status: 200 },
    );
    const config = writeConfig(`route:
  receiver: sink
  group_by: [alertname]
  group_wait: 1s
  group_interval: 5m
receivers:
  - name: sink
    webhook_configs:
      - url: ${sink.url}/${prefix}
`);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const ingest = startTocsin(
      serviceArgs('ingest', config, prefix, [`--web.listen-address=127.0.0.1:${port}`]),
    );
    const dispatcher = startTocsin(serviceArgs('dispatcher', config, prefix));
    const first = startTocsin(
      serviceArgs('notifier', config, prefix, ['--integration=webhook', '--log.level=info']),
    );
    children.push(ingest, dispatcher, first);
    await waitFor(async () => (await fetch(`${base}/-/ready`)).ok, {
      timeoutMs: 30_000,
      what: 'ingest ready',
    });

    const res = await fetch(`${base}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels: { alertname: 'Sigterm', id: 'sigterm-1' } }]),
    });
    expect(res.status).toBe(200);
    await waitFor(() => calls === 1, { timeoutMs: 30_000, what: 'the first notifier sending' });

    const secondPort = await freePort();
    const second = startTocsin(
      serviceArgs('notifier', config, prefix, [
        '--integration=webhook',
        `--web.listen-address=127.0.0.1:${secondPort}`,
      ]),
    );
    children.push(second);
    await waitFor(async () => (await fetch(`http://127.0.0.1:${secondPort}/-/ready`)).ok, {
      timeoutMs: 30_000,
      what: 'second notifier ready',
    });

    const sigtermAt = Date.now();
    const exit = await terminate(first);
    console.log(`notifier SIGTERM mid-send: exit ${JSON.stringify(exit)} (bound ${SHUTDOWN_BOUND_MS} ms)`);
    expect(exit.code, first.output.join('')).toBe(0);
    expect(exit.ms).toBeLessThan(SHUTDOWN_BOUND_MS);
    // The send in hand was aborted and handed back: the other notifier delivers it.
    await waitFor(() => notifiedIds(sink.delivered(`/${prefix}`)).has('sigterm-1'), {
      timeoutMs: 30_000,
      what: 'the notification delivered by the second notifier',
    });
    const delivered = sink.delivered(`/${prefix}`);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.at).toBeGreaterThan(sigtermAt);
    expect(calls).toBe(2);
    expect(first.output.join('')).toContain('Shutting down');

    // The other services close cleanly too.
    for (const child of [ingest, dispatcher, second]) {
      const done = await terminate(child);
      expect(done.code, child.output.join('')).toBe(0);
      expect(done.ms).toBeLessThan(SHUTDOWN_BOUND_MS);
    }
  });
});
