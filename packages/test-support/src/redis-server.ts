import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

/** A `redis-server` of one test's own, for tests that stop, kill or reconfigure Redis. */
export interface RedisServer {
  url: string;
  port: number;
  /** Its data directory (AOF and RDB files), kept across restarts. */
  dir: string;
  /** Stops the server with `signal` (SIGTERM: clean shutdown; SIGKILL: crash) and waits for it. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
  /** Starts it again on the same port and directory; resolves once it answers PING. */
  start: () => Promise<void>;
  /** Stops it and deletes its directory. */
  destroy: () => Promise<void>;
}

/**
 * Starts `redis-server` (which must be on PATH) on a free loopback port with its data in a new
 * temp dir; `args` are extra config directives, e.g. `['--appendonly', 'yes']`.
 */
export async function startRedisServer(args: readonly string[] = []): Promise<RedisServer> {
  const port = await freeLoopbackPort();
  const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-redis-'));
  let child: ChildProcess | undefined;
  const output: string[] = [];
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
    const deadline = Date.now() + 10_000;
    for (;;) {
      const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') return;
      } catch {
        // not listening yet
      } finally {
        probe.disconnect();
      }
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`redis-server on port ${port} did not start: ${output.join('').slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(signal);
    });
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    stop,
    start,
    destroy: async () => {
      await stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
