import { describe, expect, it } from 'vitest';
import { AccessTokens } from './access-tokens.js';

describe('AccessTokens', () => {
  it('fetches once for concurrent sends of the same credentials', async () => {
    const tokens = new AccessTokens();
    let fetches = 0;
    const fetch = async () => {
      fetches += 1;
      await new Promise((r) => setTimeout(r, 20));
      return { token: `t${fetches}`, expiresInSeconds: 7200 };
    };
    const got = await Promise.all([1, 2, 3].map(() => tokens.get('k', fetch)));
    expect(got).toEqual(['t1', 't1', 't1']);
    expect(fetches).toBe(1);
    expect(await tokens.get('other', fetch)).toBe('t2');
  });

  it('keeps a token until shortly before expires_in, and 2 h when WeChat does not say', async () => {
    let now = 0;
    const tokens = new AccessTokens(() => now);
    let n = 0;
    const fetch = (expiresInSeconds?: number) => async () => {
      n += 1;
      return expiresInSeconds === undefined ? { token: `t${n}` } : { token: `t${n}`, expiresInSeconds };
    };
    expect(await tokens.get('a', fetch(7200))).toBe('t1');
    now = 7200_000 - 60_001;
    expect(await tokens.get('a', fetch(7200))).toBe('t1');
    now = 7200_000 - 60_000;
    expect(await tokens.get('a', fetch(7200))).toBe('t2');
    now = 0;
    expect(await tokens.get('b', fetch())).toBe('t3');
    now = 7000_000;
    expect(await tokens.get('b', fetch())).toBe('t3');
  });

  it('drops a token reported invalid, but not a newer one fetched meanwhile', async () => {
    const tokens = new AccessTokens();
    let n = 0;
    const fetch = async () => ({ token: `t${++n}`, expiresInSeconds: 7200 });
    expect(await tokens.get('k', fetch)).toBe('t1');
    tokens.invalidate('k', 't1');
    expect(await tokens.get('k', fetch)).toBe('t2');
    tokens.invalidate('k', 't1');
    expect(await tokens.get('k', fetch)).toBe('t2');
  });

  it('caches no failure: the next send fetches again', async () => {
    const tokens = new AccessTokens();
    await expect(tokens.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await tokens.get('k', async () => ({ token: 'ok' }))).toBe('ok');
  });
});
