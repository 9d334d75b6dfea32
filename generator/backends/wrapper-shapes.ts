// Argument shapes as TypeScript: the failing test of a plan's shape step, and one validator per
// struct. The tests themselves (isU32, isBytes, ...) live in support/wrappers.ts, which the
// generated file imports. A bad handle value is ZX_ERR_BAD_HANDLE (no such handle); any other
// bad shape is ZX_ERR_INVALID_ARGS, as a bad user pointer is in Zircon (the plan decides).
import type { ConstantDef, Model, StructField } from '../model.js';
import { scalarOf, type Count, type Element, type Scalar, type Shape } from '../plan.js';
import type { TypeIndex } from '../ts-types.js';
import { linked } from '../query.js';

/** The helpers of support/wrappers.ts that printed code may name; the file imports those it uses. */
export const SUPPORT_HELPERS = [
  'isU32', 'isI32', 'isUint', 'isInt', 'isSize', 'isU64', 'isI64', 'isBox', 'isObj',
  'isBytes', 'isHandles', 'isHandlesOut', 'isArrayOf', 'readHandles', 'readArray', 'readStruct', 'readField', 'isUnreadable', 'guarded',
  'consumeOne', 'consumeMany', 'tableSyscalls',
] as const;

// ---- constants as printed: a status by name, a rights mask, a literal ----

/** A status as printed: its constant's name, which the generated file imports from constants.ts. */
export function status(consts: ReadonlyMap<string, ConstantDef>, name: string): string {
  num(consts, name);
  return name;
}

export function num(consts: ReadonlyMap<string, ConstantDef>, name: string): string {
  const c = consts.get(name);
  if (!c) throw new Error(`wrappers: unknown constant ${name}`);
  return String(c.value);
}

export function maskOf(consts: ReadonlyMap<string, ConstantDef>, names: readonly string[]): number {
  let v = 0;
  for (const n of names) v = (v | Number(consts.get(n)?.value ?? 0)) >>> 0;
  return v;
}

export const literal = (consts: ReadonlyMap<string, ConstantDef>, name: string): string => {
  const v = consts.get(name)?.value;
  return typeof v === 'bigint' ? `${v}n` : String(v);
};

/** A test for one value of a scalar, as an expression over `v`. */
export function scalarTest(s: Scalar, v: string): string {
  switch (s) {
    case 'u32': return `isU32(${v})`;
    case 'i32': return `isI32(${v})`;
    case 'u64': return `isU64(${v})`;
    case 'i64': return `isI64(${v})`;
    case 'size': return `isSize(${v})`;
    case 'bool': return `typeof ${v} === 'boolean'`;
    case 'u8': case 'u16': return `isUint(${v}, ${s.slice(1)})`;
    case 'i8': case 'i16': return `isInt(${v}, ${s.slice(1)})`;
  }
}

export const validatorName = (struct: string) => `is_${struct}`;
/** The read-once copier of a struct (see structReaders). */
export const readerName = (struct: string) => `read_${struct}`;

/**
 * A count as an expression: a literal, or the product of parameters (`args.n` reads a field).
 * A size box is read before its own shape check, so it may be anything: `?.` then.
 */
export function countExpr(c: Count): string {
  return typeof c === 'number' ? String(c) : c.map((n) => (n.endsWith('.value') ? `(${n.replace('.', ' as { value?: unknown } | null)?.')}` : n.replace('.', '!.'))).join(' * ');
}

export function elementTest(e: Element): string {
  if (e === 'object') return 'isObj';
  if (e === 'any') return '() => true';
  if ('struct' in e) return validatorName(e.struct);
  return `(x) => ${scalarTest(e.scalar, 'x')}`;
}

/** The condition under which parameter `v` fails `shape`. */
export function shapeFails(shape: Shape, v: string): string {
  switch (shape.is) {
    case 'scalar': return `!(${scalarTest(shape.scalar, v)})`;
    case 'struct': return `${shape.nullable ? `${v} !== null && ` : ''}!${validatorName(shape.struct)}(${v})`;
    case 'box': return shape.optional ? `${v} !== null && !isBox(${v})` : `!isBox(${v})`;
    case 'object': return `!isObj(${v})`;
    case 'bytes': return `!isBytes(${v}, ${countExpr(shape.count)})`;
    case 'handles': return `!${shape.out ? 'isHandlesOut' : 'isHandles'}(${v}, ${countExpr(shape.count)})`;
    case 'array': return `!isArrayOf(${v}, ${countExpr(shape.count)}, ${elementTest(shape.each)})`;
  }
}

function fieldTest(ix: TypeIndex, f: StructField): string | undefined {
  const v = `o.${f.name}`;
  const t = ix.scalars.get(f.type);
  if (f.pointer !== undefined) {
    if (t?.kind === 'handle') return `isHandles(${v}, o.${f.pointer})`;
    if (ix.structs.has(f.type)) return `isArrayOf(${v}, o.${f.pointer}, ${validatorName(f.type)})`;
    return `isBytes(${v}, o.${f.pointer})`;
  }
  if (f.count !== undefined) {
    if (t?.kind === 'handle') return `isHandles(${v}, ${f.count})`;
    return `isBytes(${v}, ${f.count})`;
  }
  if (ix.structs.has(f.type)) return `${validatorName(f.type)}(${v})`;
  const s = scalarOf(ix, f.type);
  return s && scalarTest(s, v);
}

/** The validators of the structs `used` code names (and those they name), in model order. */
export function structValidators(ix: TypeIndex, model: Model, used: string): string {
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    const s = linked(model).structs.get(name)?.def;
    for (const f of s?.fields ?? []) if (ix.structs.has(f.type)) visit(f.type);
  };
  for (const s of model.structs) if (new RegExp(`\\b${validatorName(s.name)}\\b`).test(used)) visit(s.name);
  return model.structs.filter((s) => needed.has(s.name)).map((s) => {
    const tests = s.fields.map((f) => fieldTest(ix, f)).filter((x): x is string => x !== undefined);
    return `function ${validatorName(s.name)}(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return ${tests.length ? tests.join(' &&\n    ') : 'true'};
}
`;
  }).join('\n');
}

/**
 * One read-once copier per struct that `used` code names: each field read once into an object
 * literal, then validated. Printed per struct, not a loop over field names (support's
 * readStruct): the literal keeps one hidden class, and a port packet's copy costs a few
 * nanoseconds instead of the generic copy's ~90.
 */
export function structReaders(model: Model, used: string): string {
  return model.structs.filter((s) => new RegExp(`\\b${readerName(s.name)}\\b`).test(used)).map((s) => {
    const fields = s.fields.map((f) => `${f.name}: o.${f.name}`).join(', ');
    return `/** A read-once copy of a ${s.name}, or undefined where a read throws or the copy fails ${validatorName(s.name)}. */
function ${readerName(s.name)}(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return undefined;
  let c: unknown;
  try {
    const o = v as Record<string, unknown>;
    c = { ${fields} };
  } catch {
    return undefined;
  }
  return guarded(${validatorName(s.name)}, c) ? c : undefined;
}
`;
  }).join('\n');
}
