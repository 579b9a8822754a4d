import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createSecureContext, type SecureContextOptions, type TLSSocket } from 'node:tls';
import { CIPHER_SUITES, CURVES, TLS_VERSIONS } from './tls-names.js';
import { parseWebConfig, type TlsServerConfig, type WebConfig, WebConfigError } from './web-config.js';

/** What Node's TLS server needs from `tls_server_config`. */
export interface TlsSettings {
  /** For `tls.createSecureContext` and `server.setSecureContext` (changeable on the fly). */
  context: SecureContextOptions;
  /** Fixed when the server is created. */
  requestCert: boolean;
  rejectUnauthorized: boolean;
}

export interface LoadedWebConfig {
  config: WebConfig;
  /** Absent for plain HTTP. */
  tls?: TlsSettings;
  /** The config file and every file it names, to notice changes. */
  files: string[];
}

/** Reads and validates the file and the certificates it names; errors name the field. */
export async function loadWebConfig(file: string): Promise<LoadedWebConfig> {
  const absolute = path.resolve(file);
  const text = await read(absolute, '--web.config.file');
  let config: WebConfig;
  try {
    config = parseWebConfig(text, path.dirname(absolute));
  } catch (err) {
    if (err instanceof WebConfigError) throw new WebConfigError(`${absolute}: ${err.message}`);
    throw err;
  }
  const files = [absolute];
  if (!config.tls) return { config, files };
  const t = config.tls;
  for (const f of [t.certFile, t.keyFile, t.clientCaFile]) if (f) files.push(f);
  const tls = await tlsSettings(t).catch((err: Error) => {
    throw new WebConfigError(`${absolute}: ${err.message}`);
  });
  return { config, tls, files };
}

async function tlsSettings(t: TlsServerConfig): Promise<TlsSettings> {
  const field = 'tls_server_config';
  const cert = t.certFile ? await read(t.certFile, `${field}.cert_file`) : (t.cert as string);
  const key = t.keyFile ? await read(t.keyFile, `${field}.key_file`) : (t.key as string);
  const ca = t.clientCaFile ? await read(t.clientCaFile, `${field}.client_ca_file`) : t.clientCa;
  const context: SecureContextOptions = {
    cert,
    key,
    minVersion: TLS_VERSIONS[t.minVersion],
    maxVersion: TLS_VERSIONS[t.maxVersion],
    honorCipherOrder: t.preferServerCipherSuites,
  };
  if (ca) context.ca = ca;
  // Only the TLS 1.2 names restrict anything, as in Go; TLS 1.3 keeps OpenSSL's defaults.
  const ciphers = t.cipherSuites.map((name) => CIPHER_SUITES[name]).filter((c): c is string => !!c);
  if (ciphers.length > 0) context.ciphers = ciphers.join(':');
  if (t.curvePreferences.length > 0)
    context.ecdhCurve = t.curvePreferences.map((name) => CURVES[name]).join(':');
  try {
    createSecureContext(context);
  } catch (err) {
    // OpenSSL's words, e.g. "key values mismatch"; never the key itself.
    throw new WebConfigError(`${field}: the certificate and key do not load: ${(err as Error).message}`);
  }
  if (ca) {
    try {
      createSecureContext({ ca });
    } catch (err) {
      throw new WebConfigError(`${field}: the client CA does not load: ${(err as Error).message}`);
    }
  }
  const requestCert = t.clientAuthType !== 'NoClientCert';
  return {
    context,
    requestCert,
    rejectUnauthorized: t.clientAuthType === 'RequireAndVerifyClientCert',
  };
}

/**
 * The checks Go's client auth types make that Node's `requestCert`/`rejectUnauthorized` cannot:
 * a certificate required but not verified, one verified only if given, and the allowed SANs.
 * Returns why the connection must be dropped, or undefined.
 */
export function clientCertificateProblem(socket: TLSSocket, t: TlsServerConfig): string | undefined {
  if (t.clientAuthType === 'NoClientCert' || t.clientAuthType === 'RequestClientCert') return undefined;
  const cert = socket.getPeerCertificate();
  const given = cert !== null && Object.keys(cert).length > 0;
  if (!given) {
    return t.clientAuthType === 'VerifyClientCertIfGiven' ? undefined : 'no client certificate';
  }
  if (t.clientAuthType === 'VerifyClientCertIfGiven' && !socket.authorized)
    return `client certificate not verified: ${String(socket.authorizationError)}`;
  if (t.clientAllowedSans) {
    const sans = (cert.subjectaltname ?? '')
      .split(', ')
      .map((entry) => entry.slice(entry.indexOf(':') + 1))
      .filter((v) => v !== '');
    if (!sans.some((san) => t.clientAllowedSans?.includes(san)))
      return 'client certificate has none of client_allowed_sans';
  }
  return undefined;
}

async function read(file: string, field: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new WebConfigError(`${field}: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
}
