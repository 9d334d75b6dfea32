// Backend: generated/wasm-imports.ts — the host side of the wasm32 C ABI. For every public
// syscall, the import of module "zx" that a wasm32 guest calls: a descriptor, printed from the
// syscall's plan (the shape of each parameter) and the wasm32 struct layouts, that
// support/wasm.ts interprets: i32/i64 arguments, pointers checked against the guest's memory and
// decoded into the values the generated wrapper takes, the wrapper called (so rights, ownership
// and errors stay there), outputs written back where the wrapper wrote them. A syscall the core
// does not implement gets no parameters and answers ZX_ERR_NOT_SUPPORTED.
import { modelLayouts, type StructLayout } from '../layout.js';
import type { Model, ParamDef, StructDef } from '../model.js';
import { stubName, tsHeader } from '../names.js';
import { plans, scalarOf, type Count, type Plan, type Shape } from '../plan.js';
import { isByteType, linked, publicSyscalls, type LinkedModel } from '../query.js';
import { typeIndex, type TypeIndex } from '../ts-types.js';
import type { Backend } from './backend.js';
import { tsFile } from './ts-file.js';

/** Where generated/wasm-imports.ts finds support/wasm.ts in zxkit's own repository. */
export const OWN_WASM_SUPPORT_MODULE = '../support/wasm.js';

export const WASM_IMPORTS_PATH = 'wasm-imports.ts';

interface Ctx {
  readonly ix: TypeIndex;
  readonly lm: LinkedModel;
  readonly layouts: ReadonlyMap<string, StructLayout>;
  /** Struct descriptors printed so far, by struct name, in dependency order. */
  readonly structs: Map<string, string>;
}

const structConst = (name: string) => `S_${name}`;

/** A struct's descriptor constant, printed once (nested structs first); undefined if it has no layout. */
function structDesc(ctx: Ctx, name: string): string | undefined {
  if (ctx.structs.has(name)) return structConst(name);
  const def: StructDef = ctx.lm.struct(name).def;
  const layout = ctx.layouts.get(name);
  if (!layout) return undefined;
  const fields: string[] = [];
  for (const f of def.fields) {
    const at = layout.fields.find((l) => l.name === f.name)!.offset;
    const head = `name: '${f.name}', offset: ${at}`;
    const t = ctx.ix.scalars.get(f.type);
    if (f.pointer !== undefined) {
      if (t?.kind === 'handle') fields.push(`{ ${head}, is: 'ptr_handles', count: '${f.pointer}' }`);
      else if (isByteType(t)) fields.push(`{ ${head}, is: 'ptr_bytes', count: '${f.pointer}' }`);
      else return undefined;
      continue;
    }
    if (ctx.ix.structs.has(f.type)) {
      const nested = structDesc(ctx, f.type);
      if (nested === undefined) return undefined;
      fields.push(`{ ${head}, is: 'struct', struct: ${nested} }`);
      continue;
    }
    const s = scalarOf(ctx.ix, f.type);
    if (s === undefined) return undefined;
    if (f.count !== undefined) {
      fields.push(s === 'u8' || s === 'i8' ? `{ ${head}, is: 'inline_bytes', count: ${f.count} }` : `{ ${head}, is: 'inline', scalar: '${s}', count: ${f.count} }`);
    } else {
      fields.push(`{ ${head}, is: 'scalar', scalar: '${s}' }`);
    }
  }
  ctx.structs.set(name, `const ${structConst(name)}: StructDesc = { size: ${layout.size}, fields: [\n${fields.map((f) => `  ${f},`).join('\n')}\n] };`);
  return structConst(name);
}

/** `param`, `param.value` or `param.field` as a Ref of support/wasm.ts. */
function ref(params: readonly ParamDef[], path: string): string {
  const [p, field] = path.split('.');
  const i = params.findIndex((q) => q.name === p);
  if (i < 0) throw new Error(`wasm imports: no parameter ${p}`);
  return field === undefined ? String(i) : `[${i}, '${field}']`;
}

function count(params: readonly ParamDef[], c: Count): string {
  return typeof c === 'number' ? String(c) : `[${c.map((x) => ref(params, x)).join(', ')}]`;
}

