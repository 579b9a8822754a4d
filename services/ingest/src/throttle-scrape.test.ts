import { describe, expect, it } from 'vitest';
import { throttleScrape } from './throttle-scrape.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('throttleScrape', () => {
  it('shares one run between concurrent scrapes', async () => {
    let runs = 0;
    const read = throttleScrape(async () => {
      runs++;
      await sleep(30);
      return runs;
    });
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    expect(runs).toBe(1);
  });

  it('reuses a slow result for four times as long as it took, then reads again', async () => {
    let runs = 0;
    const read = throttleScrape(async () => {
      runs++;
      await sleep(50);
      return runs;
    });
    expect(await read()).toBe(1);
    expect(await read()).toBe(1); // well within 4 × 50 ms
    await sleep(260);
    expect(await read()).toBe(2);
  });

  it('does not reuse a failed read', async () => {
    let runs = 0;
    const read = throttleScrape(async () => {
      runs++;
      if (runs === 1) throw new Error('redis down');
      return runs;
    }, 10_000);
    await expect(read()).rejects.toThrow('redis down');
    expect(await read()).toBe(2);
  });
});
