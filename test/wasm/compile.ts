// C test programs, compiled during the test run with clang --target=wasm32-wasi and cached by
// content hash (sources, headers, flags, compiler version) in a temp folder; never committed.
// Whether the toolchain is there is test/toolchain.ts's to say: tests that compile carry its
// TOOLCHAIN_TAG, the benchmarks ask haveToolchain().
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clangVersion } from '../toolchain.js';

export const C_DIR = fileURLToPath(new URL('./c/', import.meta.url));

/** The repository: the first folder up from here with the generated headers (the benchmarks run this compiled, from dist-bench/). */
function repoRoot(): string {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  while (!existsSync(join(dir, 'generated', 'c', 'include'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('compile: no generated/c/include above test/wasm');
    dir = up;
  }
  return dir;
}

export const REPO = repoRoot();
/** The generated Zircon headers, as `zxkit cc` passes them. */
const INCLUDE = join(REPO, 'generated', 'c', 'include');
const CACHE = join(tmpdir(), 'zxkit-wasm-cache');
export const FLAGS = ['--target=wasm32-wasi', '-O2', '-Wall', '-Werror', '-I', INCLUDE];

/** test/wasm/c/NAME.c compiled (or taken from the cache), as module bytes. */
export function compileC(name: string): Uint8Array {
  return compileFile(join(C_DIR, `${name}.c`));
}

/** A C file compiled (or taken from the cache), as module bytes; headers beside it count as inputs. */
export function compileFile(src: string): Uint8Array {
  const name = basename(src, '.c');
  const hash = createHash('sha256');
  // Flags without the include path (it differs between clones), then every input's bytes.
  hash.update(FLAGS.filter((f) => f !== INCLUDE).join(' ')).update(clangVersion());
  const headers = (readdirSync(INCLUDE, { recursive: true }) as string[]).filter((f) => f.endsWith('.h')).sort();
  hash.update(readFileSync(src));
  for (const h of headers) hash.update(h).update(readFileSync(join(INCLUDE, h)));
  const local = readdirSync(dirname(src)).filter((f) => f.endsWith('.h')).sort();
  for (const h of local) hash.update(h).update(readFileSync(join(dirname(src), h)));
  const out = join(CACHE, `${name}-${hash.digest('hex').slice(0, 16)}.wasm`);
  if (!existsSync(out)) {
    mkdirSync(CACHE, { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    const r = spawnSync('clang', [...FLAGS, src, '-o', tmp], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`clang failed on ${name}.c:\n${r.stderr}`);
    renameSync(tmp, out);
  }
  return readFileSync(out);
}
