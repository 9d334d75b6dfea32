// Compiling C in the tests: clang on the generated headers, the wasm imports of a compiled
// module with their signatures, programs run under node:wasi, and a build cache keyed by
// content hash (in the system temp folder, never in the repository).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { repoRoot } from '../generator/helpers.js';

export const INCLUDE = join(repoRoot, 'generated', 'c', 'include');
export const CLI = join(repoRoot, 'dist-gen', 'generator', 'cli.js');

/** Every generated header, as `zircon/...` include paths. */
export function headerPaths(dir = join(INCLUDE, 'zircon')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? headerPaths(join(dir, e.name)) : e.name.endsWith('.h') ? [relative(INCLUDE, join(dir, e.name))] : []).sort();
}

/** clang (clang++ for `-x c++`) on the generated headers, or another copy of them, warnings as errors. */
export function clang(args: readonly string[], include = INCLUDE): SpawnSyncReturns<string> {
  const cxx = args.includes('c++');
  return spawnSync(cxx ? 'clang++' : 'clang', ['-I', include, '-Wall', '-Wextra', '-Werror', ...args], { encoding: 'utf8' });
}

/** The four ways the headers must compile: C and C++, for wasm32 and for the LP64 host. */
export const TARGETS = [
  { name: 'C, wasm32', args: ['--target=wasm32-wasi', '-x', 'c', '-std=c11'] },
  { name: 'C++, wasm32', args: ['--target=wasm32-wasi', '-x', 'c++', '-std=c++17', '-fno-exceptions'] },
  { name: 'C, LP64 host', args: ['--target=x86_64-linux-gnu', '-x', 'c', '-std=c11'] },
  { name: 'C++, LP64 host', args: ['--target=x86_64-linux-gnu', '-x', 'c++', '-std=c++17'] },
] as const;

export interface WasmInterface {
  /** Function imports, each with its wasm signature (`i32,i64->i32`). */
  readonly imports: { module: string; name: string; signature: string }[];
  /** Every export's name. */
  readonly exports: string[];
}

/** What a module or object file imports and exports, read from its binary. */
export function wasmInterface(bytes: Uint8Array): WasmInterface {
  let at = 8;
  const u32 = () => {
    let n = 0, shift = 0, b;
    do {
      b = bytes[at++]!;
      n |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return n >>> 0;
  };
  const name = () => {
    const len = u32();
    const s = new TextDecoder().decode(bytes.subarray(at, at + len));
    at += len;
    return s;
  };
  const VAL: Record<number, string> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64' };
  const vec = () => Array.from({ length: u32() }, () => VAL[bytes[at++]!] ?? '?').join(',');
  const limits = () => {
    const flags = u32();
    u32();
    if (flags & 1) u32();
  };
  const types: string[] = [];
  const out: { module: string; name: string; signature: string }[] = [];
  const exports: string[] = [];
  while (at < bytes.length) {
    const id = bytes[at++]!;
    const size = u32();
    const end = at + size;
    if (id === 1) {
      for (let n = u32(); n > 0; n--) {
        at++; // 0x60, a function type
        const params = vec();
        types.push(`${params}->${vec()}`);
      }
    } else if (id === 2) {
      for (let n = u32(); n > 0; n--) {
        const module = name(), field = name(), kind = bytes[at++]!;
        if (kind === 0) out.push({ module, name: field, signature: types[u32()]! });
        else if (kind === 1) { at++; limits(); }
        else if (kind === 2) limits();
        else at += 2; // a global: value type and mutability
      }
    } else if (id === 7) {
      for (let n = u32(); n > 0; n--) {
        exports.push(name());
        at++;
        u32();
      }
    }
    at = end;
  }
  return { imports: out, exports };
}

const CACHE = join(tmpdir(), 'zxkit-c-cache');

/**
 * Builds a wasm program with `zxkit cc`, once per content: the key hashes the sources, the
 * headers they include (`includes`), the arguments, every generated header and the cc command
 * itself, so a change to any rebuilds.
 */
export function buildCached(sources: readonly string[], args: readonly string[] = [], includes: readonly string[] = []): string {
  const h = createHash('sha256');
  for (const f of [...sources, ...includes, ...headerPaths().map((p) => join(INCLUDE, p)), join(repoRoot, 'generator', 'cc.ts')]) h.update(f).update(readFileSync(f));
  h.update(JSON.stringify(args));
  const out = join(CACHE, `${h.digest('hex').slice(0, 32)}.wasm`);
  if (existsSync(out)) return out;
  mkdirSync(CACHE, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const r = spawnSync(process.execPath, [CLI, 'cc', ...sources, ...args, '-o', tmp], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`zxkit cc ${sources.join(' ')} failed:\n${r.stderr}`);
  renameSync(tmp, out);
  return out;
}

/** Runs a WASI command module that imports nothing else, in a child Node; its exit code and output. */
export function runWasi(wasm: string, args: readonly string[] = []): { status: number | null; stdout: string; stderr: string } {
  const script = `
    const { WASI } = require('node:wasi');
    const wasi = new WASI({ version: 'preview1', args: ${JSON.stringify(['prog', ...args])}, returnOnExit: true });
    const mod = new WebAssembly.Module(require('fs').readFileSync(${JSON.stringify(wasm)}));
    const inst = new WebAssembly.Instance(mod, { wasi_snapshot_preview1: wasi.wasiImport });
    process.exitCode = wasi.start(inst);`;
  return spawnSync(process.execPath, ['--no-warnings', '-e', script], { encoding: 'utf8' });
}

export function writeSource(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
