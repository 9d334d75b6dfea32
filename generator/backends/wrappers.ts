// Backend: generated/wrappers.ts — the rights-checking layer between each stub and the core.
// It prints each syscall's plan (generator/plan.ts): the implemented syscalls as unrolled code
// (the hot path), the others as a descriptor table that support/wrappers.ts interprets. A plan
// step that releases consumed handles on failure jumps to the one exit that releases them.
import type { Condition, ConstantDef, Model, SyscallDef } from '../model.js';
import { handlerName, paths, resolvedFieldArg, stubName, tsHeader } from '../names.js';
import { plans, returnsStatus, type HandleArray, type Plan, type RecordCheck, type Release, type Step } from '../plan.js';
import { linked, publicSyscalls, structHandleArgs, type LinkedSyscall } from '../query.js';
import { paramTs, typeIndex, usedTypeNames, type TypeIndex } from '../ts-types.js';
import type { Backend } from './backend.js';
import { tsFile } from './ts-file.js';
import { printDescriptor, tableable } from './wrapper-table.js';
import { countExpr, elementTest, literal, maskOf, num, readerName, shapeFails, status, structReaders, structValidators, SUPPORT_HELPERS, validatorName } from './wrapper-shapes.js';

/** Where generated/wrappers.ts finds its support module in zxkit's own repository. */
export const OWN_SUPPORT_MODULE = '../support/wrappers.js';

interface Ctx {
  readonly ix: TypeIndex;
  readonly consts: ReadonlyMap<string, ConstantDef>;
  readonly plan: Plan;
  readonly sc: SyscallDef;
  readonly linked: LinkedSyscall;
  readonly blocking: boolean;
  /** The label of the exit that releases each distinct release list. */
  readonly exits: ReadonlyMap<string, string>;
  /** Taken handles declared before the exits, which read them. */
  readonly hoisted: ReadonlySet<string>;
  readonly lines: string[];
  /** The field names of a struct, in definition order. */
  readonly fieldsOf: (struct: string) => readonly string[];
  indent: string;
}

function emit(ctx: Ctx, line: string): void {
  ctx.lines.push(ctx.indent + line);
}

const releaseKey = (rs: readonly Release[]) => rs.map((r) => `${r.param}:${r.taken}`).join(',');

/** The variable holding a parameter's taken or looked-up handle record(s). */
function heldVar(sc: LinkedSyscall, param: string): string {
  const p = sc.param(param).def;
  return p.handle?.field ? resolvedFieldArg(p, p.handle.field) : p.count !== undefined ? `${p.name}_hs` : `${p.name}_h`;
}

/** The raw values of a handle array: the array expression and its count. */
function rawArray(from: HandleArray): { arr: string; count: string } {
  return { arr: from.field ? `${from.param}!.${from.field}` : from.param, count: countExpr(from.count) };
}

/** A failure status as the wrapper returns it (see `Returns`). */
function ret(ctx: Ctx, st: string): string {
  switch (ctx.plan.returns) {
    case 'status': return st;
    case 'thrown': return `failVoid('${stubName(ctx.sc)}', ${st})`;
    case 'promise': return `Promise.resolve(${st})`;
  }
}

/** The statement that fails with `st`: a plain return, or a jump to the exit that releases. */
function fail(ctx: Ctx, st: string, releases: readonly Release[]): string {
  if (releases.length === 0) return `return ${ret(ctx, st)};`;
  return `err = ${st}; break ${ctx.exits.get(releaseKey(releases))};`;
}

