#!/usr/bin/env node
// Ingest benchmark: Tocsin's ingest service against Alertmanager 0.25, in the same run.
//
// Usage (from the repo root, after `npx turbo run build`, with Redis running):
//
//   node bench/ingest.mjs [--alerts 20000] [--batch-sizes 1,100] [--concurrency 16] [--runs 3]
//                         [--list-alerts 100000] [--list-batch 1000] [--list-requests 20]
//                         [--redis-url redis://127.0.0.1:6379] [--prefix bench-ingest-<pid>]
//                         [--alertmanager-bin /usr/bin/prometheus-alertmanager]
//                         [--tocsin-bin packages/cli/bin/tocsin.js] [--node-flags="--cpu-prof"]
//                         [--list-budget 120] [--inhibit-rule] [--warmup 2000]
//                         [--only tocsin|alertmanager] [--skip-list] [--json results.json]
//
// What it measures (progress goes to stderr, the markdown tables to stdout):
//  1. alerts/s accepted by ONE server for `--alerts` unique alerts per run, POSTed to
//     /api/v2/alerts in batches of each `--batch-sizes` with `--concurrency` requests in flight,
//     plus p50/p99 request latency; median of `--runs` runs. Every run starts a fresh server
//     (Tocsin on an emptied Redis prefix, Alertmanager on an empty storage dir) and warms it
//     up with `--warmup` other alerts first. Tocsin and Alertmanager runs alternate, so both
//     see the same machine noise; the ratios are the numbers to quote.
//  2. GET /api/v2/alerts latency (p50/p99 over `--list-requests` sequential requests, after
//     one warm-up request) with `--list-alerts` stored alerts, loaded in batches of `--list-batch`.
//     A server stops early once it has answered 3 requests and spent `--list-budget` seconds.
//  3. Redis memory per stored alert: INFO memory used_memory before/after loading the
//     `--list-alerts` alerts, divided by their number, and MEMORY USAGE of the store's keys.
//
// Both servers get the same alertmanager.yml: one receiver without integrations, group_wait
// 5m so that no aggregation group flushes during a measurement. `--inhibit-rule` adds
// `severity="critical"` inhibits `severity="warning"` with equal [alertname, cluster]; 10% of
// the alerts are critical. (Alertmanager 0.25 checks every target alert against every cached
// source alert, so with that rule its GET grows with alerts x critical alerts: minutes at 100k.)
//
// The servers are child processes started and stopped here. Tocsin runs with its own Redis
// prefix (default bench-ingest-<pid>); every key under `<prefix>:*` is deleted between
// runs and at the end with SCAN MATCH + UNLINK (never FLUSHALL: the Redis may be shared).
// No npm dependencies: node:http with a keep-alive Agent, and a tiny RESP client.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  closeConnections,
  makePrometheusAlerts as makeAlerts,
  postAlerts,
  request,
  toBodies,
} from './load-generator.mjs';
import { commandStats, parseInfo, RedisConn, redisCpuSeconds } from './redis-client.mjs';
import {
  cpuSeconds,
  deletePrefix,
  freePort,
  gitDescribe,
  killChildren,
  rssBytes,
  startProcess,
  stopProcess,
} from './targets.mjs';
import { printUsageAndExit } from './usage.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values: opt } = parseArgs({
  options: {
    alerts: { type: 'string', default: '20000' },
    'batch-sizes': { type: 'string', default: '1,100' },
    concurrency: { type: 'string', default: '16' },
    runs: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '2000' },
    'list-alerts': { type: 'string', default: '100000' },
    'list-batch': { type: 'string', default: '1000' },
    'list-requests': { type: 'string', default: '20' },
    'list-budget': { type: 'string', default: '120' },
    'inhibit-rule': { type: 'boolean', default: false },
    'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379' },
    prefix: { type: 'string', default: `bench-ingest-${process.pid}` },
    'alertmanager-bin': { type: 'string', default: '/usr/bin/prometheus-alertmanager' },
    'tocsin-bin': { type: 'string', default: path.join(repoRoot, 'packages/cli/bin/tocsin.js') },
    'node-flags': { type: 'string', default: '' },
    only: { type: 'string' },
    'skip-list': { type: 'boolean', default: false },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) printUsageAndExit(import.meta.url);

