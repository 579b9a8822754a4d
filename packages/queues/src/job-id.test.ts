import { describe, expect, it } from 'vitest';
import { jobId } from './job-id.js';

describe('jobId', () => {
  it('is deterministic, safe for BullMQ and different for different parts', () => {
    const a = jobId('flush', '{}:{alertname="A"}', 1700000000000, 3);
    expect(a).toBe(jobId('flush', '{}:{alertname="A"}', 1700000000000, 3));
    expect(a).toMatch(/^flush\.[0-9a-f]{40}$/);
    expect(a).not.toContain(':');
    expect(jobId('flush', '{}:{alertname="A"}', 1700000000000, 4)).not.toBe(a);
  });

  it('does not confuse part boundaries', () => {
    expect(jobId('k', 'ab', 'c')).not.toBe(jobId('k', 'a', 'bc'));
  });
});
