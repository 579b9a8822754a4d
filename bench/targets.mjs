// The two systems under test, started as child processes with the same alertmanager.yml:
// Debian's Alertmanager 0.25 (one process, its own storage dir, no cluster) and Tocsin (one
// ingest, one dispatcher and N webhook notifiers, on their own Redis prefix, deleted on stop).
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { request, sleep } from './load-generator.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const children = new Set();
/** Kills what is still running (on exit or Ctrl-C). */
export function killChildren() {
  for (const c of children) c.kill('SIGKILL');
}

/**
 * Spawns `cmd args` logging to `logFile` (in `cwd`, by default the log's dir); resolves once
 * GET /-/ready answers 200 on `port`, polled every `pollMs` for at most `readyTimeoutMs`.
 */
export async function startProcess(
  name,
  cmd,
  args,
  port,
  logFile,
  { cwd = path.dirname(logFile), readyTimeoutMs = 60_000, pollMs = 100 } = {},
) {
  const fd = openSync(logFile, 'w');
  const child = spawn(cmd, args, { stdio: ['ignore', fd, fd], cwd });
  closeSync(fd);
  children.add(child);
  child.once('exit', () => children.delete(child));
  const proc = { name, child, port, logFile };
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `${name} exited at start (${child.exitCode ?? child.signalCode}):\n${readFileSync(logFile, 'utf8')}`,
      );
    const r = await request(proc, 'GET', '/-/ready').catch(() => undefined);
    if (r?.status === 200) return proc;
    if (Date.now() > deadline)
      throw new Error(
        `${name} not ready after ${readyTimeoutMs / 1000} s:\n${readFileSync(logFile, 'utf8')}`,
      );
    await sleep(pollMs);
  }
}

/** SIGTERM, then SIGKILL after 15 s; resolves once the process exited. */
export async function stopProcess(proc) {
  const { child } = proc;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Resident set size of a process in bytes, from /proc. */
export function rssBytes(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Alertmanager on a free port with its own storage dir under `dir`. */
export async function startAlertmanager({ bin, configFile, dir }) {
  mkdirSync(path.join(dir, 'am-data'), { recursive: true });
  const port = await freePort();
  const proc = await startProcess(
    'alertmanager',
    bin,
    [
      `--config.file=${configFile}`,
      `--storage.path=${path.join(dir, 'am-data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    port,
    path.join(dir, 'alertmanager.log'),
  );
  return {
    kind: 'alertmanager',
    ingest: proc,
    processes: [proc],
    stop: () => stopProcess(proc),
  };
}

/**
 * Tocsin: ingest, dispatcher and `notifiers` webhook notifiers on `prefix`, each `node <bin>`
 * (the bin `npx tocsin` runs, started directly so that the pid measured is the service's).
 * `stop()` stops them and deletes every key under `<prefix>:*`.
 */
export async function startTocsin({ bin, configFile, dir, redis, redisUrl, prefix, notifiers = 1 }) {
  mkdirSync(dir, { recursive: true });
  const existing = await scanKeys(redis, `${prefix}:*`);
  if (existing.length > 0) throw new Error(`Redis already has ${existing.length} keys under ${prefix}:*`);
  const common = [
    '--config.file',
    configFile,
    '--redis.url',
    redisUrl,
    '--redis.prefix',
    prefix,
    '--log.level',
    'warn',
  ];
  const start = async (name, args) => {
    const port = await freePort();
    return startProcess(
      name,
      process.execPath,
      [bin, ...args, ...common, '--web.listen-address', `127.0.0.1:${port}`],
      port,
      path.join(dir, `${name}.log`),
    );
  };
  const started = [];
  const stop = async () => {
    await Promise.all(started.map(stopProcess));
    await deletePrefix(redis, prefix);
  };
  try {
    const ingest = await start('ingest', ['ingest']);
    started.push(ingest);
    started.push(await start('dispatcher', ['dispatcher']));
    const ns = await Promise.allSettled(
      Array.from({ length: notifiers }, (_, i) =>
        start(`notifier-${i + 1}`, [
          'notifier',
          '--integration=webhook',
          '--web.external-url',
          `http://127.0.0.1:${ingest.port}`,
        ]),
      ),
    );
    for (const r of ns) if (r.status === 'fulfilled') started.push(r.value);
    for (const r of ns) if (r.status === 'rejected') throw r.reason;
    return { kind: 'tocsin', prefix, ingest, processes: started, stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

export async function scanKeys(redis, pattern) {
  const all = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.call('SCAN', cursor, 'MATCH', pattern, 'COUNT', '1000');
    cursor = next;
    all.push(...keys);
  } while (cursor !== '0');
  return all;
}

/** Every key under `<prefix>:*`, deleted with SCAN MATCH + UNLINK (never FLUSHALL: Redis is shared). */
export async function deletePrefix(redis, prefix) {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.call('SCAN', cursor, 'MATCH', `${prefix}:*`, 'COUNT', '1000');
    cursor = next;
    if (keys.length > 0) deleted += await redis.call('UNLINK', ...keys);
  } while (cursor !== '0');
  return deleted;
}

/** A BullMQ Queue on Tocsin's webhook notify queue under `prefix`, on the Redis at `redisUrl`. */
export async function notifyWebhookQueue(redisUrl, prefix) {
  const { Queue } = await import('bullmq');
  const u = new URL(redisUrl);
  return new Queue('notify.webhook', {
    prefix,
    connection: {
      host: u.hostname || '127.0.0.1',
      port: Number(u.port || 6379),
      username: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
      db: Number(u.pathname.replace('/', '') || 0),
    },
  });
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** user+system CPU seconds of a process, from /proc. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return Number.NaN;
  }
}

/** The measured commit, and whether packages/ or services/ had uncommitted changes. */
export function gitDescribe(repoRoot) {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages', 'services'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim();
    return `commit ${head}${dirty ? ' (+ uncommitted changes in packages/ or services/)' : ''}`;
  } catch {
    return 'commit unknown';
  }
}
