import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { serveMetrics } from './metrics-server.js';

describe('serveMetrics with --web.config.file', () => {
  it('asks for credentials on /metrics but not on the health checks', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tocsin-dispatcher-web-')), 'web.yml');
    writeFileSync(file, `basic_auth_users:\n  prom: ${bcrypt.hashSync('scrape', 4)}\n`);
    const web = await serveMetrics('127.0.0.1:0', new Registry(), { webConfigFile: file });
    try {
      const without = await fetch(`${web.url}/metrics`);
      expect(without.status).toBe(401);
      expect(without.headers.get('www-authenticate')).toBe('Basic');
      const auth = { authorization: `Basic ${Buffer.from('prom:scrape').toString('base64')}` };
      expect((await fetch(`${web.url}/metrics`, { headers: auth })).status).toBe(200);
      expect((await fetch(`${web.url}/-/healthy`)).status).toBe(200);
      expect((await fetch(`${web.url}/-/ready`)).status).toBe(200);
    } finally {
      await web.close();
    }
  });
});
