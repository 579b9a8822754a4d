#!/usr/bin/env node
// Tocsin side by side with Alertmanager 0.25: the same load generator (load-generator.mjs), the
// same webhook sink (webhook-sink.mjs) and the same alertmanager.yml drive both, in one run, on
// the same machine. `npm run bench` runs it; pass options after `--`.
//
// Usage (from the repo root, after `npx turbo run build`, with Redis on --redis-url):
//
//   npm run bench -- [--only ingest|latency|memory|scaleout[,...]] [--runs 3] [--json out.json]
//                    [--redis-url redis://127.0.0.1:6379] [--prefix bench-sbs-<pid>]
//                    [--alertmanager-bin /usr/bin/prometheus-alertmanager]
//                    [--tocsin-bin node_modules/.bin/tocsin] [--timeout 600] [--no-snapshot]
//   npm run bench -- --merge a.json,b.json,c.json    (no run: one report over the runs of
//                                                     several earlier --json files)
//
// Unless --no-snapshot (or --tocsin-bin) is given, the built workspaces (packages/, services/,
// node_modules/@tocsin) are first copied into the temp dir and Tocsin runs from that copy, so a
// rebuild in the working tree during a long run cannot change or break the code under test.
//
// Every measurement starts fresh servers: Alertmanager on free ports with
// `--cluster.listen-address=` and its own `--storage.path` in a temp dir; Tocsin as real
// processes (`tocsin ingest`, `tocsin dispatcher`, `tocsin notifier --integration=webhook`, the
// bin `npx tocsin` runs) on their own Redis prefix `<prefix>-<n>`, whose keys are deleted with
// SCAN + UNLINK afterwards. Within each run Tocsin and Alertmanager alternate in which goes first.
// The config (both): one route, `group_by: [bgroup]`, `group_wait: 0s`, `group_interval: 10s`,
// `repeat_interval: 4h`, one receiver with one webhook_config pointing at the sink.
//
// Scenarios (`--only`, comma-separated; default all):
//  ingest    alerts/s accepted: 2 000 warm-up alerts, then 20 000 alerts (100 per group) POSTed
//            in batches of 1 and then of 100, 16 requests in flight.
//  latency   end-to-end latency: after 200 warm-up alerts, 10 000 alerts in 100 groups and, on a
//            fresh server, in 1 000 groups; a group's alerts are POSTed together, 100 per POST,
//            1 000 alerts/s. Latency of an alert = the sink receiving the first notification that
//            contains it - its POST being answered. p50 and p99 over the 10 000 alerts.
//  memory    resident memory with 100 000 active alerts (1 000 groups, batches of 1 000, 4 in
//            flight), read once every alert has reached the sink: Alertmanager's RSS against the
//            sum of Tocsin's processes' RSS plus the growth of Redis `used_memory` since just
//            before Tocsin started (Redis is shared: MEMORY USAGE of the prefix's keys is given
//            as a cross-check).
//  scaleout  notifications/s with a sink answering after 50 ms: 2 000 alerts in 2 000 groups.
//            Tocsin with 1, 2 and 4 webhook notifiers (default --concurrency 16 each): the
//            notify.webhook queue is paused until all 2 000 notifications are queued, then
//            resumed, so this is the notifiers' own drain rate. Alertmanager (one process, one
//            goroutine per group, no limit) gets the same 2 000 alerts as fast as 4 POSTs in
//            flight allow; its drain rate is the reference.
// Rate = notifications / (last arrival - first arrival).
//
// Output: progress on stderr; on stdout a markdown table per scenario with, per figure, the
// median and spread (min-max) over `--runs` runs for each system and the ratio Tocsin / AM
// (computed per run, runs being paired; median and min-max).

import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { makeAlerts, now, postAlerts, sleep, toBodies } from './load-generator.mjs';
import { parseInfo, RedisConn } from './redis-client.mjs';
import {
  deletePrefix,
  killChildren,
  notifyWebhookQueue,
  rssBytes,
  startAlertmanager,
  startTocsin,
} from './targets.mjs';
import { printUsageAndExit } from './usage.mjs';
import { startWebhookSink } from './webhook-sink.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCENARIOS = ['ingest', 'latency', 'memory', 'scaleout'];
const AM_DRAIN = 'notifications/s (AM: one process)';
const MEMORY_USAGE_TOTAL = 'resident memory, Redis counted by MEMORY USAGE (MB)';

