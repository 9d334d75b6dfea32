// The wasm32-wasi toolchain `zxkit cc` drives, by its Debian packages: which are needed, and
// which are missing, asked of clang itself. Kept apart from cc.ts so the test setup can probe it
// without loading the generator.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';

export const C_PACKAGES = ['clang', 'lld', 'wasi-libc', 'libclang-rt-dev-wasm32'] as const;
export const CXX_PACKAGES = ['libc++-dev-wasm32', 'libc++abi-14-dev-wasm32'] as const;

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

