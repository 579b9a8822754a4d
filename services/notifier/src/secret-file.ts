import { readFile } from 'node:fs/promises';
import type { Secret } from '@tocsin/config';
import { UnrecoverableNotifyError } from './notify-errors.js';

/** A `*_file` secret, trimmed as Alertmanager trims it, read at send time so a rotated file is seen. */
export async function readSecretFile(what: string, file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (err) {
    throw new UnrecoverableNotifyError(`read ${what}: ${(err as NodeJS.ErrnoException).message}`);
  }
}

/**
 * A setting given inline or as a `*_file` (the config allows at most one): the value, else the
 * file's trimmed contents read now, else ''. With `missing`, '' fails with that message.
 */
export async function secretOrFile(
  value: Secret | string | undefined,
  file: string | undefined,
  fileField: string,
  missing?: string,
): Promise<string> {
  const text = value
    ? typeof value === 'string'
      ? value
      : value.reveal()
    : file
      ? await readSecretFile(fileField, file)
      : '';
  if (text === '' && missing !== undefined) throw new UnrecoverableNotifyError(missing);
  return text;
}
