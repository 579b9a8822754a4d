#!/usr/bin/env node
// Pipeline benchmark: POST → ingest → dispatcher → webhook notifier → receiver, with real
// child processes on one Redis.
//
// Usage (from the repo root, after `npx turbo run build`, with Redis running):
//
//   node bench/pipeline.mjs [--alerts 10000] [--groups 100,1000] [--orders grouped,interleaved]
//                           [--batch 100] [--rate 1000]
//                           [--drain-groups 2000] [--notifiers 1,4] [--receiver-delay 50]
//                           [--drain-modes backlog,live] [--drain-rate 0] [--notifier-concurrency N]
//                           [--warmup 200] [--only latency|drain] [--timeout 240] [--log-level info]
//                           [--redis-url redis://127.0.0.1:6379] [--prefix bench-pipeline-<pid>]
//                           [--tocsin-bin packages/cli/bin/tocsin.js] [--keep-logs DIR] [--json out.json]
//                           [--node-flags="--cpu-prof --cpu-prof-dir=/tmp/prof"] (passed to every service)
//
// Every scenario starts its own stack: ONE `tocsin ingest`, ONE `tocsin dispatcher` and one or
// more `tocsin notifier --integration=webhook`, on its own Redis prefix (`<prefix>-<n>`), and a
// webhook receiver (node:http) inside this process. The config has one route, `group_by:
// [bgroup]`, `group_wait: 0s`, `group_interval: 1m`, `repeat_interval: 4h`, and one receiver
// with one webhook_config pointing here. Alerts carry 6 labels (one of them `bgroup`, one a
// unique `seq`) and 2 annotations, endsAt one hour ahead. Before each measurement `--warmup`
// alerts in as many groups (a child route with group_interval 1h, so they flush once) go
// through the whole stack and their notifications are awaited: no cold code is timed.
//
//  1. Latency (`--only latency`): `--alerts` alerts in G groups for each G in `--groups`,
//     POSTed `--batch` per request at a steady `--rate` alerts/s (requests are not awaited
//     before the next one starts). The receiver answers 200 at once. Latency of an alert =
//     arrival (body read) of the first notification containing it - the moment its POST was
//     sent, both on this process's clock. `--orders`:
//       grouped:     alert i is in group floor(i / (alerts/G)): a group's alerts are POSTed
//                    together, so they are all in its first (group_wait) notification;
//       interleaved: alert i is in group i % G: every batch touches every group, so most
//                    alerts join a group after its first flush and wait for the next tick
//                    (group_interval), exactly as in Alertmanager.
//  2. Drain (`--only drain`): `--drain-groups` groups of one alert each, against a receiver that
//     waits `--receiver-delay` ms before answering 200, with N notifier processes for each N in
//     `--notifiers`. Drain rate = notifications received / (last arrival - first arrival).
//     `--drain-modes`:
//       backlog: the notify.webhook queue is paused (BullMQ Queue.pause(), bullmq from the
//                workspace's node_modules) until the dispatcher has queued every notification
//                and all N notifiers are ready, then resumed: the notifiers' own drain rate;
//       live:    everything runs while the alerts are POSTed (`--drain-rate` alerts/s, 0 = as
//                fast as 4 requests in flight allow): the whole pipeline's rate.
//
// Where the time goes is read, after each scenario, from what the services leave in Redis
// (BullMQ job hashes keep timestamp / processedOn / finishedOn; flush ticks carry their due
// time, notify jobs their flush time, and the Idempotency-Key header names the notify job of
// each webhook request), from /proc CPU times of every process and Redis's INFO cpu, from the
// services' /metrics, and from the receiver's count of requests in flight. Redis's counters
// are global: each table says how many other clients were active on it meanwhile (CLIENT LIST
// sampled every second, minus the connections of this process and of the stack).
//
// Progress goes to stderr, the markdown tables to stdout. All keys of a scenario's prefix are
// deleted afterwards with SCAN MATCH <prefix>:* + UNLINK (never FLUSHALL: the Redis may be
// shared). No npm dependencies beyond the workspace's own bullmq (backlog mode only).

import { createHash } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  closeConnections,
  makeAlerts as makeBenchAlerts,
  now,
  postAlerts as postBodies,
  request,
  sleep,
  toBodies,
} from './load-generator.mjs';
import { commandStats, parseInfo, RedisConn, redisCpuSeconds } from './redis-client.mjs';
import {
  cpuSeconds,
  deletePrefix,
  freePort,
  gitDescribe,
  killChildren,
  notifyWebhookQueue,
  scanKeys,
  startProcess,
  stopProcess,
} from './targets.mjs';
import { printUsageAndExit } from './usage.mjs';
import { startWebhookSink } from './webhook-sink.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values: opt } = parseArgs({
  options: {
    alerts: { type: 'string', default: '10000' },
    groups: { type: 'string', default: '100,1000' },
    orders: { type: 'string', default: 'grouped,interleaved' },
    batch: { type: 'string', default: '100' },
    rate: { type: 'string', default: '1000' },
    'drain-groups': { type: 'string', default: '2000' },
    notifiers: { type: 'string', default: '1,4' },
    'receiver-delay': { type: 'string', default: '50' },
    'drain-modes': { type: 'string', default: 'backlog,live' },
    'drain-rate': { type: 'string', default: '0' },
    'notifier-concurrency': { type: 'string' },
    only: { type: 'string' },
    timeout: { type: 'string', default: '240' },
    'log-level': { type: 'string', default: 'info' },
    'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379' },
    prefix: { type: 'string', default: `bench-pipeline-${process.pid}` },
    'tocsin-bin': { type: 'string', default: path.join(repoRoot, 'packages/cli/bin/tocsin.js') },
    warmup: { type: 'string', default: '200' },
    'keep-logs': { type: 'string' },
    'node-flags': { type: 'string', default: '' },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) printUsageAndExit(import.meta.url);