function failIf(ctx: Ctx, cond: string, st: string, releases: readonly Release[], note = ''): void {
  emit(ctx, `if (${cond}) {${note ? ` // ${note}` : ''}`);
  emit(ctx, `  ${fail(ctx, st, releases)}`);
  emit(ctx, '}');
}

function condition(ctx: Ctx, when: Condition | undefined): string {
  if (!when) return '';
  const lit = literal(ctx.consts, when.value);
  // An opaque-typed parameter (an imported C type zxkit has no width for) is typed unknown.
  const opaque = ctx.linked.params.get(when.param)?.type?.kind === 'opaque';
  const v = opaque ? `(${when.param} as number)` : when.param;
  return `${when.op === 'is' ? `${v} === ${lit}` : `(${v} & ${lit}) !== 0`} && `;
}

/** The failing test of a rights, type or not-object-of check on the record in `h`. */
function recordFails(ctx: Ctx, h: string, c: RecordCheck): { cond: string; note: string } {
  switch (c.check) {
    case 'rights': {
      // ~rights & mask: every required bit, bit 31 included, without a signed comparison.
      const m = maskOf(ctx.consts, c.rights);
      return { cond: `${condition(ctx, c.when)}(~${h}.rights & 0x${m.toString(16)}) !== 0`, note: c.rights.join(' | ') };
    }
    case 'type':
      return { cond: condition(ctx, c.when) + c.types.map((t) => `${h}.object.type !== ${num(ctx.consts, t)}`).join(' && '), note: c.types.join(' | ') };
    case 'not_object_of': {
      const other = heldVar(ctx.linked, c.param);
      const peer = c.orPeer ? ` || ${h}.object === ${other}.object.peer` : '';
      return { cond: `${h}.object === ${other}.object${peer}`, note: `not the object of ${c.param}${c.orPeer ? ' or its peer' : ''}` };
    }
  }
}

function operandLit(v: number | bigint): string {
  return typeof v === 'bigint' ? `${v}n` : String(v);
}

function checkFails(s: Extract<Step, { kind: 'check' }>): string {
  const x = s.param.replace('.', '!.');
  const ops = s.values.map(operandLit);
  switch (s.test) {
    case 'allowed': {
      const m = s.values.reduce<number>((a, v) => (a | Number(v)) >>> 0, 0);
      return `(${x} & ~0x${m.toString(16)}) !== 0`;
    }
    case 'one_of': return ops.map((o) => `${x} !== ${o}`).join(' && ');
    case 'max': return `${x} > ${ops[0]}`;
    case 'min': return `${x} < ${ops[0]}`;
    case 'not_null': return `${x} === null`;
  }
}

/**
 * A read-once copy (support/wrappers.ts): the parameter is replaced by the copy, which the later
 * steps and the core use; the copy is undefined where the shape test would fail or a read threw.
 */
function copyStep(ctx: Ctx, s: Extract<Step, { kind: 'shape' }>): void {
  const v = s.param;
  const c = `${v}_c`;
  const sh = s.shape;
  let expr: string;
  switch (sh.is) {
    case 'handles':
      expr = `readHandles(${v}, ${countExpr(sh.count)})`;
      break;
    case 'array':
      expr = `readArray(${v}, ${countExpr(sh.count)}, ${elementTest(sh.each)})`;
      break;
    case 'struct': {
      const fields = ctx.fieldsOf(sh.struct).map((f) => `'${f}'`).join(', ');
      // The handle arrays the call consumes are copied too; arrays it writes stay the caller's.
      const taken = ctx.plan.consumes.filter((x) => x.param === v && x.array?.field !== undefined).map((x) => {
        const count = x.array!.count;
        if (typeof count === 'number' || count.length !== 1) throw new Error(`wrappers: ${v}.${x.array!.field} needs a single count field`);
        return `['${x.array!.field}', '${count[0]!.slice(v.length + 1)}']`;
      });
      const read = taken.length
        ? `readStruct<${sh.struct}>(${v}, [${fields}], ${validatorName(sh.struct)}, [${taken.join(', ')}])`
        : `${readerName(sh.struct)}(${v})`;
      expr = sh.nullable ? `${v} === null ? null : ${read}` : read;
      break;
    }
    default:
      throw new Error(`wrappers: a ${sh.is} shape is not copied`);
  }
  emit(ctx, `const ${c} = ${expr};`);
  failIf(ctx, `${c} === undefined`, status(ctx.consts, s.status), s.releases);
  emit(ctx, `${v} = ${c}${sh.is === 'handles' ? '' : ` as typeof ${v}`};`);
}

/** A loop over a handle array: lookups (first failure returns) or takes (first problem wins, all taken). */
function eachStep(ctx: Ctx, s: Extract<Step, { kind: 'lookup_each' | 'take_each' }>): void {
  const from = s.from;
  const { arr, count } = rawArray(from);
  const held = from.entryField ? resolvedFieldArg(ctx.linked.param(from.param).def, from.entryField) : heldVar(ctx.linked, from.param);
  // The array itself is a read-once copy; a field of an entry is the caller's object, read
  // where a getter that throws or returns something else cannot escape or reach the table.
  const value = from.entryField ? `readField(${arr}![i], '${from.entryField}')` : `${arr}![i]`;
  if (!ctx.hoisted.has(from.param)) emit(ctx, `const ${held}: H[] = [];`);
  if (s.kind === 'lookup_each') {
    emit(ctx, `for (let i = 0; i < ${count}; i++) {`);
    ctx.indent += '  ';
    if (from.entryField) {
      emit(ctx, `const v = ${value};`);
      failIf(ctx, 'isUnreadable(v)', status(ctx.consts, 'ZX_ERR_INVALID_ARGS'), s.releases);
      emit(ctx, `const h = isU32(v) ? abi.lookup(v) : null;`);
    } else {
      emit(ctx, `const h = abi.lookup(${value});`);
    }
    failIf(ctx, 'h === null', status(ctx.consts, s.status), s.releases);
    for (const c of s.each) {
      const f = recordFails(ctx, 'h', c);
      failIf(ctx, f.cond, status(ctx.consts, c.status), s.releases, f.note);
    }
    emit(ctx, `${held}.push(h);`);
    ctx.indent = ctx.indent.slice(2);
    emit(ctx, '}');
    return;
  }
  // Every entry leaves the table; the first problem decides the status, and on any problem
  // every entry taken so far is closed (Zircon's channel_write rule).
  const st = `${from.param}_st`;
  emit(ctx, `let ${st} = 0;`);
  emit(ctx, `for (let i = 0; i < ${count}; i++) {`);
  ctx.indent += '  ';
  emit(ctx, `const h = abi.take(${value});`);
  emit(ctx, `if (h === null) { if (${st} === 0) ${st} = ${status(ctx.consts, s.status)}; continue; }`);
  emit(ctx, `${held}.push(h);`);
  emit(ctx, `if (${st} !== 0) continue;`);
  for (const c of s.each) {
    const f = recordFails(ctx, 'h', c);
    emit(ctx, `if (${f.cond}) { // ${f.note}`);
    emit(ctx, `  ${st} = ${status(ctx.consts, c.status)}; continue;`);
    emit(ctx, '}');
  }
  ctx.indent = ctx.indent.slice(2);
  emit(ctx, '}');
  emit(ctx, `if (${st} !== 0) {`);
  emit(ctx, `  ${fail(ctx, st, s.releases)}`);
  emit(ctx, '}');
}

/** The arguments of the core call: resolved handles in place of values, scratch boxes for acquired ones. */
function coreArgs(sc: LinkedSyscall): string[] {
  const args = sc.def.params.map((p) => {
    const h = p.handle;
    if (!h || h.lookup === 'core' || h.field) return p.name;
    if (h.ownership === 'acquire') return `${p.name}_b`;
    return heldVar(sc, p.name);
  });
  return ['proc', ...args, ...structHandleArgs(sc.def).map((a) => a.name)];
}

function callStep(ctx: Ctx, s: Extract<Step, { kind: 'call' }>, after: readonly Step[]): void {
  for (const o of after) if (o.kind === 'install') emit(ctx, `const ${o.param}_b: Box<H | null> = { value: null };`);
  const call = `core.${handlerName(s.handler)}(${coreArgs(ctx.linked).join(', ')})`;
  const post: string[] = [];
  const installs = after.filter((o) => o.kind === 'install');
  for (const o of installs) {
    if (o.rightsFrom !== undefined) {
      // The definition bounds this output by an input's rights: a core that escalates is a bug.
      post.push(`if (st === 0 && ${o.param}_b.value !== null && (${o.param}_b.value.rights & ~${heldVar(ctx.linked, o.rightsFrom)}.rights) !== 0) throw new Error('kernel core gave ${o.param} more rights than ${o.rightsFrom}');`);
    }
    post.push(`if (st === 0) { if (${o.param}_b.value === null) throw new Error('kernel core produced no handle for ${o.param}'); }`);
    post.push(`else if (${o.param}_b.value !== null) abi.close(${o.param}_b.value);`);
  }
  if (installs.length > 0) {
    // A box that refuses the write (frozen, a non-writable or accessor `value`, a Proxy) is found
    // here, the one place that writes it: the new handles are closed again and the call fails as a
    // failed copy-out does in Zircon. Checking the boxes before the call as well cost every
    // creating call 15% (zx_handle_duplicate 41.7 -> 48-53 ns) for no difference a caller can see.
    const boxes = installs.map((o) => o.param);
    post.push(`if (st === 0) { ${boxes.map((b) => `const ${b}_v = abi.install(${b}_b.value!);`).join(' ')}`);
    post.push(`  try { ${boxes.map((b) => `${b}.value = ${b}_v;`).join(' ')} }`);
    post.push(`  catch { ${boxes.map((b) => `abi.close(abi.take(${b}_v)!);`).join(' ')} return ${status(ctx.consts, 'ZX_ERR_INVALID_ARGS')}; } }`);
  }
  for (const o of after) {
    if (o.kind === 'drop') {
      post.push(`if (st === 0) abi.take(${o.param});`);
    }
  }
  const releasing = s.releases.length > 0;
  if (!releasing && post.length === 0) {
    emit(ctx, `return ${call};`);
  } else if (ctx.blocking) {
    // The status arrives later, past the exits: release what the core was given right here.
    emit(ctx, `return ${call}.then((st) => {`);
    for (const l of post) emit(ctx, `  ${l}`);
    for (const r of s.releases) emit(ctx, `  if (st !== 0) ${releaseCode(ctx, r)}`);
    emit(ctx, '  return st;');
    emit(ctx, '});');
  } else {
    emit(ctx, `const st = ${call};`);
    for (const l of post) emit(ctx, l);
    if (releasing) emit(ctx, `if (st !== 0) { ${fail(ctx, 'st', s.releases)} }`);
    emit(ctx, 'return st;');
  }
}

/** The statement that releases one consumed parameter. */
function releaseCode(ctx: Ctx, r: Release): string {
  const c = ctx.plan.consumes.find((x) => x.param === r.param)!;
  const p = ctx.linked.param(r.param).def;
  const v = heldVar(ctx.linked, p.name);
  if (c.array) {
    if (r.taken) return `for (const h of ${v}) abi.close(h);`;
    const { arr, count } = rawArray(c.array);
    return `consumeMany(abi, ${arr}, ${count});`;
  }
  if (!r.taken) return `consumeOne(abi, ${p.name});`;
  return p.handle?.invalidOk ? `if (${v} !== null) abi.close(${v});` : `abi.close(${v});`;
}

/** The release lists the plan's failures use, each given the exit label that releases it. */
function exitLabels(plan: Plan): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of plan.steps) {
    if (!('releases' in s) || s.releases.length === 0 || (s.kind === 'call' && plan.syscall.attributes.includes('blocking'))) continue;
    const key = releaseKey(s.releases);
    if (out.has(key)) continue;
    const all = (taken: boolean) => s.releases.every((r) => r.taken === taken);
    const base = all(false) ? 'consume' : all(true) ? 'close' : 'release';
    out.set(key, [...out.values()].includes(base) ? `${base}${out.size}` : base);
  }
  return out;
}

