// A real Alertmanager for the recorders (record-alertmanager-requests.mjs and the email/Slack
// fixtures' record-alertmanager.mjs): started on a free port with `--cluster.listen-address=`, its
// own temporary `--storage.path` and `--web.external-url=http://alertmanager.example:9093`.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const DEFAULT_ALERTMANAGER = '/usr/bin/prometheus-alertmanager';

/** The first line of `binary --version`. */
export function alertmanagerVersion(binary) {
  return execFileSync(binary, ['--version'], { encoding: 'utf8' }).split('\n')[0];
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `binary` with `config` as its alertmanager.yml and waits until it is ready. `until`
 * polls a check every 100 ms (its timeout error carries Alertmanager's log), `postAlerts` posts
 * to /api/v2/alerts (`alerts` as JSON text or a value), `stop` ends the process and removes its dir.
 */
export async function startAlertmanager(binary, config) {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'record-alertmanager-'));
  writeFileSync(path.join(dir, 'alertmanager.yml'), config);
  const am = spawn(
    binary,
    [
      `--config.file=${path.join(dir, 'alertmanager.yml')}`,
      `--storage.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.external-url=http://alertmanager.example:9093',
      '--cluster.listen-address=',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  am.stderr.on('data', (c) => {
    log += c;
  });
  const api = `http://127.0.0.1:${port}`;
  async function until(what, check, timeoutMs = 30_000) {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${log}`);
      await sleep(100);
    }
  }
  async function stop() {
    am.kill('SIGTERM');
    await new Promise((r) => am.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
  try {
    await until('Alertmanager to be ready', async () => {
      try {
        return (await fetch(`${api}/-/ready`)).ok;
      } catch {
        return false;
      }
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    until,
    stop,
    async postAlerts(alerts, what = 'POST alerts') {
      const res = await fetch(`${api}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: typeof alerts === 'string' ? alerts : JSON.stringify(alerts),
      });
      if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
    },
  };
}