const N_ALERTS = int(opt.alerts);
const GROUP_COUNTS = opt.groups.split(',').map(int);
const ORDERS = opt.orders.split(',');
for (const o of ORDERS) if (o !== 'grouped' && o !== 'interleaved') die(`unknown order ${o}`);
const BATCH = int(opt.batch);
const RATE = int(opt.rate);
const DRAIN_GROUPS = int(opt['drain-groups']);
const NOTIFIER_COUNTS = opt.notifiers.split(',').map(int);
const RECEIVER_DELAY_MS = int(opt['receiver-delay'], true);
const DRAIN_MODES = opt['drain-modes'].split(',');
for (const m of DRAIN_MODES) if (m !== 'backlog' && m !== 'live') die(`unknown drain mode ${m}`);
const DRAIN_RATE = int(opt['drain-rate'], true);
const NOTIFIER_CONCURRENCY = opt['notifier-concurrency'] ? int(opt['notifier-concurrency']) : undefined;
const TIMEOUT_MS = int(opt.timeout) * 1000;
const WARMUP = int(opt.warmup, true);
const PREFIX = opt.prefix;
if (!/^[A-Za-z0-9_.-]+$/.test(PREFIX)) die(`--prefix must be [A-Za-z0-9_.-]+, got ${PREFIX}`);
if (opt.only && opt.only !== 'latency' && opt.only !== 'drain') die(`--only latency|drain, got ${opt.only}`);
for (const g of GROUP_COUNTS)
  if (N_ALERTS % g !== 0) die(`--alerts (${N_ALERTS}) must be a multiple of every --groups (${g})`);

function int(s, zeroOk = false) {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0 || (n === 0 && !zeroOk)) die(`not a positive integer: ${s}`);
  return n;
}
function die(msg) {
  console.error(`bench/pipeline: ${msg}`);
  process.exit(2);
}
const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

// ---------------------------------------------------------------- a tiny RESP client

/** HMGET of many keys, pipelined in chunks. */
async function hmgetMany(redis, keys, fields) {
  const out = [];
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    out.push(...(await Promise.all(chunk.map((k) => redis.call('HMGET', k, ...fields)))));
  }
  return out;
}

// ---------------------------------------------------------------- processes

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tocsin-bench-pipeline-'));

/** Starts `tocsin <args>` with its log in `logFile`; resolves once /-/ready answers 200 on `port`. */
function startService(name, args, port, logFile) {
  const nodeFlags = opt['node-flags'].split(/\s+/).filter(Boolean);
  return startProcess(name, process.execPath, [...nodeFlags, opt['tocsin-bin'], ...args], port, logFile, {
    cwd: tmp,
    readyTimeoutMs: 30_000,
    pollMs: 50,
  });
}

/** Sum and count of a histogram (or the value of a counter) in a Prometheus text exposition. */
function metricValue(text, name) {
  let total = 0;
  let found = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (m && m[1] === name) {
      total += Number(m[3]);
      found = true;
    }
  }
  return found ? total : Number.NaN;
}

/** Change of a metric between two scrapes. */
function delta(before, after, name) {
  return metricValue(after, name) - metricValue(before, name);
}

async function scrape(svc) {
  const r = await request(svc, 'GET', '/metrics').catch(() => undefined);
  return r?.status === 200 ? r.body : '';
}

/** Lines of a pino log at warn (40) or above. */
function problemLines(logFile) {
  const out = [];
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const rec = JSON.parse(line);
      if (typeof rec.level === 'number' ? rec.level >= 40 : /warn|error|fatal/i.test(String(rec.level)))
        out.push(line);
    } catch {
      out.push(line);
    }
  }
  return out;
}

// ---------------------------------------------------------------- receiver

/** The shared webhook sink; warm-up notifications (groups `w...`) are only counted. */
function startReceiver(delayMs) {
  return startWebhookSink({ delayMs, ignore: (entry) => String(entry.group).startsWith('w') });
}

// ---------------------------------------------------------------- alerts

/** The bgroup label of group `g` (the shared load generator's naming). */
function groupName(g) {
  return `g${g}`;
}

/** `count` alerts; alert i goes to group `groupOf(i)`; `seq` (its index) makes fingerprints unique. */
function makeAlerts(count, groupOf) {
  return makeBenchAlerts(count, { groupOf, alertname: 'PipelineBench' });
}

/** `count` warm-up alerts, one group each (`wg<i>`), on a route that flushes them once. */
function makeWarmupAlerts(count) {
  return makeBenchAlerts(count, {
    tag: 'w',
    alertname: 'PipelineBenchWarmup',
    extraLabels: { phase: 'warmup' },
  });
}

/**
 * Sends `--warmup` alerts through the whole stack (ingest, dispatcher, every notifier) and waits
 * for their notifications, so that the measurement does not time cold code (JIT, connection pools).
 */
async function warmUp(stack, receiver) {
  if (WARMUP === 0) return;
  const before = receiver.ignored;
  await postAlerts(stack.ingest, makeWarmupAlerts(WARMUP), BATCH, 0);
  await waitFor(() => receiver.ignored - before >= WARMUP, `${WARMUP} warm-up notifications`, 60_000);
  await sleep(500);
}

/**
 * POSTs `alerts` in batches (the shared load generator): at `rate` alerts/s (a batch every
 * batch/rate s, not waiting for answers), or, with rate 0, as fast as 4 requests in flight allow.
 */
async function postAlerts(ingest, alerts, batch, rate) {
  const r = await postBodies(ingest, toBodies(alerts, batch), { concurrency: 4, rate });
  return { sentAt: r.sentAt, requestMs: r.requestMs, t0: r.t0, postedMs: r.elapsedMs };
}

// ---------------------------------------------------------------- stats

function quantile(values, q) {
  const s = Float64Array.from(values).sort();
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
const p50 = (v) => quantile(v, 0.5);
const p99 = (v) => quantile(v, 0.99);

const fmtMs = (n) =>
  !Number.isFinite(n)
    ? '–'
    : Math.abs(n) >= 100
      ? n.toFixed(0)
      : Math.abs(n) >= 10
        ? n.toFixed(1)
        : n.toFixed(2);
const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const fmtS = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '–');
const fmtPct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : '–');

// ---------------------------------------------------------------- one stack

let redis;
let scenarioSeq = 0;

