// The webhook receiver every benchmark scenario uses, for Tocsin and Alertmanager alike: a
// node:http server that reads each notification (webhook payload version 4), remembers when each
// alert (by its `seq` label) first arrived, and answers 200 after `delayMs`. Notifications for
// which `ignore(entry)` is true (warm-up traffic) are only counted, in `ignored`.
import http from 'node:http';
import { now } from './load-generator.mjs';

export async function startWebhookSink({ delayMs = 0, ignore = () => false } = {}) {
  const sink = {
    delayMs,
    /** Every notification: arrival time (body read), its group and the seqs of its alerts. */
    requests: [],
    /** Idempotency-Key (Tocsin's notifier sends one) -> the first notification carrying it. */
    byKey: new Map(),
    duplicates: 0,
    ignored: 0,
    /** seq label -> epoch ms of the first notification containing it. */
    firstSeen: new Map(),
    inflight: 0,
    maxInflight: 0,
    listeners: new Set(),
  };
  const server = http.createServer((req, res) => {
    const arrived = now();
    sink.inflight++;
    if (sink.inflight > sink.maxInflight) sink.maxInflight = sink.inflight;
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = now();
      let msg;
      try {
        msg = JSON.parse(Buffer.concat(chunks).toString());
      } catch {
        msg = { alerts: [] };
      }
      const entry = {
        at,
        arrived,
        key: String(req.headers['idempotency-key'] ?? ''),
        group: msg.groupLabels?.bgroup,
        seqs: (msg.alerts ?? []).map((a) => String(a.labels?.seq)),
      };
      if (ignore(entry)) sink.ignored++;
      else {
        if (entry.key && sink.byKey.has(entry.key)) sink.duplicates++;
        else if (entry.key) sink.byKey.set(entry.key, entry);
        sink.requests.push(entry);
        for (const s of entry.seqs) if (!sink.firstSeen.has(s)) sink.firstSeen.set(s, at);
        for (const l of sink.listeners) l(entry);
      }
      const done = () => {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        sink.inflight--;
      };
      if (delayMs > 0) setTimeout(done, delayMs);
      else done();
    });
  });
  server.keepAliveTimeout = 120_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.port = server.address().port;
  sink.url = `http://127.0.0.1:${sink.port}/hook`;
  /** How many alerts whose seq starts with `tag` have arrived. */
  sink.seenWithTag = (tag) => {
    let n = 0;
    for (const s of sink.firstSeen.keys()) if (s.startsWith(tag)) n++;
    return n;
  };
  /** Forgets what arrived so far (the next measurement starts afresh). */
  sink.reset = () => {
    sink.requests = [];
    sink.firstSeen = new Map();
    sink.byKey = new Map();
    sink.duplicates = 0;
    sink.windowStart();
  };
  /** Starts counting the most requests in flight afresh. */
  sink.windowStart = () => {
    sink.maxInflight = sink.inflight;
  };
  sink.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(resolve);
    });
  return sink;
}
