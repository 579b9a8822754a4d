import { readFile } from 'node:fs/promises';
import { UnrecoverableNotifyError } from './notify-errors.js';

/** A `*_file` secret, trimmed as Alertmanager trims it, read at send time so a rotated file is seen. */
export async function readSecretFile(what: string, file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (err) {
    throw new UnrecoverableNotifyError(`read ${what}: ${(err as NodeJS.ErrnoException).message}`);
  }
}