function configText(receiverUrl) {
  return `# Written by bench/pipeline.mjs.
route:
  receiver: bench
  group_by: [bgroup]
  group_wait: 0s
  group_interval: 1m
  repeat_interval: 4h
  routes:
    # Warm-up alerts: flushed at once like the others, then not again during the run.
    - matchers: ['phase="warmup"']
      group_interval: 1h
receivers:
  - name: bench
    webhook_configs:
      - url: ${receiverUrl}
`;
}

/** Starts ingest, dispatcher and `notifiers` notifiers (in parallel) on a fresh prefix. */
async function startStack(name, receiver, notifiers) {
  const n = ++scenarioSeq;
  const prefix = `${PREFIX}-${n}`;
  const existing = await scanKeys(redis, `${prefix}:*`);
  if (existing.length > 0) throw new Error(`Redis already has ${existing.length} keys under ${prefix}:*`);
  const dir = path.join(tmp, `${n}-${name}`);
  mkdirSync(dir);
  const configFile = path.join(dir, 'alertmanager.yml');
  writeFileSync(configFile, configText(receiver.url));
  const common = [
    '--config.file',
    configFile,
    '--redis.url',
    opt['redis-url'],
    '--redis.prefix',
    prefix,
    '--log.level',
    opt['log-level'],
  ];
  const ingestPort = await freePort();
  const stack = { n, name, prefix, dir, configFile, common, notifiers: [], services: [] };
  const [ingest, dispatcher] = await Promise.all([
    startService(
      'ingest',
      ['ingest', ...common, '--web.listen-address', `127.0.0.1:${ingestPort}`],
      ingestPort,
      path.join(dir, 'ingest.log'),
    ),
    freePort().then((port) =>
      startService(
        'dispatcher',
        ['dispatcher', ...common, '--web.listen-address', `127.0.0.1:${port}`],
        port,
        path.join(dir, 'dispatcher.log'),
      ),
    ),
  ]);
  stack.ingest = ingest;
  stack.dispatcher = dispatcher;
  stack.services.push(ingest, dispatcher);
  stack.externalUrl = `http://127.0.0.1:${ingestPort}`;
  await startNotifiers(stack, notifiers);
  return stack;
}

async function startNotifiers(stack, count) {
  const started = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const port = await freePort();
      return startService(
        `notifier-${i + 1}`,
        [
          'notifier',
          '--integration=webhook',
          ...stack.common,
          '--web.listen-address',
          `127.0.0.1:${port}`,
          '--web.external-url',
          stack.externalUrl,
          ...(NOTIFIER_CONCURRENCY ? ['--concurrency', String(NOTIFIER_CONCURRENCY)] : []),
        ],
        port,
        path.join(stack.dir, `notifier-${i + 1}.log`),
      );
    }),
  );
  stack.notifiers.push(...started);
  stack.services.push(...started);
}

async function stopStack(stack) {
  await Promise.all(stack.services.map(stopProcess));
  const problems = {};
  for (const svc of stack.services) {
    const lines = problemLines(svc.logFile);
    if (lines.length > 0) problems[svc.name] = lines.length;
    if (lines.length > 0)
      log(
        `${stack.name}: ${svc.name} logged ${lines.length} warn/error lines, e.g. ${lines[0].slice(0, 300)}`,
      );
  }
  if (opt['keep-logs']) {
    mkdirSync(opt['keep-logs'], { recursive: true });
    cpSync(stack.dir, path.join(opt['keep-logs'], path.basename(stack.dir)), { recursive: true });
  }
  const deleted = await deletePrefix(redis, stack.prefix);
  const left = await scanKeys(redis, `${stack.prefix}:*`);
  log(`${stack.name}: stopped; deleted ${deleted} keys under ${stack.prefix}:*, ${left.length} left`);
  return problems;
}

function cpuSnapshot(stack) {
  return Object.fromEntries(stack.services.map((s) => [s.name, cpuSeconds(s.child.pid)]));
}

/** CPU seconds per process between two snapshots (notifiers summed), plus Redis and this process. */
function cpuDelta(a, b) {
  const out = { ingest: 0, dispatcher: 0, notifiers: 0 };
  for (const [k, v] of Object.entries(b)) {
    const d = v - (a[k] ?? Number.NaN);
    if (k.startsWith('notifier')) out.notifiers += d;
    else out[k] = d;
  }
  return out;
}

/**
 * CPU seconds of every process of the stack, of Redis and of this process, Redis commands
 * (INFO commandstats, which also counts commands run inside scripts; the Redis may be shared,
 * so approximate) and the 1-minute load average, between `probe()` and the call it returns.
 */
async function probe(stack) {
  const others = watchOtherClients(stack);
  const cpu0 = cpuSnapshot(stack);
  const rcpu0 = await redisCpuSeconds(redis);
  const stats0 = await commandStats(redis);
  const self0 = process.cpuUsage();
  const load0 = os.loadavg()[0];
  return async () => {
    const cpu = cpuDelta(cpu0, cpuSnapshot(stack));
    cpu.redis = (await redisCpuSeconds(redis)) - rcpu0;
    const self = process.cpuUsage(self0);
    cpu.bench = (self.user + self.system) / 1e6;
    const stats1 = await commandStats(redis);
    const commands = {};
    for (const [cmd, st] of Object.entries(stats1)) {
      const calls = st.calls - (stats0[cmd]?.calls ?? 0);
      if (calls > 0) commands[cmd] = { calls, usec: st.usec - (stats0[cmd]?.usec ?? 0) };
    }
    return { cpu, commands, load: [load0, os.loadavg()[0]], otherClients: await others.stop() };
  };
}

/** Local TCP ports of the sockets the given processes hold (from /proc). */
function socketPorts(pids) {
  const inodes = new Set();
  for (const pid of pids) {
    let fds = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]);
      } catch {}
    }
  }
  const ports = new Set();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && inodes.has(f[9])) ports.add(Number.parseInt(f[1].split(':')[1], 16));
    }
  }
  return ports;
}

/**
 * Samples CLIENT LIST every second: how many Redis clients that belong to neither this process
 * nor the stack were active (idle 0), i.e. other users of a shared Redis, whose commands and
 * CPU land in the same INFO counters.
 */
