// A plan as one entry of the descriptor table that support/wrappers.ts interprets: the form of
// the syscalls the kernel core does not implement, which only check their arguments and handles
// and then answer ZX_ERR_NOT_SUPPORTED. Handle arrays are not in the table's vocabulary; a plan
// that needs them is printed unrolled like an implemented one.
import type { Condition, ConstantDef, SyscallDef } from '../model.js';
import type { Count, Plan, Release, Shape, Step } from '../plan.js';
import { stubName } from '../names.js';
import { literal, maskOf, status, validatorName } from './wrapper-shapes.js';

/** Whether `plan` fits the table: an unimplemented syscall made of single-value steps only. */
export function tableable(plan: Plan): boolean {
  if (plan.syscall.implemented) return false;
  const arrays = new Set(plan.syscall.params.filter((p) => p.count !== undefined || p.handle?.field).map((p) => p.name));
  return plan.steps.every((s) => {
    if (s.kind === 'lookup_each' || s.kind === 'take_each') return false;
    if (s.kind === 'record' && s.test.check === 'not_object_of') return false;
    return !('releases' in s) || s.releases.every((r) => !arrays.has(r.param));
  });
}

function argIndex(sc: SyscallDef, name: string): number {
  const i = sc.params.findIndex((p) => p.name === name);
  if (i < 0) throw new Error(`wrapper table: ${sc.name} has no parameter ${name}`);
  return i;
}

/** `param` or `param.field` as a Ref of support/wrappers.ts. */
function ref(sc: SyscallDef, path: string): string {
  const [p, field] = path.split('.');
  return field === undefined ? String(argIndex(sc, p!)) : `[${argIndex(sc, p!)}, '${field}']`;
}

function count(sc: SyscallDef, c: Count): string {
  return typeof c === 'number' ? String(c) : `[${c.map((x) => ref(sc, x)).join(', ')}]`;
}

function shape(sc: SyscallDef, s: Shape): string {
  switch (s.is) {
    case 'scalar': return `{ is: 'scalar', scalar: '${s.scalar}' }`;
    case 'struct': return `{ is: 'struct', test: ${validatorName(s.struct)}, nullable: ${s.nullable} }`;
    case 'box': return `{ is: 'box', optional: ${s.optional} }`;
    case 'object': return `{ is: 'object' }`;
    case 'bytes': return `{ is: 'bytes', count: ${count(sc, s.count)} }`;
    case 'handles': return `{ is: 'handles', count: ${count(sc, s.count)}, out: ${s.out} }`;
    case 'array': {
      const e = s.each;
      const each = typeof e === 'string' ? `'${e}'` : 'struct' in e ? validatorName(e.struct) : `'${e.scalar}'`;
      return `{ is: 'array', count: ${count(sc, s.count)}, each: ${each} }`;
    }
  }
}

function when(consts: ReadonlyMap<string, ConstantDef>, sc: SyscallDef, w: Condition | undefined): string {
  if (!w) return '';
  return `, when: { arg: ${argIndex(sc, w.param)}, ${w.op === 'is' ? 'is' : 'has'}: ${literal(consts, w.value)} }`;
}

function fails(consts: ReadonlyMap<string, ConstantDef>, sc: SyscallDef, st: string, releases: readonly Release[]): string {
  const rel = releases.map((r) => `{ arg: ${argIndex(sc, r.param)}, taken: ${r.taken} }`);
  return `status: ${status(consts, st)}${rel.length ? `, release: [${rel.join(', ')}]` : ''}`;
}

function op(consts: ReadonlyMap<string, ConstantDef>, sc: SyscallDef, s: Step): { code: string; note?: string } {
  switch (s.kind) {
    case 'shape':
      return { code: `{ op: 'shape', arg: ${argIndex(sc, s.param)}, shape: ${shape(sc, s.shape)}, ${fails(consts, sc, s.status, s.releases)} }` };
    case 'check': {
      const values = s.values.map((v) => (typeof v === 'bigint' ? `${v}n` : String(v))).join(', ');
      return { code: `{ op: 'check', arg: ${ref(sc, s.param)}, test: '${s.test}', values: [${values}], ${fails(consts, sc, s.status, s.releases)} }`, note: s.operands.join(', ') };
    }
    case 'lookup':
      return { code: `{ op: 'lookup', arg: ${argIndex(sc, s.param)}, take: ${s.take}, invalidOk: ${s.invalidOk}, ${fails(consts, sc, s.status, s.releases)} }` };
    case 'record': {
      const t = s.test;
      const arg = argIndex(sc, s.param);
      if (t.check === 'rights') {
        return { code: `{ op: 'rights', arg: ${arg}, mask: 0x${maskOf(consts, t.rights).toString(16)}${when(consts, sc, t.when)}, ${fails(consts, sc, s.status, s.releases)} }`, note: t.rights.join(' | ') };
      }
      if (t.check === 'type') {
        return { code: `{ op: 'type', arg: ${arg}, types: [${t.types.map((x) => literal(consts, x)).join(', ')}]${when(consts, sc, t.when)}, ${fails(consts, sc, s.status, s.releases)} }`, note: t.types.join(' | ') };
      }
      throw new Error(`wrapper table: ${sc.name}: ${t.check} is not in the table's vocabulary`);
    }
    case 'not_supported':
      return { code: `{ op: 'fail', ${fails(consts, sc, s.status, s.releases)} }` };
    case 'lookup_each':
    case 'take_each':
    case 'call':
    case 'install':
    case 'drop':
      throw new Error(`wrapper table: ${sc.name}: a ${s.kind} step is not in the table's vocabulary`);
  }
}

/** One entry of the table: how the syscall returns its status, then its ops, one a line. */
export function printDescriptor(consts: ReadonlyMap<string, ConstantDef>, plan: Plan): string {
  const sc = plan.syscall;
  const ops = plan.steps.map((s) => op(consts, sc, s)).map((o) => `      ${o.code},${o.note ? ` // ${o.note}` : ''}`);
  return `  ${stubName(sc)}: { returns: '${plan.returns}', ops: [\n${ops.join('\n')}\n  ] },`;
}
