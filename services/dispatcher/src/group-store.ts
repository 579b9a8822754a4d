import type { Alert, LabelSet } from '@tocsin/model';
import type { NflogKey } from '@tocsin/nflog';
import type { RouteGroup } from '@tocsin/routing';
import { decodeRecord, encodeAlert, formatRecord, type RedisScript } from '@tocsin/store';
import type { TraceCarrier } from '@tocsin/telemetry';
import type { Redis } from 'ioredis';
import { GROUP_FIELDS as F, type GroupKeys, groupKeys } from './group-keys.js';
import {
  addMembersScript,
  claimTickScript,
  dropGroupScript,
  finishFlushScript,
  removeMembersScript,
} from './group-scripts.js';

/** One alert going into one of its groups. */
export interface Membership {
  group: RouteGroup;
  alert: Alert;
  /** Used only if this membership creates the group: first flush, in ms after its epoch. */
  firstFlushOffsetMs: number;
}

export interface CreatedGroup {
  groupId: string;
  epoch: number;
  /** Due time of tick 0. */
  firstDue: number;
}

/** What a finished flush leaves for the next tick: AM deletes resolved alerts only on success. */
export interface FlushOutcome {
  tick: number;
  /** The flush's tick time: an nflog entry at least this new means its notification went out. */
  at: number;
  /** Resolved members of the snapshot: fingerprint and updatedAt. */
  resolved: [string, number][];
  /** The nflog slots of the notifications the flush enqueued. */
  pending: NflogKey[];
}

/** A group as a tick reads it. */
export interface GroupRecord {
  groupId: string;
  key: string;
  route: string;
  receiver: string;
  labels: LabelSet;
  epoch: number;
  tick: number | undefined;
  flushed: number | undefined;
  outcome: FlushOutcome | undefined;
  mutedBy: string[];
  config: string | undefined;
}

export interface GroupTimer {
  epoch: number;
  tick: number | undefined;
  route: string;
}

export type Claim =
  | { status: 'gone' | 'stale' }
  | {
      status: 'ok';
      group: GroupRecord;
      members: Alert[];
      /** Trace contexts of the `alerts process` spans that added to the group since the last claim. */
      links: TraceCarrier[];
    };

