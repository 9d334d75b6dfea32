// Argument shape checks for the wrappers: what a JavaScript value must look like to stand for
// a C argument. A bad handle value is ZX_ERR_BAD_HANDLE (no such handle); any other bad shape is
// ZX_ERR_INVALID_ARGS, as a bad user pointer is in Zircon.
import type { Model, ParamDef, StructField, SyscallDef } from '../model.js';
import type { TypeIndex } from '../ts-types.js';
import { keepUsed, type Declaration } from './prune.js';

/** Helpers emitted at the top of generated/wrappers.ts; `support()` keeps only the used ones. */
const SUPPORT = `// Shape helpers: plain functions so the JIT inlines them on the hot path.
const isU32 = (v: unknown): v is number => typeof v === 'number' && v >>> 0 === v;
const isI32 = (v: unknown): v is number => typeof v === 'number' && (v | 0) === v;
const isUint = (v: unknown, bits: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 2 ** bits;
const isInt = (v: unknown, bits: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** (bits - 1)) && v < 2 ** (bits - 1);
const isSize = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const U64_MAX = 0xffffffffffffffffn;
const I64_MIN = -0x8000000000000000n;
const I64_MAX = 0x7fffffffffffffffn;
const isU64 = (v: unknown): v is bigint => typeof v === 'bigint' && v >= 0n && v <= U64_MAX;
const isI64 = (v: unknown): v is bigint => typeof v === 'bigint' && v >= I64_MIN && v <= I64_MAX;
const isBox = (v: unknown): boolean => typeof v === 'object' && v !== null;
const isObj = isBox;
/** A byte buffer of at least n bytes; null stands for "no buffer" and needs n === 0. */
const isBytes = (b: unknown, n: unknown): boolean => (b === null ? n === 0 : b instanceof Uint8Array && typeof n === 'number' && b.length >= n);
const isHandles = (a: unknown, n: unknown): boolean => {
  if (a === null) return n === 0;
  if (typeof n !== 'number') return false;
  if (a instanceof Uint32Array) return a.length >= n;
  if (!Array.isArray(a) || a.length < n) return false;
  for (let i = 0; i < n; i++) if (!isU32(a[i])) return false;
  return true;
};
const isHandlesOut = (a: unknown, n: unknown): boolean =>
  a === null ? n === 0 : typeof n === 'number' && (a instanceof Uint32Array || Array.isArray(a)) && a.length >= n;
const isArrayOf = (a: unknown, n: unknown, each: (v: unknown) => boolean): boolean => {
  if (a === null) return n === 0;
  if (typeof n !== 'number' || !Array.isArray(a) || a.length < n) return false;
  for (let i = 0; i < n; i++) if (!each(a[i])) return false;
  return true;
};
/** Close a consumed handle value if it is live. */
const consumeOne = <H>(abi: { take(v: number): H | null; close(h: H): void }, v: unknown): void => {
  if (!isU32(v) || v === 0) return;
  const h = abi.take(v);
  if (h !== null) abi.close(h);
};
const consumeMany = <H>(abi: { take(v: number): H | null; close(h: H): void }, a: ArrayLike<number> | null, n: number): void => {
  if (a === null) return;
  for (let i = 0; i < n; i++) consumeOne(abi, a[i]);
};
`;

/** One top-level declaration per snippet, keyed by the name it declares. */
function snippets(code: string): Declaration[] {
  const out: Declaration[] = [];
  let pending: string[] = [];
  for (const block of code.split(/\n(?=const |function |\/\*\*|\/\/)/)) {
    const m = /^(?:const|function) (\w+)/.exec(block);
    if (!m) { pending.push(block); continue; }
    out.push({ name: m[1], code: [...pending, block].join('\n') });
    pending = [];
  }
  return out;
}

/** The helpers and struct validators that `used` code needs, transitively, in declaration order. */
export function support(ix: TypeIndex, model: Model, used: string): string {
  const all = [...snippets(SUPPORT), ...snippets(structValidators(ix, model))];
  return keepUsed(all, used).map((s) => s.code.trimEnd()).join('\n') + '\n';
}

