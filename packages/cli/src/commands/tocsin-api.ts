/** What the `tocsin` commands that talk to ingest's `/api/tocsin/v1` share, in the manner of amtool. */

/** A non-2xx answer or an unreachable API, with the API's message. */
export class ApiError extends Error {}

const DEFAULT_URL = 'http://localhost:9093/';

/** The `parseArgs` options every API command takes, in amtool's spelling. */
export const API_OPTIONS = {
  'alertmanager.url': { type: 'string' },
  'tocsin.url': { type: 'string' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `/api/tocsin/v1/` under `--alertmanager.url` (alias `--tocsin.url`). */
export function apiBase(url: string | undefined): URL {
  const root = url ?? DEFAULT_URL;
  return new URL('api/tocsin/v1/', root.endsWith('/') ? root : `${root}/`);
}

/** One request; a non-2xx answer becomes an ApiError with the API's message. */
export async function call(method: string, url: URL): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { method, headers: { Accept: 'application/json' } });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new ApiError(
      `cannot reach ${url.origin}: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
    );
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  if (!res.ok) {
    const message = (body as { message?: unknown } | undefined)?.message ?? body;
    throw new ApiError(`${res.status} ${res.statusText}: ${typeof message === 'string' ? message : text}`);
  }
  return body;
}

/** A label set as `{a="1", b="2"}`. */
export const labels = (set: Record<string, string>) =>
  `{${Object.entries(set)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ')}}`;

/** Left-aligned columns two spaces apart, the last one unpadded. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