/** The aggregation groups in Redis (layout in group-keys.ts). */
export class GroupStore {
  readonly keys: GroupKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = groupKeys(prefix);
  }

  /**
   * Adds alerts to their groups in one atomic script; returns the groups it created. With
   * `traceContext` (only while the caller's span records), each existing group that gains or
   * updates a member keeps it for its next flush's span links.
   */
  async addMembers(
    memberships: readonly Membership[],
    now: number,
    traceContext?: TraceCarrier,
  ): Promise<CreatedGroup[]> {
    if (memberships.length === 0) return [];
    const keys = [this.keys.epoch, this.keys.due];
    const carrier = traceContext ? JSON.stringify(traceContext) : '';
    let linksTtlMs = 0;
    const args: (string | number)[] = [now, carrier, 0];
    for (const { group, alert, firstFlushOffsetMs } of memberships) {
      keys.push(this.keys.group(group.id), this.keys.members(group.id));
      if (carrier) {
        keys.push(this.keys.links(group.id));
        // Long enough to reach the next flush, late or not; short enough to leave nothing behind.
        linksTtlMs = Math.max(linksTtlMs, 2 * Math.max(group.route.groupWait, group.route.groupInterval));
      }
      args.push(
        group.id,
        alert.fingerprint,
        alert.updatedAt,
        encodeMember(alert),
        group.key,
        group.route.id,
        group.route.receiver,
        JSON.stringify(group.labels),
        firstFlushOffsetMs,
      );
    }
    args[2] = linksTtlMs + 60_000;
    const flat = (await this.run(addMembersScript, keys, args)) as string[];
    const created: CreatedGroup[] = [];
    for (let i = 0; i + 2 < flat.length; i += 3) {
      created.push({ groupId: flat[i] as string, epoch: Number(flat[i + 1]), firstDue: Number(flat[i + 2]) });
    }
    return created;
  }

  /**
   * Starts a tick (see claimTickScript) and reads the group and its members; with `takeLinks`
   * (the flush span records) also takes the trace contexts left by addMembers.
   */
  async claim(opts: {
    groupId: string;
    epoch: number;
    tick: number;
    dueAt: number;
    nextDue: number;
    receiver: string;
    takeLinks?: boolean;
  }): Promise<Claim> {
    const { groupId } = opts;
    const keys = [this.keys.group(groupId), this.keys.members(groupId), this.keys.due];
    if (opts.takeLinks) keys.push(this.keys.links(groupId));
    const reply = (await this.run(claimTickScript, keys, [
      groupId,
      opts.epoch,
      opts.tick,
      opts.dueAt,
      opts.nextDue,
      opts.receiver,
    ])) as [string, string[]?, string[]?, string[]?];
    if (reply[0] !== 'ok') return { status: reply[0] === 'stale' ? 'stale' : 'gone' };
    const members: Alert[] = [];
    const flat = reply[2] ?? [];
    for (let i = 0; i + 1 < flat.length; i += 2)
      members.push(decodeMember(flat[i] as string, flat[i + 1] as string));
    return {
      status: 'ok',
      group: parseGroup(groupId, pairs(reply[1] ?? [])),
      members,
      links: (reply[3] ?? []).map(parseCarrier).filter((c) => c !== undefined),
    };
  }

  async finish(
    group: GroupRecord,
    tick: number,
    outcome: FlushOutcome | undefined,
    mutedBy: string[],
    configHash: string,
  ): Promise<void> {
    await this.run(
      finishFlushScript,
      [this.keys.group(group.groupId)],
      [group.epoch, tick, outcome ? JSON.stringify(outcome) : '', JSON.stringify(mutedBy), configHash],
    );
  }

  /** Removes members not modified since (fingerprint, updatedAt); deletes the group if none is left. */
  async removeMembers(group: GroupRecord, members: readonly [string, number][]): Promise<number> {
    return (await this.run(
      removeMembersScript,
      [this.keys.group(group.groupId), this.keys.members(group.groupId), this.keys.due],
      [group.groupId, group.epoch, ...members.flat()],
    )) as number;
  }

  async drop(group: GroupRecord): Promise<void> {
    await this.run(
      dropGroupScript,
      [this.keys.group(group.groupId), this.keys.members(group.groupId), this.keys.due],
      [group.groupId, group.epoch],
    );
  }

  /** Groups whose next tick was due at `cutoff` or earlier, oldest first. */
  async overdue(cutoff: number, limit: number): Promise<{ groupId: string; dueAt: number }[]> {
    const flat = await this.redis.zrangebyscore(
      this.keys.due,
      '-inf',
      String(cutoff),
      'WITHSCORES',
      'LIMIT',
      0,
      limit,
    );
    const out: { groupId: string; dueAt: number }[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2)
      out.push({ groupId: flat[i] as string, dueAt: Number(flat[i + 1]) });
    return out;
  }

  /** A group's epoch, last started tick and route id, or undefined when it does not exist. */
  async timer(groupId: string): Promise<GroupTimer | undefined> {
    const [epoch, tick, route] = await this.redis.hmget(this.keys.group(groupId), F.epoch, F.tick, F.route);
    if (epoch == null) return undefined;
    return { epoch: Number(epoch), tick: tick == null ? undefined : Number(tick), route: route ?? '' };
  }

  /** When a group's next tick is due, as the due index says. */
  async dueAt(groupId: string): Promise<number | undefined> {
    const score = await this.redis.zscore(this.keys.due, groupId);
    return score == null ? undefined : Number(score);
  }

  /** Removes a group id from the due index unless the group exists (a leftover). */
  async forgetIfMissing(groupId: string): Promise<void> {
    if ((await this.redis.exists(this.keys.group(groupId))) === 0)
      await this.redis.zrem(this.keys.due, groupId);
  }

  /** Runs one of group-scripts.ts; RedisScript takes string arguments. */
  private run(
    script: RedisScript,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    return script.run(this.redis, keys, args.map(String));
  }

  /** A group and its members as stored (for tests and tools). */
  async read(groupId: string): Promise<{ group: GroupRecord; members: Alert[] } | undefined> {
    const [fields, records] = await Promise.all([
      this.redis.hgetall(this.keys.group(groupId)),
      this.redis.hgetall(this.keys.members(groupId)),
    ]);
    if (fields[F.epoch] === undefined) return undefined;
    const members = Object.entries(records).map(([fp, record]) => decodeMember(fp, record));
    return { group: parseGroup(groupId, fields), members };
  }
}

function encodeMember(alert: Alert): string {
  return formatRecord(String(alert.updatedAt), encodeAlert(alert));
}

function decodeMember(fingerprint: string, record: string): Alert {
  return decodeRecord(fingerprint, record).alert;
}

function parseCarrier(json: string): TraceCarrier | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as TraceCarrier) : undefined;
  } catch {
    return undefined;
  }
}

function pairs(flat: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i] as string] = flat[i + 1] as string;
  return out;
}

const optionalNumber = (value: string | undefined) => (value === undefined ? undefined : Number(value));

function parseGroup(groupId: string, fields: Record<string, string>): GroupRecord {
  const outcome = fields[F.outcome];
  return {
    groupId,
    key: fields[F.key] ?? '',
    route: fields[F.route] ?? '',
    receiver: fields[F.receiver] ?? '',
    labels: JSON.parse(fields[F.labels] ?? '{}') as LabelSet,
    epoch: Number(fields[F.epoch]),
    tick: optionalNumber(fields[F.tick]),
    flushed: optionalNumber(fields[F.flushed]),
    outcome: outcome ? (JSON.parse(outcome) as FlushOutcome) : undefined,
    mutedBy: JSON.parse(fields[F.mutedBy] ?? '[]') as string[],
    config: fields[F.config],
  };
}