function watchOtherClients(stack) {
  const pids = [process.pid, ...stack.services.map((s) => s.child.pid)];
  let max = 0;
  let sum = 0;
  let samples = 0;
  const sample = async () => {
    const ports = socketPorts(pids);
    const list = await redis.call('CLIENT', 'LIST');
    let active = 0;
    for (const line of String(list).split('\n')) {
      const addr = /(?:^| )addr=\S*:(\d+) /.exec(line);
      const idle = /(?:^| )idle=(\d+) /.exec(line);
      if (addr && idle && !ports.has(Number(addr[1])) && Number(idle[1]) === 0) active++;
    }
    max = Math.max(max, active);
    sum += active;
    samples++;
  };
  let running = sample().catch(() => undefined);
  const timer = setInterval(() => {
    running = running.then(sample).catch(() => undefined);
  }, 1000);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      return { max, mean: samples ? sum / samples : 0 };
    },
  };
}

/** Redis commands per `per` (e.g. per notification): the total and the busiest ones. */
function commandSummary(commands, per) {
  const total = Object.values(commands).reduce((a, c) => a + c.calls, 0);
  const top = Object.entries(commands)
    .filter(([cmd]) => cmd !== 'info')
    .sort((a, b) => b[1].calls - a[1].calls)
    .slice(0, 6)
    .map(([cmd, c]) => `${cmd} ${(c.calls / per).toFixed(1)}`);
  return { total: total / per, top: top.join(', ') };
}

/** Reads the flush ticks and notify jobs the stack left in Redis, joined with the receiver's log. */
async function collectJobs(stack, receiver) {
  const p = stack.prefix;
  const groupKeys = (await scanKeys(redis, `${p}:{groups}:g:*`)).filter((k) => !k.endsWith(':logs'));
  const groupVals = await hmgetMany(redis, groupKeys, ['labels', 'epoch']);
  const bgroupOf = new Map();
  groupKeys.forEach((k, i) => {
    const id = k.slice(`${p}:{groups}:g:`.length);
    bgroupOf.set(id, JSON.parse(groupVals[i][0] ?? '{}').bgroup);
  });

  const flushRe = new RegExp(`^${escapeRe(p)}:groups:flush\\.[0-9a-f]{40}$`);
  const flushKeys = (await scanKeys(redis, `${p}:groups:flush.*`)).filter((k) => flushRe.test(k));
  const flushVals = await hmgetMany(redis, flushKeys, [
    'data',
    'timestamp',
    'delay',
    'processedOn',
    'finishedOn',
    'returnvalue',
  ]);
  const flushes = new Map(); // `${bgroup}|${dueAt}` → flush
  const allFlushes = [];
  for (const [data, timestamp, delay, processedOn, finishedOn, returnvalue] of flushVals) {
    if (!data) continue;
    const d = JSON.parse(data);
    const f = {
      group: bgroupOf.get(d.groupId),
      tick: d.tick,
      dueAt: d.dueAt,
      epoch: d.epoch,
      added: Number(timestamp),
      delay: Number(delay ?? 0),
      processedOn: processedOn ? Number(processedOn) : undefined,
      finishedOn: finishedOn ? Number(finishedOn) : undefined,
      result: returnvalue ? JSON.parse(returnvalue) : undefined,
    };
    if (String(f.group).startsWith('w')) continue; // warm-up
    allFlushes.push(f);
    flushes.set(`${f.group}|${f.dueAt}`, f);
  }

  const notifyRe = new RegExp(`^${escapeRe(p)}:notify\\.webhook:notify\\.[0-9a-f]{40}$`);
  const notifyKeys = (await scanKeys(redis, `${p}:notify.webhook:notify.*`)).filter((k) => notifyRe.test(k));
  const notifyVals = await hmgetMany(redis, notifyKeys, [
    'data',
    'timestamp',
    'processedOn',
    'finishedOn',
    'returnvalue',
    'atm',
  ]);
  const byKey = new Map();
  const allNotifies = [];
  for (const [data, timestamp, processedOn, finishedOn, returnvalue, atm] of notifyVals) {
    if (!data) continue;
    const d = JSON.parse(data);
    const key = idempotencyKey(d);
    const j = {
      key,
      group: d.groupLabels?.bgroup,
      flushedAt: d.flushedAt,
      alerts: d.alerts.length,
      added: Number(timestamp),
      processedOn: processedOn ? Number(processedOn) : undefined,
      finishedOn: finishedOn ? Number(finishedOn) : undefined,
      result: returnvalue ? JSON.parse(returnvalue) : undefined,
      attempts: Number(atm ?? 0),
    };
    j.flush = flushes.get(`${j.group}|${j.flushedAt}`);
    if (String(j.group).startsWith('w')) continue; // warm-up
    allNotifies.push(j);
    byKey.set(key, j);
  }
  // Each received request, joined with its notify job and flush tick.
  const received = [];
  for (const entry of receiver.byKey.values()) {
    const job = byKey.get(entry.key);
    received.push({ ...entry, job, flush: job?.flush });
  }
  return { allFlushes, allNotifies, received };
}

/** The notifier's Idempotency-Key (services/notifier/src/idempotency-key.ts) of a notify job's data. */
function idempotencyKey(n) {
  const hash = createHash('sha256');
  for (const part of [n.groupKey, n.receiver, n.integration, n.index, n.flushedAt])
    hash.update(String(part)).update('\u0000');
  return hash.digest('hex');
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Stage durations (ms) of a received notification: due → flush start → notify queued → picked → received. */
function stagesOf(r, resumedAt = 0) {
  const { job, flush } = r;
  return {
    dueToFlush: flush?.processedOn !== undefined ? flush.processedOn - flush.dueAt : Number.NaN,
    flushToQueued: flush?.processedOn !== undefined && job ? job.added - flush.processedOn : Number.NaN,
    // In backlog mode the queue was paused until `resumedAt`: the wait counts from then.
    queuedToPicked:
      job?.processedOn !== undefined ? job.processedOn - Math.max(job.added, resumedAt) : Number.NaN,
    pickedToReceived: job?.processedOn !== undefined ? r.at - job.processedOn : Number.NaN,
    receivedToFinished: job?.finishedOn !== undefined ? job.finishedOn - r.at : Number.NaN,
  };
}

// ---------------------------------------------------------------- scenarios

async function waitFor(cond, what, timeoutMs, progress) {
  const deadline = Date.now() + timeoutMs;
  let lastLog = Date.now();
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    if (progress && Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(progress());
    }
    await sleep(20);
  }
}

