import { readFile } from 'node:fs/promises';
import type { HttpClientConfig } from '@tocsin/config';
import { RetryableError, UnrecoverableNotifyError } from '../notify-errors.js';

/** prometheus/common reads `*_file` secrets on every request, trimmed, so rotated files just work. */
async function readSecretFile(path: string, what: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (err) {
    // A file that is briefly missing (a secret being rotated) is worth a retry, as upstream does.
    throw new RetryableError(`unable to read ${what}: ${(err as NodeJS.ErrnoException).message}`);
  }
}

function unsupported(what: string): never {
  throw new UnrecoverableNotifyError(`${what} in http_config is not supported yet`);
}

/**
 * The headers `http_config` adds to a request: `Authorization` from basic_auth or authorization
 * (bearer tokens end up there when the config is loaded), and `http_headers`.
 */
export async function configHeaders(config: HttpClientConfig | undefined): Promise<Record<string, string[]>> {
  const headers: Record<string, string[]> = {};
  if (!config) return headers;
  if (config.oauth2) unsupported('oauth2');
  const basic = config.basic_auth;
  if (basic) {
    if (basic.username_ref || basic.password_ref) unsupported('basic_auth with *_ref');
    const username = basic.username_file
      ? await readSecretFile(basic.username_file, 'basic auth username')
      : (basic.username ?? '');
    const password = basic.password_file
      ? await readSecretFile(basic.password_file, 'basic auth password')
      : (basic.password?.reveal() ?? '');
    headers.Authorization = [`Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`];
  }
  const auth = config.authorization;
  if (auth && !basic) {
    if (auth.credentials_ref) unsupported('authorization with credentials_ref');
    const credentials = auth.credentials_file
      ? await readSecretFile(auth.credentials_file, 'authorization credentials')
      : (auth.credentials?.reveal() ?? '');
    headers.Authorization = [`${auth.type} ${credentials}`];
  }
  for (const [name, header] of Object.entries(config.http_headers ?? {})) {
    const values = [...(header.values ?? []), ...(header.secrets ?? []).map((s) => s.reveal())];
    for (const file of header.files ?? []) values.push(await readSecretFile(file, `header ${name} file`));
    if (values.length > 0) headers[name] = values;
  }
  return headers;
}
