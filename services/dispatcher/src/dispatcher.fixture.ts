// A dispatcher stack for the Redis tests (excluded from the build): real AlertStore, `alerts`
// queue and dispatchers in-process, plus a stand-in notifier that completes every
// `notify.webhook` job and logs it in the nflog as the real notifier does after a send.

import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '@tocsin/config';
import { publishReload } from '@tocsin/coordinator';
import { alertFromPostable, type LabelSet } from '@tocsin/model';
import { NotificationLog } from '@tocsin/nflog';
import { ALERTS_QUEUE, type AlertsJobData, type NotifyJobData, notifyQueue } from '@tocsin/queues';
import { RouteTree } from '@tocsin/routing';
import { connectRedis, createLogger } from '@tocsin/runtime';
import { Silences } from '@tocsin/silences';
import { AlertStore } from '@tocsin/store';
import { deleteKeysWithPrefix, testRedisUrl, uniquePrefix, waitFor } from '@tocsin/test-support';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { parseDispatcherFlags } from './flags.js';
import { GroupStore } from './group-store.js';
import { type DispatcherOptions, type RunningDispatcher, startDispatcher } from './main.js';

export interface PostedAlert {
  labels: LabelSet;
  annotations?: LabelSet;
  /** ISO times, as in POST /api/v2/alerts. */
  startsAt?: string;
  endsAt?: string;
}

export const iso = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();

export class Stack {
  readonly dispatchers: RunningDispatcher[] = [];
  readonly store: AlertStore;
  readonly groups: GroupStore;
  readonly nflog: NotificationLog;
  readonly silences: Silences;
  private readonly alertsQueue: Queue<AlertsJobData>;
  private readonly notifications: Queue<NotifyJobData>;
  private readonly notifier: Worker<NotifyJobData>;
  private readonly configFile: string;
  private configText: string;

  private constructor(
    readonly redis: Redis,
    readonly prefix: string,
    config: string,
  ) {
    this.configText = config;
    this.configFile = path.join(mkdtempSync(path.join(tmpdir(), 'tocsin-dispatcher-')), 'alertmanager.yml');
    writeFileSync(this.configFile, config);
    this.store = new AlertStore(redis, { prefix });
    this.groups = new GroupStore(redis, prefix);
    this.nflog = new NotificationLog(redis, { prefix });
    this.silences = new Silences(redis, { prefix });
    this.alertsQueue = new Queue<AlertsJobData>(ALERTS_QUEUE, { connection: redis, prefix });
    this.notifications = new Queue<NotifyJobData>(notifyQueue('webhook'), { connection: redis, prefix });
    this.notifier = new Worker<NotifyJobData>(
      notifyQueue('webhook'),
      async ({ data }) => {
        const key = {
          groupKey: data.groupKey,
          receiver: data.receiver,
          integration: data.integration,
          index: data.index,
        };
        const entry = { firing: data.firing, resolved: data.resolved, timestamp: data.flushedAt };
        await this.nflog.log(key, entry, data.repeatIntervalMs);
      },
      { connection: redis, prefix, concurrency: 8 },
    );
  }

  /** A fresh prefix with `config` as alertmanager.yml and `dispatchers` dispatchers on it. */
  static async start(
    name: string,
    config: string,
    dispatchers = 1,
    options: DispatcherOptions = {},
  ): Promise<Stack> {
    const redis = await connectRedis(testRedisUrl());
    const stack = new Stack(redis, uniquePrefix(name), config);
    await stack.silences.start();
    for (let i = 0; i < dispatchers; i++) await stack.addDispatcher(options);
    return stack;
  }

  async addDispatcher(options: DispatcherOptions = {}): Promise<RunningDispatcher> {
    const flags = parseDispatcherFlags([
      `--config.file=${this.configFile}`,
      `--redis.url=${testRedisUrl()}`,
      `--redis.prefix=${this.prefix}`,
    ]);
    const running = await startDispatcher(flags, createLogger('dispatcher', 'silent'), {
      sweep: { intervalMs: 3_600_000, graceMs: 100 },
      ...options,
    });
    this.dispatchers.push(running);
    return running;
  }