async function latencyScenario(groups, order) {
  const name = `latency-${groups}-${order}`;
  const receiver = await startReceiver(0);
  const stack = await startStack(name, receiver, 1);
  try {
    const perGroup = N_ALERTS / groups;
    const groupOf = order === 'grouped' ? (i) => Math.floor(i / perGroup) : (i) => i % groups;
    const alerts = makeAlerts(N_ALERTS, groupOf);
    await warmUp(stack, receiver);
    const firstSeen = new Float64Array(N_ALERTS).fill(Number.NaN);
    const firstKey = new Array(N_ALERTS);
    let seen = 0;
    const listener = (entry) => {
      for (const seq of entry.seqs) {
        const s = Number(seq);
        if (Number.isNaN(firstSeen[s])) {
          firstSeen[s] = entry.at;
          firstKey[s] = entry.key;
          seen++;
        }
      }
    };
    receiver.listeners.add(listener);
    const dispMetrics0 = await scrape(stack.dispatcher);
    const probeEnd = await probe(stack);
    log(
      `${name}: posting ${N_ALERTS} alerts in ${groups} groups (${order}), ${BATCH} per POST at ${RATE} alerts/s`,
    );
    const posted = await postAlerts(stack.ingest, alerts, BATCH, RATE);
    await waitFor(
      () => seen === N_ALERTS,
      `all ${N_ALERTS} alerts notified`,
      TIMEOUT_MS,
      () => `${name}: ${seen}/${N_ALERTS} alerts notified, ${receiver.requests.length} notifications`,
    );
    const tDone = now();
    const { cpu, commands, load, otherClients } = await probeEnd();
    await sleep(300);
    const dispMetrics = await scrape(stack.dispatcher);
    const jobs = await collectJobs(stack, receiver);
    const byKey = new Map(jobs.received.map((r) => [r.key, r]));

    const latency = [];
    const stage = {
      postToDue: [],
      dueToFlush: [],
      flushToQueued: [],
      queuedToPicked: [],
      pickedToReceived: [],
    };
    let tick0 = 0;
    let joined = 0;
    for (let i = 0; i < N_ALERTS; i++) {
      latency.push(firstSeen[i] - posted.sentAt[i]);
      const r = byKey.get(firstKey[i]);
      if (!r?.flush) continue;
      joined++;
      if (r.flush.tick === 0) tick0++;
      const s = stagesOf(r);
      stage.postToDue.push(r.flush.dueAt - posted.sentAt[i]);
      stage.dueToFlush.push(s.dueToFlush);
      stage.flushToQueued.push(s.flushToQueued);
      stage.queuedToPicked.push(s.queuedToPicked);
      stage.pickedToReceived.push(s.pickedToReceived);
    }
    // Per flush tick (not per alert): the dispatcher's own cost.
    const ran = jobs.allFlushes.filter((f) => f.processedOn !== undefined && f.finishedOn !== undefined);
    const tick0Jobs = jobs.allFlushes.filter((f) => f.tick === 0);
    // Ticks after the first are delayed BullMQ jobs: the earliest-due one shows the promotion
    // lag alone, before the ticks due right after it queue up behind each other.
    const later = ran.filter((f) => f.tick > 0).sort((a, b) => a.dueAt - b.dueAt);
    const result = {
      kind: 'latency',
      name,
      groups,
      order,
      alerts: N_ALERTS,
      batch: BATCH,
      rate: RATE,
      postedMs: posted.postedMs,
      postP50: p50(posted.requestMs),
      postP99: p99(posted.requestMs),
      notifications: receiver.requests.length,
      duplicates: receiver.duplicates,
      p50: p50(latency),
      p99: p99(latency),
      max: Math.max(...latency),
      tick0Share: tick0 / N_ALERTS,
      joined,
      stagesP50: Object.fromEntries(Object.entries(stage).map(([k, v]) => [k, p50(v)])),
      stagesP99: Object.fromEntries(Object.entries(stage).map(([k, v]) => [k, p99(v)])),
      flushRunMsP50: p50(ran.map((f) => f.finishedOn - f.processedOn)),
      flushRunMsP99: p99(ran.map((f) => f.finishedOn - f.processedOn)),
      flushesRun: ran.length,
      laterTicks: later.length,
      laterTickFirstLag: later.length ? later[0].processedOn - later[0].dueAt : Number.NaN,
      laterTickLagP50: p50(later.map((f) => f.processedOn - f.dueAt)),
      tick0DelayP50: p50(tick0Jobs.map((f) => f.delay)),
      tick0DelayMax: Math.max(0, ...tick0Jobs.map((f) => f.delay)),
      alertsJobs: delta(
        dispMetrics0,
        dispMetrics,
        'alertmanager_dispatcher_alert_processing_duration_seconds_count',
      ),
      alertsJobMsMean:
        (delta(dispMetrics0, dispMetrics, 'alertmanager_dispatcher_alert_processing_duration_seconds_sum') /
          delta(
            dispMetrics0,
            dispMetrics,
            'alertmanager_dispatcher_alert_processing_duration_seconds_count',
          )) *
        1000,
      wallMs: tDone - posted.t0,
      cpu,
      load,
      otherClients,
      redisPerAlert: commandSummary(commands, N_ALERTS),
      redisCommands: commands,
      redisCpuUsPerAlert: (cpu.redis / N_ALERTS) * 1e6,
    };
    receiver.listeners.delete(listener);
    log(
      `${name}: p50 ${fmtMs(result.p50)} ms, p99 ${fmtMs(result.p99)} ms, ${result.notifications} notifications, ` +
        `${fmtPct(result.tick0Share)} of alerts in a group's first notification; stages p50 ${JSON.stringify(result.stagesP50, (_k, v) => (typeof v === 'number' ? Number(v.toFixed(1)) : v))}`,
    );
    result.problems = await stopStack(stack);
    return result;
  } catch (err) {
    await stopStack(stack).catch(() => undefined);
    throw err;
  } finally {
    await receiver.close();
  }
}

