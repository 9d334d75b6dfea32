// The lowering plan (generator/plan.ts) against the wrappers printed from it, for every syscall.
// Two independent views of the printed side:
// - run: for every failing step of every plan, arguments and a handle table are made that pass
//   the steps before it and fail it; the generated wrapper (generated/wrappers.ts, with a fake
//   handle table and a fake core) must return that step's status and release exactly what the
//   step says it releases;
// - read: the statuses written in each printed wrapper (its unrolled body, or its entry in the
//   descriptor table) must be exactly the plan's status set.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Model, ParamDef, StructDef } from '../../generator/model.js';
import { defsSources, loadModel } from '../../generator/pipeline.js';
import { planStatuses, plans, type Count, type Plan, type Step } from '../../generator/plan.js';
import { createSyscalls } from '../../generated/wrappers.js';
import type { CoreTypes, ProcessAbi, SyscallHandlers } from '../../generated/binding.js';
import { emitWrappers } from '../../generator/backends/wrappers.js';
import { repoRoot, sources } from './helpers.js';

const model: Model = loadModel(defsSources(join(repoRoot, 'defs'))).model!;
const all = plans(model);
const statusValue = new Map(model.constants.filter((c) => c.constKind === 'status').map((c) => [c.name, Number(c.value)]));
const structs = new Map<string, StructDef>(model.structs.map((s) => [s.name, s]));
const isPublic = (p: Plan) => !p.syscall.attributes.includes('internal');

/** What the fake core answers every call with: a failure no wrapper step produces. */
const CORE_FAILS = -777;
const ALL_RIGHTS = 0xffffffff;
const NO_SUCH_TYPE = 0x7ff;

interface Rec {
  readonly rights: number;
  readonly object: { readonly type: number };
}

/** A handle table that records what the wrapper took and closed. */
class Table {
  readonly live = new Map<number, Rec>();
  readonly closed = new Set<Rec>();
  private next = 0x100;
  add(rights: number, type: number, object?: { type: number }): number {
    const v = (this.next += 4);
    this.live.set(v, { rights: rights >>> 0, object: object ?? { type } });
    return v;
  }
  readonly abi: ProcessAbi<Rec> = {
    lookup: (v) => this.live.get(v) ?? null,
    take: (v) => {
      const r = this.live.get(v) ?? null;
      this.live.delete(v);
      return r;
    },
    close: (h) => void this.closed.add(h),
    install: () => {
      throw new Error('nothing is installed when the core fails');
    },
  };
}

const fakeCore = (blocking: ReadonlySet<string>) =>
  new Proxy({}, { get: (_, name) => (blocking.has(String(name)) ? () => Promise.resolve(CORE_FAILS) : () => CORE_FAILS) });

type Args = unknown[];

/** A valid value of each struct type: scalars zero, pointer fields null with a zero count. */
function structValue(name: string): Record<string, unknown> {
  const s = structs.get(name)!;
  const o: Record<string, unknown> = {};
  for (const f of s.fields) {
    const t = model.types.find((x) => x.name === f.type);
    if (f.pointer !== undefined) o[f.name] = null;
    else if (f.count !== undefined) o[f.name] = t?.kind === 'handle' ? new Uint32Array(f.count) : new Uint8Array(f.count);
    else if (structs.has(f.type)) o[f.name] = structValue(f.type);
    else if (t?.kind === 'int' && t.js === 'bigint') o[f.name] = 0n;
    else if (t?.kind === 'bool') o[f.name] = false;
    else o[f.name] = 0;
  }
  return o;
}

/** The first value of a 32- or 64-bit type that fails the check, or passes it. */
function checkValue(s: Extract<Step, { kind: 'check' }>, pass: boolean): number | bigint {
  const big = typeof s.values[0] === 'bigint';
  const nums = s.values.map(Number);
  const out = (n: number) => (big ? BigInt(n) : n);
  switch (s.test) {
    case 'one_of': {
      if (pass) return s.values[0]!;
      let n = 0;
      while (nums.includes(n)) n++;
      return out(n);
    }
    case 'allowed': {
      if (pass) return out(0);
      const m = nums.reduce((a, v) => (a | v) >>> 0, 0);
      let b = 0;
      while (m & (1 << b)) b++;
      return out((1 << b) >>> 0);
    }
    case 'max': return pass ? out(0) : out(nums[0]! + 1);
    case 'min': return pass ? s.values[0]! : out(nums[0]! - 1);
    case 'not_null': throw new Error('not a number');
  }
}

/** Whether a value (a zero to start with) passes a check. */
function passes(s: Extract<Step, { kind: 'check' }>, v: unknown): boolean {
  const n = Number(v);
  const nums = s.values.map(Number);
  switch (s.test) {
    case 'one_of': return nums.includes(n);
    case 'allowed': return (n & ~nums.reduce((a, x) => a | x, 0)) === 0;
    case 'max': return n <= nums[0]!;
    case 'min': return n >= nums[0]!;
    case 'not_null': return v !== null;
  }
}

