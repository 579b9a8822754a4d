import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testRedisUrl, waitFor } from '@tocsin/test-support';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const BIN = path.join(repoRoot, 'packages/cli/bin/tocsin.js');

/** A free loopback port (bound once, then released). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function writeConfig(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tocsin-e2e-')), 'alertmanager.yml');
  writeFileSync(file, text);
  return file;
}

/** One `tocsin <service>` child process; stdout/stderr kept for failure messages. */
export function startTocsin(args: readonly string[]): ChildProcess & { output: string[] } {
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & {
    output: string[];
  };
  child.output = [];
  child.stdout?.on('data', (d: Buffer) => child.output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => child.output.push(d.toString()));
  return child;
}

export function serviceArgs(service: string, config: string, prefix: string, extra: string[] = []): string[] {
  return [
    service,
    `--config.file=${config}`,
    `--redis.url=${testRedisUrl()}`,
    `--redis.prefix=${prefix}`,
    '--log.level=warn',
    ...extra,
  ];
}

/**
 * Starts ingest (on a free port), a dispatcher and a webhook notifier on `prefix` with `config`,
 * adds them to `children` and resolves ingest's base URL once its /-/ready answers.
 */
export async function startWebhookStack(
  config: string,
  prefix: string,
  children: ChildProcess[],
  { readyTimeoutMs = 30_000 } = {},
): Promise<string> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  children.push(
    startTocsin(serviceArgs('ingest', config, prefix, [`--web.listen-address=127.0.0.1:${port}`])),
    startTocsin(serviceArgs('dispatcher', config, prefix)),
    startTocsin(serviceArgs('notifier', config, prefix, ['--integration=webhook'])),
  );
  await waitFor(async () => (await fetch(`${base}/-/ready`)).ok, {
    timeoutMs: readyTimeoutMs,
    what: 'ingest ready',
  });
  return base;
}

export async function stopAll(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 8000).unref();
        }),
    ),
  );
}

export interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** A webhook receiver recording every notification it gets. */
export async function startSink(respond: (r: Received) => number = () => 200): Promise<{
  url: string;
  received: Received[];
  close: () => Promise<void>;
}> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      };
      const status = respond(r);
      if (status < 300) received.push(r);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