const N_ALERTS = int(opt.alerts);
const BATCH_SIZES = opt['batch-sizes'].split(',').map(int);
const CONCURRENCY = int(opt.concurrency);
const RUNS = int(opt.runs);
const WARMUP = int(opt.warmup);
const LIST_ALERTS = int(opt['list-alerts']);
const LIST_BATCH = int(opt['list-batch']);
const LIST_REQUESTS = int(opt['list-requests']);
const LIST_BUDGET_MS = int(opt['list-budget']) * 1000;
const PREFIX = opt.prefix;
if (!/^[A-Za-z0-9_.-]+$/.test(PREFIX)) die(`--prefix must be [A-Za-z0-9_.-]+, got ${PREFIX}`);
const TARGETS = ['tocsin', 'alertmanager'].filter((t) => !opt.only || opt.only === t);

function int(s) {
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0) die(`not a positive integer: ${s}`);
  return n;
}
function die(msg) {
  console.error(`bench/ingest: ${msg}`);
  process.exit(2);
}
const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

// ---------------------------------------------------------------- a tiny RESP client

async function prefixKeys(redis, prefix) {
  const all = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.call('SCAN', cursor, 'MATCH', `${prefix}:*`, 'COUNT', '1000');
    cursor = next;
    all.push(...keys);
  } while (cursor !== '0');
  return all;
}

// ---------------------------------------------------------------- servers

const INHIBIT_RULES = `inhibit_rules:
  - source_matchers: ['severity="critical"']
    target_matchers: ['severity="warning"']
    equal: [alertname, cluster]
`;
const CONFIG = `# Written by bench/ingest.mjs; the same file for Tocsin and Alertmanager.
route:
  receiver: blackhole
  group_by: [alertname, cluster]
  group_wait: 5m
  group_interval: 5m
  repeat_interval: 4h
${opt['inhibit-rule'] ? INHIBIT_RULES : ''}receivers:
  - name: blackhole
`;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tocsin-bench-'));
const configFile = path.join(tmp, 'alertmanager.yml');
writeFileSync(configFile, CONFIG);

