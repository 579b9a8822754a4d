// Shared test data: one firing and one resolved alert, in the webhook payload's shape.
import type { TemplateDataLike } from './data-model.js';

export const FIRING_AND_RESOLVED: TemplateDataLike = {
  receiver: 'team-a',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'HighCPU', instance: 'web-1:9100', job: 'node', severity: 'critical' },
      annotations: { summary: 'CPU is high', description: 'CPU > 90%' },
      startsAt: '2024-05-01T10:00:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prom/graph?g0.expr=up',
      fingerprint: 'a1',
    },
    {
      status: 'resolved',
      labels: { alertname: 'HighCPU', instance: 'web-2:9100', job: 'node', severity: 'warning' },
      annotations: { summary: 'CPU is high' },
      startsAt: '2024-05-01T09:00:00.5Z',
      endsAt: '2024-05-01T10:30:00Z',
      generatorURL: 'http://prom/graph?g0.expr=up2',
      fingerprint: 'b2',
    },
  ],
  groupLabels: { alertname: 'HighCPU' },
  commonLabels: { alertname: 'HighCPU', job: 'node' },
  commonAnnotations: { summary: 'CPU is high' },
  externalURL: 'http://am.example:9093',
};
