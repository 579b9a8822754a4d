import { hostname } from 'node:os';
import { type LogSink, silentLogger } from '@tocsin/runtime';
import type { Redis } from 'ioredis';
import type { Coordinator, ReloadResult } from './coordinator.js';

/** What each process records after every reload attempt; `/api/v2/status` lists these. */
export interface ReloadReport {
  service: string;
  instance: string;
  hash: string | null;
  ok: boolean;
  error: string | null;
  at: string;
}

export interface FleetOptions {
  /** Key prefix shared by the whole stack (default `tocsin`). */
  prefix?: string;
  /** The kind of process: ingest, dispatcher, notifier, ... */
  service: string;
  /** Unique per process; defaults to `<hostname>:<pid>`. */
  instance?: string;
  logger?: LogSink;
  /** Reload on SIGHUP too (default true). */
  sighup?: boolean;
}

export const reloadChannel = (prefix: string): string => `${prefix}:config:reload`;
export const reloadStatusKey = (prefix: string): string => `${prefix}:config:status`;

/** Asks every process of the stack to reload, as `redis-cli PUBLISH <prefix>:config:reload ""` does. */
export async function publishReload(redis: Redis, prefix = 'tocsin'): Promise<number> {
  return redis.publish(reloadChannel(prefix), '');
}

/** Every process's last reload report, from the status hash. */
export async function readFleetStatus(redis: Redis, prefix = 'tocsin'): Promise<ReloadReport[]> {
  const entries = await redis.hvals(reloadStatusKey(prefix));
  return entries
    .map((raw) => JSON.parse(raw) as ReloadReport)
    .sort((a, b) => `${a.service}/${a.instance}`.localeCompare(`${b.service}/${b.instance}`));
}

/**
 * Joins a process to fleet-wide reloads: it reloads on every message on
 * `<prefix>:config:reload` and on SIGHUP, and reports each attempt in the status hash. Pub/sub
 * drops messages while a subscriber is away, so every (re)subscribe also reloads once: a
 * broadcast missed during a disconnect heals itself.
 */
export class FleetMember {
  private readonly prefix: string;
  private readonly instance: string;
  private readonly logger: LogSink;
  private readonly subscriber: Redis;
  private readonly onSighup = () => void this.reloadAndReport('SIGHUP');

  private constructor(
    private readonly coordinator: Coordinator,
    private readonly redis: Redis,
    private readonly options: FleetOptions,
  ) {
    this.prefix = options.prefix ?? 'tocsin';
    this.instance = options.instance ?? `${hostname()}:${process.pid}`;
    this.logger = options.logger ?? silentLogger;
    // Named so operators (and tests) can find the subscription in CLIENT LIST.
    this.subscriber = redis.duplicate({
      connectionName: `${this.prefix}:reload:${options.service}/${this.instance}`,
    });
  }

  /**
   * Subscribes, then loads the config for the first time. Resolves with that first result so a
   * service can refuse to start on an invalid config.
   */
  static async join(coordinator: Coordinator, redis: Redis, options: FleetOptions): Promise<FleetMember> {
    const member = new FleetMember(coordinator, redis, options);
    await member.start();
    return member;
  }

  get field(): string {
    return `${this.options.service}/${this.instance}`;
  }

  private async start(): Promise<void> {
    this.subscriber.on('message', (channel: string) => {
      if (channel === reloadChannel(this.prefix)) void this.reloadAndReport('broadcast');
    });
    // ioredis re-subscribes by itself after a reconnect; 'ready' then fires again.
    let connectedBefore = false;
    this.subscriber.on('ready', () => {
      if (connectedBefore) void this.reloadAndReport('resubscribe');
      connectedBefore = true;
    });
    this.subscriber.on('error', (err: Error) =>
      this.logger.warn({ err: err.message }, 'Reload subscriber error'),
    );
    await this.subscriber.subscribe(reloadChannel(this.prefix));
    if (this.options.sighup !== false) process.on('SIGHUP', this.onSighup);
    await this.reloadAndReport('start');
  }

  /** Reloads this process and records the outcome for the fleet. */
  async reloadAndReport(reason: string): Promise<ReloadResult> {
    const result = await this.coordinator.reload();
    this.logger.info({ reason, ok: result.ok, hash: result.hash }, 'Config reload');
    const report: ReloadReport = {
      service: this.options.service,
      instance: this.instance,
      hash: result.hash ?? null,
      ok: result.ok,
      error: result.ok ? null : result.error,
      at: new Date().toISOString(),
    };
    try {
      await this.redis.hset(reloadStatusKey(this.prefix), this.field, JSON.stringify(report));
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'Could not record the reload status');
    }
    return result;
  }

  /** Leaves the fleet: stops listening and removes this process from the status hash. */
  async leave(): Promise<void> {
    process.off('SIGHUP', this.onSighup);
    this.subscriber.disconnect();
    await this.redis.hdel(reloadStatusKey(this.prefix), this.field).catch(() => undefined);
  }
}
