import { createHash } from 'node:crypto';

/**
 * A deterministic BullMQ job id: `<kind>.<sha1 of the parts>`. Group keys contain `:` (which
 * BullMQ forbids in custom ids) and a bare integer id is reserved, so ids are always hashed.
 * The same parts always give the same id, which is what lets BullMQ refuse a duplicate job.
 */
export function jobId(kind: string, ...parts: readonly (string | number)[]): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(String(part)).update('\u0000');
  return `${kind}.${hash.digest('hex')}`;
}
