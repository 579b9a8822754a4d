#!/usr/bin/env node
// Records fingerprints computed by a real Alertmanager binary so that
// src/fingerprint.test.ts can check our implementation against them.
//
// Usage: node packages/model/scripts/record-fingerprints.mjs [path-to-alertmanager]
// Default binary: /usr/bin/prometheus-alertmanager (Debian package, 0.25.0).
// Writes packages/model/src/fixtures/fingerprints.json.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const binary = process.argv[2] ?? '/usr/bin/prometheus-alertmanager';
const here = dirname(fileURLToPath(import.meta.url));
const outFile = join(here, '..', 'src', 'fixtures', 'fingerprints.json');

// Deterministic PRNG (mulberry32) so re-running produces the same label sets.
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(20240101);
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

// Classic label names only: 0.25 rejects anything else.
const names = [
  'alertname',
  'severity',
  'instance',
  'job',
  'service',
  '_leading',
  '__meta_x',
  'a',
  'Z',
  'name_with_digits_123',
  'UPPER_lower_9',
  'x1',
  'env',
  'team',
  'k8s_namespace',
  'a_very_long_label_name_that_goes_on_and_on_and_on_for_quite_a_while_0123456789',
];
const values = [
  'HighLatency',
  'critical',
  'host:9100',
  'réseau',
  'naïve café',
  '日本語のラベル',
  '中文标签',
  '한국어',
  'emoji 🔥🚨',
  '👩‍👩‍👧‍👦 family',
  '🙂',
  'e\u0301 combining acute',
  'a\u0308\u0323 stacked marks',
  'Ελληνικά',
  'кириллица',
  'עברית',
  'العربية',
  'quote "inside"',
  "single 'quote'",
  'back\\slash',
  'double \\\\ backslash',
  'new\nline',
  'tab\there',
  'cr\rreturn',
  'eq=sign',
  'comma,separated,list',
  '{braces}',
  '}{',
  'a="b",c=~"d"',
  ' leading and trailing space ',
  '\u0000nul',
  '\u007fdel',
  '\u00a0nbsp',
  '\u200bzero width',
  '\ufeffbom',
  '\uffff max bmp',
  '\u{10ffff} max plane',
  '\u{1d11e} musical',
  '\ue000 private use',
  'mixed 中 a 🔥 é \n',
  '\ud800 lone high surrogate',
  'lone low \udc00',
  'x',
  '0',
  '-',
  '\\',
  '"',
  '\u00ff',
];

function randomValue() {
  const r = rand();
  if (r < 0.1) return ''; // dropped by Alertmanager
  if (r < 0.15) return pick(values).repeat(int(20, 150)); // long values
  if (r < 0.3) return `${pick(values)}${pick(values)}`;
  return pick(values);
}

const sets = [];
// Hand-picked edge cases first.
sets.push({ alertname: 'single' });
sets.push({ alertname: 'with-empty', empty: '' });
sets.push({ a: '', b: 'only b survives' });
sets.push({ alertname: 'unicode', v: '🔥', w: '日本', x: 'e\u0301' });
sets.push({ alertname: 'escapes', q: '"', bs: '\\', nl: '\n', tab: '\t', eq: '=', comma: ',', br: '{}' });
sets.push({ alertname: 'lone-surrogate', v: '\ud83d' });
{
  const many = { alertname: 'many-labels' };
  for (let i = 0; i < 60; i++) many[`label_${i}`] = `value_${i}_${pick(values)}`;
  sets.push(many);
}
{
  const many = { alertname: 'many-labels-with-empties' };
  for (let i = 0; i < 80; i++) many[`l${i}`] = i % 3 === 0 ? '' : `v${i}`;
  sets.push(many);
}
sets.push({ alertname: 'long', v: 'x'.repeat(10000) });
// Prefix-related names/values: sorting and the separator byte matter here.
sets.push({ ab: 'c', a: 'bc' });
sets.push({ a: 'b', ab: 'c' });
sets.push({ a: 'bc' });
sets.push({ ab: 'c' });
sets.push({ a: 'b\u00ff' });
while (sets.length < 320) {
  const ls = {};
  const n = int(1, rand() < 0.1 ? 70 : 8);
  for (let i = 0; i < n; i++) {
    let name = pick(names);
    if (rand() < 0.3) name = `${name}_${int(0, 99)}`;
    ls[name] = randomValue();
  }
  sets.push(ls);
}

// What Alertmanager keeps: empty values dropped; Go's JSON decoder turns lone
// surrogates into U+FFFD.
const toWellFormed = (s) => s.replace(/\p{Surrogate}/gu, '\ufffd');
function effective(ls) {
  const out = {};
  for (const [k, v] of Object.entries(ls)) if (v !== '') out[toWellFormed(k)] = toWellFormed(v);
  return out;
}
const keyOf = (ls) =>
  JSON.stringify(
    Object.keys(ls)
      .sort()
      .map((k) => [k, ls[k]]),
  );

// Drop sets that are empty after cleaning or collide with an earlier set.
const seen = new Set();
const unique = [];
for (const ls of sets) {
  const eff = effective(ls);
  if (Object.keys(eff).length === 0) continue;
  const key = keyOf(eff);
  if (seen.has(key)) continue;
  seen.add(key);
  unique.push(ls);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'am-fp-'));
  const config = join(dir, 'alertmanager.yml');
  writeFileSync(config, "route:\n  receiver: 'null'\nreceivers:\n  - name: 'null'\n");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const am = spawn(
    binary,
    [
      `--config.file=${config}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  am.stderr.on('data', (d) => {
    stderr += d;
  });
  try {
    let ready = false;
    for (let i = 0; i < 100 && !ready; i++) {
      await sleep(100);
      ready = await fetch(`${base}/-/ready`).then(
        (r) => r.ok,
        () => false,
      );
    }
    if (!ready) throw new Error(`alertmanager did not become ready:\n${stderr}`);

    const version = await (await fetch(`${base}/api/v2/status`)).json();
    // endsAt far in the future so every alert is active when read back.
    const endsAt = new Date(Date.now() + 3600_000).toISOString();
    for (let i = 0; i < unique.length; i += 50) {
      const batch = unique.slice(i, i + 50).map((labels) => ({ labels, endsAt }));
      const res = await fetch(`${base}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch),
      });
      if (res.status !== 200) throw new Error(`POST failed: ${res.status} ${await res.text()}`);
    }
    const got = await (await fetch(`${base}/api/v2/alerts`)).json();
    const byKey = new Map(got.map((a) => [keyOf(a.labels), a.fingerprint]));
    if (got.length !== unique.length) throw new Error(`posted ${unique.length}, read back ${got.length}`);
    const fixture = unique.map((labels) => {
      const fp = byKey.get(keyOf(effective(labels)));
      if (fp === undefined) throw new Error(`no alert read back for ${JSON.stringify(labels)}`);
      return { labels, fingerprint: fp };
    });
    writeFileSync(outFile, `${JSON.stringify(fixture, null, 1)}\n`);
    console.log(
      `alertmanager ${version.versionInfo.version}: wrote ${fixture.length} fingerprints to ${outFile}`,
    );
  } finally {
    if (am.exitCode === null && am.signalCode === null) {
      const exited = new Promise((r) => am.once('exit', r));
      am.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
