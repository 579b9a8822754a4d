#!/usr/bin/env node
// Records the HTTP requests a real Alertmanager sends to a local stand-in for a vendor's API, for
// one alert group going through three steps: `firing` (db-1 and db-2 firing), `partly-resolved`
// (db-1 resolved, db-2 firing) and `resolved` (db-2 resolved too). Run from the repository root
// after `npm run build -w @tocsin/test-support`:
//
//   node services/notifier/scripts/record-alertmanager-requests.mjs FIXTURES_DIR [ALERTMANAGER]
//
// FIXTURES_DIR holds
//   alertmanager.yml   the config; STAND_IN_URL in it becomes the stand-in's http://127.0.0.1:<port>
//   replies.json       optional: [{ "match": "^POST /x", "status": 200, "headers": {}, "body": "" }],
//                      the first whose regex matches "METHOD /path?query" answers; default 200, empty
// and gets alertmanager-0.25.json: the Alertmanager version and, per step, each request's method,
// path (with query), headers (without Host, Accept-Encoding, Connection) and body (parsed when
// JSON), sorted by path, method and body since Alertmanager sends to its integrations
// concurrently. A step ends once no request came for 3 s after the first one.
//
// The stand-in is also an HTTPS forward proxy that answers for every origin itself (see
// VendorStandIn in @tocsin/test-support): integrations whose URL Alertmanager hard-codes
// (Pushover, PagerDuty's Events API v1) reach it with
//   http_config: { proxy_url: STAND_IN_URL, tls_config: { insecure_skip_verify: true } }
// and such requests carry `tunnel` (the CONNECT target) and `host` besides.
//
// Alertmanager runs on a free port with `--cluster.listen-address=`, its own temporary
// `--storage.path` and `--web.external-url=http://alertmanager.example:9093`.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VendorStandIn } from '@tocsin/test-support';

const [fixturesDir, binary = '/usr/bin/prometheus-alertmanager'] = process.argv.slice(2);
if (!fixturesDir) {
  console.error('usage: record-alertmanager-requests.mjs FIXTURES_DIR [ALERTMANAGER]');
  process.exit(2);
}
const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).split('\n')[0];
const QUIET_MS = 3000;
// Headers that say how the bytes travelled, not what was sent.
const TRANSPORT_HEADERS = new Set(['accept-encoding', 'connection', 'host']);

const common = {
  generatorURL: 'http://prometheus.example:9090/graph?g0.expr=disk_free%3C0.03',
};
const labels = (instance) => ({
  alertname: 'DiskFull',
  cluster: 'zürich-1',
  severity: 'critical',
  instance,
});
const db1 = {
  labels: labels('db-1:9100'),
  annotations: {
    summary: 'Disk almost full',
    description: 'Only 3% left on /var (≥ 97% used) & <growing>',
    runbook_url: 'https://runbooks.example.org/disk-full?host=db-1',
  },
  startsAt: '2024-05-01T10:00:00Z',
  ...common,
};
const db2 = {
  labels: labels('db-2:9100'),
  annotations: {
    summary: 'Disk almost full',
    description: 'Only 2% left on /data',
    runbook_url: 'https://runbooks.example.org/disk-full?host=db-2',
  },
  startsAt: '2024-05-01T10:05:00Z',
  ...common,
};
const STEPS = [
  { name: 'firing', alerts: [db1, db2] },
  { name: 'partly-resolved', alerts: [{ ...db1, endsAt: '2024-05-01T10:30:00Z' }, db2] },
  { name: 'resolved', alerts: [{ ...db2, endsAt: '2024-05-01T10:35:00Z' }] },
];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const repliesFile = path.join(fixturesDir, 'replies.json');
const replies = (existsSync(repliesFile) ? JSON.parse(readFileSync(repliesFile, 'utf8')) : []).map((r) => ({
  ...r,
  re: new RegExp(r.match),
}));
const standIn = await VendorStandIn.start({
  defaultReply: (r) => {
    const found = replies.find((x) => x.re.test(`${r.method} ${r.url}`));
    return found ? { status: found.status, headers: found.headers, body: found.body } : { status: 200 };
  },
});
const amPort = await freePort();
const dir = mkdtempSync(path.join(tmpdir(), 'record-alertmanager-'));
const config = readFileSync(path.join(fixturesDir, 'alertmanager.yml'), 'utf8').replaceAll(
  'STAND_IN_URL',
  standIn.url,
);
writeFileSync(path.join(dir, 'alertmanager.yml'), config);
const am = spawn(
  binary,
  [
    `--config.file=${path.join(dir, 'alertmanager.yml')}`,
    `--storage.path=${path.join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${amPort}`,
    '--web.external-url=http://alertmanager.example:9093',
    '--cluster.listen-address=',
  ],
  { stdio: ['ignore', 'ignore', 'pipe'] },
);
let amLog = '';
am.stderr.on('data', (c) => {
  amLog += c;
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, check, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${amLog}`);
    await sleep(100);
  }
}

function describe(r) {
  const headers = Object.fromEntries(
    Object.entries(r.headers).filter(([name]) => !TRANSPORT_HEADERS.has(name)),
  );
  let body = r.body;
  if (String(r.headers['content-type'] ?? '').startsWith('application/json')) {
    try {
      body = JSON.parse(r.body);
    } catch {}
  }
  return {
    method: r.method,
    path: r.url,
    ...(r.tunnel ? { tunnel: r.tunnel, host: r.host } : {}),
    headers,
    body,
  };
}

const key = (r) => `${r.path}\u0000${r.method}\u0000${JSON.stringify(r.body)}`;

try {
  const api = `http://127.0.0.1:${amPort}`;
  await until('Alertmanager to be ready', async () => {
    try {
      return (await fetch(`${api}/-/ready`)).ok;
    } catch {
      return false;
    }
  });
  const steps = [];
  for (const step of STEPS) {
    const before = standIn.requests.length;
    const res = await fetch(`${api}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(step.alerts),
    });
    if (!res.ok) throw new Error(`${step.name}: POST alerts: ${res.status} ${await res.text()}`);
    await until(`the first request of step ${step.name}`, () => standIn.requests.length > before);
    let last = standIn.requests.length;
    let quietSince = Date.now();
    while (Date.now() - quietSince < QUIET_MS) {
      await sleep(100);
      if (standIn.requests.length !== last) {
        last = standIn.requests.length;
        quietSince = Date.now();
      }
    }
    const requests = standIn.requests
      .slice(before)
      .map(describe)
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    steps.push({ name: step.name, requests });
  }
  writeFileSync(
    path.join(fixturesDir, 'alertmanager-0.25.json'),
    `${JSON.stringify({ recordedWith: version, standIn: 'STAND_IN_URL', steps }, null, 2).replaceAll(standIn.url, 'STAND_IN_URL')}\n`,
  );
  console.log(`recorded ${steps.map((s) => `${s.requests.length} (${s.name})`).join(', ')} from ${version}`);
} finally {
  am.kill('SIGTERM');
  await new Promise((r) => am.once('exit', r));
  await standIn.close();
  rmSync(dir, { recursive: true, force: true });
}
