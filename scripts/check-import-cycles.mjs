#!/usr/bin/env node
// Fails when any TypeScript source in packages/ or services/ is part of an import cycle.
import madge from 'madge';

const roots = ['packages', 'services'];
const result = await madge(roots, {
  fileExtensions: ['ts'],
  excludeRegExp: [/node_modules/, /dist\//, /\.d\.ts$/],
  tsConfig: 'tsconfig.base.json',
  detectiveOptions: { ts: { skipTypeImports: true } },
});
const cycles = result.circular();
if (cycles.length > 0) {
  console.error(`Import cycles found (${cycles.length}):`);
  for (const cycle of cycles) console.error(`  ${cycle.join(' -> ')}`);
  process.exit(1);
}
console.log(`No import cycles in ${Object.keys(result.obj()).length} files.`);