interface Case {
  readonly args: Args;
  readonly table: Table;
  /** The handle values each consumed parameter held in the table before the call. */
  readonly consumedValues: ReadonlyMap<string, number[]>;
}

/**
 * Arguments and a table that pass every step of `plan` before `k` and fail step `k`; for a step
 * over a handle array, `entry` picks the entry test that the first entry fails (-1: not live).
 */
function caseFor(plan: Plan, k: number, entry = -1): Case {
  const sc = plan.syscall;
  const target = plan.steps[k]!;
  const table = new Table();
  const byName = new Map<string, unknown>();
  const param = (n: string) => sc.params.find((p) => p.name === n)!;
  const set = (path: string, v: unknown) => {
    const [p, f] = path.split('.');
    if (f === undefined) byName.set(p!, v);
    else (byName.get(p!) as Record<string, unknown>)[f] = v;
  };
  const get = (path: string): unknown => {
    const [p, f] = path.split('.');
    const v = byName.get(p!);
    return f === undefined ? v : (v as Record<string, unknown>)[f];
  };
  const countOf = (c: Count) => (typeof c === 'number' ? c : c.reduce((a, n) => a * Number(get(n)), 1));

  // Scalars, boxes and structs first: valid, checks passed, conditions of the target on.
  for (const p of sc.params) byName.set(p.name, baseValue(p));
  for (const s of plan.steps) {
    if (s.kind === 'check' && s.test !== 'not_null' && !passes(s, get(s.param))) set(s.param, checkValue(s, true));
  }
  const when = target.kind === 'record' && target.test.check !== 'not_object_of' ? target.test.when : undefined;
  if (when) byName.set(when.param, Number(model.constants.find((c) => c.name === when.value)!.value));
  if (target.kind === 'check' && target.test !== 'not_null') set(target.param, checkValue(target, false));
  if (target.kind === 'lookup_each' || target.kind === 'take_each') {
    const c = target.from.count;
    if (typeof c !== 'number') set(c[0]!, 1);
  }
  // Struct pointer fields hold as many elements as their count fields say.
  for (const p of sc.params) {
    const v = byName.get(p.name);
    if (!structs.has(p.type) || typeof v !== 'object' || v === null) continue;
    const o = v as Record<string, unknown>;
    for (const f of structs.get(p.type)!.fields) {
      const n = f.pointer === undefined ? 0 : Number(o[f.pointer]);
      if (n > 0) o[f.name] = model.types.find((t) => t.name === f.type)?.kind === 'handle' ? Array.from({ length: n }, () => 0) : new Uint8Array(n);
    }
  }

  // Handles: live, with every right and the first type asked for unconditionally.
  const typeOf = (name: string): number => {
    for (const s of plan.steps) {
      if (s.kind === 'record' && s.param === name && s.test.check === 'type' && !s.test.when) {
        return Number(model.constants.find((c) => c.name === (s.test as { types: readonly string[] }).types[0])!.value);
      }
    }
    return 1;
  };
  const consumedValues = new Map<string, number[]>();
  for (const s of plan.steps) {
    if (s.kind !== 'lookup' || (target.kind === 'shape' && target.param === s.param)) continue;
    let rights = ALL_RIGHTS;
    let type = typeOf(s.param);
    if (target.kind === 'record' && target.param === s.param) {
      if (target.test.check === 'rights') rights = ~mask(target.test.rights);
      if (target.test.check === 'type') type = NO_SUCH_TYPE;
    }
    const same = target.kind === 'record' && target.param === s.param && target.test.check === 'not_object_of'
      ? table.live.get(byName.get(target.test.param) as number)?.object
      : undefined;
    const v = target === s ? 0x7ffff0 : table.add(rights, type, same);
    byName.set(s.param, v);
    if (s.take) consumedValues.set(s.param, target === s ? [] : [v]);
  }
  // Arrays, sized by their (now final) counts.
  for (const s of plan.steps) {
    if (s.kind !== 'shape') continue;
    const sh = s.shape;
    if (sh.is !== 'bytes' && sh.is !== 'handles' && sh.is !== 'array') continue;
    const n = countOf(sh.count);
    if (!Number.isSafeInteger(n) || n > 1 << 20) continue;
    if (sh.is === 'bytes') byName.set(s.param, new Uint8Array(n));
    else if (sh.is === 'handles') byName.set(s.param, sh.out ? new Uint32Array(n) : Array.from({ length: n }, () => 0));
    else {
      const e = sh.each;
      byName.set(s.param, Array.from({ length: n }, () =>
        e === 'object' ? {} : e === 'any' ? 0 : 'struct' in e ? structValue(e.struct) : e.scalar === 'u64' || e.scalar === 'i64' ? 0n : e.scalar === 'bool' ? false : 0));
    }
  }
  // Handle arrays: entries live, with every right; the target's first entry fails its test.
  for (const s of plan.steps) {
    if (s.kind !== 'lookup_each' && s.kind !== 'take_each') continue;
    const n = countOf(s.from.count);
    const holder = s.from.field ? (byName.get(s.from.param) as Record<string, unknown>) : null;
    const entries: number[] = [];
    for (let i = 0; i < n; i++) entries.push(table.add(ALL_RIGHTS, 1));
    if (s === target && n > 0) {
      const test = s.each[entry];
      table.live.delete(entries[0]!);
      if (test === undefined) entries[0] = 0x7ffff0; // not live: the loop's BAD_HANDLE
      else if (test.check === 'rights') entries[0] = table.add(~mask(test.rights), 1);
      else if (test.check === 'type') entries[0] = table.add(ALL_RIGHTS, NO_SUCH_TYPE);
      else entries[0] = table.add(ALL_RIGHTS, 1, table.live.get(byName.get(test.param) as number)!.object);
    }
    if (s.from.entryField) {
      const items = byName.get(s.from.param) as Record<string, unknown>[];
      entries.forEach((v, i) => (items[i]![s.from.entryField!] = v));
    } else if (holder) holder[s.from.field!] = entries;
    else byName.set(s.from.param, entries);
    if (s.kind === 'take_each') consumedValues.set(s.from.param, entries.filter((v) => table.live.has(v)));
  }
  if (target.kind === 'shape') byName.set(target.param, Symbol('not a value'));
  if (target.kind === 'check' && target.test === 'not_null') set(target.param, null);
  return { args: sc.params.map((p) => byName.get(p.name)), table, consumedValues };

  function baseValue(p: ParamDef): unknown {
    const s = plan.steps.find((x) => x.kind === 'shape' && x.param === p.name);
    const sh = s?.kind === 'shape' ? s.shape : undefined;
    if (!sh) return 0;
    switch (sh.is) {
      case 'scalar': return sh.scalar === 'u64' || sh.scalar === 'i64' ? 0n : sh.scalar === 'bool' ? false : 0;
      case 'struct': return structValue(sh.struct);
      case 'box': return { value: 0 };
      case 'object': return structs.has(p.type) ? structValue(p.type) : {};
      default: return null; // arrays come later
    }
  }
}

