// `zxkit cc`: C and C++ to wasm32-wasi programs against the Zircon headers, as users run it,
// and the Debian packages it names when the toolchain is missing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeBlocks, readmeSection } from '../readme-examples.js';
import { TOOLCHAIN_TAG } from '../toolchain.js';
import { CLI, runWasi, wasmInterface, writeSource } from './compile.js';

const work = mkdtempSync(join(tmpdir(), 'zxkit-cc-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const cc = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, [CLI, 'cc', ...args], { cwd: work, encoding: 'utf8', env });

describe('zxkit cc', { tags: [TOOLCHAIN_TAG] }, () => {
  it('builds a C program that uses the Zircon headers into a WASI command module', () => {
    writeSource(work, 'hello.c', `#include <stdio.h>
#include <zircon/syscalls.h>
#include <zircon/status.h>
int main(int argc, char** argv) {
    printf("hello from C, %s, %d args\\n", zx_status_get_string(ZX_ERR_PEER_CLOSED), argc);
    if (argc > 5) zx_handle_close(ZX_HANDLE_INVALID); /* a syscall import, never called here */
    return 3;
}
`);
    const r = cc(['-O2', 'hello.c', '-o', 'hello.wasm']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const wasm = join(work, 'hello.wasm');
    const { imports, exports } = wasmInterface(readFileSync(wasm));
    expect(imports.filter((i) => i.module === 'zx')).toEqual([{ module: 'zx', name: 'handle_close', signature: 'i32->i32' }]);
    expect(exports.sort()).toEqual(['_start', 'memory']);
    // The zx import is never reached, so plain WASI runs it.
    const stub = writeSource(work, 'run.cjs', `
      const { WASI } = require('node:wasi');
      const wasi = new WASI({ version: 'preview1', args: ['hello', 'a'], returnOnExit: true });
      const inst = new WebAssembly.Instance(new WebAssembly.Module(require('fs').readFileSync(${JSON.stringify(wasm)})),
        { wasi_snapshot_preview1: wasi.wasiImport, zx: { handle_close: () => -2 } });
      process.exitCode = wasi.start(inst);`);
    const run = spawnSync(process.execPath, ['--no-warnings', stub], { encoding: 'utf8' });
    expect(run.stdout).toBe('hello from C, ZX_ERR_PEER_CLOSED, 2 args\n');
    expect(run.status).toBe(3);
  });

  it('builds a C++ program with the C++ library (clang++, no exceptions)', () => {
    writeSource(work, 'hello.cc', `#include <iostream>
#include <string>
#include <vector>
#include <zircon/syscalls.h>
int main() {
    std::vector<std::string> words{"hello", "from", "C++"};
    for (const auto& w : words) std::cout << w << ' ';
    std::cout << (ZX_RIGHT_READ | ZX_RIGHT_WRITE) << std::endl;
    return 0;
}
`);
    const r = cc(['hello.cc', '-o', 'hello-cc.wasm']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const run = runWasi(join(work, 'hello-cc.wasm'));
    expect(run.stdout).toBe('hello from C++ 12\n');
    expect(run.status).toBe(0);
  });

  it('builds the README\'s example with the README\'s command', () => {
    const section = readmeSection('C programs: `zxkit cc`');
    const [source] = codeBlocks(section, 'c');
    const command = codeBlocks(section, 'sh').find((b) => b.includes('zxkit cc'))!.trim();
    expect(source).toContain('// hello.c');
    writeSource(work, 'hello.c', source!);
    const args = command.replace(/^npx zxkit cc /, '').split(/\s+/);
    const r = cc(args);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const { imports } = wasmInterface(readFileSync(join(work, 'hello.wasm')));
    expect(imports.filter((i) => i.module === 'zx').map((i) => i.name)).toEqual(['channel_create']);
  });

  it('passes clang\'s errors through with clang\'s exit code, and adds no package hint when the toolchain is complete', () => {
    writeSource(work, 'broken.c', 'int main(void) { return undefined_name; }\n');
    const r = cc(['broken.c', '-o', 'broken.wasm']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("use of undeclared identifier 'undefined_name'");
    expect(r.stderr).not.toContain('apt-get');
  });
});

describe('zxkit cc without the toolchain', () => {
  it('names the Debian packages to install, C\'s and C++\'s, and exits 1', () => {
    // A PATH without clang (node itself is run by its absolute path).
    const bin = join(work, 'bin-without-clang');
    mkdirSync(bin, { recursive: true });
    writeSource(work, 'alone.c', 'int main(void) { return 0; }\n');
    const r = cc(['alone.c', '-o', 'alone.wasm'], { ...process.env, PATH: bin });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('zxkit cc: clang not found');
    expect(r.stderr).toContain('apt-get install clang lld wasi-libc libclang-rt-dev-wasm32 (for C++ also libc++-dev-wasm32 libc++abi-14-dev-wasm32)');
  });

  it('refuses a command line without input files (exit 2), before looking for clang', () => {
    const r = cc(['-O2', '-o', 'out.wasm'], { ...process.env, PATH: '' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('zxkit cc: no input files\nusage: zxkit cc [clang options] FILE... -o OUT.wasm\n');
  });
});
