// `zxkit cc`: clang for zxkit programs. It adds the wasm32-wasi target, the generated Zircon
// headers (found beside this module, so it works from an installed package too) and the flags
// the toolchain needs, passes everything else to clang as given, and names the Debian packages
// when the toolchain or a part of it is missing.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { C_INCLUDE_DIR } from './names.js';
import { packageRoot } from './load-model.js';
import { missingPackages, packageHint } from './toolchain.js';

/** The folder holding <zircon/...>, in this repository or the installed package. */
export function includeDir(): string {
  return join(packageRoot(), 'generated', C_INCLUDE_DIR);
}

const CXX_SOURCE = /\.(cc|cp|cpp|cxx|c\+\+|C|CC|CPP|ii)$/;

/** Whether the command compiles C++: a C++ source, or `-x c++` before the files. */
export function isCxx(args: readonly string[]): boolean {
  return args.some((a, i) => CXX_SOURCE.test(a) || a === '-xc++' || (a === '-x' && args[i + 1] === 'c++'));
}

export interface CcCommand {
  readonly compiler: 'clang' | 'clang++';
  readonly args: readonly string[];
}

/**
 * The clang command line. The target makes a WASI command module (`_start`, exported memory);
 * C++ is built without exceptions, which wasm32 clang 14 cannot link, unless the caller asks.
 */
export function ccCommand(userArgs: readonly string[], include = includeDir()): CcCommand {
  const cxx = isCxx(userArgs);
  const wantsExceptions = userArgs.some((a) => a === '-fexceptions' || a === '-fno-exceptions');
  return {
    compiler: cxx ? 'clang++' : 'clang',
    args: ['--target=wasm32-wasi', '-I', include, ...(cxx && !wantsExceptions ? ['-fno-exceptions'] : []), ...userArgs],
  };
}

export const CC_USAGE = 'usage: zxkit cc [clang options] FILE... -o OUT.wasm\n';

/** clang options whose value is the next argument, so that argument is no input file. */
const TAKES_VALUE = new Set(['-o', '-I', '-x', '-D', '-U', '-include', '-isystem', '-iquote', '-L', '-MF', '-MT', '-MQ', '-Xclang', '-Xlinker', '-target']);

/** The input files of a clang command line. */
export function inputFiles(args: readonly string[]): string[] {
  return args.filter((a, i) => a !== '-' && !a.startsWith('-') && !TAKES_VALUE.has(args[i - 1] ?? ''));
}

/** Runs clang; returns the exit code to leave with. */
export function runCc(userArgs: readonly string[]): number {
  if (inputFiles(userArgs).length === 0) {
    process.stderr.write(`zxkit cc: no input files\n${CC_USAGE}`);
    return 2;
  }
  const { compiler, args } = ccCommand(userArgs);
  const r = spawnSync(compiler, args, { stdio: 'inherit' });
  if (r.error && (r.error as NodeJS.ErrnoException).code !== 'ENOENT') {
    process.stderr.write(`zxkit cc: cannot run ${compiler}: ${r.error.message}\n`);
    return 1;
  }
  if (r.error || r.status !== 0) {
    // After clang's own message: name what is missing, if that is why it failed.
    const missing = missingPackages(compiler === 'clang++');
    if (r.error) process.stderr.write(`zxkit cc: ${compiler} not found\n`);
    if (missing.length) process.stderr.write(packageHint(missing));
    if (r.error) return 1;
  }
  return r.status ?? 1;
}
