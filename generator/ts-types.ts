// How C types map onto TypeScript, in one place (the type mapping is a contract):
// 32-bit integers and handles are number, 64-bit integers bigint (sizes stay number),
// byte buffers Uint8Array, handle arrays Uint32Array | number[], structs plain objects,
// outputs { value } boxes.
import type { Model, ParamDef, StructField, SyscallDef, TypeDef } from './model.js';
import { isByteType, linked } from './query.js';

export const HANDLE_ARRAY = 'Uint32Array | number[]';

export interface TypeIndex {
  readonly scalars: ReadonlyMap<string, TypeDef>;
  readonly structs: ReadonlySet<string>;
}

export function typeIndex(model: Model): TypeIndex {
  const l = linked(model);
  return { scalars: l.types, structs: new Set(l.structs.keys()) };
}

/** The TypeScript type of one value of a C scalar type. */
export function scalarTs(ix: TypeIndex, name: string): string {
  const t = ix.scalars.get(name);
  if (ix.structs.has(name)) return name;
  switch (t?.kind) {
    case 'int': return t.js;
    case 'handle': return 'number';
    case 'bool': return 'boolean';
    case 'char': return 'number';
    case 'void': return 'void';
    case 'any': return 'Uint8Array';
    default:
      return 'unknown';
  }
}

/** What the element of an array of `type` is carried in. */
function arrayTs(ix: TypeIndex, type: string, single: boolean): string {
  const t = ix.scalars.get(type);
  if (isByteType(t)) return 'Uint8Array';
  if (t?.kind === 'handle') return HANDLE_ARRAY;
  if (ix.structs.has(type)) return single ? type : `${type}[]`;
  return `${scalarTs(ix, type)}[]`;
}

/** The parameter type in the stub's C parameter list. */
export function paramTs(ix: TypeIndex, p: ParamDef): string {
  if (p.count !== undefined) {
    const single = p.count === 1;
    const base = arrayTs(ix, p.type, single);
    // Output structs are filled in place, so the caller must pass one; everything else may be
    // null when its size is zero (the wrapper rejects null with a non-zero size).
    return p.dir !== 'in' && ix.structs.has(p.type) ? base : `${base} | null`;
  }
  if (p.dir === 'in') return scalarTs(ix, p.type);
  return `{ value: ${scalarTs(ix, p.type)} }${p.optional ? ' | null' : ''}`;
}

/** A syscall's return type: blocking syscalls return a promise of it. */
export function returnTs(ix: TypeIndex, sc: SyscallDef): string {
  const r = scalarTs(ix, sc.returns);
  return sc.attributes.includes('blocking') ? `Promise<${r}>` : r;
}

export function fieldTs(ix: TypeIndex, f: StructField): string {
  if (f.pointer !== undefined) return `${arrayTs(ix, f.type, false)} | null`;
  if (f.count !== undefined) return arrayTs(ix, f.type, false);
  return scalarTs(ix, f.type);
}

/** The C type names (structs and aliases) that appear in some emitted type texts, for imports. */
export function usedTypeNames(ix: TypeIndex, texts: Iterable<string>): string[] {
  const used = new Set<string>();
  for (const t of texts) for (const id of t.match(/\b[A-Za-z_][A-Za-z0-9_]*\b/g) ?? []) {
    if (ix.structs.has(id) || ix.scalars.has(id)) used.add(id);
  }
  return [...used].sort();
}