function printSteps(ctx: Ctx): void {
  const { plan } = ctx;
  let openHandle: string | null = null;
  const closeOpen = () => {
    if (openHandle === null) return;
    ctx.indent = ctx.indent.slice(2);
    emit(ctx, '}');
    openHandle = null;
  };
  plan.steps.forEach((s, i) => {
    if (openHandle !== null && !(s.kind === 'record' && s.param === openHandle)) closeOpen();
    switch (s.kind) {
      case 'shape':
        if (s.copy) copyStep(ctx, s);
        else failIf(ctx, shapeFails(s.shape, s.param), status(ctx.consts, s.status), s.releases);
        return;
      case 'check':
        failIf(ctx, checkFails(s), status(ctx.consts, s.status), s.releases, `${s.test}${s.operands.length ? ` ${s.operands.join(', ')}` : ''}`);
        return;
      case 'lookup': {
        const v = heldVar(ctx.linked, s.param);
        const verb = s.take ? 'take' : 'lookup';
        if (s.invalidOk) {
          // ZX_HANDLE_INVALID passes through as null.
          if (!ctx.hoisted.has(s.param)) emit(ctx, `let ${v}: H | null = null;`);
          emit(ctx, `if (${s.param} !== 0) {`);
          ctx.indent += '  ';
          emit(ctx, `${v} = abi.${verb}(${s.param});`);
          openHandle = s.param;
        } else {
          emit(ctx, `${ctx.hoisted.has(s.param) ? '' : 'const '}${v} = abi.${verb}(${s.param});`);
        }
        failIf(ctx, `${v} === null`, status(ctx.consts, s.status), s.releases);
        return;
      }
      case 'record': {
        const f = recordFails(ctx, heldVar(ctx.linked, s.param), s.test);
        failIf(ctx, f.cond, status(ctx.consts, s.status), s.releases, f.note);
        return;
      }
      case 'lookup_each':
      case 'take_each':
        eachStep(ctx, s);
        return;
      case 'not_supported':
        emit(ctx, fail(ctx, status(ctx.consts, s.status), s.releases));
        return;
      case 'call':
        callStep(ctx, s, plan.steps.slice(i + 1));
        return;
      case 'install':
      case 'drop':
        return; // printed with the call
    }
  });
  closeOpen();
}

