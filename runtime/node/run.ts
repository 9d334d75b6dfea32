// `zxkit run OUT.wasm [args...]`: the program as the one process of a fresh kernel, its stdout
// and stderr passed through, its exit code returned for the CLI to exit with.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Kernel } from '../kernel.js';
import { nodeThreads } from './worker-host.js';

/** The shell's exit status for a process's exit code: 0-255 as they are, anything else (a trap, a kill, a negative code) 1. */
export function exitStatus(code: number): number {
  return Number.isInteger(code) && code >= 0 && code <= 255 ? code : 1;
}

export async function runProgram(file: string, args: readonly string[]): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    process.stderr.write(`zxkit run: cannot read ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  const kernel = new Kernel({ testMode: false });
  const p = kernel.spawn(bytes, { name: basename(file), args, host: nodeThreads });
  const code = await p.exited;
  if (p.fault !== undefined) process.stderr.write(`zxkit run: ${basename(file)}: ${p.fault}\n`);
  return exitStatus(code);
}
