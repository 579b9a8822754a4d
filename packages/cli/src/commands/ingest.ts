/** `tocsin ingest [flags]`: runs until SIGTERM/SIGINT. Loaded lazily so other commands start fast. */
export async function ingest(args: string[]): Promise<number | undefined> {
  const { INGEST_FLAGS, runIngest } = await import('@tocsin/ingest');
  if (args.includes('--help') || args.includes('-h')) {
    const { flagUsage } = await import('@tocsin/runtime');
    console.log(`usage: tocsin ingest [flags]\n\n${flagUsage(INGEST_FLAGS)}`);
    return 0;
  }
  await runIngest(args);
  return undefined;
}
