// `zxkit cc`: clang for zxkit programs. It adds the wasm32-wasi target, the generated Zircon
// headers (found beside this module, so it works from an installed package too) and the flags
// the toolchain needs, passes everything else to clang as given, and names the Debian packages
// when the toolchain or a part of it is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { C_INCLUDE_DIR } from './names.js';
import { packageRoot } from './pipeline.js';

export const C_PACKAGES = ['clang', 'lld', 'wasi-libc', 'libclang-rt-dev-wasm32'] as const;
export const CXX_PACKAGES = ['libc++-dev-wasm32', 'libc++abi-14-dev-wasm32'] as const;

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

/** Each part clang looks for, the clang flag that prints where it found it, and its package. */
const PARTS: readonly { readonly flag: string; readonly pkg: string; readonly cxx?: true }[] = [
  { flag: '-print-prog-name=wasm-ld', pkg: 'lld' },
  { flag: '-print-file-name=libc.a', pkg: 'wasi-libc' },
  { flag: '-print-libgcc-file-name', pkg: 'libclang-rt-dev-wasm32' },
  { flag: '-print-file-name=libc++.a', pkg: 'libc++-dev-wasm32', cxx: true },
  { flag: '-print-file-name=libc++abi.a', pkg: 'libc++abi-14-dev-wasm32', cxx: true },
];

/**
 * The Debian packages of the wasm32-wasi toolchain that are missing, asked of clang itself (a
 * part it cannot find comes back as a bare name). Without clang, all of them.
 */
export function missingPackages(cxx: boolean, env: NodeJS.ProcessEnv = process.env): string[] {
  const wanted = PARTS.filter((p) => cxx || !p.cxx);
  const where = (flag: string) => spawnSync('clang', ['--target=wasm32-wasi', flag], { encoding: 'utf8', env });
  const probe = where('--version');
  if (probe.error || probe.status !== 0) return ['clang', ...wanted.map((p) => p.pkg)];
  return wanted.filter((p) => {
    const path = where(p.flag).stdout.trim();
    return !isAbsolute(path) || !existsSync(path);
  }).map((p) => p.pkg);
}

/** What to install: the missing packages, and the whole set for C and for C++. */
export function packageHint(missing: readonly string[]): string {
  return `zxkit cc: the wasm32-wasi toolchain is missing ${missing.join(', ')}; on Debian: ` +
    `apt-get install ${C_PACKAGES.join(' ')} (for C++ also ${CXX_PACKAGES.join(' ')})\n`;
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
