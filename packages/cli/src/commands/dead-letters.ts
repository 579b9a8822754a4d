import { parseArgs } from 'node:util';
import { API_OPTIONS, ApiError, apiBase, call, labels, table } from './tocsin-api.js';

const USAGE = `usage: tocsin dead-letters <command> [flags]

commands:
  list                 the dead letters, newest first
  show ID              one dead letter with its notification
  replay ID...         send them again (the notifier sends them even if the log says stale)
  discard ID...        delete them

flags:
  --alertmanager.url URL   Tocsin's ingest API (default http://localhost:9093/; alias --tocsin.url)
  --receiver NAME          list: only this receiver's
  --integration TYPE       list: only this integration type's (webhook, email, ...)
  --limit N                list: at most N (default 100)
  -o, --output FORMAT      simple (a table, the default) or json`;

/** What the API answers for a dead letter (see services/ingest/src/api/tocsin.ts). */
interface DeadLetterView {
  id: string;
  receiver: string;
  integration: string;
  index: number;
  groupKey: string;
  groupLabels: Record<string, string>;
  alertCount: number;
  lastError: string;
  reason: string;
  attempts: number;
  replays: number;
  firstFailedAt: string;
  lastFailedAt: string;
  jobId: string;
  notification?: { alerts?: { status: string; labels: Record<string, string> }[] };
}

/**
 * `tocsin dead-letters list|show|replay|discard`, an HTTP client of ingest's
 * `/api/tocsin/v1/dead-letters` in the manner of amtool: `--alertmanager.url`, `-o json`.
 */
export async function deadLetters(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (err) {
    console.error(`tocsin dead-letters: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...ids] = positionals;
  const needsId = command === 'show' || command === 'replay' || command === 'discard';
  const output = values.output ?? 'simple';
  if (
    values.help ||
    command === undefined ||
    !(needsId || command === 'list') ||
    (needsId ? ids.length === 0 || (command === 'show' && ids.length > 1) : ids.length > 0) ||
    (output !== 'simple' && output !== 'json')
  ) {
    (values.help ? console.log : console.error)(USAGE);
    return values.help ? 0 : 2;
  }
  const base = apiBase(values['alertmanager.url'] ?? values['tocsin.url']);
  const json = output === 'json';
  try {
    if (command === 'list') {
      const query = new URLSearchParams();
      for (const key of ['receiver', 'integration', 'limit'] as const) {
        const v = values[key];
        if (v !== undefined) query.set(key, v);
      }
      const list = (await call('GET', new URL(`dead-letters?${query}`, base))) as DeadLetterView[];
      console.log(json ? JSON.stringify(list, null, 2) : listTable(list));
      return 0;
    }
    const item = (id: string) => new URL(`dead-letters/${encodeURIComponent(id)}`, base);
    if (command === 'show') {
      const letter = (await call('GET', item(ids[0] as string))) as DeadLetterView;
      console.log(json ? JSON.stringify(letter, null, 2) : details(letter));
      return 0;
    }
    // Several ids: each is tried; the exit status says whether all went through.
    const results: unknown[] = [];
    let failed = 0;
    for (const id of ids) {
      try {
        if (command === 'replay') {
          const done = (await call('POST', new URL(`${item(id).pathname}/replay`, base))) as {
            jobId: string;
            queue: string;
          };
          results.push(done);
          if (!json) console.log(`Replayed dead letter ${id} as job ${done.jobId} on ${done.queue}`);
        } else {
          results.push(await call('DELETE', item(id)));
          if (!json) console.log(`Discarded dead letter ${id}`);
        }
      } catch (err) {
        if (!(err instanceof ApiError) || ids.length === 1) throw err;
        failed++;
        console.error(`tocsin dead-letters ${command} ${id}: ${err.message}`);
      }
    }
    if (json) console.log(JSON.stringify(ids.length === 1 ? results[0] : results, null, 2));
    return failed > 0 ? 1 : 0;
  } catch (err) {
    console.error(`tocsin dead-letters ${command}: ${(err as Error).message}`);
    return 1;
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...API_OPTIONS,
      receiver: { type: 'string' },
      integration: { type: 'string' },
      limit: { type: 'string' },
    },
  });
}

function listTable(list: DeadLetterView[]): string {
  if (list.length === 0) return 'No dead letters.';
  const rows = list.map((l) => [
    l.id,
    `${l.receiver}/${l.integration}[${l.index}]`,
    l.lastFailedAt,
    String(l.attempts),
    String(l.replays),
    labels(l.groupLabels),
    // The table has room for the receiver's error; ATTEMPTS already says how it ended.
    truncate(l.lastError.replace(/^notify retry canceled[^:]*: /, ''), 80),
  ]);
  return table([['ID', 'INTEGRATION', 'LAST FAILED', 'ATTEMPTS', 'REPLAYS', 'GROUP', 'LAST ERROR'], ...rows]);
}

function details(l: DeadLetterView): string {
  const alerts = l.notification?.alerts ?? [];
  const firing = alerts.filter((a) => a.status === 'firing').length;
  const lines = table([
    ['ID:', l.id],
    ['Integration:', `${l.receiver}/${l.integration}[${l.index}]`],
    ['Group key:', l.groupKey],
    ['Group labels:', labels(l.groupLabels)],
    ['Alerts:', `${alerts.length} (${firing} firing, ${alerts.length - firing} resolved)`],
    ['Attempts:', String(l.attempts)],
    ['Replays:', String(l.replays)],
    ['First failed:', l.firstFailedAt],
    ['Last failed:', l.lastFailedAt],
    ['Reason:', l.reason],
    ['Last error:', l.lastError],
    ['Job:', l.jobId],
  ]);
  const alertLines = alerts.map((a) => `  ${a.status.padEnd(8)} ${labels(a.labels)}`);
  return [lines, ...alertLines].join('\n');
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
