// The lowering plan: each syscall of the model turned once into an ordered list of typed steps,
// in Zircon's order: argument shapes, the defined checks, handle lookups with their rights and
// type checks, taking of consumed handles, then the core call and the installation of acquired
// handles. Every step that can fail names its status and what is released when it does.
// This is the only place that derives check order, statuses and consumption: the wrappers
// backend prints a plan, lint and the abigen importer read the statuses off it.
import type { CheckStep, Condition, HandleSpec, Model, ParamDef, RightsClause, SyscallDef } from './model.js';
import { isByteType, linked, type LinkedModel, type LinkedSyscall } from './query.js';
import { typeIndex, type TypeIndex } from './ts-types.js';

/** A test for one value of a C scalar type, as the wrapper sees it in JavaScript. */
export type Scalar = 'u8' | 'u16' | 'u32' | 'i8' | 'i16' | 'i32' | 'u64' | 'i64' | 'size' | 'bool';

/** An element count: a literal, or the product of parameters (or `param.field`s). */
export type Count = number | readonly string[];

/** What a JavaScript value must look like to stand for a C argument. */
export type Shape =
  | { readonly is: 'scalar'; readonly scalar: Scalar }
  /** An input struct, every field of the right shape; `nullable`: null is left to a not_null check. */
  | { readonly is: 'struct'; readonly struct: string; readonly nullable: boolean }
  /** A `{ value }` box for an output scalar. */
  | { readonly is: 'box'; readonly optional: boolean }
  /** An output struct, filled in place. */
  | { readonly is: 'object' }
  /**
   * Bytes: a real Uint8Array of at least `count` bytes, or null for none. `unsized`: an input of
   * the `any` type with no count (job_set_policy's policy, whose records another argument sizes):
   * any length passes, and the core finds a short one as it would a short buffer.
   */
  | { readonly is: 'bytes'; readonly count: Count; readonly unsized?: true }
  | { readonly is: 'handles'; readonly count: Count; readonly out: boolean }
  | { readonly is: 'array'; readonly count: Count; readonly each: Element };

/** The element test of an array: a scalar, a struct (validated, or just an object to fill), or anything. */
export type Element = { readonly scalar: Scalar } | { readonly struct: string } | 'object' | 'any';

/**
 * What a failing step releases: a consumed parameter's handles, either still as raw values in
 * the caller's table (`taken: false`: take each live one, then close it) or as the records the
 * plan already took (`taken: true`: close them).
 */
export interface Release {
  readonly param: string;
  readonly taken: boolean;
}

/** A step that can fail: the status it returns and what it releases first. */
interface Failing {
  readonly status: string;
  readonly releases: readonly Release[];
}

/** A rights or type test of one handle record; `when` makes it conditional on an argument. */
export type RecordCheck =
  | { readonly check: 'rights'; readonly rights: readonly string[]; readonly when?: Condition; readonly status: 'ZX_ERR_ACCESS_DENIED' }
  | { readonly check: 'type'; readonly types: readonly string[]; readonly when?: Condition; readonly status: 'ZX_ERR_WRONG_TYPE' }
  /** The record must not refer to the object of the (earlier resolved) handle `param`, nor (orPeer) its peer. */
  | { readonly check: 'not_object_of'; readonly param: string; readonly orPeer?: true; readonly status: string };

/** Where the handle values of an array step come from. */
export interface HandleArray {
  readonly param: string;
  /** A handle-array field of a struct parameter (channel_call's args.wr_handles). */
  readonly field?: string;
  /** A handle field of every struct entry (wait_many's items[i].handle). */
  readonly entryField?: string;
  readonly count: Count;
}

/**
 * One step of a plan. The steps before `call` only read the caller's values and the handle
 * table (but for taking consumed handles); everything after it runs on the call's outcome.
 * Steps that check caller-owned outputs before any side effect, write them after the call in
 * one place, or undo the call when a write fails belong with these kinds, as do the pointer
 * decodings of a wasm host binding, which follow the shape steps.
 */