const { values: opt } = parseArgs({
  options: {
    only: { type: 'string' },
    runs: { type: 'string', default: '3' },
    json: { type: 'string' },
    merge: { type: 'string' },
    'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379' },
    prefix: { type: 'string', default: `bench-sbs-${process.pid}` },
    'alertmanager-bin': { type: 'string', default: '/usr/bin/prometheus-alertmanager' },
    'tocsin-bin': { type: 'string' },
    timeout: { type: 'string', default: '600' },
    'no-snapshot': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) printUsageAndExit(import.meta.url);
const RUNS = Number(opt.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) die(`--runs must be a positive integer, got ${opt.runs}`);
const ONLY = opt.only ? opt.only.split(',') : SCENARIOS;
for (const s of ONLY) if (!SCENARIOS.includes(s)) die(`unknown scenario ${s} (${SCENARIOS.join('|')})`);
if (!/^[A-Za-z0-9_.-]+$/.test(opt.prefix)) die(`--prefix must be [A-Za-z0-9_.-]+, got ${opt.prefix}`);
if (!existsSync(opt['alertmanager-bin'])) die(`no Alertmanager at ${opt['alertmanager-bin']}`);
const TIMEOUT_MS = Number(opt.timeout) * 1000;

function die(msg) {
  console.error(`bench/side-by-side: ${msg}`);
  process.exit(2);
}
const log = (...a) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tocsin-bench-sbs-'));
/** The Tocsin bin to run; the snapshot is made on first use. */
let tocsinBin =
  opt['tocsin-bin'] ?? (opt['no-snapshot'] ? path.join(repoRoot, 'node_modules/.bin/tocsin') : undefined);

/** Copies the built workspaces into the temp dir; third-party packages are linked, not copied. */
function snapshot() {
  const dst = path.join(tmp, 'tocsin');
  const skip = (src) => !/[/\\](\.turbo|\.vite|coverage)([/\\]|$)/.test(src.slice(repoRoot.length));
  for (const dir of ['packages', 'services'])
    cpSync(path.join(repoRoot, dir), path.join(dst, dir), {
      recursive: true,
      verbatimSymlinks: true,
      filter: skip,
    });
  cpSync(path.join(repoRoot, 'package.json'), path.join(dst, 'package.json'));
  mkdirSync(path.join(dst, 'node_modules'));
  for (const entry of readdirSync(path.join(repoRoot, 'node_modules'))) {
    if (entry === '@tocsin')
      cpSync(path.join(repoRoot, 'node_modules', entry), path.join(dst, 'node_modules', entry), {
        recursive: true,
        verbatimSymlinks: true,
      });
    else symlinkSync(path.join(repoRoot, 'node_modules', entry), path.join(dst, 'node_modules', entry));
  }
  return path.join(dst, 'packages/cli/bin/tocsin.js');
}
let redis;
let seq = 0;

function configText(sinkUrl) {
  return `# Written by bench/side-by-side.mjs; the same file for Tocsin and Alertmanager.
route:
  receiver: bench
  group_by: [bgroup]
  group_wait: 0s
  group_interval: 10s
  repeat_interval: 4h
receivers:
  - name: bench
    webhook_configs:
      - url: ${sinkUrl}
`;
}

/** Starts `kind` ('tocsin' | 'alertmanager') with the shared config pointing at `sink`. */
async function startTarget(kind, sink, notifiers = 1) {
  const n = ++seq;
  const dir = path.join(tmp, `${n}-${kind}`);
  const configFile = path.join(tmp, `${n}-alertmanager.yml`);
  writeFileSync(configFile, configText(sink.url));
  if (kind === 'alertmanager') return startAlertmanager({ bin: opt['alertmanager-bin'], configFile, dir });
  tocsinBin ??= snapshot();
  return startTocsin({
    bin: tocsinBin,
    configFile,
    dir,
    redis,
    redisUrl: opt['redis-url'],
    prefix: `${opt.prefix}-${n}`,
    notifiers,
  });
}

async function waitFor(cond, what, progress) {
  const deadline = Date.now() + TIMEOUT_MS;
  let lastLog = Date.now();
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    if (progress && Date.now() - lastLog > 15_000) {
      lastLog = Date.now();
      log(progress());
    }
    await sleep(50);
  }
}

