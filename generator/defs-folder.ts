// Reading the definitions folder a command was pointed at (--defs): a missing or unreadable
// folder is a plain message naming the folder and --defs, never a stack trace.
import { resolve } from 'node:path';
import type { SourceFile } from './load.js';
import { defsSources } from './pipeline.js';

export type DefsFolder = { readonly sources: SourceFile[] } | { readonly problem: string };

/** The sources of `defs` (as the user typed it), or what stopped them being read. */
export function readDefsFolder(defs: string): DefsFolder {
  try {
    return { sources: defsSources(resolve(defs)) };
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (e as Error).message;
    return { problem: `cannot read the definitions folder ${defs}/ (${resolve(defs)}): ${reason}; give the folder of your YAML definitions with --defs DIR` };
  }
}
