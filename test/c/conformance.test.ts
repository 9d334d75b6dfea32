// The C conformance suite (test/c/conformance/*.c): the implemented syscalls through the real
// ABI, each program compiled with `zxkit cc` (cached by content hash) and run as a process on a
// fresh kernel. Every check prints a FAIL line when it fails; each test prints "ok NAME".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../runtime/index.js';
import { repoRoot } from '../generator/helpers.js';
import { since } from '../kernel-stats.js';
import { TOOLCHAIN_TAG } from '../toolchain.js';
import { buildCached, clang } from './compile.js';

const DIR = join(repoRoot, 'test', 'c', 'conformance');
const PROGRAMS = ['sockets', 'channels', 'waits', 'info-and-errors'];

/** The tests a program runs, read off its main (each `RUN(name);`). */
const testsOf = (source: string) => [...source.matchAll(/^\s*RUN\((\w+)\);/gm)].map((m) => m[1]);

describe('the C conformance suite', { tags: [TOOLCHAIN_TAG] }, () => {
  it('compiles warning-free for wasm32 and for the LP64 host (whose layout checks differ)', () => {
    for (const target of ['--target=wasm32-wasi', '--target=x86_64-linux-gnu']) {
      const r = clang([target, '-std=c11', '-fsyntax-only', ...PROGRAMS.map((p) => join(DIR, `${p}.c`))]);
      expect(r.stderr, target).toBe('');
      expect(r.status, target).toBe(0);
    }
  });

  for (const name of PROGRAMS) {
    it(`${name}.c passes every check as a process, and leaves nothing behind`, async () => {
      const source = join(DIR, `${name}.c`);
      const tests = testsOf(readFileSync(source, 'utf8'));
      expect(tests.length).toBeGreaterThan(2);
      const wasm = readFileSync(buildCached([source], ['-O2'], [join(DIR, 'check.h')]));
      const kernel = new Kernel();
      const base = kernel.stats();
      let out = '';
      const decoder = new TextDecoder();
      const p = kernel.spawn(wasm, { name, stdout: (b: Uint8Array) => (out += decoder.decode(b)), stderr: (b: Uint8Array) => (out += decoder.decode(b)) });
      const code = await p.exited;
      expect(out.split('\n').filter((l) => !l.startsWith('ok '))).toEqual(['']);
      expect(out).toBe(tests.map((t) => `ok ${t}\n`).join(''));
      expect(code).toBe(0);
      expect(since(kernel, base)).toEqual({ objects: 0, handles: 0, userPackets: 0 });
    });
  }
});