const mask = (rights: readonly string[]) => rights.reduce((a, r) => (a | Number(model.constants.find((c) => c.name === r)!.value)) >>> 0, 0);

const failing = (s: Step): s is Extract<Step, { releases: unknown }> => 'releases' in s;

async function run(plan: Plan, c: Case): Promise<unknown> {
  const blocking = new Set(all.filter((p) => p.syscall.attributes.includes('blocking')).map((p) => p.syscall.name.replace(/_([a-z0-9])/g, (_, x: string) => x.toUpperCase())));
  const sys = createSyscalls<CoreTypes>({}, c.table.abi as ProcessAbi<CoreTypes['handle']>, fakeCore(blocking) as SyscallHandlers<CoreTypes>) as unknown as Record<string, (...a: unknown[]) => unknown>;
  try {
    const r = sys[`zx_${plan.syscall.name}`]!(...c.args);
    return await r;
  } catch (e) {
    // A void syscall cannot return its status: it throws with the status's name.
    const m = /failed with (\w+)/.exec(String(e));
    return m ? statusValue.get(m[1]!) : e;
  }
}

describe('the lowering plan', () => {
  it('has one plan per syscall: 170, of which 167 are public and printed', () => {
    expect(all).toHaveLength(170);
    expect(all.filter(isPublic)).toHaveLength(167);
    expect(new Set(all.map((p) => p.syscall.name)).size).toBe(170);
  });

  it('every failing step of every plan is what the printed wrapper returns there, releasing what the step says', async () => {
    const problems: string[] = [];
    let steps = 0;
    for (const plan of all.filter(isPublic)) {
      const targets = plan.steps.flatMap((s, k) =>
        !failing(s) ? [] : s.kind === 'lookup_each' || s.kind === 'take_each' ? [-1, ...s.each.keys()].map((e) => [k, e] as const) : [[k, -1] as const]);
      for (const [k, e] of targets) {
        const s = plan.steps[k]!;
        if (!failing(s)) continue;
        steps++;
        const c = caseFor(plan, k, e);
        const got = await run(plan, c);
        const entryTest = (s.kind === 'lookup_each' || s.kind === 'take_each') && e >= 0 ? s.each[e] : undefined;
        const want = s.kind === 'call' ? CORE_FAILS : statusValue.get(entryTest?.status ?? s.status);
        const where = `${plan.syscall.name} step ${k}${e >= 0 ? ` entry test ${e}` : ''} (${s.kind}${'param' in s ? ` ${s.param}` : ''})`;
        if (typeof got === 'bigint' ? Number(got) !== want : got !== want) {
          problems.push(`${where}: returned ${String(got)}, the plan says ${want}`);
          continue;
        }
        for (const [param, values] of c.consumedValues) {
          const released = s.releases.some((r) => r.param === param);
          for (const v of values) {
            const gone = !c.table.live.has(v);
            if (gone !== released) problems.push(`${where}: handle of ${param} ${released ? 'kept' : 'released'}, the plan says ${released ? 'released' : 'kept'}`);
          }
        }
        // Whatever left the table was closed; nothing else was.
        const live = new Set(c.table.live.values());
        for (const r of c.table.closed) if (live.has(r)) problems.push(`${where}: closed a handle still in the table`);
      }
    }
    expect(problems).toEqual([]);
    expect(steps).toBeGreaterThan(1000);
  });

  it('the statuses printed in each wrapper are exactly its plan\'s', () => {
    const text = readFileSync(join(repoRoot, 'generated', 'wrappers.ts'), 'utf8');
    const problems: string[] = [];
    for (const plan of all.filter(isPublic)) {
      const name = `zx_${plan.syscall.name}`;
      // An unrolled method runs to its closing line; a table entry to its closing bracket.
      const method = new RegExp(`\\n    ${name}\\([^\\n]*\\{\\n([\\s\\S]*?)\\n    \\},`).exec(text);
      const entry = new RegExp(`\\n  ${name}: \\{ returns: [^\\n]*\\n([\\s\\S]*?)\\n  \\] \\},`).exec(text);
      const body = method?.[1] ?? entry?.[1];
      if (body === undefined) {
        problems.push(`${name}: not printed`);
        continue;
      }
      // Every status is printed by its name; outside comments, nothing else in a wrapper names a status.
      const printed = new Set<string>();
      const code = body.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
      for (const m of code.matchAll(/\bZX_ERR_[A-Z_]+\b/g)) printed.add(m[0]);
      for (const m of code.matchAll(/(?<![\w.])-(\d+)\b/g)) printed.add(`literal -${m[1]}`);
      const planned = planStatuses(plan);
      const missing = [...planned].filter((s) => !printed.has(s));
      const extra = [...printed].filter((s) => !planned.has(s));
      if (missing.length || extra.length) problems.push(`${name}: printed lacks [${missing}] and adds [${extra}]`);
    }
    expect(problems).toEqual([]);
  });

  it('unimplemented syscalls go through the table, implemented ones are unrolled', () => {
    const text = readFileSync(join(repoRoot, 'generated', 'wrappers.ts'), 'utf8');
    for (const plan of all.filter(isPublic)) {
      const unrolled = text.includes(`\n    zx_${plan.syscall.name}(`);
      expect(unrolled, plan.syscall.name).toBe(plan.syscall.implemented);
    }
  });

  it('a single handle may be refused for naming the object of another (not_object_of)', () => {
    const yaml = `syscalls:
  thing_join:
    summary: Join two things.
    params:
      - name: handle
        type: zx_handle_t
      - name: other
        type: zx_handle_t
        handle: { not_object_of: { param: handle, error: ZX_ERR_BAD_STATE } }
    rights:
      - { param: handle, types: [ZX_OBJ_TYPE_EVENT], rights: [ZX_RIGHT_WRITE] }
      - { param: other, types: [ZX_OBJ_TYPE_EVENT], rights: [ZX_RIGHT_READ] }
    errors:
      - { status: ZX_ERR_BAD_HANDLE, text: A handle is invalid. }
      - { status: ZX_ERR_WRONG_TYPE, text: A handle is not an event. }
      - { status: ZX_ERR_ACCESS_DENIED, text: A handle lacks the right. }
      - { status: ZX_ERR_BAD_STATE, text: Both name the same event. }
    description: Joins.
    return_value: Returns ZX_OK on success.
    see_also: [thing_join]
`;
    const loaded = loadModel(sources({ 'thing.yaml': yaml }));
    expect(loaded.diagnostics).toEqual([]);
    const [plan] = plans(loaded.model!);
    const last = plan!.steps.filter((s) => s.kind === 'record').at(-1);
    expect(last).toMatchObject({ param: 'other', test: { check: 'not_object_of', param: 'handle' }, status: 'ZX_ERR_BAD_STATE' });
    const text = emitWrappers(loaded.model!, { docsStyle: 'seed', command: 'test' })[0]!.content;
    expect(text).toMatch(/if \(other_h\.object === handle_h\.object\) \{ \/\/ not the object of handle\n\s+return ZX_ERR_BAD_STATE;/);
  });
});
