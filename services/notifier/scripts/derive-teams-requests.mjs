#!/usr/bin/env node
// Derives the requests Alertmanager 0.34 sends to Microsoft Teams (msteams: MessageCard, 0.26+;
// msteamsv2: Adaptive Card, 0.28+) for the recorder's three steps. Debian's Alertmanager 0.25
// has neither integration, so nothing can be recorded: the message shapes come from reading
// upstream's notify/msteams/msteams.go and notify/msteamsv2/msteamsv2.go (v0.34.0), and every
// text in them is rendered by Alertmanager's own template engine (Debian's amtool 0.25) from
// upstream's v0.34.0 template/default.tmpl with the template data of each step (the webhook
// payloads Alertmanager 0.25 sent in the Discord recording: the same alerts). Run from the
// repository root:
//
//   git -C <alertmanager checkout> show v0.34.0:template/default.tmpl > /tmp/am-0.34-default.tmpl
//   node services/notifier/scripts/derive-teams-requests.mjs [/tmp/am-0.34-default.tmpl]
//
// Writes msteams/fixtures/upstream-0.34.json and msteamsv2/fixtures/upstream-0.34.json in the
// recorder's format, for receiver team.ops with one config whose fields are all at their defaults
// and `webhook_url: STAND_IN_URL/default`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const integrations = path.join(here, '..', 'src', 'integrations');
const defaultTmpl = process.argv[2] ?? '/tmp/am-0.34-default.tmpl';
const amtool = process.env.AMTOOL ?? 'amtool';
const amtoolVersion = execFileSync(amtool, ['--version'], { encoding: 'utf8' }).split('\n')[0];
const recording = JSON.parse(
  readFileSync(path.join(integrations, 'discord', 'fixtures', 'alertmanager-0.25.json'), 'utf8'),
);

const dir = mkdtempSync(path.join(tmpdir(), 'derive-teams-'));
function render(text, data) {
  const file = path.join(dir, 'data.json');
  writeFileSync(file, JSON.stringify(data));
  return execFileSync(
    amtool,
    [
      'template',
      'render',
      `--template.glob=${defaultTmpl}`,
      `--template.text=${text}`,
      `--template.data=${file}`,
    ],
    { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
  );
}
const tmpl = (name) => `{{ template "${name}" . }}`;
const firing = (data) => data.alerts.some((a) => a.status === 'firing');
const request = (body) => ({
  method: 'POST',
  path: '/default',
  headers: { 'content-type': 'application/json' },
  body,
});

const v1 = [];
const v2 = [];
try {
  for (const step of recording.steps) {
    const data = step.requests.find((r) => r.path === '/webhook').body;
    // msteams.go: teamsMessage{Context, Type, Title, Summary, Text, ThemeColor}; red 8C1A1A while
    // any alert fires, green 2DC72D once all are resolved.
    v1.push({
      name: step.name,
      requests: [
        request({
          '@context': 'http://schema.org/extensions',
          type: 'MessageCard',
          title: render(tmpl('msteams.default.title'), data),
          summary: render(tmpl('msteams.default.summary'), data),
          text: render(tmpl('msteams.default.text'), data),
          themeColor: firing(data) ? '8C1A1A' : '2DC72D',
        }),
      ],
    });
    // msteamsv2.go: a "message" with one Adaptive Card 1.2 attachment; the title TextBlock
    // (Bolder, Medium, wrap, heading, colour Attention/Good), the text TextBlock (wrap), full width.
    v2.push({
      name: step.name,
      requests: [
        request({
          type: 'message',
          attachments: [
            {
              contentType: 'application/vnd.microsoft.card.adaptive',
              contentUrl: null,
              content: {
                $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
                type: 'AdaptiveCard',
                version: '1.2',
                body: [
                  {
                    type: 'TextBlock',
                    text: render(tmpl('msteamsv2.default.title'), data),
                    weight: 'Bolder',
                    size: 'Medium',
                    wrap: true,
                    style: 'heading',
                    color: firing(data) ? 'Attention' : 'Good',
                  },
                  { type: 'TextBlock', text: render(tmpl('msteamsv2.default.text'), data), wrap: true },
                ],
                msteams: { width: 'full' },
              },
            },
          ],
        }),
      ],
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const derivedWith = `msteams.go/msteamsv2.go and template/default.tmpl of Alertmanager v0.34.0, texts rendered by ${amtoolVersion}`;
for (const [name, steps] of [
  ['msteams', v1],
  ['msteamsv2', v2],
]) {
  const out = path.join(integrations, name, 'fixtures', 'upstream-0.34.json');
  writeFileSync(
    out,
    `${JSON.stringify({ recordedWith: derivedWith, standIn: 'STAND_IN_URL', steps }, null, 2)}\n`,
  );
  console.log(`wrote ${out}`);
}