let serverSeq = 0;
async function startServer(kind) {
  const port = await freePort();
  const listen = `127.0.0.1:${port}`;
  const logFile = path.join(tmp, `${kind}-${++serverSeq}.log`);
  let cmd;
  let args;
  if (kind === 'tocsin') {
    const nodeFlags = opt['node-flags'].split(/\s+/).filter(Boolean);
    cmd = process.execPath;
    args = [
      ...nodeFlags,
      opt['tocsin-bin'],
      'ingest',
      '--config.file',
      configFile,
      '--web.listen-address',
      listen,
      '--redis.url',
      opt['redis-url'],
      '--redis.prefix',
      PREFIX,
      '--log.level',
      'warn',
    ];
  } else {
    const storage = mkdtempSync(path.join(tmp, 'am-data-'));
    cmd = opt['alertmanager-bin'];
    args = [
      `--config.file=${configFile}`,
      `--storage.path=${storage}`,
      `--web.listen-address=${listen}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ];
  }
  const { child } = await startProcess(kind, cmd, args, port, logFile, { cwd: tmp, readyTimeoutMs: 30_000 });
  // Make sure the process answering is ours (and did not die on EADDRINUSE meanwhile).
  await sleep(200);
  if (child.exitCode !== null || child.signalCode !== null) {
    throw new Error(`${kind} exited after start:\n${readFileSync(logFile, 'utf8')}`);
  }
  return { kind, child, host: '127.0.0.1', port, logFile };
}

// ---------------------------------------------------------------- HTTP client

/** POSTs every body with `concurrency` requests in flight (the shared load generator). */
async function drive(target, bodies, concurrency) {
  const r = await postAlerts(target, bodies, { concurrency });
  return { elapsedMs: r.elapsedMs, latencies: r.requestMs };
}

// ---------------------------------------------------------------- alerts

// ---------------------------------------------------------------- stats

function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
const median = (values) => quantile(values, 0.5);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- phases

let redis;
const tocsinRuns = [];

async function throughputRun(kind, batch, run) {
  if (kind === 'tocsin') await deletePrefix(redis, PREFIX);
  const server = await startServer(kind);
  try {
    const tag = `r${run}b${batch}`;
    const warm = toBodies(makeAlerts(`${tag}w`, WARMUP, 3_600_000), batch);
    await drive(server, warm, CONCURRENCY);
    const bodies = toBodies(makeAlerts(tag, N_ALERTS, 3_600_000), batch);
    await sleep(300);
    const cpu0 = cpuSeconds(server.child.pid);
    const client0 = process.cpuUsage();
    const rcpu0 = await redisCpuSeconds(redis);
    const stats0 = kind === 'tocsin' ? await commandStats(redis) : undefined;
    const { elapsedMs, latencies } = await drive(server, bodies, CONCURRENCY);
    const cpu1 = cpuSeconds(server.child.pid);
    const client1 = process.cpuUsage(client0);
    const rcpu1 = await redisCpuSeconds(redis);
    const result = {
      kind,
      batch,
      run,
      alerts: N_ALERTS,
      requests: bodies.length,
      elapsedMs,
      alertsPerSec: (N_ALERTS / elapsedMs) * 1000,
      p50ms: quantile(latencies, 0.5),
      p99ms: quantile(latencies, 0.99),
      serverCpuUsPerAlert: ((cpu1 - cpu0) / N_ALERTS) * 1e6,
      redisCpuUsPerAlert: ((rcpu1 - rcpu0) / N_ALERTS) * 1e6,
      clientCpuUsPerAlert: (client1.user + client1.system) / N_ALERTS,
    };
    if (stats0) {
      const stats1 = await commandStats(redis);
      result.redisCommandsPerRequest = {};
      for (const [cmd, s] of Object.entries(stats1)) {
        const calls = s.calls - (stats0[cmd]?.calls ?? 0);
        const usec = s.usec - (stats0[cmd]?.usec ?? 0);
        if (calls / bodies.length >= 0.01) {
          result.redisCommandsPerRequest[cmd] = { calls: calls / bodies.length, usecPerCall: usec / calls };
        }
      }
      tocsinRuns.push(result);
    }
    log(
      `${kind.padEnd(12)} batch ${String(batch).padStart(4)} run ${run}: ${result.alertsPerSec.toFixed(0)} alerts/s, ` +
        `p50 ${result.p50ms.toFixed(2)} ms, p99 ${result.p99ms.toFixed(2)} ms, server CPU ${result.serverCpuUsPerAlert.toFixed(0)} us/alert, ` +
        `Redis CPU ${result.redisCpuUsPerAlert.toFixed(0)} us/alert`,
    );
    return result;
  } finally {
    await stopProcess(server);
  }
}

async function listPhase(kind) {
  if (kind === 'tocsin') await deletePrefix(redis, PREFIX);
  const server = await startServer(kind);
  try {
    const out = { kind, alerts: LIST_ALERTS };
    await sleep(300);
    const mem0 = Number(parseInfo(await redis.call('INFO', 'memory')).used_memory);
    const bodies = toBodies(makeAlerts('list', LIST_ALERTS, 6 * 3_600_000), LIST_BATCH);
    const load = await drive(server, bodies, Math.min(CONCURRENCY, 4));
    out.loadAlertsPerSec = (LIST_ALERTS / load.elapsedMs) * 1000;
    await sleep(500);
    if (kind === 'tocsin') {
      const mem1 = Number(parseInfo(await redis.call('INFO', 'memory')).used_memory);
      out.redisBytesPerAlert = (mem1 - mem0) / LIST_ALERTS;
      const keys = await prefixKeys(redis, PREFIX);
      let store = 0;
      let other = 0;
      for (const key of keys) {
        const bytes = (await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0;
        if (key.startsWith(`${PREFIX}:{alerts}:`)) store += bytes;
        else other += bytes;
      }
      out.storeKeysBytesPerAlert = store / LIST_ALERTS;
      out.otherKeysBytesPerAlert = other / LIST_ALERTS;
      log(
        `tocsin: Redis used_memory +${(mem1 - mem0) / 1e6} MB for ${LIST_ALERTS} alerts; store keys ${(store / 1e6).toFixed(1)} MB, other keys (queue, ...) ${(other / 1e6).toFixed(1)} MB`,
      );
    }
    await request(server, 'GET', '/api/v2/alerts');
    const latencies = [];
    let bytes = 0;
    let count = 0;
    const started = performance.now();
    for (let i = 0; i < LIST_REQUESTS; i++) {
      if (i >= 3 && performance.now() - started > LIST_BUDGET_MS) break;
      const t = performance.now();
      const res = await request(server, 'GET', '/api/v2/alerts');
      latencies.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`${kind}: GET answered ${res.status}`);
      if (i === 0) count = JSON.parse(res.body).length;
      bytes = res.bytes;
    }
    if (count !== LIST_ALERTS)
      throw new Error(`${kind}: GET listed ${count} alerts, expected ${LIST_ALERTS}`);
    out.getRequests = latencies.length;
    out.getP50ms = quantile(latencies, 0.5);
    out.getP99ms = quantile(latencies, 0.99);
    out.getResponseBytes = bytes;
    out.serverRssBytes = rssBytes(server.child.pid);
    log(
      `${kind}: GET /api/v2/alerts with ${count} alerts, ${latencies.length} requests: p50 ${out.getP50ms.toFixed(0)} ms, p99 ${out.getP99ms.toFixed(0)} ms, ${(bytes / 1e6).toFixed(1)} MB; server RSS ${(out.serverRssBytes / 1e6).toFixed(0)} MB`,
    );
    return out;
  } finally {
    await stopProcess(server);
  }
}

// ---------------------------------------------------------------- report

const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const fmtMs = (n) =>
  !Number.isFinite(n) ? '–' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
const fmtRatio = (a, b) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : '–';

function report(results, lists, meta) {
  const lines = [];
  const med = (kind, batch, field) =>
    median(results.filter((r) => r.kind === kind && r.batch === batch).map((r) => r[field]));
  lines.push(
    `${meta.alerts} unique alerts per run (6 labels, 2 annotations, generatorURL: ${meta.alertJsonBytes} bytes of JSON each), ` +
      `${meta.concurrency} requests in flight, median of ${meta.runs} runs; ${meta.inhibitRule ? 'with' : 'no'} inhibit rule ` +
      `(Tocsin / AM: above 1 means Tocsin is faster for alerts/s and slower for latency).`,
    '',
    '| Measurement | Tocsin | Alertmanager 0.25 | Tocsin / AM |',
    '|---|--:|--:|--:|',
  );
  for (const batch of BATCH_SIZES) {
    const row = (label, field, fmt) => {
      const t = med('tocsin', batch, field);
      const a = med('alertmanager', batch, field);
      lines.push(`| ${label} | ${fmt(t)} | ${fmt(a)} | ${fmtRatio(t, a)} |`);
    };
    row(`POST batch ${batch}: alerts/s`, 'alertsPerSec', fmtInt);
    row(`POST batch ${batch}: request p50 (ms)`, 'p50ms', fmtMs);
    row(`POST batch ${batch}: request p99 (ms)`, 'p99ms', fmtMs);
    row(`POST batch ${batch}: server CPU (us/alert)`, 'serverCpuUsPerAlert', fmtInt);
  }
  const lt = lists.find((l) => l.kind === 'tocsin');
  const la = lists.find((l) => l.kind === 'alertmanager');
  if (lt || la) {
    const row = (label, field, fmt, ratio = true) =>
      lines.push(
        `| ${label} | ${fmt(lt?.[field])} | ${fmt(la?.[field])} | ${ratio ? fmtRatio(lt?.[field], la?.[field]) : '–'} |`,
      );
    const n = fmtInt(LIST_ALERTS);
    row(`GET /api/v2/alerts, ${n} alerts: p50 (ms)`, 'getP50ms', fmtMs);
    row(`GET /api/v2/alerts, ${n} alerts: p99 (ms)`, 'getP99ms', fmtMs);
    row('GET /api/v2/alerts: requests timed', 'getRequests', fmtInt, false);
    row('GET /api/v2/alerts: response (MB)', 'getResponseBytes', (b) =>
      Number.isFinite(b) ? (b / 1e6).toFixed(1) : '–',
    );
    row(`Loading ${n} alerts, batch ${LIST_BATCH}: alerts/s`, 'loadAlertsPerSec', fmtInt);
    row(`Server RSS with ${n} alerts (MB)`, 'serverRssBytes', (b) =>
      Number.isFinite(b) ? (b / 1e6).toFixed(0) : '–',
    );
    if (lt) {
      lines.push(
        `| Redis memory per stored alert (INFO used_memory delta / ${n}) | ${fmtInt(lt.redisBytesPerAlert)} B | – | – |`,
        `| … of which the store's keys (MEMORY USAGE) | ${fmtInt(lt.storeKeysBytesPerAlert)} B | – | – |`,
        `| … and the prefix's other keys (BullMQ jobs, …) | ${fmtInt(lt.otherKeysBytesPerAlert)} B | – | – |`,
      );
    }
  }
  lines.push(
    '',
    'Per run (alerts/s, Tocsin / Alertmanager):',
    '',
    '| Batch | ' +
      results
        .filter((r) => r.kind === TARGETS[0] && r.batch === BATCH_SIZES[0])
        .map((r) => `run ${r.run}`)
        .join(' | ') +
      ' |',
  );
  lines.push(
    `|---|${results
      .filter((r) => r.kind === TARGETS[0] && r.batch === BATCH_SIZES[0])
      .map(() => '--:')
      .join('|')}|`,
  );
  for (const batch of BATCH_SIZES) {
    const cells = [];
    for (let run = 1; run <= RUNS; run++) {
      const t = results.find((r) => r.kind === 'tocsin' && r.batch === batch && r.run === run);
      const a = results.find((r) => r.kind === 'alertmanager' && r.batch === batch && r.run === run);
      cells.push(`${fmtInt(t?.alertsPerSec)} / ${fmtInt(a?.alertsPerSec)}`);
    }
    lines.push(`| ${batch} | ${cells.join(' | ')} |`);
  }
  if (tocsinRuns.length > 0) {
    lines.push(
      '',
      'Redis commands per Tocsin POST request (median over runs; shared Redis, so approximate):',
      '',
    );
    lines.push('| Batch | Commands per request (calls × Redis-side us per call) |', '|---|---|');
    for (const batch of BATCH_SIZES) {
      const runs = tocsinRuns.filter((r) => r.batch === batch);
      const cmds = new Set(runs.flatMap((r) => Object.keys(r.redisCommandsPerRequest)));
      const cells = [...cmds]
        .map((cmd) => {
          const calls = median(runs.map((r) => r.redisCommandsPerRequest[cmd]?.calls ?? 0));
          const us = median(
            runs.map((r) => r.redisCommandsPerRequest[cmd]?.usecPerCall).filter(Number.isFinite),
          );
          return { cmd, calls, us };
        })
        .filter((c) => c.calls >= 0.05)
        .sort((a, b) => b.calls - a.calls)
        .map((c) => `${c.cmd} ${c.calls.toFixed(2)} × ${c.us.toFixed(0)} us`);
      const redisUs = median(runs.map((r) => r.redisCpuUsPerAlert));
      lines.push(`| ${batch} | ${cells.join(', ')}; Redis CPU ${fmtInt(redisUs)} us/alert |`);
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------- main

const cleanupSync = killChildren;
process.on('exit', cleanupSync);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, async () => {
    cleanupSync();
    if (redis) await deletePrefix(redis, PREFIX).catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
    process.exit(130);
  });
}

