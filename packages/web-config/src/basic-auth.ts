import { createHash, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * HTTP basic auth against bcrypt hashes. bcrypt costs about 100 ms of CPU per check at cost 10
 * in pure JS, so each (user, password) pair is verified once and the outcome kept (keyed by a
 * SHA-256 of the pair, never the password itself); checks in flight for the same pair share one
 * bcrypt run. A new config builds a new BasicAuth, so a changed hash is verified afresh.
 */
export class BasicAuth {
  private readonly users: { digest: Buffer; hash: string }[];
  private readonly outcomes = new Map<string, boolean>();
  private readonly inFlight = new Map<string, Promise<boolean>>();

  constructor(
    users: Readonly<Record<string, string>>,
    private readonly maxCached = 4096,
  ) {
    this.users = Object.entries(users).map(([name, hash]) => ({ digest: sha256(name), hash }));
  }

  get enabled(): boolean {
    return this.users.length > 0;
  }

  /** True when the `Authorization` header names a user and the right password; sync on a cache hit. */
  check(authorization: string | undefined): boolean | Promise<boolean> {
    const credentials = parseBasic(authorization);
    if (!credentials) return false;
    const key = sha256(`${credentials.user}\u0000${credentials.password}`).toString('base64');
    const known = this.outcomes.get(key);
    if (known !== undefined) return known;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.verify(credentials.user, credentials.password).then(
        (ok) => {
          this.remember(key, ok);
          return ok;
        },
        () => false,
      );
      pending.finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async verify(user: string, password: string): Promise<boolean> {
    const digest = sha256(user);
    let hash: string | undefined;
    // Every user compared, no early exit: the time taken does not tell which names exist.
    for (const u of this.users) if (timingSafeEqual(u.digest, digest)) hash = u.hash;
    // An unknown user still pays one bcrypt run, against a real hash, for the same reason.
    const against = hash ?? this.users[0]?.hash;
    if (against === undefined) return false;
    const ok = await bcrypt.compare(password, against);
    return hash !== undefined && ok;
  }

  private remember(key: string, ok: boolean): void {
    // Oldest first out: a flood of wrong passwords cannot grow memory without bound.
    if (this.outcomes.size >= this.maxCached) {
      const oldest = this.outcomes.keys().next();
      if (!oldest.done) this.outcomes.delete(oldest.value);
    }
    this.outcomes.set(key, ok);
  }
}

/** `Basic base64(user:password)`, as Go's Request.BasicAuth reads it. */
function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  if (!header || header.length < 6 || header.slice(0, 6).toLowerCase() !== 'basic ') return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
