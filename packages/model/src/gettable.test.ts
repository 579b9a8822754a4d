import { describe, expect, it } from 'vitest';
import type { Alert } from './alert.js';
import { toGettableAlert } from './gettable.js';

const alert: Alert = {
  labels: { b: '2', a: '1' },
  annotations: { summary: 's' },
  startsAt: Date.UTC(2024, 0, 1),
  endsAt: Date.UTC(2024, 0, 1, 0, 5, 0, 120),
  generatorURL: '',
  updatedAt: Date.UTC(2024, 0, 1, 0, 0, 0, 5),
  timeout: true,
  fingerprint: '0123456789abcdef',
};

describe('toGettableAlert', () => {
  it('prints the API shape in Alertmanager field order with millisecond times', () => {
    expect(JSON.stringify(toGettableAlert(alert, ['hook'], { state: 'active' }))).toBe(
      JSON.stringify({
        annotations: { summary: 's' },
        endsAt: '2024-01-01T00:05:00.120Z',
        fingerprint: '0123456789abcdef',
        receivers: [{ name: 'hook' }],
        startsAt: '2024-01-01T00:00:00.000Z',
        status: { inhibitedBy: [], mutedBy: [], silencedBy: [], state: 'active' },
        updatedAt: '2024-01-01T00:00:00.005Z',
        labels: { a: '1', b: '2' },
      }),
    );
  });

  it('defaults to unprocessed and includes a non-empty generatorURL', () => {
    const g = toGettableAlert({ ...alert, generatorURL: 'http://x/' }, []);
    expect(g.status).toEqual({ inhibitedBy: [], mutedBy: [], silencedBy: [], state: 'unprocessed' });
    expect(g.generatorURL).toBe('http://x/');
    expect(g.receivers).toEqual([]);
  });

  it('reports a muted alert as suppressed', () => {
    const g = toGettableAlert(alert, ['a', 'b'], {
      state: 'active',
      mutedBy: ['weekends'],
      silencedBy: ['s1'],
    });
    expect(g.status).toEqual({
      inhibitedBy: [],
      mutedBy: ['weekends'],
      silencedBy: ['s1'],
      state: 'suppressed',
    });
    expect(g.receivers).toEqual([{ name: 'a' }, { name: 'b' }]);
  });
});