/** One parameter's descriptor, or undefined when its values cannot cross the boundary. */
function paramDesc(ctx: Ctx, params: readonly ParamDef[], p: ParamDef, shape: Shape | undefined): string | undefined {
  if (shape === undefined) return undefined;
  const dir = p.dir;
  switch (shape.is) {
    case 'scalar': return `{ is: 'scalar', scalar: '${shape.scalar}' }`;
    // An unsized input is the guest's memory from the pointer on, as Zircon's kernel copies what
    // it needs from there.
    case 'bytes': return shape.unsized ? `{ is: 'bytes_to_end' }` : `{ is: 'bytes', count: ${count(params, shape.count)} }`;
    case 'handles': return `{ is: 'handles', count: ${count(params, shape.count)}, out: ${shape.out} }`;
    case 'box': {
      const s = scalarOf(ctx.ix, p.type);
      return s === undefined ? undefined : `{ is: 'box', scalar: '${s}', inout: ${dir === 'inout'} }`;
    }
    case 'struct': {
      const d = structDesc(ctx, shape.struct);
      return d && `{ is: 'struct', struct: ${d} }`;
    }
    case 'object': {
      const d = structDesc(ctx, p.type);
      return d && `{ is: 'object', struct: ${d} }`;
    }
    case 'array': {
      const e = shape.each;
      if (e === 'any') return undefined;
      if (e === 'object' || 'struct' in e) {
        const d = structDesc(ctx, p.type);
        return d && `{ is: 'structs', count: ${count(params, shape.count)}, struct: ${d}, dir: '${dir}' }`;
      }
      return `{ is: 'scalars', count: ${count(params, shape.count)}, scalar: '${e.scalar}', dir: '${dir}' }`;
    }
  }
}

/**
 * What the guest receives, from the C return type: a status, a 64-bit value, nothing, or a status
 * later. The plan says how a failure leaves the TypeScript stub; a value-returning stub throws
 * one, and the guest, like Zircon's, gets no status from it.
 */
function wasmReturns(ctx: Ctx, plan: Plan): 'status' | 'bigint' | 'void' | 'promise' {
  if (plan.returns !== 'thrown') return plan.returns;
  const r = ctx.ix.scalars.get(plan.syscall.returns);
  return r?.kind === 'void' ? 'void' : r?.kind === 'int' && r.js === 'bigint' ? 'bigint' : 'status';
}

function descriptor(ctx: Ctx, plan: Plan): string {
  const sc = plan.syscall;
  const head = `name: '${sc.name}', stub: '${stubName(sc)}', returns: '${wasmReturns(ctx, plan)}'`;
  if (!sc.implemented) return `  { ${head} },`;
  const shapes = new Map(plan.steps.flatMap((s) => (s.kind === 'shape' ? [[s.param, s.shape] as const] : [])));
  const params = sc.params.map((p) => paramDesc(ctx, sc.params, p, shapes.get(p.name)));
  if (params.some((p) => p === undefined)) {
    // A parameter of a type with no wasm32 form: the guest cannot make this call.
    return `  { ${head} }, // ${sc.params.filter((_, i) => params[i] === undefined).map((p) => p.name).join(', ')}: no wasm32 form`;
  }
  const lines = params.map((d, i) => `    ${d}, // ${sc.params[i]!.name}`);
  return `  { ${head}, params: [\n${lines.join('\n')}\n  ] },`;
}

export const emitWasmImports: Backend = (model: Model, options) => {
  const support = options.wasmSupportModule ?? OWN_WASM_SUPPORT_MODULE;
  const ctx: Ctx = { ix: typeIndex(model), lm: linked(model), layouts: modelLayouts(model, 'wasm32'), structs: new Map() };
  const byName = new Map(plans(model).map((p) => [p.syscall.name, p]));
  const entries = publicSyscalls(model).map((sc) => descriptor(ctx, byName.get(sc.name)!));
  const body = [
    `import type { Syscalls } from './stubs.js';`,
    `import { ZX_ERR_INVALID_ARGS, ZX_ERR_NOT_SUPPORTED } from './constants.js';`,
    `import { wasmSyscalls, type StructDesc, type WasmCall, type WasmStatuses, type WasmSyscall } from '${support}';`,
    '',
    '// Struct layouts as a wasm32 guest sees them (ILP32: size_t and pointers are 4 bytes).',
    ...ctx.structs.values(),
    '',
    '/** One import of module "zx" per public syscall, named as the syscall without `zx_`. */',
    `export const WASM_SYSCALLS: readonly WasmSyscall<keyof Syscalls>[] = [\n${entries.join('\n')}\n];`,
    '',
    '/** The statuses the decoding itself returns: a bad pointer, an unimplemented syscall. */',
    'export const WASM_STATUSES: WasmStatuses = { invalidArgs: ZX_ERR_INVALID_ARGS, notSupported: ZX_ERR_NOT_SUPPORTED };',
    '',
    '/** The guest-facing call of every syscall on `syscalls`, by import name. */',
    'export function createWasmSyscalls(syscalls: Syscalls): Map<string, WasmCall> {',
    '  return wasmSyscalls(WASM_SYSCALLS, syscalls, WASM_STATUSES);',
    '}',
  ];
  return [tsFile(WASM_IMPORTS_PATH, tsHeader(options.command, 'Host bindings of the wasm32 C ABI: the imports of module "zx".'), body)];
};
