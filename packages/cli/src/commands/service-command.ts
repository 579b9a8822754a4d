import type { FlagDef } from '@tocsin/runtime';

/**
 * A `tocsin <service>` command: prints the service's flags for --help, otherwise runs it until
 * SIGTERM/SIGINT. The service package is loaded only when asked for, so other commands start fast.
 */
export function serviceCommand(
  name: string,
  load: () => Promise<{ flags: Record<string, FlagDef>; run: (argv: readonly string[]) => Promise<void> }>,
) {
  return async (args: string[]): Promise<number | undefined> => {
    const service = await load();
    if (args.includes('--help') || args.includes('-h')) {
      const { flagUsage } = await import('@tocsin/runtime');
      console.log(`usage: tocsin ${name} [flags]\n\n${flagUsage(service.flags)}`);
      return 0;
    }
    await service.run(args);
    return undefined;
  };
}
