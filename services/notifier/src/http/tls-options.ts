import { readFile } from 'node:fs/promises';
import type { TlsConfig, TlsVersion } from '@tocsin/config';
import { RetryableError, UnrecoverableNotifyError } from '../notify-errors.js';

/** Node's TLS options for one `tls_config`, with the files' contents read. */
export interface TlsOptions {
  ca?: string;
  cert?: string;
  key?: string;
  servername?: string;
  rejectUnauthorized: boolean;
  minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  maxVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
}

const VERSIONS = { TLS10: 'TLSv1', TLS11: 'TLSv1.1', TLS12: 'TLSv1.2', TLS13: 'TLSv1.3' } as const;

function version(v: TlsVersion | undefined) {
  return v === undefined ? undefined : VERSIONS[v];
}

async function read(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new RetryableError(`unable to read ${what}: ${(err as NodeJS.ErrnoException).message}`);
  }
}

/**
 * Reads the CA, certificate and key on every call, as prometheus/common notices rotated files;
 * callers key their connection pools on the result, so a rotation opens new connections.
 */
export async function tlsOptions(tls: TlsConfig | undefined): Promise<TlsOptions> {
  if (!tls) return { rejectUnauthorized: true };
  if (tls.ca_ref || tls.cert_ref || tls.key_ref) {
    throw new UnrecoverableNotifyError('tls_config with *_ref is not supported yet');
  }
  const options: TlsOptions = { rejectUnauthorized: !tls.insecure_skip_verify };
  const ca = tls.ca_file ? await read(tls.ca_file, 'CA file') : tls.ca;
  const cert = tls.cert_file ? await read(tls.cert_file, 'client certificate file') : tls.cert;
  const key = tls.key_file ? await read(tls.key_file, 'client key file') : tls.key?.reveal();
  if (ca !== undefined) options.ca = ca;
  if (cert !== undefined) options.cert = cert;
  if (key !== undefined) options.key = key;
  if (tls.server_name) options.servername = tls.server_name;
  const min = version(tls.min_version);
  const max = version(tls.max_version);
  if (min) options.minVersion = min;
  if (max) options.maxVersion = max;
  return options;
}