/** Posts `count` one-alert-per-group warm-up alerts and waits for their notifications. */
async function warmUp(target, sink, count) {
  const alerts = makeAlerts(count, { tag: 'w', alertname: 'BenchWarmup' });
  await postAlerts(target.ingest, toBodies(alerts, 100), { concurrency: 4 });
  await waitFor(() => sink.seenWithTag('w') >= count, `${count} warm-up notifications`);
  await sleep(300);
  sink.reset();
}

/** Both systems, in an order that alternates with the run number. */
const order = (run) => (run % 2 === 1 ? ['tocsin', 'alertmanager'] : ['alertmanager', 'tocsin']);

// ---------------------------------------------------------------- scenarios

async function ingestRun(kind) {
  const sink = await startWebhookSink();
  const target = await startTarget(kind, sink);
  try {
    await postAlerts(target.ingest, toBodies(makeAlerts(2000, { tag: 'w' }), 100), { concurrency: 16 });
    const out = {};
    for (const batch of [1, 100]) {
      const alerts = makeAlerts(20_000, { tag: `i${batch}-`, groupOf: (i) => Math.floor(i / 100) });
      const r = await postAlerts(target.ingest, toBodies(alerts, batch), { concurrency: 16 });
      out[`batch ${batch}: alerts/s`] = 20_000 / (r.elapsedMs / 1000);
      log(`ingest ${kind} batch ${batch}: ${Math.round(out[`batch ${batch}: alerts/s`])} alerts/s`);
    }
    return out;
  } finally {
    await target.stop();
    await sink.close();
  }
}

async function latencyRun(kind, groups) {
  const sink = await startWebhookSink();
  const target = await startTarget(kind, sink);
  try {
    await warmUp(target, sink, 200);
    const N = 10_000;
    const perGroup = N / groups;
    const alerts = makeAlerts(N, { tag: 'L', groupOf: (i) => Math.floor(i / perGroup) });
    const r = await postAlerts(target.ingest, toBodies(alerts, 100), { rate: 1000 });
    await waitFor(
      () => sink.firstSeen.size >= N,
      `${N} alerts at the sink`,
      () => `latency ${kind} ${groups}: ${sink.firstSeen.size}/${N} alerts at the sink`,
    );
    const latency = alerts.map((_, i) => sink.firstSeen.get(`L${i}`) - r.answeredAt[i]);
    // Share of alerts in their group's first notification (the others waited for group_interval).
    const firstOfGroup = new Map();
    for (const req of sink.requests) if (!firstOfGroup.has(req.group)) firstOfGroup.set(req.group, req);
    const first = [];
    for (const req of firstOfGroup.values())
      for (const s of req.seqs) if (s.startsWith('L')) first.push(latency[Number(s.slice(1))]);
    const out = {
      [`${groups} groups: p50 (ms)`]: quantile(latency, 0.5),
      [`${groups} groups: p99 (ms)`]: quantile(latency, 0.99),
      [`... ${groups} groups: alerts in their group's first notification (%)`]: (first.length / N) * 100,
      [`... ${groups} groups: p50 of those (ms)`]: quantile(first, 0.5),
      [`... ${groups} groups: p99 of those (ms)`]: quantile(first, 0.99),
    };
    log(`latency ${kind} ${groups} groups: ${fmtObj(out)}`);
    return out;
  } finally {
    await target.stop();
    await sink.close();
  }
}

