// The load generator every benchmark scenario uses: Prometheus-like alerts, POSTed to
// /api/v2/alerts of Tocsin's ingest or of Alertmanager with the same HTTP client, either with a
// fixed number of requests in flight or at a steady rate. It records, per alert, when its POST
// was sent and when it was answered (epoch ms, comparable with the webhook sink's clock).
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** Epoch ms with sub-ms resolution, comparable with other processes' Date.now(). */
export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const agent = new http.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 256 });
/** Closes the kept-alive connections (they would keep the process up). */
export const closeConnections = () => agent.destroy();

/** One HTTP request to `target` ({host?, port}); resolves with status, body size and body text. */
export function request(target, method, urlPath, body) {
  return new Promise((resolve, reject) => {
    const headers = body ? { 'content-type': 'application/json', 'content-length': body.length } : {};
    const req = http.request(
      { agent, host: target.host ?? '127.0.0.1', port: target.port, method, path: urlPath, headers },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          resolve({ status: res.statusCode, bytes: buf.length, body: buf.toString() });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** An alert with `labels` and the annotations, times and generatorURL every bench alert has. */
function alert(labels, { i, alertname, instance, job, startsAt, endsAt }) {
  return {
    labels,
    annotations: {
      summary: `${alertname} on ${instance}`,
      description: `${instance} of job ${job} has been above its threshold for more than 5 minutes (current value: ${((i * 37) % 1000) / 10}).`,
    },
    startsAt,
    endsAt,
    generatorURL: `http://prometheus-k8s-0.monitoring.svc:9090/graph?g0.expr=${encodeURIComponent(`up{job="${job}"} == 0`)}&g0.tab=1`,
  };
}

/**
 * `count` alerts with 6 labels (alertname, bgroup, instance, job, seq, severity, plus
 * `extraLabels`) and 2 annotations, ending in an hour. Alert i is in group `bgroup = <tag><groupOf(i)>`; its `seq`
 * label (`<tag><i>`) keeps fingerprints unique and lets the sink tell which alert arrived.
 */
export function makeAlerts(
  count,
  { tag = '', groupOf = (i) => i, alertname = 'BenchAlert', extraLabels = {} } = {},
) {
  const t = Date.now();
  const startsAt = new Date(t - 60_000).toISOString();
  const endsAt = new Date(t + 3_600_000).toISOString();
  const alerts = new Array(count);
  for (let i = 0; i < count; i++) {
    const job = JOBS[i % JOBS.length];
    const instance = `ip-10-${(i >> 16) & 255}-${(i >> 8) & 255}-${i & 255}.ec2.internal:9100`;
    alerts[i] = alert(
      {
        alertname,
        bgroup: `${tag}g${groupOf(i)}`,
        instance,
        job,
        seq: `${tag}${i}`,
        severity: i % 10 === 0 ? 'critical' : 'warning',
        ...extraLabels,
      },
      { i, alertname, instance, job, startsAt, endsAt },
    );
  }
  return alerts;
}

const ALERTNAMES = [
  'HighCPUUsage',
  'HighMemoryUsage',
  'DiskSpaceLow',
  'InstanceDown',
  'HighRequestLatency',
  'HighErrorRate',
  'KubePodCrashLooping',
  'KubeNodeNotReady',
  'TargetDown',
  'KubeJobFailed',
  'PostgresReplicationLag',
  'CertificateExpiringSoon',
];
const JOBS = [
  'node-exporter',
  'api-server',
  'kube-state-metrics',
  'postgres-exporter',
  'blackbox',
  'nginx-ingress',
];
const NAMESPACES = [
  'default',
  'monitoring',
  'payments',
  'checkout',
  'search',
  'kube-system',
  'auth',
  'billing',
];

/**
 * `count` alerts as Prometheus sends them, without a group label (bench/ingest.mjs): 6 labels
 * (alertname, cluster, instance, job, namespace, severity, 10% critical) and 2 annotations,
 * ending `endsInMs` from now; `tag` keeps fingerprints unique.
 */
export function makePrometheusAlerts(tag, count, endsInMs) {
  const t = Date.now();
  const startsAt = new Date(t - 60_000).toISOString();
  const endsAt = new Date(t + endsInMs).toISOString();
  const alerts = new Array(count);
  for (let i = 0; i < count; i++) {
    const alertname = ALERTNAMES[i % ALERTNAMES.length];
    const job = JOBS[i % JOBS.length];
    const instance = `${tag}-ip-10-${(i >> 16) & 255}-${(i >> 8) & 255}-${i & 255}.ec2.internal:9100`;
    alerts[i] = alert(
      {
        alertname,
        cluster: `prod-eu-west-${(i >> 4) % 3}`,
        instance,
        job,
        namespace: NAMESPACES[(i >> 2) % NAMESPACES.length],
        severity: i % 10 === 0 ? 'critical' : 'warning',
      },
      { i, alertname, instance, job, startsAt, endsAt },
    );
  }
  return alerts;
}

/** The alerts as request bodies of `batch` alerts each. */
export function toBodies(alerts, batch) {
  const bodies = [];
  for (let i = 0; i < alerts.length; i += batch)
    bodies.push({
      first: i,
      count: Math.min(batch, alerts.length - i),
      body: Buffer.from(JSON.stringify(alerts.slice(i, i + batch))),
    });
  return bodies;
}

/**
 * POSTs every body to `target`: with `concurrency` requests in flight, or, when `rate` (alerts/s)
 * is set, one body every batch/rate s without waiting for answers. Throws on a non-200 answer.
 * Returns per-alert sent/answered times, per-request latencies and the elapsed time.
 */
export async function postAlerts(target, bodies, { concurrency = 16, rate = 0 } = {}) {
  const total = bodies.reduce((n, b) => n + b.count, 0);
  const sentAt = new Float64Array(total);
  const answeredAt = new Float64Array(total);
  const requestMs = [];
  const send = async (b) => {
    const t = now();
    const res = await request(target, 'POST', '/api/v2/alerts', b.body);
    const done = now();
    sentAt.fill(t, b.first, b.first + b.count);
    answeredAt.fill(done, b.first, b.first + b.count);
    requestMs.push(done - t);
    if (res.status !== 200)
      throw new Error(
        `${target.name ?? target.kind ?? 'server'}: POST answered ${res.status}: ${res.body.slice(0, 300)}`,
      );
  };
  const t0 = now();
  if (rate > 0) {
    const everyMs = ((bodies[0]?.count ?? 1) / rate) * 1000;
    const pending = [];
    for (let k = 0; k < bodies.length; k++) {
      const wait = t0 + k * everyMs - now();
      if (wait > 1) await sleep(wait);
      pending.push(send(bodies[k]));
    }
    await Promise.all(pending);
  } else {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) await send(bodies[next++]);
      }),
    );
  }
  return { sentAt, answeredAt, requestMs, t0, elapsedMs: now() - t0 };
}
