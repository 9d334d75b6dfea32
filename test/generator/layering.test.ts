// The generator's layering rules, read off its sources, and the linked view of the model.
// - No backend reaches another backend, directly or through a helper it imports: what two
//   backends share lives in query.ts, names.ts, ts-types.ts, docs/ or a backends/ helper.
// - names.ts alone forms zx_ names and holds the TODO markers.
// - query.ts's linked view links every name of the model to the object it names.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../generator/model.js';
import { defsSources, loadModel } from '../../generator/pipeline.js';
import { isByteType, knownType, linked, rightsClauses } from '../../generator/query.js';
import { repoRoot } from './helpers.js';

const gen = join(repoRoot, 'generator');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** The relative modules a file imports (static, type-only and dynamic), as absolute .ts paths.
 *  TypeScript's own scanner, so an import written inside a template of generated code is no import. */
function localImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.map((f) => f.fileName).filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

/** Every generator module reachable from `file` through local imports, itself excluded. */
function reachable(file: string): Set<string> {
  const seen = new Set<string>();
  const todo = [...localImports(file)];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (seen.has(f) || f === file || !f.startsWith(gen)) continue;
    seen.add(f);
    todo.push(...localImports(f));
  }
  return seen;
}

// A backend is what backends/index.ts registers; backend.ts holds only the contract's types.
const index = join(gen, 'backends', 'index.ts');
const backends = localImports(index).filter((f) => !f.endsWith('/backend.ts'));

describe('layering', () => {
  it('finds the registered backends (the scan below is not vacuous)', () => {
    expect(backends.map((f) => relative(gen, f)).sort()).toEqual(expect.arrayContaining(['backends/docs.ts', 'backends/stubs.ts', 'backends/wrappers.ts', 'backends/binding.ts', 'backends/idiomatic.ts']));
    // wrappers.ts reaches plan.ts and query.ts: the closure follows imports across folders.
    expect([...reachable(join(gen, 'backends', 'wrappers.ts'))].map((f) => relative(gen, f))).toEqual(expect.arrayContaining(['plan.ts', 'query.ts']));
  });

  it('no backend imports another backend, directly or through the modules it imports', () => {
    const crossings = backends.flatMap((b) => [...reachable(b)].filter((f) => backends.includes(f)).map((f) => `${relative(gen, b)} -> ${relative(gen, f)}`));
    expect(crossings).toEqual([]);
  });

  it('names.ts alone forms zx_ names and defines the TODO markers', () => {
    const offenders: string[] = [];
    for (const f of tsFiles(gen)) {
      if (f === join(gen, 'names.ts')) continue;
      const text = readFileSync(f, 'utf8');
      for (const [i, line] of text.split('\n').entries()) {
        if (/`zx_\$\{|'zx_' \+|"zx_" \+|'TODO\(ZX-\d+\)'/.test(line)) offenders.push(`${relative(gen, f)}:${i + 1}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('the linked model (query.ts)', () => {
  const model: Model = loadModel(defsSources(join(repoRoot, 'defs'))).model!;
  const lm = linked(model);
  const types = new Map(model.types.map((t) => [t.name, t]));

  it('is built once per model', () => {
    expect(linked(model)).toBe(lm);
  });

  it('links every parameter to its own definition, type or struct, clauses and named counts', () => {
    let counted = 0;
    for (const sc of model.syscalls) {
      const ls = lm.syscall(sc);
      expect(ls.def).toBe(sc);
      expect([...ls.params.keys()]).toEqual(sc.params.map((p) => p.name));
      for (const p of sc.params) {
        const lp = ls.param(p.name);
        expect(lp.def).toBe(p);
        expect(lp.syscall).toBe(ls);
        expect(lp.type).toBe(types.get(p.type));
        expect(lp.struct?.def).toBe(model.structs.find((s) => s.name === p.type));
        expect(lp.clauses).toEqual(rightsClauses(sc).filter((r) => r.param === p.name));
        if (typeof p.count === 'string' && !/\*/.test(p.count) && sc.params.some((q) => q.name === p.count)) {
          expect(lp.countParams.map((q) => q.def.name)).toEqual([p.count]);
          counted++;
        }
        if (p.handle?.rightsFrom !== undefined) expect(lp.handle?.rightsFrom?.def.name).toBe(p.handle.rightsFrom);
        if (p.handle?.notObjectOf) expect(lp.handle?.notObjectOf?.def.name).toBe(p.handle.notObjectOf.param);
      }
      expect(() => ls.param('no_such_param')).toThrow(/no parameter no_such_param/);
    }
    expect(counted).toBeGreaterThan(20);
  });

  it('links a handle field to its struct field, and a pointer field to its count', () => {
    const args = lm.syscalls.get('channel_call')!.params.get('args')!;
    const field = args.handle?.field;
    expect(field?.def.name).toBe('wr_handles');
    expect(field?.parent).toBe(args.struct);
    expect(field?.countField?.def.name).toBe(field?.def.pointer);
    const item = lm.struct('zx_wait_item_t').fields.get('handle')!;
    expect(item.type?.kind).toBe('handle');
    expect(item.struct).toBeUndefined();
  });

  it('answers the shared questions', () => {
    expect(rightsClauses({ ...model.syscalls[0]!, rights: 'none' })).toEqual([]);
    expect(rightsClauses({ ...model.syscalls[0]!, rights: undefined })).toEqual([]);
    expect(['any', 'char', 'uint8_t', 'uint16_t', 'zx_handle_t'].map((n) => isByteType(types.get(n)))).toEqual([true, true, true, false, false]);
    expect(isByteType({ kind: 'int', name: 'int8_t', bits: 8, signed: true, js: 'number' })).toBe(true);
    expect(isByteType(undefined)).toBe(false);
    const share = model.syscalls.find((s) => s.name === 'socket_share')!;
    expect(knownType(share, share.params[0]!)).toBe('ZX_OBJ_TYPE_SOCKET');
  });
});
