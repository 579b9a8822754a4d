import { parseArgs } from 'node:util';
import { API_OPTIONS, apiBase, call, table } from './tocsin-api.js';

const USAGE = `usage: tocsin receivers [flags]

Every receiver integration of the running configuration with its delivery status:
when it was last tried, last succeeded, last failed and why.

flags:
  --alertmanager.url URL   Tocsin's ingest API (default http://localhost:9093/; alias --tocsin.url)
  -o, --output FORMAT      simple (a table, the default) or json`;

/** What `GET /api/tocsin/v1/receivers` answers (see services/ingest/src/api/tocsin.ts). */
interface ReceiverView {
  name: string;
  integrations: {
    integration: string;
    index: number;
    lastAttemptAt: string | null;
    lastAttemptDurationSeconds: number | null;
    lastSuccessAt: string | null;
    lastErrorAt: string | null;
    lastError: string | null;
    attempts: number;
    failures: number;
  }[];
}

/** `tocsin receivers`: ingest's receiver status as a table, like Grafana's contact point health. */
export async function receivers(args: string[]): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(args).values;
  } catch (err) {
    console.error(`tocsin receivers: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const output = values.output ?? 'simple';
  if (values.help || (output !== 'simple' && output !== 'json')) {
    (values.help ? console.log : console.error)(USAGE);
    return values.help ? 0 : 2;
  }
  try {
    const base = apiBase(values['alertmanager.url'] ?? values['tocsin.url']);
    const list = (await call('GET', new URL('receivers', base))) as ReceiverView[];
    console.log(output === 'json' ? JSON.stringify(list, null, 2) : statusTable(list));
    return 0;
  } catch (err) {
    console.error(`tocsin receivers: ${(err as Error).message}`);
    return 1;
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    options: API_OPTIONS,
  });
}

function statusTable(list: ReceiverView[]): string {
  const rows = list.flatMap((r) =>
    r.integrations.map((i) => [
      `${r.name}/${i.integration}[${i.index}]`,
      i.lastAttemptAt ?? '-',
      i.lastAttemptDurationSeconds === null ? '-' : `${i.lastAttemptDurationSeconds.toFixed(3)}s`,
      i.lastSuccessAt ?? '-',
      `${i.failures}/${i.attempts}`,
      i.lastError ?? '-',
    ]),
  );
  if (rows.length === 0) return 'No receiver integrations.';
  return table([
    ['INTEGRATION', 'LAST ATTEMPT', 'DURATION', 'LAST SUCCESS', 'FAILED', 'LAST ERROR'],
    ...rows,
  ]);
}