async function main() {
  redis = await RedisConn.connect(opt['redis-url']);
  const redisVersion = parseInfo(await redis.call('INFO', 'server')).redis_version;
  const persistence = parseInfo(await redis.call('INFO', 'persistence'));
  const existing = await prefixKeys(redis, PREFIX);
  if (existing.length > 0)
    die(`Redis already has ${existing.length} keys under ${PREFIX}:*; pick another --prefix`);
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    redis: redisVersion,
    redisAof: persistence.aof_enabled === '1',
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    commit: gitDescribe(repoRoot),
    alerts: N_ALERTS,
    batchSizes: BATCH_SIZES,
    concurrency: CONCURRENCY,
    runs: RUNS,
    prefix: PREFIX,
    inhibitRule: opt['inhibit-rule'],
    alertJsonBytes: Math.round(Buffer.byteLength(JSON.stringify(makeAlerts('r1b1', 1000, 3_600_000))) / 1000),
    command: `node bench/ingest.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  };
  log(
    `Node ${meta.node}, Redis ${meta.redis} (AOF ${meta.redisAof ? 'on' : 'off'}), ${meta.cpus} CPUs, ${meta.commit}, prefix ${PREFIX}`,
  );

  const results = [];
  const lists = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      for (const batch of BATCH_SIZES) {
        // Alternate who goes first so that a slow start of the machine does not favour one side.
        const order = run % 2 === 1 ? TARGETS : [...TARGETS].reverse();
        for (const kind of order) results.push(await throughputRun(kind, batch, run));
      }
    }
    if (opt.json) writeFileSync(opt.json, JSON.stringify({ meta, results, lists }, null, 2));
    if (!opt['skip-list']) for (const kind of TARGETS) lists.push(await listPhase(kind));
  } finally {
    const n = await deletePrefix(redis, PREFIX);
    const left = await prefixKeys(redis, PREFIX);
    log(`deleted ${n} keys under ${PREFIX}:*; ${left.length} left`);
    redis.close();
    closeConnections();
    rmSync(tmp, { recursive: true, force: true });
  }

  const table = report(results, lists, meta);
  console.log(
    `Date ${meta.date}; ${meta.cpus} CPUs (${meta.cpuModel}); Node ${meta.node}; Redis ${meta.redis} (AOF ${meta.redisAof ? 'on' : 'off'}); ${meta.commit}`,
  );
  console.log(`Command: ${meta.command}\n`);
  console.log(table);
  if (opt.json) writeFileSync(opt.json, JSON.stringify({ meta, results, lists }, null, 2));
}

await main();
