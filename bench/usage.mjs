// --help for the bench scripts: each script's usage is its leading comment.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Prints the comment lines before the first import of the module at `moduleUrl` and exits. */
export function printUsageAndExit(moduleUrl) {
  const text = readFileSync(fileURLToPath(moduleUrl), 'utf8').split('\n');
  console.log(
    text
      .slice(
        1,
        text.findIndex((l) => l.startsWith('import')),
      )
      .join('\n')
      .replace(/^\/\/ ?/gm, ''),
  );
  process.exit(0);
}