export type Step =
  /**
   * `copy`: the parameter is a caller-owned input (a handle array, an array of input elements,
   * an input struct) that the wrapper reads exactly once, here, into a copy that every later step
   * and the core use. A read that throws fails the step like a bad shape: nothing has happened yet.
   */
  | ({ readonly kind: 'shape'; readonly param: string; readonly shape: Shape; readonly copy?: true } & Failing)
  | ({
      readonly kind: 'check';
      /** A parameter, or `param.field`. */
      readonly param: string;
      readonly test: Extract<CheckStep, { kind: 'check' }>['test'];
      readonly operands: readonly (string | number)[];
      readonly values: readonly (number | bigint)[];
    } & Failing)
  /** Resolve one handle value: `take` removes it from the table (a consumed handle). */
  | ({ readonly kind: 'lookup'; readonly param: string; readonly take: boolean; readonly invalidOk: boolean } & Failing)
  | ({ readonly kind: 'record'; readonly param: string; readonly test: RecordCheck } & Failing)
  /** Look up every entry of an array; the first failing entry fails the call. */
  | ({ readonly kind: 'lookup_each'; readonly from: HandleArray; readonly each: readonly RecordCheck[] } & Failing)
  /**
   * Take every entry of a consumed array out of the table; the first problem (a dead entry,
   * then the entry checks in order) decides the status, and every entry taken is then closed.
   */
  | ({ readonly kind: 'take_each'; readonly from: HandleArray; readonly each: readonly RecordCheck[] } & Failing)
  /** A syscall the kernel core does not implement answers here, after every check. */
  | ({ readonly kind: 'not_supported' } & Failing)
  /** The core call; on a failure status it releases the consumed handles it was given. */
  | { readonly kind: 'call'; readonly handler: string; readonly releases: readonly Release[] }
  /** On success, an acquired handle goes into the caller's table (and its box); otherwise it is closed. */
  | { readonly kind: 'install'; readonly param: string; readonly rightsFrom?: string }
  /** On success, a `release` handle leaves the caller's table (the core has closed it). */
  | { readonly kind: 'drop'; readonly param: string };

export interface Consumed {
  readonly param: string;
  /** Set for a handle array: where its raw values are, for releasing them before they are taken. */
  readonly array?: HandleArray;
}

/**
 * How a failure leaves the syscall: as its status; thrown, naming the status (it returns a
 * value, such as a time, or nothing, so has no status to return); or as a promise of it (it
 * blocks).
 */
export type Returns = 'status' | 'thrown' | 'promise';

export interface Plan {
  readonly syscall: SyscallDef;
  readonly returns: Returns;
  readonly steps: readonly Step[];
  /** What the call consumes on every outcome (release_always): a handle value, or a handle array. */
  readonly consumes: readonly Consumed[];
}

/** The statuses a plan's own steps can return (the core's are the definition's business). */
export function planStatuses(plan: Plan): Set<string> {
  const out = new Set<string>();
  for (const s of plan.steps) {
    if (!('status' in s)) continue;
    out.add(s.status);
    if (s.kind === 'lookup_each' || s.kind === 'take_each') for (const c of s.each) out.add(c.status);
  }
  return out;
}

/** What lowering reads of the model besides the syscall itself. */
interface Lowering {
  readonly ix: TypeIndex;
  readonly masks: ReadonlyMap<string, number>;
  readonly linked: LinkedModel;
}

const lowering = (model: Model): Lowering => ({
  ix: typeIndex(model),
  masks: new Map(model.constants.map((c) => [c.name, Number(c.value)])),
  linked: linked(model),
});

/** One plan per syscall of the model, in model order. */
export function plans(model: Model): Plan[] {
  const l = lowering(model);
  return model.syscalls.map((sc) => lower(l, sc));
}

export function scalarOf(ix: TypeIndex, type: string): Scalar | undefined {
  const t = ix.scalars.get(type);
  switch (t?.kind) {
    case 'handle': return 'u32';
    case 'bool': return 'bool';
    case 'char': return 'u8';
    case 'int':
      if (t.js === 'bigint') return t.signed ? 'i64' : 'u64';
      if (t.bits === 64) return 'size';
      return `${t.signed ? 'i' : 'u'}${t.bits}` as Scalar;
    default:
      return undefined;
  }
}

/** A count names parameters; one that is an in/out size (debug_read's buffer_size) counts by its box's value. */
function countOf(sc: LinkedSyscall, p: ParamDef): Count {
  if (typeof p.count === 'number') return p.count;
  return String(p.count).split('*').map((s) => {
    const name = s.trim();
    const q = sc.params.get(name)?.def;
    return q !== undefined && q.dir !== 'in' && q.count === undefined ? `${name}.value` : name;
  });
}

