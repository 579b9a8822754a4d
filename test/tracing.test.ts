import type { ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix, waitFor } from '@tocsin/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import {
  freePort,
  type Received,
  serviceArgs,
  startSink,
  startTocsin,
  stopAll,
  writeConfig,
} from './stack.js';

type Child = ChildProcess & { output: string[] };

/** A span as an OTLP/HTTP JSON export carries it, with the service that sent it. */
interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  links: { traceId: string; spanId: string }[];
  attributes: Record<string, unknown>;
}

// OTLP's SpanKind numbers.
const KIND = { server: 2, client: 3, producer: 4, consumer: 5 } as const;

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}

function attributes(list: OtlpAttribute[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of list ?? []) {
    out[key] =
      value.stringValue ??
      (value.intValue !== undefined ? Number(value.intValue) : undefined) ??
      value.boolValue ??
      value.doubleValue;
  }
  return out;
}

/** A small OTLP/HTTP receiver: takes JSON trace exports on /v1/traces and keeps every span. */
async function startOtlpReceiver(): Promise<{
  url: string;
  port: number;
  spans: ExportedSpan[];
  close: () => Promise<void>;
}> {
  const spans: ExportedSpan[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url !== '/v1/traces' || !String(req.headers['content-type']).startsWith('application/json')) {
        res.writeHead(415).end();
        return;
      }
      let raw = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
      const body = JSON.parse(raw.toString('utf8'));
      for (const rs of body.resourceSpans ?? []) {
        const service = String(attributes(rs.resource?.attributes)['service.name']);
        for (const ss of rs.scopeSpans ?? []) {
          for (const s of ss.spans ?? []) {
            spans.push({
              service,
              traceId: s.traceId,
              spanId: s.spanId,
              parentSpanId: s.parentSpanId ?? '',
              name: s.name,
              kind: s.kind,
              links: (s.links ?? []).map((l: { traceId: string; spanId: string }) => ({
                traceId: l.traceId,
                spanId: l.spanId,
              })),
              attributes: attributes(s.attributes),
            });
          }
        }
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function config(sinkUrl: string, extra = '', groupInterval = '5m'): string {
  return writeConfig(`route:
  receiver: sink
  group_by: [alertname]
  group_wait: 1s
  group_interval: ${groupInterval}
receivers:
  - name: sink
    webhook_configs:
      - url: ${sinkUrl}/hook
${extra}`);
}

/** The one span named `name` in the trace; fails when there is none or more than one. */
function only(spans: ExportedSpan[], name: string): ExportedSpan {
  const found = spans.filter((s) => s.name === name);
  expect(
    found.map((s) => s.name),
    `spans named ${name}`,
  ).toEqual([name]);
  return found[0] as ExportedSpan;
}

/**
 * Starts ingest, dispatcher and a webhook notifier with `extraArgs`, posts one alert (twice
 * in one go for the second alert name, to exercise the shared job), waits for the webhook and
 * returns what the receiver and the sink saw.
 */
async function runStack(prefix: string, configFile: string, extraArgs: string[], children: Child[]) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  children.push(
    startTocsin(
      serviceArgs('ingest', configFile, prefix, [`--web.listen-address=127.0.0.1:${port}`, ...extraArgs]),
    ),
    startTocsin(serviceArgs('dispatcher', configFile, prefix, extraArgs)),
    startTocsin(
      serviceArgs('notifier', configFile, prefix, [
        '--integration=webhook',
        '--log.level=debug',
        ...extraArgs,
      ]),
    ),
  );
  await waitFor(async () => (await fetch(`${base}/-/ready`)).ok, { timeoutMs: 60_000, what: 'ingest ready' });
  return base;
}

describe('one trace per alert', () => {
  const children: Child[] = [];
  const prefixes: string[] = [];
  const closers: (() => Promise<void>)[] = [];

  afterAll(async () => {
    await stopAll(children);
    for (const close of closers) await close();
    const redis = connectTestRedis();
    for (const prefix of prefixes) await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  /**
   * An OTLP receiver, a sink and a stack of their own on prefix `tracing-<name>`, all stopped
   * after the file's tests; on a test's failure the processes' output and the spans are printed.
   * `setup` gives the config and the services' extra arguments.
   */
  async function startTracedStack(
    name: string,
    onTestFailed: (dump: () => void) => void,
    setup: (otlp: OtlpReceiver, sinkUrl: string) => { config: string; args?: string[] },
  ): Promise<{ base: string; otlp: OtlpReceiver; sink: Sink; stack: Child[] }> {
    const prefix = uniquePrefix(`tracing-${name}`);
    prefixes.push(prefix);
    const otlp = await startOtlpReceiver();
    const sink = await startSink();
    closers.push(otlp.close, sink.close);
    const stack: Child[] = [];
    onTestFailed(() => dumpOutput(stack, otlp.spans));
    const { config: configFile, args = [] } = setup(otlp, sink.url);
    try {
      const base = await runStack(prefix, configFile, args, stack);
      return { base, otlp, sink, stack };
    } finally {
      children.push(...stack);
    }
  }

  it('follows an alert from POST /api/v2/alerts through the alerts, flush and notify jobs to the webhook call (--tracing.endpoint)', async ({
    onTestFailed,
  }) => {
    const { base, otlp, sink, stack } = await startTracedStack('flags', onTestFailed, (o, sinkUrl) => ({
      config: config(sinkUrl),
      args: [`--tracing.endpoint=${o.url}`],
    }));

    const res = await postAlert(base, { alertname: 'Traced', instance: 'a' });
    expect(res.status).toBe(200);
    const delivered = await waitFor(
      () => sink.received.find((r) => JSON.stringify(r.body).includes('Traced')),
      {
        timeoutMs: 60_000,
        what: 'the webhook',
      },
    );

    // Spans reach the receiver in batches (every 5 s): wait for the client span of the webhook.
    const client = await webhookClientSpan(otlp);
    const traceId = client.traceId;
    const post = await waitFor(
      () => otlp.spans.find((s) => s.name === 'POST /api/v2/alerts' && s.traceId === traceId),
      { timeoutMs: 30_000, what: 'the POST span in the same trace' },
    );
    const trace = otlp.spans.filter((s) => s.traceId === traceId);

    // The chain, parent by parent, across three processes.
    expect(post.service).toBe('tocsin-ingest');
    expect(post.kind).toBe(KIND.server);
    expect(post.parentSpanId).toBe('');
    expect(post.attributes['http.response.status_code']).toBe(200);
    const publish = only(trace, 'alerts publish');
    expect(publish).toMatchObject({
      service: 'tocsin-ingest',
      kind: KIND.producer,
      parentSpanId: post.spanId,
    });
    const processed = only(trace, 'alerts process');
    expect(processed).toMatchObject({
      service: 'tocsin-dispatcher',
      kind: KIND.consumer,
      parentSpanId: publish.spanId,
    });
    const flush = only(trace, 'groups flush');
    expect(flush).toMatchObject({ service: 'tocsin-dispatcher', parentSpanId: processed.spanId });
    expect(flush.attributes['tocsin.flush.tick']).toBe(0);
    expect(flush.attributes['tocsin.flush.result']).toBe('flushed');
    const notify = only(trace, 'notify webhook');
    expect(notify).toMatchObject({
      service: 'tocsin-notifier',
      kind: KIND.consumer,
      parentSpanId: flush.spanId,
    });
    expect(notify.attributes['tocsin.receiver']).toBe('sink');
    expect(notify.attributes['tocsin.notify.outcome']).toBe('sent');
    expect(client).toMatchObject({ name: 'POST', parentSpanId: notify.spanId });
    expect(client.attributes['http.response.status_code']).toBe(200);
    expect(client.attributes['server.address']).toBe('127.0.0.1');

    // The webhook request carries the client span as its parent (W3C traceparent).
    expect(traceparentOf(delivered)).toBe(`00-${traceId}-${client.spanId}-01`);

    // The notifier's log lines written inside the notify span carry the trace and span ids.
    const notifier = stack[2] as Child;
    const success = notifier.output
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'Notify success');
    expect(success).toMatchObject({ trace_id: traceId, span_id: notify.spanId });
  });

  it('is switched on by the standard OTEL_* variables (OTLP/HTTP JSON)', async ({ onTestFailed }) => {
    // The children inherit this process's environment (startTocsin); set only while spawning.
    const vars: Record<string, string> = {};
    let started: Awaited<ReturnType<typeof startTracedStack>>;
    try {
      started = await startTracedStack('env', onTestFailed, (o, sinkUrl) => {
        vars.OTEL_EXPORTER_OTLP_ENDPOINT = o.url;
        vars.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL = 'http/json';
        Object.assign(process.env, vars);
        return { config: config(sinkUrl) };
      });
    } finally {
      for (const key of Object.keys(vars)) delete process.env[key];
    }
    const { base, otlp } = started;
    const res = await postAlert(base, { alertname: 'FromEnv' });
    expect(res.status).toBe(200);
    const client = await webhookClientSpan(otlp);
    const names = await waitFor(
      () => {
        const found = new Set(otlp.spans.filter((s) => s.traceId === client.traceId).map((s) => s.name));
        return found.has('POST /api/v2/alerts') ? found : undefined;
      },
      { timeoutMs: 30_000, what: 'the whole trace' },
    );
    expect(names).toEqual(EVERY_HOP);
  });

  it("honours the config file's tracing block (Alertmanager's keys) and links the requests a shared alerts job serves", async ({
    onTestFailed,
  }) => {
    const { base, otlp, sink } = await startTracedStack('config', onTestFailed, (o, sinkUrl) => ({
      config: config(
        sinkUrl,
        `tracing:
  client_type: http
  endpoint: 127.0.0.1:${o.port}
  insecure: true
  sampling_fraction: 1.0
`,
      ),
    }));

    // Requests in flight together share one alerts job: post several at once.
    const posts = await Promise.all(
      ['a', 'b', 'c', 'd'].map((instance) => postAlert(base, { alertname: 'Shared', instance })),
    );
    expect(posts.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await waitFor(() => sink.received.some((r) => JSON.stringify(r.body).includes('Shared')), {
      timeoutMs: 60_000,
      what: 'the webhook',
    });
    const client = await webhookClientSpan(otlp);
    // Every request's POST span reaches the receiver.
    const postSpans = await waitFor(
      () => {
        const found = otlp.spans.filter((s) => s.name === 'POST /api/v2/alerts');
        return found.length === 4 ? found : undefined;
      },
      { timeoutMs: 30_000, what: 'four POST spans' },
    );
    const publishes = otlp.spans.filter((s) => s.name === 'alerts publish');
    // Each POST is either the parent of a publish span or linked from one: none is lost.
    for (const post of postSpans) {
      const reached = publishes.some(
        (p) =>
          (p.traceId === post.traceId && p.parentSpanId === post.spanId) ||
          p.links.some((l) => l.traceId === post.traceId && l.spanId === post.spanId),
      );
      expect(reached, `POST span ${post.spanId} reaches an alerts publish span`).toBe(true);
    }
    // The webhook's trace starts at one of the POSTs and passes every hop.
    const trace = otlp.spans.filter((s) => s.traceId === client.traceId);
    expect(new Set(trace.map((s) => s.name))).toEqual(EVERY_HOP);
    expect(new Set(trace.map((s) => s.service))).toEqual(
      new Set(['tocsin-ingest', 'tocsin-dispatcher', 'tocsin-notifier']),
    );
  });

  it('links the flush that sends an alert added to an existing group to the alerts job that added it', async ({
    onTestFailed,
  }) => {
    // A short group_interval: the tick after the second POST comes within two seconds.
    const { base, otlp, sink } = await startTracedStack('existing-group', onTestFailed, (o, sinkUrl) => ({
      config: config(sinkUrl, '', '2s'),
      args: [`--tracing.endpoint=${o.url}`],
    }));
    const post = (instance: string, headers: Record<string, string> = {}) =>
      postAlert(base, { alertname: 'Grown', instance }, headers);
    const sent = (instance: string) =>
      sink.received.find((r) => JSON.stringify(r.body).includes(`"instance":"${instance}"`));

    expect((await post('a')).status).toBe(200);
    await waitFor(() => sent('a'), { timeoutMs: 60_000, what: 'the first notification' });
    // The second POST continues a trace of the client's, so its spans are easy to find.
    const secondTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await post('b', { traceparent: `00-${secondTrace}-00f067aa0ba902b7-01` });
    expect(res.status).toBe(200);
    const delivered = await waitFor(() => sent('b'), {
      timeoutMs: 60_000,
      what: 'the notification with the second alert',
    });

    const processed = await waitFor(
      () => otlp.spans.find((s) => s.name === 'alerts process' && s.traceId === secondTrace),
      { timeoutMs: 30_000, what: "the second POST's alerts process span" },
    );
    // The webhook's own trace: the flush that sent it, linked to the second POST's alerts job.
    const deliveredTrace = traceparentOf(delivered)?.split('-')[1];
    expect(deliveredTrace).toBeDefined();
    expect(deliveredTrace).not.toBe(secondTrace);
    const client = await waitFor(
      () => otlp.spans.find((s) => s.kind === KIND.client && s.traceId === deliveredTrace),
      { timeoutMs: 30_000, what: 'the client span of the second notification' },
    );
    const notify = otlp.spans.find((s) => s.spanId === client.parentSpanId);
    expect(notify?.name).toBe('notify webhook');
    const flush = otlp.spans.find((s) => s.spanId === notify?.parentSpanId);
    expect(flush?.name).toBe('groups flush');
    expect(flush?.traceId).toBe(deliveredTrace);
    expect(flush?.attributes['tocsin.flush.tick']).toBeGreaterThan(0);
    expect(flush?.links).toContainEqual({ traceId: secondTrace, spanId: processed.spanId });
    // Taken once: no other flush links to it.
    const linking = otlp.spans.filter((s) => s.links.some((l) => l.spanId === processed.spanId));
    expect(linking.map((s) => s.spanId)).toEqual([flush?.spanId]);
  });
});

type OtlpReceiver = Awaited<ReturnType<typeof startOtlpReceiver>>;
type Sink = Awaited<ReturnType<typeof startSink>>;

/** The span names of a trace that passes every hop, POST to webhook call. */
const EVERY_HOP = new Set([
  'POST /api/v2/alerts',
  'alerts publish',
  'alerts process',
  'groups flush',
  'notify webhook',
  'POST',
]);

/** POSTs one alert with `labels` to ingest at `base`. */
function postAlert(base: string, labels: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify([{ labels }]),
  });
}

/** The notifier's first webhook client span to reach the receiver. */
function webhookClientSpan(otlp: OtlpReceiver): Promise<ExportedSpan> {
  return waitFor(() => otlp.spans.find((s) => s.kind === KIND.client && s.service === 'tocsin-notifier'), {
    timeoutMs: 60_000,
    what: 'the webhook client span',
  });
}

/** On a failure: what the processes said and which spans arrived. */
function dumpOutput(stack: Child[], spans: ExportedSpan[]): void {
  for (const child of stack)
    console.log(child.spawnargs.slice(2, 3).join(' '), child.output.join('').slice(-4000));
  console.log(
    spans.map((s) => `${s.service} ${s.name} ${s.traceId} ${s.spanId} <- ${s.parentSpanId}`).join('\n'),
  );
}

function traceparentOf(r: Received): string | undefined {
  const value = r.headers.traceparent;
  return Array.isArray(value) ? value[0] : value;
}
