// The generated C headers (generated/c/include): each compiles on its own in C and C++ for
// wasm32 and the LP64 host, their layout checks are live on each target, a Zircon-style program
// compiles unchanged, and the prototypes are the definitions' syscalls, each imported by name.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ZX_STATUS_NAMES } from '../../generated/constants.js';
import type { Model, ParamDef } from '../../generator/model.js';
import { defsSources, loadModel } from '../../generator/pipeline.js';
import { publicSyscalls } from '../../generator/query.js';
import { repoRoot } from '../generator/helpers.js';
import { TOOLCHAIN_TAG } from '../toolchain.js';
import { buildCached, clang, headerPaths, INCLUDE, runWasi, TARGETS, wasmInterface, writeSource } from './compile.js';

const work = mkdtempSync(join(tmpdir(), 'zxkit-headers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const model: Model = loadModel(defsSources(join(repoRoot, 'defs'))).model!;
const pub = publicSyscalls(model);
const internal = model.syscalls.filter((s) => s.attributes.includes('internal'));

/** Only syscalls.h includes definitions.h (inside its extern "C" block), as in Zircon. */
const standalone = headerPaths().filter((h) => h !== 'zircon/syscalls/definitions.h');

describe('the header set', () => {
  it('has Zircon\'s include paths for every header the ABI needs', () => {
    expect(standalone).toEqual(expect.arrayContaining([
      'zircon/types.h', 'zircon/errors.h', 'zircon/rights.h', 'zircon/syscalls.h', 'zircon/compiler.h',
      'zircon/time.h', 'zircon/limits.h', 'zircon/process.h', 'zircon/processargs.h', 'zircon/assert.h',
      'zircon/status.h', 'zircon/syscalls/types.h', 'zircon/syscalls/object.h', 'zircon/syscalls/port.h',
      'zircon/syscalls/policy.h',
    ]));
  });

  it('declares each public syscall twice (zx_ and _zx_), each with its wasm import, and no internal syscall', () => {
    const defs = readFileSync(join(INCLUDE, 'zircon', 'syscalls', 'definitions.h'), 'utf8');
    expect(internal.length).toBeGreaterThan(0);
    expect([...defs.matchAll(/^extern \S+ (_?zx_\w+)\(/gm)].length).toBe(2 * pub.length);
    expect([...defs.matchAll(/__ZX_WASM_IMPORT\("zx", "(\w+)"\);/g)].map((m) => m[1])).toEqual(pub.flatMap((s) => [s.name, s.name]));
    for (const s of internal) expect(defs).not.toContain(s.name);
  });
});

describe('compiled with clang', { tags: [TOOLCHAIN_TAG] }, () => {
  for (const t of TARGETS) {
    it(`every header compiles on its own and its layout checks hold (${t.name})`, () => {
      // One translation unit per header, all in one clang run.
      const files = standalone.map((h, i) => writeSource(work, `alone-${i}.c`, `#include <${h}>\n`));
      const r = clang([...t.args, '-fsyntax-only', ...files]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });

    it(`a Zircon-style program compiles unchanged (${t.name})`, () => {
      const r = clang([...t.args, '-fsyntax-only', join(repoRoot, 'test', 'c', 'zircon-style.c')]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  }

  // Figures from shared/spec/c-headers.md §5, written here, not taken from the generator.
  it('lays out the structs that differ between the models by each model (zx_info_socket_t, zx_channel_call_args_t)', () => {
    const probe = (socket: [number, number], call: [number, number]) => `#include <zircon/syscalls.h>
_Static_assert(sizeof(zx_info_socket_t) == ${socket[0]} && offsetof(zx_info_socket_t, tx_buf_size) == ${socket[1]}, "socket");
_Static_assert(sizeof(zx_channel_call_args_t) == ${call[0]} && offsetof(zx_channel_call_args_t, rd_num_handles) == ${call[1]}, "call");
_Static_assert(sizeof(zx_info_handle_basic_t) == 32 && sizeof(zx_wait_item_t) == 12, "same in both");
`;
    const wasm = clang([...TARGETS[0].args, '-fsyntax-only', writeSource(work, 'ilp32.c', probe([24, 20], [32, 28]))]);
    expect(wasm.stderr).toBe('');
    const lp64 = clang([...TARGETS[2].args, '-fsyntax-only', writeSource(work, 'lp64.c', probe([48, 40], [48, 44]))]);
    expect(lp64.stderr).toBe('');
  });

  it('checks each model\'s layout only on its own target: a wrong figure fails there and nowhere else', () => {
    const copy = join(work, 'tampered');
    cpSync(INCLUDE, copy, { recursive: true });
    const object = join(copy, 'zircon', 'syscalls', 'object.h');
    const text = readFileSync(object, 'utf8');
    // zx_info_socket_t is 24 bytes on wasm32 and 48 on LP64: break one model's figure at a time.
    const tamper = (from: string, to: string) => {
      expect(text).toContain(from);
      writeFileSync(object, text.replace(from, to));
      const tu = writeSource(work, 'tampered.c', '#include <zircon/syscalls/object.h>\n');
      const run = (t: (typeof TARGETS)[number]) => clang([...t.args, '-fsyntax-only', tu], copy);
      return { wasm: run(TARGETS[0]), lp64: run(TARGETS[2]) };
    };
    const wasmBroken = tamper('sizeof(zx_info_socket_t) == 24', 'sizeof(zx_info_socket_t) == 25');
    expect(wasmBroken.wasm.status).not.toBe(0);
    expect(wasmBroken.wasm.stderr).toContain('zx_info_socket_t layout');
    expect(wasmBroken.lp64.status).toBe(0);
    const lp64Broken = tamper('offsetof(zx_info_socket_t, rx_buf_max) == 8', 'offsetof(zx_info_socket_t, rx_buf_max) == 4');
    expect(lp64Broken.lp64.stderr).toContain('zx_info_socket_t layout');
    expect(lp64Broken.wasm.status).toBe(0);
  });

  it('gives every public syscall its C signature from the definitions and imports it from module zx by name', () => {
    // The C type of a parameter by the abigen rule: arrays, outputs and untyped memory (`any`) by
    // pointer, const only for inputs.
    const structs = new Set(model.structs.map((s) => s.name));
    const types = new Map(model.types.map((t) => [t.name, t]));
    const cParam = (p: ParamDef) => {
      const t = p.type === 'any' ? 'void' : p.type;
      const byPointer = p.count !== undefined || p.dir !== 'in' || p.type === 'any' || structs.has(p.type) || types.get(p.type)?.kind === 'opaque';
      return byPointer ? `${p.dir === 'in' ? 'const ' : ''}${t}*` : t;
    };
    // noreturn is part of a function's type in clang.
    const checks = pub.flatMap((s) => [
      `typedef ${s.returns} fn_${s.name}(${s.params.length ? s.params.map(cParam).join(', ') : 'void'})${s.attributes.includes('noreturn') ? ' __attribute__((noreturn))' : ''};`,
      `static_assert(std::is_same<decltype(zx_${s.name}), fn_${s.name}>::value, "${s.name}");`,
      `static_assert(std::is_same<decltype(_zx_${s.name}), fn_${s.name}>::value, "_${s.name}");`,
    ]);
    const uses = pub.flatMap((s) => [`(void*)&zx_${s.name}`, `(void*)&_zx_${s.name}`]);
    const src = writeSource(work, 'signatures.cc', `#include <type_traits>
#include <zircon/syscalls.h>
${checks.join('\n')}
extern "C" void* const used[] = {\n  ${uses.join(',\n  ')}\n};
`);
    const obj = join(work, 'signatures.o');
    const r = clang([...TARGETS[1].args, '-c', src, '-o', obj]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);

    // In wasm32 every pointer and size_t is an i32, and 64-bit integers are i64.
    const wasmType = (type: string, pointer: boolean) => {
      const t = types.get(type);
      return !pointer && t?.kind === 'int' && t.bits === 64 && !t.pointerSized ? 'i64' : 'i32';
    };
    const expected = pub.map((s) => {
      const params = s.params.map((p) => wasmType(p.type, cParam(p).endsWith('*'))).join(',');
      return { module: 'zx', name: s.name, signature: `${params}->${s.returns === 'void' ? '' : wasmType(s.returns, false)}` };
    });
    const { imports } = wasmInterface(readFileSync(obj));
    expect(imports.filter((_, i) => i % 2 === 0)).toEqual(expected);
    expect(imports.filter((_, i) => i % 2 === 1)).toEqual(expected);
  });

  it('names every status with zx_status_get_string, from the status table, and (UNKNOWN) otherwise', () => {
    const src = writeSource(work, 'status.c', `#include <stdio.h>
#include <stdlib.h>
#include <zircon/status.h>
int main(int argc, char** argv) {
    for (int i = 1; i < argc; i++) printf("%s\\n", zx_status_get_string((zx_status_t)atoi(argv[i])));
    return 0;
}
`);
    const wasm = buildCached([src]);
    const codes = Object.keys(ZX_STATUS_NAMES).map(Number);
    const r = runWasi(wasm, [...codes.map(String), '-5', '1']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trimEnd().split('\n')).toEqual([...codes.map((c) => ZX_STATUS_NAMES[c]), '(UNKNOWN)', '(UNKNOWN)']);
    expect(existsSync(wasm)).toBe(true);
  });
});
