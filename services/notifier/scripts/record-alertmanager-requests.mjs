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
// Alertmanager runs as alertmanager-process.mjs starts it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { VendorStandIn } from '@tocsin/test-support';
import {
  alertmanagerVersion,
  DEFAULT_ALERTMANAGER,
  sleep,
  startAlertmanager,
} from './alertmanager-process.mjs';

const [fixturesDir, binary = DEFAULT_ALERTMANAGER] = process.argv.slice(2);
if (!fixturesDir) {
  console.error('usage: record-alertmanager-requests.mjs FIXTURES_DIR [ALERTMANAGER]');
  process.exit(2);
}
const version = alertmanagerVersion(binary);
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
const config = readFileSync(path.join(fixturesDir, 'alertmanager.yml'), 'utf8').replaceAll(
  'STAND_IN_URL',
  standIn.url,
);
let am;
try {
  am = await startAlertmanager(binary, config);
} catch (err) {
  await standIn.close();
  throw err;
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
  const steps = [];
  for (const step of STEPS) {
    const before = standIn.requests.length;
    await am.postAlerts(step.alerts, `${step.name}: POST alerts`);
    await am.until(`the first request of step ${step.name}`, () => standIn.requests.length > before);
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
  await am.stop();
  await standIn.close();
}
