import { createServer, type Server } from 'node:http';

/**
 * A webhook receiver that prints every notification it gets, so a new user of `npm start` sees
 * one arrive without setting anything up.
 */
export function startEchoReceiver(host: string, port: number, log: (line: string) => void): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const n = JSON.parse(body) as {
          status?: string;
          groupKey?: string;
          alerts?: unknown[];
          receiver?: string;
        };
        log(
          `${req.method} ${req.url} receiver=${n.receiver} status=${n.status} alerts=${n.alerts?.length} groupKey=${n.groupKey}`,
        );
      } catch {
        log(`${req.method} ${req.url} (${body.length} bytes, not JSON)`);
      }
      res.writeHead(200).end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
