import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The shared conformance corpus: $TOCSIN_CONFORMANCE_DIR, else `../shared/conformance` next to
 * the checkout, else /work/shared/conformance. Missing corpus is an error, never a skip.
 */
export function conformanceDir(): string {
  const candidates = [
    process.env.TOCSIN_CONFORMANCE_DIR,
    path.resolve(repoRoot, '../shared/conformance'),
    '/work/shared/conformance',
  ].filter((c): c is string => c !== undefined);
  const found = candidates.find((c) => existsSync(path.join(c, 'configs/check.mjs')));
  if (!found) throw new Error(`conformance corpus not found; looked in ${candidates.join(', ')}`);
  return found;
}
