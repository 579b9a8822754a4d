import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Received } from './stack.js';

/** What the sink answers to one request. */
export interface SinkAnswer {
  status: number;
  headers?: Record<string, string>;
  /** Wait this long before answering (a slow receiver). */
  delayMs?: number;
}

/** One request the sink got, with when it arrived and what it answered. */
export interface SinkRequest extends Received {
  /** Date.now() when the body had arrived. */
  at: number;
  status: number;
}

/**
 * A webhook receiver whose answers a test scripts (status, headers such as Retry-After, delay),
 * recording every request, failed or not. `delivered` holds the ones answered with 2xx.
 */
export async function startScriptedSink(answer: (r: Received) => SinkAnswer = () => ({ status: 200 })) {
  const requests: SinkRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received: Received = {
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      };
      const at = Date.now();
      const { status, headers = {}, delayMs = 0 } = answer(received);
      const reply = () => {
        // Recorded when answered: a request whose sender died before the answer still counts.
        requests.push({ ...received, at, status });
        res.writeHead(status, headers).end();
      };
      if (delayMs > 0) setTimeout(reply, delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    delivered: (path?: string) =>
      requests.filter((r) => r.status < 300 && (path === undefined || r.path === path)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type ScriptedSink = Awaited<ReturnType<typeof startScriptedSink>>;
