// The wasm32-wasi C toolchain the C tests compile with (clang, lld, wasi-libc, the builtins and,
// for C++, libc++). Like the Zircon fixtures (fixtures.ts): tests that need it carry
// TOOLCHAIN_TAG, vitest.config.ts skips that tag when a part is missing, and global-setup.ts
// names the skipped tests in one line, or fails the run when CI=true, where the toolchain is
// installed by .ci/run and its absence is a broken setup, not a reason to skip.
import { spawnSync } from 'node:child_process';
import { C_PACKAGES, CXX_PACKAGES, missingPackages } from '../generator/toolchain.js';

/** The vitest tag of every test that compiles C or C++. */
export const TOOLCHAIN_TAG = 'wasm-toolchain';

let missing: readonly string[] | undefined;

/** The Debian packages that are missing (C and C++), probed on first use (tests importing the tag pay nothing). */
export function missingToolchain(): readonly string[] {
  missing ??= missingPackages(true);
  return missing;
}

const INSTALL = `apt-get install ${[...C_PACKAGES, ...CXX_PACKAGES].join(' ')}`;

/** Why the run must stop instead of skipping, or null. */
export function toolchainFailure(missing: readonly string[] = missingToolchain(), env: NodeJS.ProcessEnv = process.env): string | null {
  if (missing.length === 0 || env['CI'] !== 'true') return null;
  return `zxkit: the wasm32-wasi toolchain is missing ${missing.join(', ')}; CI=true requires it (${INSTALL}).`;
}

/** The one line printed when tests were skipped for want of the toolchain. */
export function toolchainSkipNotice(files: readonly string[], tests: number, missing: readonly string[] = missingToolchain()): string {
  return `zxkit: skipped ${tests} test${tests === 1 ? '' : 's'} tagged ${TOOLCHAIN_TAG} (${files.join(', ')}): ` +
    `the wasm32-wasi toolchain is missing ${missing.join(', ')}; to run them: ${INSTALL}.`;
}

/**
 * For code that compiles C outside Vitest's tags (the benchmarks): whether the toolchain is
 * complete. A missing part is named in one line on stderr, or throws under CI=true.
 */
export function haveToolchain(who: string): boolean {
  const failure = toolchainFailure();
  if (failure !== null) throw new Error(`${who}: ${failure}`);
  const missing = missingToolchain();
  if (missing.length > 0) console.warn(`${who}: skipped: the wasm32-wasi toolchain is missing ${missing.join(', ')} (${INSTALL})`);
  return missing.length === 0;
}

let version: string | undefined;

/** `clang --version`'s text, part of the key of cached builds (a new compiler rebuilds them). */
export function clangVersion(): string {
  version ??= spawnSync('clang', ['--version'], { encoding: 'utf8' }).stdout ?? '';
  return version;
}
