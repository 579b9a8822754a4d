import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix, waitFor } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, serviceArgs, startSink, startTocsin, stopAll, writeConfig } from './stack.js';

/**
 * Debian's real Prometheus against a real Tocsin stack (ingest, dispatcher, notifier as child
 * processes): it scrapes every service's /metrics, evaluates a rule that always fires, and sends
 * the alert to ingest as it would to Alertmanager (item 6 of issue 7: Prometheus as the client).
 */
const PROMETHEUS = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

describe('Prometheus scraping every service and sending its alerts to ingest', () => {
  const prefix = uniquePrefix('prometheus-e2e');
  const children: ChildProcess[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-prometheus-'));
  let sink: Awaited<ReturnType<typeof startSink>>;
  let redis: Redis;
  let prometheus: ChildProcess & { output: string[] };
  let promUrl: string;
  const ports = { ingest: 0, dispatcher: 0, notifier: 0 };

  /** An instant query through Prometheus' HTTP API. */
  async function query(expr: string): Promise<Sample[]> {
    const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await res.json()) as { status: string; data: { result: Sample[] }; error?: string };
    if (body.status !== 'success') throw new Error(`query ${expr}: ${body.error}`);
    return body.data.result;
  }
  const firstValue = (samples: Sample[]) => Number(samples[0]?.value[1]);

  beforeAll(async () => {
    redis = connectTestRedis();
    sink = await startSink();
    const config = writeConfig(
      [
        'route:',
        '  receiver: hook',
        '  group_by: [alertname]',
        '  group_wait: 0s',
        '  group_interval: 1s',
        '  repeat_interval: 1h',
        'receivers:',
        '  - name: hook',
        '    webhook_configs:',
        `      - url: ${sink.url}/hook`,
        '',
      ].join('\n'),
    );
    for (const name of Object.keys(ports) as (keyof typeof ports)[]) ports[name] = await freePort();
    const web = (port: number) => `--web.listen-address=127.0.0.1:${port}`;
    children.push(
      startTocsin(serviceArgs('ingest', config, prefix, [web(ports.ingest)])),
      startTocsin(serviceArgs('dispatcher', config, prefix, [web(ports.dispatcher)])),
      startTocsin(serviceArgs('notifier', config, prefix, ['--integration=webhook', web(ports.notifier)])),
    );
    for (const port of Object.values(ports))
      await waitFor(() => fetch(`http://127.0.0.1:${port}/-/ready`).then((r) => r.ok), {
        timeoutMs: 30_000,
        what: `a service ready on ${port}`,
      });

    writeFileSync(
      path.join(dir, 'rules.yml'),
      [
        'groups:',
        '  - name: tocsin-e2e',
        '    rules:',
        '      - alert: AlwaysFiring',
        '        expr: vector(1)',
        '        labels:',
        '          severity: test',
        '        annotations:',
        '          summary: a rule that always fires',
        '',
      ].join('\n'),
    );
    const target = (job: string, port: number) =>
      `  - job_name: ${job}\n    static_configs:\n      - targets: ['127.0.0.1:${port}']`;
    writeFileSync(
      path.join(dir, 'prometheus.yml'),
      [
        'global:',
        '  scrape_interval: 1s',
        '  evaluation_interval: 1s',
        'rule_files: [rules.yml]',
        'alerting:',
        '  alertmanagers:',
        '    - api_version: v2',
        '      static_configs:',
        `        - targets: ['127.0.0.1:${ports.ingest}']`,
        'scrape_configs:',
        target('ingest', ports.ingest),
        target('dispatcher', ports.dispatcher),
        target('notifier', ports.notifier),
        '',
      ].join('\n'),
    );
    const promPort = await freePort();
    promUrl = `http://127.0.0.1:${promPort}`;
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
        '--log.level=warn',
        // Alertmanagers are discovered a moment after the first evaluation; the alert that
        // found none is sent again after this delay (1m by default).
        '--rules.alert.resend-delay=1s',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ) as ChildProcess & { output: string[] };
    prometheus.output = [];
    prometheus.stderr?.on('data', (d: Buffer) => prometheus.output.push(d.toString()));
    children.push(prometheus);
    await waitFor(() => fetch(`${promUrl}/-/ready`).then((r) => r.ok), {
      timeoutMs: 30_000,
      what: `Prometheus ready (${prometheus.output.join('')})`,
    });
  });

  afterAll(async () => {
    await stopAll(children);
    await sink?.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers the always-firing rule through ingest, dispatcher and notifier to the webhook with its labels', async () => {
    const delivery = await waitFor(() => sink.received.find((r) => r.path === '/hook'), {
      timeoutMs: 60_000,
      what: 'the webhook notification for the Prometheus alert',
    }).catch(async (err: Error) => {
      const logs = children.map((c) => (c as ChildProcess & { output: string[] }).output.join(''));
      throw new Error(`${err.message}\n${logs.join('\n')}`);
    });
    const body = delivery.body as {
      status: string;
      receiver: string;
      groupLabels: Record<string, string>;
      alerts: { status: string; labels: Record<string, string>; annotations: Record<string, string> }[];
    };
    expect(body.status).toBe('firing');
    expect(body.receiver).toBe('hook');
    expect(body.groupLabels).toEqual({ alertname: 'AlwaysFiring' });
    expect(body.alerts).toHaveLength(1);
    expect(body.alerts[0]?.status).toBe('firing');
    expect(body.alerts[0]?.labels).toEqual({ alertname: 'AlwaysFiring', severity: 'test' });
    expect(body.alerts[0]?.annotations).toEqual({ summary: 'a rule that always fires' });
    // Prometheus' own counters: sent to ingest's v2 endpoint, none failed.
    const own = await fetch(`${promUrl}/metrics`).then((r) => r.text());
    const sample = (name: string) =>
      Number(own.match(new RegExp(`^${name}\\{alertmanager="([^"]+)"\\} (\\S+)$`, 'm'))?.[2]);
    expect(own).toContain(`alertmanager="http://127.0.0.1:${ports.ingest}/api/v2/alerts"`);
    expect(sample('prometheus_notifications_sent_total')).toBeGreaterThan(0);
    expect(sample('prometheus_notifications_errors_total')).toBe(0);
  });

  it("scrapes each service's /metrics and answers Alertmanager's and Tocsin's metrics back through its API", async () => {
    // All three targets up.
    const up = await waitFor(
      async () => {
        const s = await query('up == 1');
        return s.length === 3 && s;
      },
      { timeoutMs: 30_000, what: 'three targets up' },
    );
    expect(up.map((s) => s.metric.job).sort()).toEqual(['dispatcher', 'ingest', 'notifier']);

    // Each asserted series comes from the service that owns it, after the pipeline ran once.
    const expectations: [string, string, (v: number) => boolean][] = [
      ['ingest', 'alertmanager_alerts_received_total{status="firing"}', (v) => v >= 1],
      ['ingest', 'alertmanager_alerts{state="active"}', (v) => v === 1],
      ['ingest', 'alertmanager_alerts{state="suppressed"}', (v) => v === 0],
      ['ingest', 'alertmanager_silences{state="active"}', (v) => v === 0],
      ['ingest', 'tocsin_queue_jobs{queue="notify.webhook",state="failed"}', (v) => v === 0],
      ['ingest', 'alertmanager_config_last_reload_successful', (v) => v === 1],
      ['dispatcher', 'alertmanager_dispatcher_aggregation_groups', (v) => v === 1],
      ['dispatcher', 'tocsin_job_duration_seconds_count{queue="groups"}', (v) => v >= 1],
      ['dispatcher', 'alertmanager_nflog_queries_total', (v) => v >= 1],
      ['notifier', 'alertmanager_notifications_total{integration="webhook"}', (v) => v >= 1],
      ['notifier', 'alertmanager_notification_requests_total{integration="webhook"}', (v) => v >= 1],
      ['notifier', 'alertmanager_notification_latency_seconds_count{integration="webhook"}', (v) => v >= 1],
      ['notifier', 'tocsin_job_duration_seconds_count{queue="notify.webhook"}', (v) => v >= 1],
      ['notifier', 'alertmanager_integrations', (v) => v === 1],
      // Process metrics, as Alertmanager's dashboards read its memory and CPU.
      ['ingest', 'process_resident_memory_bytes', (v) => v > 0],
      ['dispatcher', 'process_resident_memory_bytes', (v) => v > 0],
      ['notifier', 'process_cpu_seconds_total', (v) => v > 0],
    ];
    for (const [job, selector, ok] of expectations) {
      const expr = selector.includes('{')
        ? selector.replace('{', `{job="${job}",`)
        : `${selector}{job="${job}"}`;
      const samples = await waitFor(
        async () => {
          const s = await query(expr);
          return s.length === 1 && ok(firstValue(s)) && s;
        },
        { timeoutMs: 30_000, what: expr },
      );
      expect(samples[0]?.metric.job).toBe(job);
    }
    // The queue gauge covers every queue of the stack, each in every state.
    const queues = new Set((await query('tocsin_queue_jobs{job="ingest"}')).map((s) => s.metric.queue));
    expect(queues.has('alerts')).toBe(true);
    expect(queues.has('groups')).toBe(true);
    expect(queues.has('notify.email')).toBe(true);
  });
});
