// Struct layouts per C data model, computed from field types by C's rules (each member at the
// next multiple of its alignment; a struct aligned to its widest member and padded to a multiple
// of that). The offsets written in types.yaml are Zircon's LP64 ones and are checked against
// this; every other model (wasm32 for now) exists only here.
import type { StructDef, StructField, TypeDef } from './model.js';

export const DATA_MODELS = ['lp64', 'wasm32'] as const;
export type DataModel = (typeof DATA_MODELS)[number];

/** The model types.yaml writes offsets for, and the one the TypeScript view and kernel use. */
export const NATIVE_MODEL: DataModel = 'lp64';

/** Pointers, size_t and uintptr_t: 8 bytes on LP64, 4 on wasm32 (ILP32). 64-bit integers stay
 *  8 bytes with 8-byte alignment on both, as clang lays out wasm32. */
const POINTER_BYTES: Readonly<Record<DataModel, number>> = { lp64: 8, wasm32: 4 };

export interface Extent {
  readonly size: number;
  readonly align: number;
}

export interface FieldLayout extends Extent {
  readonly name: string;
  readonly offset: number;
  /** One element's extent for arrays (`count`), else the same as the field's. */
  readonly element: Extent;
}

export interface StructLayout extends Extent {
  readonly fields: readonly FieldLayout[];
}

/** Size and alignment of one value of a scalar type; undefined when it has no fixed size. */
export function scalarExtent(t: TypeDef | undefined, model: DataModel): Extent | undefined {
  switch (t?.kind) {
    case 'int': {
      const size = t.pointerSized ? POINTER_BYTES[model] : t.bits / 8;
      return { size, align: size };
    }
    case 'handle': return { size: 4, align: 4 };
    case 'bool':
    case 'char':
    case 'any': return { size: 1, align: 1 };
    default: return undefined;
  }
}

const roundUp = (n: number, to: number): number => Math.ceil(n / to) * to;

/**
 * Layouts of every struct for one data model. A struct is missing from the result when some
 * field has no size (an opaque or void type, or a cycle); the loader reports those separately.
 */
export function structLayouts(
  types: ReadonlyMap<string, TypeDef>,
  structs: ReadonlyMap<string, StructDef>,
  model: DataModel,
): Map<string, StructLayout> {
  const done = new Map<string, StructLayout | null>();
  const layout = (s: StructDef): StructLayout | null => {
    const have = done.get(s.name);
    if (have !== undefined) return have;
    done.set(s.name, null); // a struct that contains itself has no layout
    const fields: FieldLayout[] = [];
    let end = 0;
    let align = 1;
    for (const f of s.fields) {
      const element = fieldElement(f);
      if (element === undefined) return null;
      const extent = unionExtent(f, { size: element.size * (f.count ?? 1), align: element.align });
      if (extent === undefined) return null;
      const { size, align: fieldAlign } = extent;
      const offset = roundUp(end, fieldAlign);
      fields.push({ name: f.name, offset, size, align: fieldAlign, element });
      end = offset + size;
      align = Math.max(align, fieldAlign);
    }
    const out = { size: roundUp(end, align), align, fields };
    done.set(s.name, out);
    return out;
  };
  const fieldElement = (f: StructField): Extent | undefined => {
    if (f.pointer !== undefined) return { size: POINTER_BYTES[model], align: POINTER_BYTES[model] };
    const nested = structs.get(f.type);
    if (nested) return layout(nested) ?? undefined;
    return scalarExtent(types.get(f.type), model);
  };
  // A field that C also sees as other union members: as wide as the widest, aligned as the strictest.
  const unionExtent = (f: StructField, own: Extent): Extent | undefined => {
    let { size, align } = own;
    for (const m of f.cUnion ?? []) {
      const e = fieldElement({ name: m.name, type: m.type, offset: 0 });
      if (e === undefined) return undefined;
      size = Math.max(size, e.size * (m.count ?? 1));
      align = Math.max(align, e.align);
    }
    return { size: roundUp(size, align), align };
  };
  const out = new Map<string, StructLayout>();
  for (const s of structs.values()) {
    const l = layout(s);
    if (l) out.set(s.name, l);
  }
  return out;
}

/** Per-model layouts straight from a built model. */
export function modelLayouts(m: { readonly types: readonly TypeDef[]; readonly structs: readonly StructDef[] }, model: DataModel): Map<string, StructLayout> {
  return structLayouts(new Map(m.types.map((t) => [t.name, t])), new Map(m.structs.map((s) => [s.name, s])), model);
}
