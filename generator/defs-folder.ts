// Reading the definitions folder a command was pointed at (--defs): a missing or unreadable
// folder is a plain message naming the folder, --defs and `zxkit init`, never a stack trace.
import { relative, resolve } from 'node:path';
import type { SourceFile } from './load.js';
import { defsSources, missingDefsFolder } from './load-model.js';

/** The folder's sources, or the lines (each ending in a newline) saying what stopped them. */
export type DefsFolder = { readonly sources: SourceFile[] } | { readonly problem: string };

/** The sources of `defs` (as the user typed it), or what stopped them being read. */
export function readDefsFolder(defs: string): DefsFolder {
  const missing = missingDefsFolder(defs);
  if (missing) return { problem: missing };
  try {
    return { sources: defsSources(resolve(defs)) };
  } catch (e) {
    // An entry that cannot be read (a symlink loop, no permission) is positioned at that entry.
    const err = e as NodeJS.ErrnoException;
    const where = err.path ? relative(process.cwd(), err.path) || err.path : defs;
    return { problem: `${where}:1:1: cannot read the definitions folder ${defs}: ${err.code ?? err.message}\nzxkit: point to yours with --defs DIR\n` };
  }
}
