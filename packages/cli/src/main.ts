import { checkConfig } from './commands/check-config.js';
import { deadLetters } from './commands/dead-letters.js';
import { receivers } from './commands/receivers.js';
import { serviceCommand } from './commands/service-command.js';
import { start } from './commands/start.js';
import { templateCommand } from './commands/template-render.js';

const USAGE = `usage: tocsin <command> [flags]

commands:
  check-config FILE...   validate alertmanager.yml files (exit 1 if any is invalid)
  start [flags]          run the whole stack (ingest, dispatcher, notifiers) as child processes
  ingest [flags]         run the ingest service (Alertmanager's API v2)
  dispatcher [flags]     run a dispatcher (routing, grouping, timers, muting, dedup)
  notifier [flags]       run a notifier (--integration webhook,... or all)
  dead-letters CMD       list, show, replay or discard dead letters through the API (--help)
  receivers              every receiver integration with its last attempt, success and error
  template render ...    render a notification template like amtool template render (--help)
  (every service command lists its flags with --help)`;

// A command resolves with an exit code, or undefined when it keeps running as a service.
type Command = (args: string[]) => Promise<number | undefined>;

const commands: Record<string, Command> = {
  'check-config': checkConfig,
  'dead-letters': deadLetters,
  receivers,
  start,
  template: templateCommand,
  ingest: serviceCommand('ingest', async () => {
    const m = await import('@tocsin/ingest');
    return { flags: m.INGEST_FLAGS, run: m.runIngest };
  }),
  dispatcher: serviceCommand('dispatcher', async () => {
    const m = await import('@tocsin/dispatcher');
    return { flags: m.DISPATCHER_FLAGS, run: m.runDispatcher };
  }),
  notifier: serviceCommand('notifier', async () => {
    const m = await import('@tocsin/notifier');
    return { flags: m.NOTIFIER_FLAGS, run: m.runNotifier };
  }),
};

async function main(argv: string[]): Promise<number | undefined> {
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

const code = await main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