/** One unrolled wrapper body: the steps inside one labelled block per exit, each exit releasing once. */
function syscallBody(ctx: Ctx): void {
  const { plan } = ctx;
  const base = ctx.indent;
  const labels = [...ctx.exits];
  if (labels.length > 0) {
    emit(ctx, 'let err: number;');
    for (const name of ctx.hoisted) {
      const p = ctx.linked.param(name).def;
      const v = heldVar(ctx.linked, name);
      if (p.count !== undefined || p.handle?.field) emit(ctx, `const ${v}: H[] = [];`);
      else emit(ctx, `let ${v}: H | null${p.handle?.invalidOk ? ' = null' : ''};`);
    }
    for (const [, label] of labels) {
      emit(ctx, `${label}: {`);
      ctx.indent += '  ';
    }
  }
  printSteps(ctx);
  for (const [key] of [...labels].reverse()) {
    ctx.indent = ctx.indent.slice(2);
    emit(ctx, '}');
    const releases = plan.steps.find((s) => 'releases' in s && releaseKey(s.releases) === key);
    for (const r of releases && 'releases' in releases ? releases.releases : []) emit(ctx, releaseCode(ctx, r));
    emit(ctx, `return ${ret(ctx, 'err')};`);
  }
  ctx.indent = base;
}

