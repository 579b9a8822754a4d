#!/usr/bin/env node
// Records the HTTP requests a real Alertmanager sends to a vendor stand-in, step by step through
// a scenario (e.g. a group firing, then partly resolved, then resolved). Run from the repository
// root after `npm run build -w @tocsin/test-support`:
//
//   node services/notifier/scripts/record-alertmanager-requests.mjs SCENARIO.json OUT.json [ALERTMANAGER]
//
// SCENARIO.json (paths relative to it):
//   {
//     "config": "alertmanager.yml",      // STAND_IN in it becomes http://127.0.0.1:<port>
//     "reply": { "status": 202, "headers": {...}, "body": "..." },   // optional; default 200, empty
//     "steps": [ { "name": "firing", "alerts": [ ...API v2 alerts... ], "requests": 3 }, ... ]
//   }
// Each step posts its alerts, waits for `requests` more requests, then 2 s more to make sure no
// others follow, and fails if any did. The stand-in is also an HTTPS forward proxy that answers
// for every origin (see VendorStandIn), so hard-coded vendor URLs are reached through
// `http_config: {proxy_url: STAND_IN, tls_config: {insecure_skip_verify: true}}`.
//
// OUT.json: the Alertmanager version, and per step its requests (method, host, url, the headers
// that are not transport details, body as text and, for JSON, parsed), sorted by url, method and
// body, since Alertmanager sends to several integrations concurrently.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VendorStandIn } from '@tocsin/test-support';

const [scenarioFile, outFile, binary = '/usr/bin/prometheus-alertmanager'] = process.argv.slice(2);
if (!scenarioFile || !outFile) {
  console.error('usage: record-alertmanager-requests.mjs SCENARIO.json OUT.json [ALERTMANAGER]');
  process.exit(2);
}
const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8'));
const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).split('\n')[0];
// Headers that say how the bytes travelled, not what was sent.
const TRANSPORT_HEADERS = new Set(['content-length', 'accept-encoding', 'connection', 'host']);

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

const reply = scenario.reply ?? { status: 200, body: '' };
const standIn = await VendorStandIn.start({ defaultReply: () => reply });
const amPort = await freePort();
const dir = mkdtempSync(path.join(tmpdir(), 'record-alertmanager-'));
const config = readFileSync(path.resolve(path.dirname(scenarioFile), scenario.config), 'utf8').replaceAll(
  'STAND_IN',
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

async function until(what, check, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${amLog}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function describe(r) {
  const headers = Object.fromEntries(
    Object.entries(r.headers)
      .filter(([name]) => !TRANSPORT_HEADERS.has(name))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  let json;
  if (String(r.headers['content-type'] ?? '').startsWith('application/json')) {
    try {
      json = JSON.parse(r.body);
    } catch {}
  }
  return {
    method: r.method,
    host: r.host,
    ...(r.tunnel ? { tunnel: r.tunnel } : {}),
    url: r.url,
    headers,
    body: r.body,
    ...(json === undefined ? {} : { json }),
  };
}

const key = (r) => `${r.url}\u0000${r.method}\u0000${r.body}`;

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
  for (const step of scenario.steps) {
    const before = standIn.requests.length;
    const res = await fetch(`${api}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(step.alerts),
    });
    if (!res.ok) throw new Error(`${step.name}: POST alerts: ${res.status} ${await res.text()}`);
    await until(`${step.requests} requests in step ${step.name}`, () => {
      return standIn.requests.length - before >= step.requests;
    });
    await new Promise((r) => setTimeout(r, 2000));
    const got = standIn.requests.slice(before);
    if (got.length !== step.requests) {
      throw new Error(`${step.name}: expected ${step.requests} requests, got ${got.length}`);
    }
    steps.push({
      name: step.name,
      requests: got.map(describe).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)),
    });
  }
  writeFileSync(outFile, `${JSON.stringify({ recordedWith: version, steps }, null, 2)}\n`);
  console.log(`recorded ${steps.map((s) => `${s.requests.length} (${s.name})`).join(', ')} from ${version}`);
} finally {
  am.kill('SIGTERM');
  await new Promise((r) => am.once('exit', r));
  await standIn.close();
  rmSync(dir, { recursive: true, force: true });
}