async function drainScenario(notifiers, mode) {
  const name = `drain-${notifiers}-${mode}`;
  const receiver = await startReceiver(RECEIVER_DELAY_MS);
  const backlog = mode === 'backlog';
  const stack = await startStack(name, receiver, notifiers);
  let queue;
  try {
    await warmUp(stack, receiver);
    if (backlog) {
      queue = await notifyWebhookQueue(opt['redis-url'], stack.prefix);
      await queue.pause();
    }
    const alerts = makeAlerts(DRAIN_GROUPS, (i) => i);
    const notifierMetrics0 = await Promise.all(stack.notifiers.map(scrape));
    let probeEnd = await probe(stack);
    log(
      `${name}: posting ${DRAIN_GROUPS} alerts in ${DRAIN_GROUPS} groups, ${BATCH} per POST${DRAIN_RATE ? ` at ${DRAIN_RATE} alerts/s` : ', 4 POSTs in flight'}`,
    );
    const posted = await postAlerts(stack.ingest, alerts, BATCH, DRAIN_RATE);
    const result = {
      kind: 'drain',
      name,
      notifiers,
      mode,
      groups: DRAIN_GROUPS,
      delayMs: RECEIVER_DELAY_MS,
      postedMs: posted.postedMs,
    };
    if (backlog) {
      // The dispatcher's part alone: every group flushed and its notification queued.
      const waitKey = `${stack.prefix}:notify.webhook:wait`;
      let queued = 0;
      const deadline = Date.now() + TIMEOUT_MS;
      while (queued < DRAIN_GROUPS) {
        if (Date.now() > deadline)
          throw new Error(`timed out: ${queued}/${DRAIN_GROUPS} notifications queued`);
        queued = await redis.call('LLEN', waitKey);
        if (queued < DRAIN_GROUPS) await sleep(20);
      }
      result.dispatchMs = now() - posted.t0;
      const dispatchProbe = await probeEnd();
      result.dispatchCpu = dispatchProbe.cpu;
      result.dispatchRedisPerGroup = commandSummary(dispatchProbe.commands, DRAIN_GROUPS);
      log(
        `${name}: all ${DRAIN_GROUPS} notifications queued ${fmtS(result.dispatchMs)} s after the first POST; resuming the queue for ${notifiers} notifier(s)`,
      );
      await sleep(500);
      probeEnd = await probe(stack);
      receiver.windowStart();
      result.resumedAt = now();
      await queue.resume();
    } else {
      receiver.windowStart();
    }
    await waitFor(
      () => receiver.byKey.size >= DRAIN_GROUPS,
      `${DRAIN_GROUPS} notifications`,
      TIMEOUT_MS,
      () => `${name}: ${receiver.byKey.size}/${DRAIN_GROUPS} notifications`,
    );
    const tLast = now();
    const { cpu, commands, load, otherClients } = await probeEnd();
    // Let the last answers go out (the receiver holds each for delayMs) before reading the jobs.
    await sleep(RECEIVER_DELAY_MS + 500);
    const notifierMetrics = await Promise.all(stack.notifiers.map(scrape));
    const jobs = await collectJobs(stack, receiver);
    const times = jobs.received.map((r) => r.at).sort((a, b) => a - b);
    const first = times[0];
    const last = times[times.length - 1];
    const stages = jobs.received.map((r) => stagesOf(r, result.resumedAt ?? 0));
    const sentAt = new Map();
    for (let i = 0; i < DRAIN_GROUPS; i++) sentAt.set(groupName(i), posted.sentAt[i]);
    const ran = jobs.allFlushes.filter((f) => f.processedOn !== undefined && f.finishedOn !== undefined);
    const flushStart = Math.min(...ran.map((f) => f.processedOn));
    const flushEnd = Math.max(...ran.map((f) => f.finishedOn));
    const requestsSum = notifierMetrics.reduce(
      (a, t, i) => a + delta(notifierMetrics0[i], t, 'alertmanager_notification_latency_seconds_sum'),
      0,
    );
    const requestsCount = notifierMetrics.reduce(
      (a, t, i) => a + delta(notifierMetrics0[i], t, 'alertmanager_notification_latency_seconds_count'),
      0,
    );
    // The span the CPU figures cover.
    const windowMs = backlog ? tLast - result.resumedAt : tLast - posted.t0;
    Object.assign(result, {
      notifications: receiver.byKey.size,
      duplicates: receiver.duplicates,
      firstToLastMs: last - first,
      rate: (times.length / (last - first)) * 1000,
      startToFirstMs: backlog ? first - result.resumedAt : first - posted.t0,
      postToLastMs: last - posted.t0,
      inflightMax: receiver.maxInflight,
      queuedToPickedP50: p50(stages.map((s) => s.queuedToPicked)),
      queuedToPickedP99: p99(stages.map((s) => s.queuedToPicked)),
      pickedToReceivedP50: p50(stages.map((s) => s.pickedToReceived)),
      pickedToReceivedP99: p99(stages.map((s) => s.pickedToReceived)),
      receivedToFinishedP50: p50(stages.map((s) => s.receivedToFinished)),
      // How long a notify job holds one of the notifier's --concurrency slots, and the share of
      // all slots held between the first job start and the last job end.
      ...(() => {
        const done = jobs.received
          .map((r) => r.job)
          .filter((j) => j?.processedOn !== undefined && j?.finishedOn !== undefined);
        const held = done.reduce((a, j) => a + (j.finishedOn - j.processedOn), 0);
        const span = Math.max(...done.map((j) => j.finishedOn)) - Math.min(...done.map((j) => j.processedOn));
        return {
          jobMsMean: held / done.length,
          slotsBusy: held / (span * notifiers * (NOTIFIER_CONCURRENCY ?? 16)),
        };
      })(),
      dueToFlushP50: p50(stages.map((s) => s.dueToFlush)),
      dueToFlushP99: p99(stages.map((s) => s.dueToFlush)),
      postToDueP50: p50(jobs.received.filter((r) => r.flush).map((r) => r.flush.dueAt - sentAt.get(r.group))),
      flushesPerSec: (ran.length / (flushEnd - flushStart)) * 1000,
      flushRunMsP50: p50(ran.map((f) => f.finishedOn - f.processedOn)),
      tick0DelayMax: Math.max(0, ...jobs.allFlushes.filter((f) => f.tick === 0).map((f) => f.delay)),
      httpMsMean: (requestsSum / requestsCount) * 1000,
      windowMs,
      cpu,
      load,
      otherClients,
      redisPerNotification: commandSummary(commands, DRAIN_GROUPS),
      redisCommands: commands,
      redisCpuUsPerNotification: (cpu.redis / DRAIN_GROUPS) * 1e6,
      notifierCpuMsPerNotification: (cpu.notifiers / DRAIN_GROUPS) * 1e3,
      dispatcherCpuMsPerGroup:
        ((backlog ? result.dispatchCpu.dispatcher : cpu.dispatcher) / DRAIN_GROUPS) * 1e3,
    });
    // Mean requests in flight at the receiver over [first arrival, last arrival].
    result.inflightMean = inflightMean(jobs.received, RECEIVER_DELAY_MS, first, last);
    log(
      `${name}: ${result.notifications} notifications in ${fmtS(result.firstToLastMs)} s = ${result.rate.toFixed(0)}/s; ` +
        `receiver in flight mean ${result.inflightMean.toFixed(1)} max ${result.inflightMax}; queued→picked p50 ${fmtMs(result.queuedToPickedP50)} ms; ` +
        `CPU s ${JSON.stringify(cpu, (_k, v) => (typeof v === 'number' ? Number(v.toFixed(2)) : v))}`,
    );
    result.problems = await stopStack(stack);
    return result;
  } catch (err) {
    await stopStack(stack).catch(() => undefined);
    throw err;
  } finally {
    if (queue) await queue.close().catch(() => undefined);
    await receiver.close();
  }
}

