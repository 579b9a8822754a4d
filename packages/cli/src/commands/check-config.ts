import { parseArgs } from 'node:util';
import { type Config, loadConfigFile } from '@tocsin/config';
import { checkTemplateFiles } from '@tocsin/templates';

/**
 * `tocsin check-config FILE...`, like `amtool check-config`: a verdict per file, a summary of
 * what a valid file holds, exit status 1 when any file is invalid.
 */
export async function checkConfig(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'enable-feature': { type: 'string', multiple: true } },
  });
  if (positionals.length === 0) {
    console.error('usage: tocsin check-config [--enable-feature=classic-mode|utf8-strict-mode] FILE...');
    return 2;
  }
  const features = new Set((values['enable-feature'] ?? []).flatMap((f) => f.split(',')));
  const options = {
    features: { classicMode: features.has('classic-mode'), utf8StrictMode: features.has('utf8-strict-mode') },
  };
  let failed = 0;
  for (const file of positionals) {
    console.log(`Checking '${file}'`);
    try {
      const { config } = await loadConfigFile(file, options);
      await checkTemplateFiles(config.templates ?? []);
      console.log('  SUCCESS');
      console.log(summary(config));
    } catch (err) {
      failed++;
      console.log(`  FAILED: ${err instanceof Error ? err.message : String(err)}`);
    }
    console.log('');
  }
  return failed > 0 ? 1 : 0;
}

function summary(config: Config): string {
  const lines = ['Found:'];
  if (config.global) lines.push(' - global config');
  if (config.route) lines.push(' - route');
  lines.push(` - ${config.inhibit_rules?.length ?? 0} inhibit rules`);
  lines.push(` - ${config.receivers?.length ?? 0} receivers`);
  lines.push(` - ${config.templates?.length ?? 0} templates`);
  return lines.join('\n');
}
