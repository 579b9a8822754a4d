import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** `versionInfo` of /api/v2/status, in Alertmanager's shape. */
export const VERSION_INFO = {
  version: pkg.version,
  revision: process.env.TOCSIN_REVISION ?? 'unknown',
  branch: process.env.TOCSIN_BRANCH ?? 'unknown',
  buildUser: 'tocsin',
  buildDate: process.env.TOCSIN_BUILD_DATE ?? 'unknown',
  goVersion: `node${process.versions.node}`,
};
