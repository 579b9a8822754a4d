// Test support shared by the integrations' end-to-end tests (left out of the build): a notifier
// started in-process on its own Redis prefix, consuming one integration's queue and sending to a
// VendorStandIn, and the alert group the fixtures were recorded with
// (services/notifier/scripts/record-alertmanager-requests.mjs).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IntegrationType } from '@tocsin/config';
import { DeadLetters } from '@tocsin/dead-letters';
import { fingerprint, GO_ZERO_TIME_MS, type LabelSet } from '@tocsin/model';
import { NOTIFY_JOB_OPTIONS, type NotifyAlert, type NotifyJobData, notifyQueue } from '@tocsin/queues';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  type StandInReply,
  type StandInRequest,
  testRedisUrl,
  uniquePrefix,
  VendorStandIn,
  waitFor,
} from '@tocsin/test-support';
import { type Job, type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { parseNotifierFlags } from '../flags.js';
import { type RunningNotifier, startNotifier } from '../main.js';

/** The group key Alertmanager gave the recorded group (route receiver team.ops, group_by alertname). */
export const RECORDED_GROUP_KEY = '{}:{alertname="DiskFull"}';
const EXTERNAL_URL = 'http://alertmanager.example:9093';

/** One request of a recorded fixture (alertmanager-0.25.json). */
export interface RecordedRequest {
  method: string;
  path: string;
  tunnel?: string;
  host?: string;
  headers: Record<string, string>;
  body: unknown;
}
export type StepName = 'firing' | 'partly-resolved' | 'resolved';
export interface RecordedSteps {
  recordedWith: string;
  steps: { name: StepName; requests: RecordedRequest[] }[];
}

export function readRecording(fixturesDir: string, file = 'alertmanager-0.25.json'): RecordedSteps {
  return JSON.parse(readFileSync(path.join(fixturesDir, file), 'utf8')) as RecordedSteps;
}

interface ReplyRule {
  match: string;
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** A notifier started in-process with its own Redis prefix, consuming one integration's queue. */
export interface NotifierUnderTest {
  /** A temp dir for files the config names (key files, templates); the config is alertmanager.yml. */
  dir: string;
  configFile: string;
  prefix: string;
  redis: Redis;
  notifier: RunningNotifier;
  queue: Queue<NotifyJobData>;
  /** The notifier's log lines (JSON). */
  logs: string[];
  deadLetters: DeadLetters;
  /** Adds the job and waits until it completed or failed. */
  run(n: NotifyJobData, opts?: JobsOptions): Promise<Job<NotifyJobData>>;
  close(): Promise<void>;
}

/** A temp dir for a notifier under test (removed by its close()). */
export function notifierTestDir(integration: IntegrationType): string {
  return mkdtempSync(path.join(tmpdir(), `tocsin-${integration}-`));
}

/** Writes `config` as `dir/alertmanager.yml` and starts a notifier for `integration` on it. */
export async function startNotifierUnderTest(
  integration: IntegrationType,
  dir: string,
  config: string,
  options: { externalUrl?: string; flags?: string[]; jobTimeoutMs?: number } = {},
): Promise<NotifierUnderTest> {
  const prefix = uniquePrefix(`notifier-${integration}`);
  const redis: Redis = connectTestRedis();
  const configFile = path.join(dir, 'alertmanager.yml');
  writeFileSync(configFile, config);
  const logs: string[] = [];
  const flags = parseNotifierFlags(
    [
      `--config.file=${configFile}`,
      `--redis.url=${testRedisUrl()}`,
      `--redis.prefix=${prefix}`,
      `--web.external-url=${options.externalUrl ?? EXTERNAL_URL}`,
      `--integration=${integration}`,
      ...(options.flags ?? []),
    ],
    {},
  );
  const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(line) });
  const notifier: RunningNotifier = await startNotifier(flags, logger);
  const queue = new Queue<NotifyJobData>(notifyQueue(integration), { connection: redis, prefix });
  let seq = 0;
  return {
    dir,
    configFile,
    prefix,
    redis,
    notifier,
    queue,
    logs,
    deadLetters: new DeadLetters(redis, { prefix }),
    async run(n, opts = {}) {
      seq += 1;
      const id = `test.${seq}.${Math.random().toString(16).slice(2)}`;
      await queue.add('notify', n, { ...NOTIFY_JOB_OPTIONS, jobId: id, ...opts });
      await waitFor(
        async () => {
          const state = await queue.getJobState(id);
          return state === 'completed' || state === 'failed';
        },
        { timeoutMs: options.jobTimeoutMs ?? 30_000, what: `job ${id} to finish` },
      );
      return (await queue.getJob(id)) as Job<NotifyJobData>;
    },
    async close() {
      await notifier.close();
      await queue.close();
      await deleteKeysWithPrefix(redis, prefix);
      redis.disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Harness {
  standIn: VendorStandIn;
  /** A temp dir for files the config names (key files, templates). */
  dir: string;
  /** The notifier's log lines (JSON). */
  logs: string[];
  deadLetters: DeadLetters;
  /** Adds the job and waits until it completed or failed. */
  run(n: NotifyJobData, opts?: JobsOptions): Promise<Job<NotifyJobData>>;
  close(): Promise<void>;
}

/**
 * Starts a stand-in answering by `fixturesDir/replies.json` (when there is one) and a notifier
 * for `integration` with `config(standInUrl, dir)` as its alertmanager.yml.
 */
async function startHarness(
  integration: IntegrationType,
  fixturesDir: string,
  config: (standInUrl: string, dir: string) => string,
): Promise<Harness> {
  const repliesFile = path.join(fixturesDir, 'replies.json');
  const rules = existsSync(repliesFile)
    ? (JSON.parse(readFileSync(repliesFile, 'utf8')) as ReplyRule[]).map((r) => ({
        ...r,
        re: new RegExp(r.match),
      }))
    : [];
  const standIn = await VendorStandIn.start({
    defaultReply: (r: StandInRequest): StandInReply => {
      const rule = rules.find((x) => x.re.test(`${r.method} ${r.url}`));
      return rule ? { status: rule.status, headers: rule.headers, body: rule.body } : { status: 200 };
    },
  });
  const dir = notifierTestDir(integration);
  const under = await startNotifierUnderTest(integration, dir, config(standIn.url, dir));
  return {
    standIn,
    dir,
    logs: under.logs,
    deadLetters: under.deadLetters,
    run: under.run,
    async close() {
      await under.close();
      await standIn.close();
    },
  };
}

/** What a test adds to its fixtures' alertmanager.yml, with STAND_IN_URL and TEMP_DIR placeholders. */
export interface FixtureSetup {
  /** Receivers appended to the fixture config. */
  receivers?: string;
  /** Text put before the fixture config (a `global:` section, say). */
  head?: string;
  /** Files written into the temp dir before the notifier starts, by name. */
  files?: Record<string, string>;
}

/**
 * Starts a harness before the file's tests and closes it after them; the harness returned stands
 * for the one running. Its config is `fixturesDir/alertmanager.yml` with `setup`'s additions, and
 * STAND_IN_URL and TEMP_DIR in the config and the files become the stand-in's URL and the temp dir.
 */
export function useHarness(
  integration: IntegrationType,
  fixturesDir: string,
  setup: FixtureSetup = {},
): Harness {
  let running: Harness | undefined;
  const current = (): Harness => {
    if (!running) throw new Error(`the ${integration} harness has not started`);
    return running;
  };
  beforeAll(async () => {
    const fixture = readFileSync(path.join(fixturesDir, 'alertmanager.yml'), 'utf8');
    running = await startHarness(integration, fixturesDir, (url, dir) => {
      const fill = (text: string) => text.replaceAll('STAND_IN_URL', url).replaceAll('TEMP_DIR', dir);
      for (const [name, content] of Object.entries(setup.files ?? {})) {
        writeFileSync(path.join(dir, name), fill(content));
      }
      return fill(`${setup.head ?? ''}${fixture}${setup.receivers ?? ''}`);
    });
  }, 60_000);
  afterAll(async () => {
    await running?.close();
  });
  return {
    get standIn() {
      return current().standIn;
    },
    get dir() {
      return current().dir;
    },
    get logs() {
      return current().logs;
    },
    get deadLetters() {
      return current().deadLetters;
    },
    run: (n, opts) => current().run(n, opts),
    close: () => current().close(),
  };
}

function alert(
  instance: string,
  description: string,
  startsAt: string,
  endsAt: string | undefined,
): NotifyAlert {
  const labels: LabelSet = { alertname: 'DiskFull', cluster: 'zürich-1', severity: 'critical', instance };
  const host = instance.split(':')[0] ?? '';
  return {
    fingerprint: fingerprint(labels),
    status: endsAt ? 'resolved' : 'firing',
    labels,
    annotations: {
      summary: 'Disk almost full',
      description,
      runbook_url: `https://runbooks.example.org/disk-full?host=${host}`,
    },
    startsAt: Date.parse(startsAt),
    endsAt: endsAt ? Date.parse(endsAt) : GO_ZERO_TIME_MS,
    generatorURL: 'http://prometheus.example:9090/graph?g0.expr=disk_free%3C0.03',
  };
}

interface FixtureAlert {
  labels: LabelSet;
  annotations: LabelSet;
  startsAt: string;
  endsAt?: string;
  generatorURL: string;
}

/** The alerts a recorder gave Alertmanager (`fixturesDir/alerts.json`), as the dispatcher hands them to a notifier. */
export function readFixtureAlerts(fixturesDir: string): NotifyAlert[] {
  const alerts = JSON.parse(readFileSync(path.join(fixturesDir, 'alerts.json'), 'utf8')) as FixtureAlert[];
  return alerts.map((a) => ({
    fingerprint: fingerprint(a.labels),
    status: a.endsAt ? 'resolved' : 'firing',
    labels: a.labels,
    annotations: a.annotations,
    startsAt: Date.parse(a.startsAt),
    endsAt: a.endsAt ? Date.parse(a.endsAt) : GO_ZERO_TIME_MS,
    generatorURL: a.generatorURL,
  }));
}

/** The alerts of the recorded group at each of the recorder's steps, as Alertmanager flushed them. */
export function recordedStepAlerts(step: StepName): NotifyAlert[] {
  const db1 = (endsAt?: string) =>
    alert('db-1:9100', 'Only 3% left on /var (≥ 97% used) & <growing>', '2024-05-01T10:00:00Z', endsAt);
  const db2 = (endsAt?: string) =>
    alert('db-2:9100', 'Only 2% left on /data', '2024-05-01T10:05:00Z', endsAt);
  if (step === 'firing') return [db1(), db2()];
  if (step === 'partly-resolved') return [db1('2024-05-01T10:30:00Z'), db2()];
  return [db2('2024-05-01T10:35:00Z')];
}

/**
 * A notify job of `alerts` to `receiver`'s first `integration` config, as the dispatcher's first
 * notification of group `groupKey` (repeat_interval 1h, group_interval 30s); `over` replaces fields.
 */
export function notifyJob(
  integration: IntegrationType,
  receiver: string,
  group: { key: string; labels: LabelSet },
  alerts: NotifyAlert[],
  over: Partial<NotifyJobData> = {},
): NotifyJobData {
  return {
    receiver,
    integration,
    index: 0,
    groupKey: group.key,
    groupLabels: group.labels,
    routeLabels: {},
    alerts,
    firing: alerts.filter((a) => a.status === 'firing').map((a) => a.fingerprint),
    resolved: alerts.filter((a) => a.status === 'resolved').map((a) => a.fingerprint),
    repeatIntervalMs: 3_600_000,
    reason: 'first notification',
    flushedAt: Date.now(),
    groupIntervalMs: 30_000,
    configHash: 'test',
    ...over,
  };
}

/** A notification of `alerts` (by default the firing step) to `receiver`'s index-th config. */
export function notification(
  integration: IntegrationType,
  receiver: string,
  over: Partial<NotifyJobData> = {},
): NotifyJobData {
  const alerts = over.alerts ?? recordedStepAlerts('firing');
  return notifyJob(
    integration,
    receiver,
    { key: RECORDED_GROUP_KEY, labels: { alertname: 'DiskFull' } },
    alerts,
    { repeatIntervalMs: 4 * 3_600_000, ...over },
  );
}

/** A request as the recorder keeps it (the headers the tests compare), for comparison with a fixture. */
export function describeRequest(r: StandInRequest): RecordedRequest {
  let body: unknown = r.body;
  if (String(r.headers['content-type'] ?? '').startsWith('application/json')) body = JSON.parse(r.body);
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'user-agent', 'authorization']) {
    const value = r.headers[name];
    if (value !== undefined) headers[name] = String(value);
  }
  return {
    method: r.method,
    path: r.url,
    ...(r.tunnel ? { tunnel: r.tunnel, host: r.host } : {}),
    headers,
    body,
  };
}

const sortKey = (r: RecordedRequest) => `${r.path}\u0000${r.method}\u0000${JSON.stringify(r.body)}`;

/** Sorted as the recorder sorts a step's requests. */
function sortRequests(list: readonly RecordedRequest[]): RecordedRequest[] {
  return [...list].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

/**
 * Sends each recorded step's alerts to `receiver`'s configs `indexes` (each must succeed) and
 * returns, per step, the recorded requests and Tocsin's (raw and described), both sorted.
 */
export async function replayRecording(
  h: Harness,
  integration: IntegrationType,
  recording: RecordedSteps,
  indexes: readonly number[],
  receiver = 'team.ops',
): Promise<
  {
    name: StepName;
    alerts: NotifyAlert[];
    recorded: RecordedRequest[];
    ours: RecordedRequest[];
    raw: StandInRequest[];
  }[]
> {
  const out = [];
  for (const step of recording.steps) {
    const alerts = recordedStepAlerts(step.name);
    const before = h.standIn.requests.length;
    for (const index of indexes) {
      const job = await h.run(notification(integration, receiver, { index, alerts }));
      if (job.returnvalue !== 'sent') {
        throw new Error(`${step.name} [${index}]: ${job.returnvalue ?? job.failedReason}`);
      }
    }
    const raw = h.standIn.requests.slice(before);
    out.push({
      name: step.name,
      alerts,
      recorded: sortRequests(step.requests),
      ours: sortRequests(raw.map(describeRequest)),
      raw,
    });
  }
  return out;
}