/** A test for one value of a scalar C type, as an expression over `v`. */
export function scalarTest(ix: TypeIndex, type: string, v: string): string | undefined {
  const t = ix.scalars.get(type);
  switch (t?.kind) {
    case 'handle': return `isU32(${v})`;
    case 'bool': return `typeof ${v} === 'boolean'`;
    case 'char': return `isUint(${v}, 8)`;
    case 'int':
      if (t.js === 'bigint') return t.signed ? `isI64(${v})` : `isU64(${v})`;
      if (t.bits === 64) return `isSize(${v})`;
      if (t.bits === 32) return t.signed ? `isI32(${v})` : `isU32(${v})`;
      return t.signed ? `isInt(${v}, ${t.bits})` : `isUint(${v}, ${t.bits})`;
    default:
      return undefined;
  }
}

const validatorName = (struct: string) => `is_${struct}`;

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
  return scalarTest(ix, f.type, v);
}

/** One validator per struct: every field present with the right shape. */
function structValidators(ix: TypeIndex, model: Model): string {
  return model.structs.map((s) => {
    const tests = s.fields.map((f) => fieldTest(ix, f)).filter((x): x is string => x !== undefined);
    return `function ${validatorName(s.name)}(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return ${tests.length ? tests.join(' &&\n    ') : 'true'};
}
`;
  }).join('\n');
}

function countExpr(p: ParamDef): string {
  if (typeof p.count === 'number') return String(p.count);
  return String(p.count).split('*').map((s) => s.trim()).join(' * ');
}

/** Emit the shape test(s) of one parameter through `fail(failingTest, status)`. */
export function shapeCheck(
  ix: TypeIndex, sc: SyscallDef, p: ParamDef,
  fail: (failing: string, status: string) => void,
): void {
  const t = ix.scalars.get(p.type);
  const isStruct = ix.structs.has(p.type);
  if (p.count !== undefined) {
    const n = countExpr(p);
    if (t?.kind === 'handle') {
      fail(p.dir === 'in' ? `!isHandles(${p.name}, ${n})` : `!isHandlesOut(${p.name}, ${n})`, 'ZX_ERR_INVALID_ARGS');
    } else if (isStruct) {
      if (p.count === 1) {
        // null reaches the core only where a not_null check reports it at Zircon's point.
        const nullable = sc.checks.some((c) => c.kind === 'check' && c.test === 'not_null' && c.param === p.name);
        if (p.dir === 'in') fail(`${nullable ? `${p.name} !== null && ` : ''}!${validatorName(p.type)}(${p.name})`, 'ZX_ERR_INVALID_ARGS');
        else fail(`!isObj(${p.name})`, 'ZX_ERR_INVALID_ARGS');
      } else {
        const each = p.dir === 'out' ? 'isObj' : validatorName(p.type);
        fail(`!isArrayOf(${p.name}, ${n}, ${each})`, 'ZX_ERR_INVALID_ARGS');
      }
    } else if (t?.kind === 'any' || t?.kind === 'char' || (t?.kind === 'int' && t.bits === 8)) {
      fail(`!isBytes(${p.name}, ${n})`, 'ZX_ERR_INVALID_ARGS');
    } else if (t?.kind !== 'opaque') {
      fail(`!isArrayOf(${p.name}, ${n}, (x) => ${scalarTest(ix, p.type, 'x') ?? 'true'})`, 'ZX_ERR_INVALID_ARGS');
    }
    return;
  }
  if (p.dir !== 'in') {
    fail(p.optional ? `${p.name} !== null && !isBox(${p.name})` : `!isBox(${p.name})`, 'ZX_ERR_INVALID_ARGS');
    return;
  }
  if (isStruct) {
    fail(`!${validatorName(p.type)}(${p.name})`, 'ZX_ERR_INVALID_ARGS');
    return;
  }
  const test = scalarTest(ix, p.type, p.name);
  if (test) fail(`!(${test})`, t?.kind === 'handle' ? 'ZX_ERR_BAD_HANDLE' : 'ZX_ERR_INVALID_ARGS');
}