/** Mean number of requests held by the receiver over [from, to]: each is held from arrival to arrival + delay. */
function inflightMean(received, delayMs, from, to) {
  if (!(to > from)) return Number.NaN;
  let area = 0;
  for (const r of received) {
    const a = Math.max(from, r.arrived);
    const b = Math.min(to, r.at + delayMs);
    if (b > a) area += b - a;
  }
  return area / (to - from);
}

// ---------------------------------------------------------------- report

function report(latency, drain, meta) {
  const lines = [];
  if (latency.length > 0) {
    lines.push(
      `### End-to-end latency (${fmtInt(meta.alerts)} alerts, ${meta.batch} per POST at ${fmtInt(meta.rate)} alerts/s; group_wait 0s, group_interval 1m; receiver answers at once)`,
      '',
      "| Groups | Order | Notifications | Latency p50 (ms) | Latency p99 (ms) | Alerts in their group's first notification | POST p50 / p99 (ms) |",
      '|--:|---|--:|--:|--:|--:|--:|',
    );
    for (const r of latency) {
      lines.push(
        `| ${fmtInt(r.groups)} | ${r.order} | ${fmtInt(r.notifications)}${r.duplicates ? ` (+${r.duplicates} dup)` : ''} | ${fmtMs(r.p50)} | ${fmtMs(r.p99)} | ${fmtPct(r.tick0Share)} | ${fmtMs(r.postP50)} / ${fmtMs(r.postP99)} |`,
      );
    }
    lines.push(
      '',
      "Where an alert's latency goes (p50 / p99 in ms over the alerts, each counted in the first notification containing it; from BullMQ job timestamps, so ms resolution):",
      '',
      "| Groups | Order | POST sent → flush tick due | tick due → flush job starts | flush starts → notify job queued | queued → notifier picks it | picked → receiver has it | flush job run time | alerts job (dispatcher, mean) | delayed ticks (≥ 1) run: earliest-due one's lag / p50 lag (ms) |",
      '|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|',
    );
    for (const r of latency) {
      const c = (k) => `${fmtMs(r.stagesP50[k])} / ${fmtMs(r.stagesP99[k])}`;
      lines.push(
        `| ${fmtInt(r.groups)} | ${r.order} | ${c('postToDue')} | ${c('dueToFlush')} | ${c('flushToQueued')} | ${c('queuedToPicked')} | ${c('pickedToReceived')} | ${fmtMs(r.flushRunMsP50)} / ${fmtMs(r.flushRunMsP99)} | ${fmtMs(r.alertsJobMsMean)} (${fmtInt(r.alertsJobs)} jobs) | ${r.laterTicks ? `${fmtInt(r.laterTicks)}: ${fmtMs(r.laterTickFirstLag)} / ${fmtMs(r.laterTickLagP50)}` : 'none'} |`,
      );
    }
    lines.push(
      '',
      'CPU seconds while the scenario ran (from the first POST to the last alert notified):',
      '',
      '| Groups | Order | Wall (s) | ingest | dispatcher | notifier | Redis | bench (client + receiver) | Redis commands per alert | 1-min load, start → end | other Redis clients active, max |',
      '|--:|---|--:|--:|--:|--:|--:|--:|---|--:|--:|',
    );
    for (const r of latency) {
      lines.push(
        `| ${fmtInt(r.groups)} | ${r.order} | ${fmtS(r.wallMs)} | ${r.cpu.ingest.toFixed(2)} | ${r.cpu.dispatcher.toFixed(2)} | ${r.cpu.notifiers.toFixed(2)} | ${r.cpu.redis.toFixed(2)} | ${r.cpu.bench.toFixed(2)} | ${r.redisPerAlert.total.toFixed(1)} (${r.redisPerAlert.top}) | ${r.load.map((x) => x.toFixed(1)).join(' → ')} | ${r.otherClients.max} |`,
      );
    }
  }
  if (drain.length > 0) {
    if (lines.length) lines.push('');
    lines.push(
      `### Notification drain (${fmtInt(meta.drainGroups)} groups of 1 alert, group_wait 0s; receiver answers 200 after ${meta.receiverDelayMs} ms; notifier --concurrency ${meta.notifierConcurrency})`,
      '',
      '| Notifiers | Mode | Notifications | First → last (s) | Notifications/s | Receiver: requests in flight mean / max | queued → picked p50 / p99 (ms) | picked → received p50 (ms) | received → job finished p50 (ms) | notifier HTTP mean (ms) | job holds a slot, mean (ms) | slots busy |',
      '|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    );
    for (const r of drain) {
      lines.push(
        `| ${r.notifiers} | ${r.mode} | ${fmtInt(r.notifications)}${r.duplicates ? ` (+${r.duplicates} dup)` : ''} | ${fmtS(r.firstToLastMs)} | ${fmtInt(r.rate)} | ${r.inflightMean.toFixed(1)} / ${r.inflightMax} | ${fmtMs(r.queuedToPickedP50)} / ${fmtMs(r.queuedToPickedP99)} | ${fmtMs(r.pickedToReceivedP50)} | ${fmtMs(r.receivedToFinishedP50)} | ${fmtMs(r.httpMsMean)} | ${fmtMs(r.jobMsMean)} | ${fmtPct(r.slotsBusy)} |`,
      );
    }
    lines.push(
      '',
      'The dispatcher side of the same runs, and CPU seconds over the drain window (backlog: from resume to the last notification; live: from the first POST):',
      '',
      '| Notifiers | Mode | POST sent → tick due p50 (ms) | tick due → flush starts p50 / p99 (ms) | flushes/s (first start → last end) | flush run p50 (ms) | all queued after (s) | CPU s: dispatcher / notifiers / ingest / Redis / bench |',
      '|--:|---|--:|--:|--:|--:|--:|---|',
    );
    for (const r of drain) {
      lines.push(
        `| ${r.notifiers} | ${r.mode} | ${fmtMs(r.postToDueP50)} | ${fmtMs(r.dueToFlushP50)} / ${fmtMs(r.dueToFlushP99)} | ${fmtInt(r.flushesPerSec)} | ${fmtMs(r.flushRunMsP50)} | ${r.dispatchMs ? fmtS(r.dispatchMs) : '–'} | ${[r.cpu.dispatcher, r.cpu.notifiers, r.cpu.ingest, r.cpu.redis, r.cpu.bench].map((x) => x.toFixed(2)).join(' / ')} (window ${fmtS(r.windowMs)} s) |`,
      );
    }
    lines.push(
      '',
      'Cost per notification (backlog: the notifiers alone after resume, and the dispatcher before; live: everything):',
      '',
      '| Notifiers | Mode | notifier CPU (ms) | dispatcher CPU per group (ms) | Redis CPU (us) | Redis commands (busiest) | 1-min load, start → end | other Redis clients active, max |',
      '|--:|---|--:|--:|--:|---|--:|--:|',
    );
    for (const r of drain) {
      const redisCmds = `${r.redisPerNotification.total.toFixed(1)} (${r.redisPerNotification.top})${r.dispatchRedisPerGroup ? `; before resume, per group: ${r.dispatchRedisPerGroup.total.toFixed(1)} (${r.dispatchRedisPerGroup.top})` : ''}`;
      lines.push(
        `| ${r.notifiers} | ${r.mode} | ${r.notifierCpuMsPerNotification.toFixed(2)} | ${r.dispatcherCpuMsPerGroup.toFixed(2)} | ${fmtInt(r.redisCpuUsPerNotification)} | ${redisCmds} | ${r.load.map((x) => x.toFixed(1)).join(' → ')} | ${r.otherClients.max} |`,
      );
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
    if (redis) {
      for (let n = 1; n <= scenarioSeq; n++)
        await deletePrefix(redis, `${PREFIX}-${n}`).catch(() => undefined);
    }
    rmSync(tmp, { recursive: true, force: true });
    process.exit(130);
  });
}

async function main() {
  redis = await RedisConn.connect(opt['redis-url']);
  const info = parseInfo(await redis.call('INFO', 'server'));
  const persistence = parseInfo(await redis.call('INFO', 'persistence'));
  const existing = await scanKeys(redis, `${PREFIX}-*`);
  if (existing.length > 0)
    die(`Redis already has ${existing.length} keys under ${PREFIX}-*; pick another --prefix`);
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    redis: info.redis_version,
    redisAof: persistence.aof_enabled === '1',
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    commit: gitDescribe(repoRoot),
    alerts: N_ALERTS,
    batch: BATCH,
    rate: RATE,
    drainGroups: DRAIN_GROUPS,
    receiverDelayMs: RECEIVER_DELAY_MS,
    notifierConcurrency: NOTIFIER_CONCURRENCY ?? '16 (default)',
    command: `node bench/pipeline.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  };
  log(
    `Node ${meta.node}, Redis ${meta.redis} (AOF ${meta.redisAof ? 'on' : 'off'}), ${meta.cpus} CPUs, ${meta.commit}, prefix ${PREFIX}-<n>`,
  );

  const latency = [];
  const drain = [];
  const dump = () => {
    if (opt.json) writeFileSync(opt.json, JSON.stringify({ meta, latency, drain }, null, 2));
  };
  try {
    if (opt.only !== 'drain') {
      for (const order of ORDERS)
        for (const groups of GROUP_COUNTS) {
          latency.push(await latencyScenario(groups, order));
          dump();
        }
    }
    if (opt.only !== 'latency') {
      for (const mode of DRAIN_MODES)
        for (const n of NOTIFIER_COUNTS) {
          drain.push(await drainScenario(n, mode));
          dump();
        }
    }
  } finally {
    killChildren();
    for (let n = 1; n <= scenarioSeq; n++) await deletePrefix(redis, `${PREFIX}-${n}`).catch(() => undefined);
    const left = await scanKeys(redis, `${PREFIX}-*`);
    log(`${left.length} keys left under ${PREFIX}-*`);
    redis.close();
    closeConnections();
    rmSync(tmp, { recursive: true, force: true });
  }

  console.log(
    `Date ${meta.date}; ${meta.cpus} CPUs (${meta.cpuModel}); Node ${meta.node}; Redis ${meta.redis} (AOF ${meta.redisAof ? 'on' : 'off'}); ${meta.commit}`,
  );
  console.log(`Command: ${meta.command}\n`);
  console.log(report(latency, drain, meta));
  dump();
}

await main();