async function memoryRun(kind) {
  const sink = await startWebhookSink();
  const usedBefore = await usedMemory();
  const target = await startTarget(kind, sink);
  try {
    const N = 100_000;
    const alerts = makeAlerts(N, { tag: 'M', groupOf: (i) => Math.floor(i / 100) });
    const r = await postAlerts(target.ingest, toBodies(alerts, 1000), { concurrency: 4 });
    log(`memory ${kind}: ${N} alerts posted in ${(r.elapsedMs / 1000).toFixed(1)} s`);
    await waitFor(
      () => sink.firstSeen.size >= N,
      `${N} alerts at the sink`,
      () => `memory ${kind}: ${sink.firstSeen.size}/${N} alerts at the sink`,
    );
    await sleep(3000);
    const rss = target.processes.map((p) => rssBytes(p.child.pid));
    const MB = 1024 * 1024;
    const out = {};
    if (kind === 'alertmanager') {
      out['resident memory (MB)'] = rss[0] / MB;
      out[MEMORY_USAGE_TOTAL] = rss[0] / MB;
    } else {
      const growth = (await usedMemory()) - usedBefore;
      const rssSum = rss.reduce((a, b) => a + b, 0);
      out['resident memory (MB)'] = (rssSum + growth) / MB;
      out['... processes RSS sum (MB)'] = rssSum / MB;
      for (const [i, p] of target.processes.entries()) out[`... ${p.name} RSS (MB)`] = rss[i] / MB;
      out['... Redis used_memory growth (MB)'] = growth / MB;
      // Redis is shared: other clients move used_memory too; the prefix's own keys do not.
      const keys = await prefixMemory(target.prefix);
      out['... MEMORY USAGE of the prefix keys (MB)'] = keys / MB;
      out[MEMORY_USAGE_TOTAL] = (rssSum + keys) / MB;
    }
    log(`memory ${kind}: ${fmtObj(out)}`);
    return out;
  } finally {
    await target.stop();
    await sink.close();
  }
}

async function scaleoutRun(kind, notifiers) {
  const sink = await startWebhookSink({ delayMs: 50 });
  const target = await startTarget(kind, sink, notifiers);
  let queue;
  try {
    await warmUp(target, sink, 200);
    const N = 2000;
    if (kind === 'tocsin') {
      queue = await notifyWebhookQueue(opt['redis-url'], target.prefix);
      await queue.pause();
    }
    const alerts = makeAlerts(N, { tag: 'D' });
    // CPU from here for Alertmanager (it drains while the alerts come in), from the resume for Tocsin.
    let cpu0 = { machine: machineCpu(), services: servicesCpu(target) };
    await postAlerts(target.ingest, toBodies(alerts, 100), { concurrency: 4 });
    if (queue) {
      const p = target.prefix;
      await waitFor(
        async () =>
          (await redis.call('LLEN', `${p}:notify.webhook:wait`)) +
            (await redis.call('LLEN', `${p}:notify.webhook:paused`)) >=
          N,
        `${N} notifications queued`,
      );
      await sleep(500);
    }
    if (queue) cpu0 = { machine: machineCpu(), services: servicesCpu(target) };
    await queue?.resume();
    await waitFor(
      () => sink.seenWithTag('D') >= N,
      `${N} notifications`,
      () => `scaleout ${kind}: ${sink.seenWithTag('D')}/${N} notifications`,
    );
    const times = sink.requests.filter((q) => q.seqs.some((s) => s.startsWith('D'))).map((q) => q.at);
    const rate = times.length / ((Math.max(...times) - Math.min(...times)) / 1000);
    const m1 = machineCpu();
    const busy = 1 - (m1.idle - cpu0.machine.idle) / (m1.total - cpu0.machine.total);
    const serviceCpuMs = ((servicesCpu(target) - cpu0.services) / times.length) * 1000;
    log(
      `scaleout ${kind} ${notifiers}: ${Math.round(rate)} notifications/s, sink max in flight ${sink.maxInflight}, ` +
        `machine CPU busy ${(busy * 100).toFixed(0)}%, ${kind} CPU ${serviceCpuMs.toFixed(2)} ms per notification`,
    );
    return { rate, busy: busy * 100, serviceCpuMs, maxInflight: sink.maxInflight };
  } finally {
    await queue?.close();
    await target.stop();
    await sink.close();
  }
}

/** Jiffies of the whole machine since boot, from /proc/stat: idle (idle + iowait) and total. */
function machineCpu() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: f[3] + f[4], total: f.reduce((a, b) => a + b, 0) };
}

