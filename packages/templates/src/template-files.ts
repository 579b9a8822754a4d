import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ALERTMANAGER_FUNCTION_MAP } from './am-functions.js';

/**
 * The functions Alertmanager 0.34 gives templates (its `template.DefaultFuncs`) on top of Go's
 * builtins. Parsing with this set rejects a call to anything else, as Alertmanager does.
 */
export const ALERTMANAGER_FUNCTIONS: readonly string[] = [...ALERTMANAGER_FUNCTION_MAP.keys()];

export interface TemplateFile {
  path: string;
  text: string;
}

/**
 * Reads the files the `templates:` globs name, in order, each glob's matches sorted. As in
 * Alertmanager, a wildcard may only stand in the last path element and a glob that matches
 * nothing is fine.
 */
export async function readTemplateFiles(globs: readonly string[]): Promise<TemplateFile[]> {
  const files: TemplateFile[] = [];
  for (const glob of globs) {
    for (const file of await expandGlob(glob)) files.push({ path: file, text: await readFile(file, 'utf8') });
  }
  return files;
}

async function expandGlob(glob: string): Promise<string[]> {
  const dir = path.dirname(glob);
  const base = path.basename(glob);
  if (!/[*?[]/.test(base)) return (await exists(dir, base)) ? [glob] : [];
  const pattern = globToRegExp(base);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

async function exists(dir: string, name: string): Promise<boolean> {
  try {
    return (await readdir(dir)).includes(name);
  } catch {
    return false;
  }
}

/** Go's `filepath.Match` syntax for one path element: `*`, `?`, `[...]` classes, `\` escapes. */
function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) re += escapeRegExp(pattern[++i] as string);
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) throw new Error(`syntax error in pattern: ${pattern}`);
      // Go's class syntax (`[a-z]`, `[^0-9]`) reads the same as a JavaScript class.
      re += pattern.slice(i, end + 1);
      i = end;
    } else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`, 'u');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
