import { createHash } from 'node:crypto';

interface CachedToken {
  token: string;
  expiresAt: number;
}

// WeChat tokens live 7200 s; renew a little early so a send near the end does not fail with 42001.
const DEFAULT_LIFETIME_MS = 7200_000;
const MAX_EARLY_RENEWAL_MS = 60_000;

/** What gettoken gave: the token and how long WeChat says it lives (`expires_in`, seconds). */
export interface FetchedToken {
  token: string;
  expiresInSeconds?: number;
}

/**
 * WeChat access tokens per credentials (API URL, corp id, secret): fetched once, shared by
 * concurrent sends, kept until they expire or WeChat reports them invalid.
 */
export class AccessTokens {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly fetching = new Map<string, Promise<string>>();

  constructor(private readonly now: () => number = Date.now) {}

  static key(apiUrl: string, corpId: string, secret: string): string {
    return createHash('sha256').update(`${apiUrl}\0${corpId}\0${secret}`).digest('hex');
  }

  async get(key: string, fetch: () => Promise<FetchedToken>): Promise<string> {
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.token;
    let pending = this.fetching.get(key);
    if (!pending) {
      pending = this.fetchAndKeep(key, fetch).finally(() => this.fetching.delete(key));
      this.fetching.set(key, pending);
    }
    return pending;
  }

  /** WeChat said `token` is expired or invalid: the next send fetches a new one. */
  invalidate(key: string, token: string): void {
    if (this.tokens.get(key)?.token === token) this.tokens.delete(key);
  }

  private async fetchAndKeep(key: string, fetch: () => Promise<FetchedToken>): Promise<string> {
    const fetchedAt = this.now();
    const { token, expiresInSeconds } = await fetch();
    const lifetime =
      expiresInSeconds !== undefined && expiresInSeconds > 0 ? expiresInSeconds * 1000 : DEFAULT_LIFETIME_MS;
    this.prune();
    this.tokens.set(key, {
      token,
      expiresAt: fetchedAt + lifetime - Math.min(MAX_EARLY_RENEWAL_MS, lifetime / 2),
    });
    return token;
  }

  /** Drops expired tokens, so credentials removed by a reload do not pile up. */
  private prune(): void {
    const now = this.now();
    for (const [key, t] of this.tokens) if (t.expiresAt <= now) this.tokens.delete(key);
  }
}
