import { checkConfig } from './commands/check-config.js';

const USAGE = `usage: tocsin <command> [flags]

commands:
  check-config FILE...   validate alertmanager.yml files (exit 1 if any is invalid)`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  'check-config': checkConfig,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`tocsin: unknown command ${JSON.stringify(name)}\n${USAGE}`);
    return 2;
  }
  return command(args);
}

process.exitCode = await main(process.argv.slice(2));
