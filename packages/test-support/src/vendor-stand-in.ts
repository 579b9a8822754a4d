import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TLSSocket } from 'node:tls';
import { selfSignedCertificate } from './self-signed-certificate.js';

/** One request the stand-in received. */
export interface StandInRequest {
  method: string;
  /** Path and query string, as sent. */
  url: string;
  /** The path without the query string. */
  path: string;
  /** The Host header (the vendor's host name when the request came through a CONNECT tunnel). */
  host: string;
  /** The CONNECT target (`api.pushover.net:443`) when the request came through the proxy. */
  tunnel?: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Date.now() when the request was complete. */
  at: number;
}

export interface StandInReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

type Replier = StandInReply | ((r: StandInRequest) => StandInReply);

/**
 * A local stand-in for a vendor's HTTP API: records every request and answers scripted replies
 * per path (in order; once used up, the default reply). It is also an HTTPS forward proxy that
 * answers for every origin itself: an HTTPS request sent through it (`http_config.proxy_url`,
 * with `tls_config.insecure_skip_verify`) arrives here decrypted, so integrations whose endpoint
 * is hard-coded (Pushover, PagerDuty's Events API v1) can be observed too.
 */
export class VendorStandIn {
  readonly requests: StandInRequest[] = [];
  private readonly replies = new Map<string, Replier[]>();
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly defaultReply: (r: StandInRequest) => StandInReply,
  ) {}

  /** Starts on a free loopback port. */
  static async start(
    options: { defaultReply?: (r: StandInRequest) => StandInReply } = {},
  ): Promise<VendorStandIn> {
    const tls = proxyCertificate();
    let standIn: VendorStandIn | undefined;
    const server = createServer((req, res) => standIn?.handle(req, res));
    standIn = new VendorStandIn(server, options.defaultReply ?? (() => ({ status: 200, body: '' })));
    const self = standIn;
    server.on('connection', (s: Socket) => {
      self.sockets.add(s);
      s.on('close', () => self.sockets.delete(s));
    });
    server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) socket.unshift(head);
      const secure = new TLSSocket(socket, { isServer: true, key: tls.key, cert: tls.cert });
      (secure as TLSSocket & { tunnel?: string }).tunnel = req.url ?? '';
      secure.on('error', () => socket.destroy());
      server.emit('connection', secure);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return standIn;
  }

  /** `http://127.0.0.1:<port>`: the base URL, and the proxy URL. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Replies, in order, to the next requests for `path` (without query string). */
  reply(path: string, ...replies: Replier[]): void {
    this.replies.set(path, [...(this.replies.get(path) ?? []), ...replies]);
  }

  /** Requests for `path` (without query string), in arrival order. */
  requestsTo(path: string): StandInRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      const tunnel = (req.socket as Socket & { tunnel?: string }).tunnel;
      const r: StandInRequest = {
        method: req.method ?? '',
        url,
        path: url.split('?')[0] ?? '',
        host: req.headers.host ?? '',
        ...(tunnel === undefined ? {} : { tunnel }),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      this.requests.push(r);
      const next = this.replies.get(r.path)?.shift();
      const reply = next === undefined ? this.defaultReply(r) : typeof next === 'function' ? next(r) : next;
      res.writeHead(reply.status, reply.headers).end(reply.body ?? '');
    });
  }
}

/** A throwaway certificate for the proxy's TLS side (clients skip verification). */
function proxyCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-stand-in-'));
  try {
    return selfSignedCertificate(dir, 'stand-in.test');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