/** The shape test of one parameter, or none (an opaque imported type has no known shape). */
function shapeOf(ix: TypeIndex, sc: LinkedSyscall, p: ParamDef): { shape: Shape; status: string } | undefined {
  const invalid = (shape: Shape) => ({ shape, status: 'ZX_ERR_INVALID_ARGS' });
  const t = ix.scalars.get(p.type);
  const isStruct = ix.structs.has(p.type);
  if (p.count !== undefined) {
    const count = countOf(sc, p);
    if (t?.kind === 'handle') return invalid({ is: 'handles', count, out: p.dir !== 'in' });
    if (isStruct) {
      if (p.count === 1) {
        // null reaches the core only where a not_null check reports it at Zircon's point.
        const nullable = sc.def.checks.some((c) => c.kind === 'check' && c.test === 'not_null' && c.param === p.name);
        return invalid(p.dir === 'in' ? { is: 'struct', struct: p.type, nullable } : { is: 'object' });
      }
      return invalid({ is: 'array', count, each: p.dir === 'out' ? 'object' : { struct: p.type } });
    }
    if (isByteType(t)) return invalid({ is: 'bytes', count });
    if (t?.kind === 'opaque') return undefined;
    const s = scalarOf(ix, p.type);
    return invalid({ is: 'array', count, each: s ? { scalar: s } : 'any' });
  }
  if (p.dir !== 'in') return invalid({ is: 'box', optional: p.optional });
  if (isStruct) return invalid({ is: 'struct', struct: p.type, nullable: false });
  if (t?.kind === 'any') return invalid({ is: 'bytes', count: 0, unsized: true });
  const s = scalarOf(ix, p.type);
  if (!s) return undefined;
  return { shape: { is: 'scalar', scalar: s }, status: t?.kind === 'handle' ? 'ZX_ERR_BAD_HANDLE' : 'ZX_ERR_INVALID_ARGS' };
}

/**
 * Whether a parameter of this shape is an input the wrapper copies once (see the `copy` flag):
 * handle values to look up or take, elements to read or fill in place, a struct to read. Other
 * outputs (boxes, output structs, handle arrays to fill) stay the caller's, written later.
 */
function readOnce(s: Shape): boolean {
  switch (s.is) {
    case 'handles': return !s.out;
    // Output structs filled in place are copied too: the copy holds the caller's element objects.
    case 'array': return s.each !== 'any';
    case 'struct': return true;
    default: return false;
  }
}

/** Rights then types, in Zircon's order; a rights test that asks for no bit cannot fail and is left out. */
function recordChecks(masks: ReadonlyMap<string, number>, cls: readonly RightsClause[]): RecordCheck[] {
  const out: RecordCheck[] = [];
  const cond = (r: RightsClause) => (r.when ? { when: r.when } : {});
  for (const r of cls) {
    if (r.rights.some((n) => (masks.get(n) ?? 0) !== 0)) out.push({ check: 'rights', rights: r.rights, ...cond(r), status: 'ZX_ERR_ACCESS_DENIED' });
  }
  for (const r of cls) if (r.types.length > 0) out.push({ check: 'type', types: r.types, ...cond(r), status: 'ZX_ERR_WRONG_TYPE' });
  return out;
}

