import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/tocsin.js', import.meta.url));

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code (or 1 when killed by a signal) once the process is gone. */
  exited: Promise<number>;
}

/**
 * Runs one `tocsin <command>` as a child process, each output line prefixed with its name so
 * the interleaved logs of the stack stay readable.
 */
export function startService(
  name: string,
  args: readonly string[],
  extraEnv: Readonly<Record<string, string>> = {},
): ServiceProcess {
  // The launcher passes every setting as a flag; TOCSIN_* variables meant for it (such as
  // TOCSIN_WEB_LISTEN_ADDRESS) must not leak into services that read the same names.
  // `extraEnv` carries what must not show on a command line (the Redis URL with its password).
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('TOCSIN_'))),
    ...extraEnv,
  };
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    const out = stream === child.stderr ? process.stderr : process.stdout;
    createInterface({ input: stream }).on('line', (line) => out.write(`[${name}] ${line}\n`));
  }
  const exited = new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
  return { name, child, exited };
}
