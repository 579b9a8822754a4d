// Alertmanager's own email.tmpl (Debian's prometheus-alertmanager package, which CI installs)
// rendered through Tocsin's html/template escaping must match what amtool renders from it, byte
// for byte: users who copied the stock HTML email keep it unchanged.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type TemplateDataLike, toGoData } from './data-model.js';
import { Templates } from './templates.js';

const STOCK = '/usr/share/prometheus/alertmanager';
const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'conformance', 'data');
const files = ['default.tmpl', 'email.tmpl'].map((f) => ({
  path: path.join(STOCK, f),
  text: readFileSync(path.join(STOCK, f), 'utf8'),
}));
const templates = Templates.fromFiles(files);

describe("Alertmanager's stock HTML email", () => {
  it.each(['firing-and-resolved.json', 'resolved.json', 'special-chars.json'])(
    'renders as amtool does (%s)',
    (file) => {
      const text = '{{ template "email.default.html" . }}';
      const dataFile = path.join(dataDir, file);
      const args = [
        'template',
        'render',
        '--template.type',
        'html',
        '--template.text',
        text,
        '--template.data',
        dataFile,
      ];
      for (const f of files) args.push('--template.glob', f.path);
      const amtool = spawnSync('amtool', args, { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
      expect(amtool.stderr).toBe('');
      const data = toGoData(JSON.parse(readFileSync(dataFile, 'utf8')) as TemplateDataLike);
      const ours = templates.executeHtml(text, data);
      expect(ours.length).toBeGreaterThan(5000);
      expect(ours).toBe(amtool.stdout);
    },
  );
});