function lower({ ix, masks, linked: lm }: Lowering, sc: SyscallDef): Plan {
  const steps: Step[] = [];
  const ls: LinkedSyscall = lm.syscall(sc);
  const param = (name: string) => ls.param(name).def;
  const consumed = sc.params.filter((p) => p.handle?.ownership === 'release_always' && p.handle.lookup === 'wrapper');
  const taken = new Set<string>();
  /** What a failure releases at this point of the plan: every consumed parameter, taken or not. */
  const releases = (): Release[] => consumed.map((p) => ({ param: p.name, taken: taken.has(p.name) }));
  const shaped = new Set<string>();
  const shape = (p: ParamDef, rel: readonly Release[]) => {
    if (shaped.has(p.name)) return;
    shaped.add(p.name);
    // A product count (`count*elem_size`) is computed before the buffer's test, so its factors
    // must be known numbers first: a bigint or a symbol there would throw, not fail the test.
    const count = p.count !== undefined ? countOf(ls, p) : undefined;
    if (Array.isArray(count) && count.length > 1) {
      for (const n of count) {
        const q = sc.params.find((x) => x.name === n);
        if (q !== undefined) shape(q, rel);
      }
    }
    const s = shapeOf(ix, ls, p);
    if (s) steps.push({ kind: 'shape', param: p.name, ...s, ...(readOnce(s.shape) ? { copy: true as const } : {}), releases: rel });
  };

  // 1. Shapes. A consumed parameter whose own shape is bad cannot be consumed: nothing is released.
  for (const p of consumed) shape(p, []);
  // A handle-carrying parameter's shape is checked at its resolve step, where Zircon first
  // reads it (wait_many's count limit comes before its items are read).
  const atResolve = new Set(sc.checks.filter((c) => c.kind === 'resolve').map((c) => c.param));
  for (const p of sc.params) if (!consumed.includes(p) && !atResolve.has(p.name)) shape(p, releases());

  // 2. The ordered checks and handle resolution.
  for (const c of sc.checks) {
    if (c.kind === 'check') {
      // A literal compared with a 64-bit (bigint) parameter is a bigint too.
      const [pname, field] = c.param.split('.', 2);
      const p = param(pname!);
      const type = field === undefined ? p.type : lm.structs.get(p.type)?.fields.get(field)?.def.type;
      const t = type === undefined ? undefined : ix.scalars.get(type);
      const big = t?.kind === 'int' && t.js === 'bigint';
      const values = big ? c.values.map((v) => BigInt(v)) : c.values;
      steps.push({ kind: 'check', param: c.param, test: c.test, operands: c.operands, values, status: c.error, releases: releases() });
      continue;
    }
    const p = param(c.param);
    if (!consumed.includes(p)) shape(p, releases());
    resolve(p);
  }

  function resolve(p: ParamDef): void {
    const h = p.handle;
    if (h?.lookup === 'core') return;
    const cls = ls.param(p.name).clauses;
    const entry = cls.find((r) => r.scope === 'entry_field');
    if (entry?.field) {
      // Handles inside struct entries (wait_many's items): looked up in entry order.
      const each = recordChecks(masks, cls.filter((r) => r.scope === 'entry_field'));
      steps.push({ kind: 'lookup_each', from: { param: p.name, entryField: entry.field, count: countOf(ls, p) }, each, status: 'ZX_ERR_BAD_HANDLE', releases: releases() });
      return;
    }
    if (!h) return;
    if (p.count !== undefined || h.field) {
      const from = arrayOf(p);
      const each = recordChecks(masks, cls.filter((r) => r.scope === 'each' || r.scope === 'field'));
      if (h.ownership === 'release_always') {
        // After the entry's own checks, as Zircon orders them (ACCESS_DENIED wins for one entry).
        if (h.notObjectOf) each.push(notObjectOf(h.notObjectOf));
        taken.add(p.name);
        steps.push({ kind: 'take_each', from, each, status: 'ZX_ERR_BAD_HANDLE', releases: releases() });
      } else {
        steps.push({ kind: 'lookup_each', from, each, status: 'ZX_ERR_BAD_HANDLE', releases: releases() });
      }
      return;
    }
    const take = h.ownership === 'release_always';
    // A value that is not live has nothing to release: the failed take releases only the others.
    const others = releases().filter((r) => r.param !== p.name);
    steps.push({ kind: 'lookup', param: p.name, take, invalidOk: h.invalidOk, status: 'ZX_ERR_BAD_HANDLE', releases: others });
    // From here a taken handle counts as taken: failures close it.
    if (take) taken.add(p.name);
    const tests = recordChecks(masks, cls.filter((r) => r.scope === 'self'));
    if (h.notObjectOf) tests.push(notObjectOf(h.notObjectOf));
    for (const test of tests) steps.push({ kind: 'record', param: p.name, test, status: test.status, releases: releases() });
  }

  function arrayOf(p: ParamDef): HandleArray {
    const field = p.handle?.field;
    if (!field) return { param: p.name, count: countOf(ls, p) };
    const f = ls.param(p.name).handle?.field?.def;
    if (!f?.pointer) throw new Error(`plan: ${p.type}.${field} is not a pointer field`);
    return { param: p.name, field, count: [`${p.name}.${f.pointer}`] };
  }

  // 3. The outcome: NOT_SUPPORTED for a syscall the core lacks, else the call and its outputs.
  if (!sc.implemented) {
    steps.push({ kind: 'not_supported', status: 'ZX_ERR_NOT_SUPPORTED', releases: releases() });
  } else {
    const installs = sc.params.filter((p) => p.handle?.ownership === 'acquire' && p.handle.lookup === 'wrapper');
    steps.push({ kind: 'call', handler: sc.name, releases: releases() });
    for (const p of installs) {
      steps.push({ kind: 'install', param: p.name, ...(p.handle?.rightsFrom !== undefined ? { rightsFrom: p.handle.rightsFrom } : {}) });
    }
    for (const p of sc.params) {
      if (p.handle?.ownership === 'release' && p.handle.lookup === 'wrapper' && p.count === undefined) steps.push({ kind: 'drop', param: p.name });
    }
  }
  const consumes = consumed.map((p): Consumed => (p.count !== undefined || p.handle?.field ? { param: p.name, array: arrayOf(p) } : { param: p.name }));
  const returns: Returns = sc.attributes.includes('blocking') ? 'promise' : returnsStatus(sc) ? 'status' : 'thrown';
  return { syscall: sc, returns, steps, consumes };
}


/** Whether the syscall's C return value is its status (zx_status_t), not a value of its own. */
export function returnsStatus(sc: SyscallDef): boolean {
  return sc.returns === 'zx_status_t';
}

/** The plan's form of a handle's `not_object_of` rule. */
function notObjectOf(n: NonNullable<HandleSpec['notObjectOf']>): RecordCheck {
  return { check: 'not_object_of', param: n.param, ...(n.orPeer ? { orPeer: true as const } : {}), status: n.error };
}