export const emitWrappers: Backend = (model: Model, options) => {
  const supportModule = options.supportModule ?? OWN_SUPPORT_MODULE;
  const ix = typeIndex(model);
  const lm = linked(model);
  const consts = lm.constants;
  const methods: string[] = [];
  const table: string[] = [];
  const documented: string[] = [];
  const statusReturning: string[] = [];
  const byName = new Map(plans(model).map((p) => [p.syscall.name, p]));
  for (const sc of publicSyscalls(model)) {
    const plan = byName.get(sc.name)!;
    const blocking = sc.attributes.includes('blocking');
    if (tableable(plan)) {
      table.push(printDescriptor(consts, plan));
      // Named one by one in the literal: an object built by spreading 141 functions into it
      // falls back to slow (dictionary) properties, and every syscall call pays for it.
      methods.push(`    ${stubName(sc)}: notImplemented.${stubName(sc)},`);
    } else {
      const exits = exitLabels(plan);
      // Consumed parameters are declared before the exits, which release them.
      const hoisted = new Set(exits.size > 0 ? plan.consumes.map((c) => c.param) : []);
      const fieldsOf = (struct: string) => lm.structs.get(struct)?.def.fields.map((f) => f.name) ?? [];
      const ctx: Ctx = { ix, consts, plan, sc, linked: lm.syscall(sc), blocking, exits, hoisted, lines: [], fieldsOf, indent: '      ' };
      syscallBody(ctx);
      const params = sc.params.map((p) => `${p.name}: ${paramTs(ix, p)}`).join(', ');
      methods.push(`    ${stubName(sc)}(${params}) {\n${ctx.lines.join('\n')}\n    },`);
    }
    // One name per value: an alias adds nothing to the list.
    const byValue = new Map(['ZX_OK', ...sc.errors.map((e) => e.status)].reverse().map((s) => [num(consts, s), status(consts, s)]));
    documented.push(`  ${stubName(sc)}: [${[...byValue.values()].reverse().join(', ')}],`);
    if (returnsStatus(sc)) statusReturning.push(`'${stubName(sc)}'`);
  }
  const code = [...methods, ...table].join('\n');
  const readers = structReaders(model, code);
  const validators = structValidators(ix, model, code + readers) + (readers ? '\n' + readers : '');
  const helpers = SUPPORT_HELPERS.filter((h) => new RegExp(`\\b${h}\\b`).test(code + validators) || (h === 'tableSyscalls' && table.length > 0));
  const usesFailVoid = table.length > 0 || code.includes('failVoid(');
  // The statuses the code names, as imported constants (the others are read off the table).
  const statusNames = model.constants.filter((c) => c.constKind === 'status' && new RegExp(`\\b${c.name}\\b`).test(code + documented.join('\n'))).map((c) => c.name);
  const typeImports = usedTypeNames(ix, methods.filter((m) => m.includes('{')).map((m) => m.slice(0, m.indexOf('{'))));
  const body = [
    `import type { Box${typeImports.length ? ', ' + typeImports.join(', ') : ''} } from './types.js';`,
    `import type { CoreTypes, ProcessAbi, SyscallHandlers } from './binding.js';`,
    `import type { Syscalls } from './stubs.js';`,
    `import * as constants from './constants.js';`,
    `import * as support from '${supportModule}';`,
    ...(table.length ? [`import type { Descriptor } from '${supportModule}';`] : []),
    '',
    '// Module constants, not imported bindings: an import is a live binding that V8 does not fold',
    '// into the compiled wrappers, and these run on every call.',
    `const { ${helpers.join(', ')} } = support;`,
    `const { ${statusNames.join(', ')} } = constants;`,
    ...(usesFailVoid ? ['const failVoid = support.voidFailure(constants.ZX_STATUS_NAMES);'] : []),
    '',
    validators,
    ...(table.length ? [
      '/** The syscalls the kernel core does not implement: their checks, run by tableSyscalls, then NOT_SUPPORTED. */',
      `const NOT_IMPLEMENTED = {\n${table.join('\n')}\n} satisfies Readonly<Record<string, Descriptor>>;`,
      '',
    ] : []),
    '/** The statuses each syscall documents (ZX_OK first). Test mode rejects any other. */',
    `export const DOCUMENTED_STATUSES: Readonly<Record<keyof Syscalls, readonly number[]>> = {\n${documented.join('\n')}\n};`,
    '',
    '/** testMode: throw when a syscall returns a status its definition does not document; onStatus: called with every status returned. */',
    'export type SyscallOptions = support.InstrumentOptions<keyof Syscalls>;',
    '',
    '/** The syscalls of one process: argument checks, handle rules, then the kernel core. */',
    'export function createSyscalls<T extends CoreTypes>(',
    `  proc: T['process'],`,
    `  abi: ProcessAbi<T['handle']>,`,
    '  core: SyscallHandlers<T>,',
    '  options: SyscallOptions = {},',
    '): Syscalls {',
    `  type H = T['handle'];`,
    ...(table.length ? ['  const notImplemented = tableSyscalls(abi, NOT_IMPLEMENTED, failVoid) as Pick<Syscalls, keyof typeof NOT_IMPLEMENTED>;'] : []),
    '  const syscalls: Syscalls = {',
    methods.join('\n'),
    '  };',
    '  return options.testMode || options.onStatus ? support.instrument(syscalls, options, STATUS_TABLES) : syscalls;',
    '}',
    '',
    '/** What test mode and onStatus check against. */',
    'const STATUS_TABLES: support.StatusTables<keyof Syscalls> = {',
    '  documented: DOCUMENTED_STATUSES,',
    `  statusReturning: new Set([${statusReturning.join(', ')}]),`,
    '  names: constants.ZX_STATUS_NAMES,',
    '};',
  ].join('\n');
  return [tsFile(paths.wrappers, tsHeader(options.command, 'Rights-checking wrappers: from the stubs to the kernel core.'), [body])];
};