/** user+system CPU seconds of the target's processes (during a drain, Tocsin's are mostly notifiers). */
function servicesCpu(target) {
  let total = 0;
  for (const p of target.processes) {
    try {
      const stat = readFileSync(`/proc/${p.child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {}
  }
  return total;
}

async function usedMemory() {
  return Number(parseInfo(await redis.call('INFO', 'memory')).used_memory);
}

async function prefixMemory(prefix) {
  let total = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.call('SCAN', cursor, 'MATCH', `${prefix}:*`, 'COUNT', '1000');
    cursor = next;
    const sizes = await Promise.all(keys.map((k) => redis.call('MEMORY', 'USAGE', k, 'SAMPLES', '0')));
    for (const s of sizes) total += Number(s) || 0;
  } while (cursor !== '0');
  return total;
}

// ---------------------------------------------------------------- results

/** results[scenario][figure] = { tocsin: number[], alertmanager: number[] } (index = run - 1). */
const results = {};
function record(scenario, kind, run, figures) {
  results[scenario] ??= {};
  for (const [figure, value] of Object.entries(figures)) {
    results[scenario][figure] ??= { tocsin: [], alertmanager: [] };
    results[scenario][figure][kind][run - 1] = value;
  }
}

async function attempt(what, fn) {
  try {
    return await fn();
  } catch (err) {
    log(`${what} FAILED: ${err.stack ?? err}`);
    return undefined;
  }
}

async function runScenario(scenario) {
  for (let run = 1; run <= RUNS; run++) {
    log(
      `${scenario}: run ${run}/${RUNS}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const load = { 'load average (1 min) at start': os.loadavg()[0] };
    record(scenario, 'tocsin', run, load);
    record(scenario, 'alertmanager', run, load);
    for (const kind of order(run)) {
      if (scenario === 'ingest') {
        const r = await attempt(`ingest ${kind}`, () => ingestRun(kind));
        if (r) record(scenario, kind, run, r);
      } else if (scenario === 'latency') {
        for (const groups of [100, 1000]) {
          const r = await attempt(`latency ${kind} ${groups}`, () => latencyRun(kind, groups));
          if (r) record(scenario, kind, run, r);
        }
      } else if (scenario === 'memory') {
        const r = await attempt(`memory ${kind}`, () => memoryRun(kind));
        if (r) record(scenario, kind, run, r);
      } else if (kind === 'alertmanager') {
        const r = await attempt('scaleout alertmanager', () => scaleoutRun(kind, 1));
        if (r)
          record(scenario, kind, run, {
            [AM_DRAIN]: r.rate,
            'AM: machine CPU busy during the drain (%)': r.busy,
            'AM: CPU per notification (ms)': r.serviceCpuMs,
          });
      } else {
        for (const n of [1, 2, 4]) {
          const r = await attempt(`scaleout tocsin ${n}`, () => scaleoutRun(kind, n));
          if (r)
            record(scenario, kind, run, {
              [`notifications/s, ${n} notifier(s)`]: r.rate,
              [`... ${n} notifier(s): machine CPU busy during the drain (%)`]: r.busy,
              [`... ${n} notifier(s): Tocsin CPU per notification (ms)`]: r.serviceCpuMs,
              [`... ${n} notifier(s): sink's most requests in flight`]: r.maxInflight,
            });
        }
      }
    }
    if (opt.json) writeFileSync(opt.json, `${JSON.stringify({ meta: meta(), results }, null, 2)}\n`);
  }
}

function quantile(values, q) {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
const fmt = (n) =>
  !Number.isFinite(n)
    ? '–'
    : Math.abs(n) >= 1000
      ? Math.round(n).toLocaleString('en-US')
      : Math.abs(n) >= 100
        ? n.toFixed(0)
        : Math.abs(n) >= 10
          ? n.toFixed(1)
          : n.toFixed(2);
const fmtObj = (o) =>
  Object.entries(o)
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(', ');
function spread(values) {
  const v = values.filter(Number.isFinite);
  if (v.length === 0) return '–';
  const med = fmt(quantile(v, 0.5));
  return v.length === 1 ? `${med} (1 run)` : `${med} (${fmt(Math.min(...v))}–${fmt(Math.max(...v))})`;
}
/** Tocsin / AM per run (runs are paired), then median and min-max of those ratios. */
function ratioSpread(tocsin, am) {
  const ratios = [];
  for (let i = 0; i < tocsin.length; i++) {
    if (Number.isFinite(tocsin[i]) && Number.isFinite(am[i]) && am[i] !== 0) ratios.push(tocsin[i] / am[i]);
  }
  if (ratios.length === 0) return '–';
  const f = (x) => `${x.toFixed(2)}x`;
  return ratios.length === 1
    ? `${f(ratios[0])} (1 run)`
    : `${f(quantile(ratios, 0.5))} (${f(Math.min(...ratios))}–${f(Math.max(...ratios))})`;
}

function report() {
  const lines = [];
  for (const [scenario, figures] of Object.entries(results)) {
    lines.push(`\n### ${scenario}\n`);
    lines.push(
      '| Figure | Tocsin: median (min–max) | Alertmanager 0.25: median (min–max) | Tocsin / AM: median (min–max) |',
    );
    lines.push('|---|--:|--:|--:|');
    // Scale-out: every Tocsin rate is compared with Alertmanager's one drain rate.
    const amRef = figures[AM_DRAIN]?.alertmanager;
    for (const [figure, { tocsin, alertmanager }] of Object.entries(figures)) {
      const am = amRef && figure.startsWith('notifications/s, ') ? amRef : alertmanager;
      const ratio = figure.startsWith('load average') ? '–' : ratioSpread(tocsin, am);
      lines.push(`| ${figure} | ${spread(tocsin)} | ${spread(alertmanager)} | ${ratio} |`);
    }
  }
  return lines.join('\n');
}

function meta() {
  const git = (...args) => {
    try {
      return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
    } catch {
      return '?';
    }
  };
  return {
    date: new Date().toISOString(),
    commit: git('rev-parse', '--short', 'HEAD'),
    dirty: git('status', '--porcelain').length > 0,
    node: process.version,
    runs: RUNS,
    scenarios: ONLY,
    cpus: os.cpus().length,
  };
}

/** --merge: the runs of several --json files as one set of paired runs. */
function merge(files) {
  for (const file of files) {
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    const runs = saved.meta.runs;
    // Files written before the bench reported it: Tocsin's total with Redis counted by MEMORY
    // USAGE is its processes' RSS sum plus the prefix's keys, both recorded.
    const mem = saved.results.memory;
    if (mem && !mem[MEMORY_USAGE_TOTAL] && mem['... processes RSS sum (MB)']) {
      const rss = mem['... processes RSS sum (MB)'].tocsin;
      const keys = mem['... MEMORY USAGE of the prefix keys (MB)'].tocsin;
      mem[MEMORY_USAGE_TOTAL] = {
        tocsin: rss.map((r, k) => r + keys[k]),
        alertmanager: mem['resident memory (MB)'].alertmanager,
      };
    }
    for (const [scenario, figures] of Object.entries(saved.results)) {
      results[scenario] ??= {};
      for (const [figure, byKind] of Object.entries(figures)) {
        results[scenario][figure] ??= { tocsin: [], alertmanager: [] };
        for (const kind of ['tocsin', 'alertmanager']) {
          const values = Array.from({ length: runs }, (_, k) => byKind[kind]?.[k] ?? Number.NaN);
          // Pad figures missing from earlier files so that runs stay paired.
          const target = results[scenario][figure][kind];
          while (target.length < mergedRuns) target.push(Number.NaN);
          target.push(...values);
        }
      }
    }
    mergedRuns += runs;
  }
  rmSync(tmp, { recursive: true, force: true });
  console.log(`${mergedRuns} runs from ${files.join(', ')}`);
  console.log(report());
}
let mergedRuns = 0;

async function main() {
  if (opt.merge) return merge(opt.merge.split(','));
  process.on('SIGINT', () => {
    killChildren();
    process.exit(130);
  });
  redis = await RedisConn.connect(opt['redis-url']);
  const t0 = now();
  log(`scenarios ${ONLY.join(', ')}; ${RUNS} runs; temp dir ${tmp}`);
  try {
    for (const scenario of ONLY) await runScenario(scenario);
  } finally {
    killChildren();
    // Anything a failed stop left behind.
    let left = 0;
    for (let n = 1; n <= seq; n++) left += await deletePrefix(redis, `${opt.prefix}-${n}`);
    if (left > 0) log(`deleted ${left} leftover keys under ${opt.prefix}-*`);
    redis.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  const m = meta();
  console.log(
    `Tocsin ${m.commit}${m.dirty ? ' (dirty tree)' : ''} against Alertmanager 0.25, ${m.date}, ${RUNS} runs, ` +
      `${((now() - t0) / 60000).toFixed(1)} min, load average now ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  console.log(report());
  if (opt.json) writeFileSync(opt.json, `${JSON.stringify({ meta: m, results }, null, 2)}\n`);
  // Keep-alive sockets and BullMQ's connections would otherwise keep the process up.
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  killChildren();
  process.exit(1);
});
