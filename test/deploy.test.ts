import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDispatcherFlags } from '@tocsin/dispatcher';
import { parseIngestFlags } from '@tocsin/ingest';
import { parseNotifierFlags } from '@tocsin/notifier';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './stack.js';

/**
 * The deployment files (docker-compose.yml, Dockerfile, deploy/): there is no Docker engine
 * here, so Debian's docker-compose validates the compose file, Prometheus' promtool its config,
 * and the services' own flag parsers the command and environment of every container.
 */
const at = (...parts: string[]) => path.join(repoRoot, ...parts);

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  deploy?: { replicas?: number };
}

const compose = parse(readFileSync(at('docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
const tocsinServices = ['ingest', 'dispatcher', 'notifier-webhook', 'notifier-email'];
const prometheusConfig = parse(readFileSync(at('deploy/prometheus/prometheus.yml'), 'utf8')) as {
  alerting: { alertmanagers: { api_version: string; static_configs: { targets: string[] }[] }[] };
  scrape_configs: {
    job_name: string;
    static_configs?: { targets: string[] }[];
    dns_sd_configs?: { names: string[]; port: number }[];
  }[];
};

/** host:port pairs Prometheus scrapes, from static and DNS service discovery. */
function scrapeTargets(): string[] {
  return prometheusConfig.scrape_configs.flatMap((job) => [
    ...(job.static_configs ?? []).flatMap((c) => c.targets),
    ...(job.dns_sd_configs ?? []).flatMap((c) => c.names.map((name) => `${name}:${c.port}`)),
  ]);
}

function service(name: string): ComposeService {
  const s = services[name];
  if (!s) throw new Error(`docker-compose.yml has no service ${name}`);
  return s;
}

/** The port of `--web.listen-address=:PORT` in a service's command. */
function listenPort(name: string): number {
  const flag = service(name).command?.find((a) => a.startsWith('--web.listen-address='));
  return Number(flag?.split(':').pop());
}

describe('docker-compose.yml', () => {
  it('is valid for Debian docker-compose (config -q)', () => {
    const run = spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(run.error).toBeUndefined();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const listed = execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '--services'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(listed.trim().split('\n').sort()).toEqual([...tocsinServices, 'prometheus', 'redis'].sort());
  });

  it('runs Redis with AOF on and noeviction, on a named volume', () => {
    const redis = service('redis');
    const command = redis.command?.join(' ') ?? '';
    expect(command).toMatch(/--appendonly yes\b/);
    expect(command).toMatch(/--maxmemory-policy noeviction\b/);
    expect(redis.volumes?.some((v) => v.endsWith(':/data'))).toBe(true);
  });

  it('gives every Tocsin service the one image, the shared alertmanager.yml, and a command its flag parser accepts', () => {
    const parsers: Record<string, (argv: string[], env: NodeJS.ProcessEnv) => Record<string, unknown>> = {
      ingest: parseIngestFlags,
      dispatcher: parseDispatcherFlags,
      notifier: parseNotifierFlags,
    };
    const mounts = new Set<string>();
    for (const name of tocsinServices) {
      const s = service(name);
      expect(s.image).toBe('tocsin:latest');
      expect(s.build).toBeDefined();
      const [command, ...argv] = s.command ?? [];
      const parser = parsers[command as string];
      if (!parser) throw new Error(`${name}: unknown command ${command}`);
      const flags = parser(argv, s.environment ?? {});
      expect(flags['redis.url']).toBe('redis://redis:6379');
      const configFile = flags['config.file'] as string;
      const mount = s.volumes?.find((v) => configFile.startsWith(`${v.split(':')[1]}/`));
      expect(mount, `${name} mounts the directory of ${configFile}`).toBeDefined();
      mounts.add(`${mount?.split(':')[0]}:${configFile}`);
      if (command === 'notifier') expect(flags.integration).toEqual([name.replace('notifier-', '')]);
    }
    // One file for the whole fleet, so one PUBLISH reloads everything on the same config.
    expect(mounts).toEqual(new Set(['./deploy/tocsin:/etc/tocsin/alertmanager.yml']));
    expect(service('notifier-webhook').deploy?.replicas).toBe(3);
  });

  it('mounts an alertmanager.yml that tocsin check-config accepts', () => {
    const run = spawnSync(
      process.execPath,
      [at('packages/cli/bin/tocsin.js'), 'check-config', at('deploy/tocsin/alertmanager.yml')],
      { encoding: 'utf8' },
    );
    expect(run.stdout).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });
});

describe('deploy/prometheus', () => {
  it('scrapes every Tocsin service on the port its command listens on and sends alerts to ingest', () => {
    const targets = scrapeTargets();
    for (const name of tocsinServices) expect(targets).toContain(`${name}:${listenPort(name)}`);
    const [am] = prometheusConfig.alerting.alertmanagers;
    expect(am?.api_version).toBe('v2');
    expect(am?.static_configs.flatMap((c) => c.targets)).toEqual([`ingest:${listenPort('ingest')}`]);
  });

  it('passes promtool check config (rules included) when promtool is installed', () => {
    const promtool = ['/usr/bin/promtool', '/usr/local/bin/promtool'].find((p) => existsSync(p));
    if (promtool) {
      const run = spawnSync(promtool, ['check', 'config', at('deploy/prometheus/prometheus.yml')], {
        encoding: 'utf8',
      });
      expect(run.stdout + run.stderr).toContain('SUCCESS: 6 rules found');
      expect(run.status).toBe(0);
    } else {
      // Without promtool, at least the rule file must parse and name its rules.
      const rules = parse(readFileSync(at('deploy/prometheus/rules.yml'), 'utf8')) as {
        groups: { rules: { alert: string; expr: string }[] }[];
      };
      expect(rules.groups.flatMap((g) => g.rules).length).toBeGreaterThan(0);
    }
  });

  it('alerts only on metrics that some Tocsin process defines', () => {
    const rules = readFileSync(at('deploy/prometheus/rules.yml'), 'utf8');
    const used = new Set(rules.match(/\b(?:alertmanager|tocsin)_[a-z_]+/g) ?? []);
    expect(used.size).toBeGreaterThan(3);
    const sources = ['packages', 'services']
      .flatMap((dir) => readdirSync(at(dir)).map((p) => at(dir, p, 'src')))
      .filter((dir) => existsSync(dir))
      .flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    for (const metric of used) expect(sources, metric).toContain(`'${metric}'`);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(at('Dockerfile'), 'utf8');

  it('builds in one stage and ships production dependencies only, as a non-root user', () => {
    const stages = dockerfile.match(/^FROM /gm) ?? [];
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/RUN npm ci && npx turbo run build/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    const user = dockerfile.match(/^USER (\S+)/m)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    // The last USER comes after the last FROM: the runtime stage runs unprivileged.
    expect(dockerfile.lastIndexOf('\nUSER ')).toBeGreaterThan(dockerfile.lastIndexOf('\nFROM '));
  });

  it('has an entrypoint that runs the tocsin command, so the compose command picks the service', () => {
    const entrypoint = JSON.parse(dockerfile.match(/^ENTRYPOINT (\[.*\])$/m)?.[1] ?? '[]') as string[];
    expect(entrypoint[0]).toBe('node');
    const script = entrypoint[1] as string;
    // Run it as the image would (from the repository root, which is WORKDIR /app).
    const run = spawnSync(process.execPath, [script, 'ingest', '--help'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--web.listen-address');
  });

  it('leaves local build output and dependencies out of the build context', () => {
    const ignored = readFileSync(at('.dockerignore'), 'utf8').split('\n');
    for (const entry of ['**/node_modules', '**/dist', '.git']) expect(ignored).toContain(entry);
  });
});