  /** What the ingest does for one POST: merge into the store, then one `alerts` job. */
  async post(alerts: PostedAlert[]): Promise<void> {
    const now = Date.now();
    const built = alerts.map((a, i) => {
      const result = alertFromPostable(a, i, now, 5 * 60_000);
      if (!('alert' in result)) throw new Error(`bad test alert ${JSON.stringify(a)}`);
      return result.alert;
    });
    const { stored } = await this.store.put(built, now);
    await this.alertsQueue.add('alerts', { fingerprints: stored.map((a) => a.fingerprint) });
  }

  resolve(alerts: PostedAlert[]): Promise<void> {
    return this.post(alerts.map((a) => ({ ...a, endsAt: a.endsAt ?? iso() })));
  }

  /** Every notify.webhook job so far, in tick order. */
  async sent(): Promise<NotifyJobData[]> {
    const jobs = await this.notifications.getJobs([
      'completed',
      'waiting',
      'active',
      'delayed',
      'failed',
      'prioritized',
    ]);
    return jobs
      .map((j) => j.data)
      .sort((a, b) => a.flushedAt - b.flushedAt || a.receiver.localeCompare(b.receiver) || a.index - b.index);
  }

  async waitForSent(count: number, timeoutMs = 8000): Promise<NotifyJobData[]> {
    return waitFor(
      async () => {
        const sent = await this.sent();
        return sent.length >= count ? sent : undefined;
      },
      { timeoutMs, what: `${count} notifications` },
    );
  }

  /** The group of `labels` on the i-th route that matches them, as the current config routes it. */
  groupOf(labels: LabelSet, i = 0) {
    const group = RouteTree.fromConfig(loadConfig(this.configText)).groupsFor(labels)[i];
    if (!group) throw new Error('no such group');
    return group;
  }

  /** Waits until the group has started `tick` (its chain is alive and past that point). */
  async waitForTick(groupId: string, tick: number, timeoutMs = 8000): Promise<void> {
    await waitFor(async () => ((await this.groups.timer(groupId))?.tick ?? -1) >= tick, {
      timeoutMs,
      what: `tick ${tick} of ${groupId}`,
    });
  }

  /** Rewrites the config file and reloads every dispatcher, as POST /-/reload does for a fleet. */
  async reload(config: string): Promise<void> {
    this.configText = config;
    writeFileSync(this.configFile, config);
    const hash = createHash('md5').update(config).digest('hex');
    await publishReload(this.redis, this.prefix);
    await waitFor(() => this.dispatchers.every((d) => d.configHash() === hash), {
      what: 'every dispatcher to reload',
    });
  }

  async close(): Promise<void> {
    for (const d of this.dispatchers) await d.close();
    await this.notifier.close();
    await this.notifications.close();
    await this.alertsQueue.close();
    this.silences.stop();
    await deleteKeysWithPrefix(this.redis, this.prefix);
    this.redis.disconnect();
  }
}

/** A config with one webhook receiver and the test timers (group_wait 200ms, group_interval 500ms). */
export function webhookConfig(extra: { route?: string; receivers?: string; top?: string } = {}): string {
  return `${extra.top ?? ''}
route:
  receiver: team
  group_by: [alertname]
  group_wait: 200ms
  group_interval: 500ms
  repeat_interval: 1h
${extra.route ?? ''}
receivers:
  - name: team
    webhook_configs:
      - url: 'http://127.0.0.1:1/hook'
${extra.receivers ?? ''}`;
}

/** Label values of the alerts in a notification, `name=status`. */
export function summary(n: NotifyJobData, label = 'instance'): string[] {
  return n.alerts.map((a) => `${a.labels[label]}=${a.status}`);
}
