// Backend: generated/wrappers.ts — the rights-checking layer between each stub and the core.
// Everything here is derived from the definitions: argument shape checks, the ordered checks,
// handle lookup with Zircon's precedence (BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE), consumption of
// release_always handles on failure, and installation of acquired handles on success.
import type { CheckStep, ConstantDef, Model, ParamDef, RightsClause, SyscallDef } from '../model.js';
import { handlerName, paths, resolvedFieldArg, stubName, tsHeader } from '../names.js';
import { paramTs, typeIndex, usedTypeNames, type TypeIndex } from '../ts-types.js';
import type { Backend } from './backend.js';
import { structHandleArgs } from './binding.js';
import { publicSyscalls } from './stubs.js';
import { tsFile } from './ts-file.js';
import { shapeCheck, support } from './wrapper-shapes.js';

interface Ctx {
  readonly model: Model;
  readonly ix: TypeIndex;
  readonly consts: ReadonlyMap<string, ConstantDef>;
  readonly sc: SyscallDef;
  readonly blocking: boolean;
  readonly lines: string[];
  indent: string;
}

const status = (ctx: Ctx, name: string) => `${num(ctx, name)} /* ${name} */`;

function num(ctx: Ctx, name: string): string {
  const c = ctx.consts.get(name);
  if (!c) throw new Error(`wrappers: unknown constant ${name}`);
  return String(c.value);
}

function mask(ctx: Ctx, names: readonly string[]): string {
  let v = 0;
  for (const n of names) v = (v | Number(ctx.consts.get(n)?.value ?? 0)) >>> 0;
  return `0x${v.toString(16)} /* ${names.join(' | ') || 'none'} */`;
}

function emit(ctx: Ctx, line: string): void {
  ctx.lines.push(ctx.indent + line);
}

function clauses(sc: SyscallDef, p: ParamDef): RightsClause[] {
  return sc.rights === 'none' || sc.rights === undefined ? [] : sc.rights.filter((r) => r.param === p.name);
}

/** Release-always parameters, in C order: consumed on every failure once their shape is valid. */
function consumed(sc: SyscallDef): ParamDef[] {
  return sc.params.filter((p) => p.handle?.ownership === 'release_always' && p.handle.lookup === 'wrapper');
}

const takenVar = (p: ParamDef) =>
  p.handle?.field ? resolvedFieldArg(p, p.handle.field) : p.count !== undefined ? `${p.name}_hs` : `${p.name}_h`;

/** The raw handle values of a consumed parameter: an array and its count, or a single value. */
function rawHandles(ctx: Ctx, p: ParamDef): { arr: string; count: string } | { single: string } {
  if (p.handle?.field) {
    const f = ctx.model.structs.find((s) => s.name === p.type)?.fields.find((x) => x.name === p.handle?.field);
    if (!f?.pointer) throw new Error(`wrappers: ${p.type}.${p.handle.field} is not a pointer field`);
    return { arr: `${p.name}!.${f.name}`, count: `${p.name}!.${f.pointer}` };
  }
  if (p.count !== undefined) return { arr: p.name, count: String(p.count) };
  return { single: p.name };
}

/** Return `st` after consuming every release_always handle: taken ones are closed, others taken then closed. */
function failWith(ctx: Ctx, st: string, resolvedSoFar: ReadonlySet<string>): void {
  for (const p of consumed(ctx.sc)) {
    if (resolvedSoFar.has(p.name)) {
      if (p.count !== undefined || p.handle?.field) emit(ctx, `  for (const h of ${takenVar(p)}) abi.close(h);`);
      else emit(ctx, `  if (${takenVar(p)} !== null) abi.close(${takenVar(p)});`);
    } else {
      const raw = rawHandles(ctx, p);
      if ('single' in raw) emit(ctx, `  consumeOne(abi, ${raw.single});`);
      else emit(ctx, `  consumeMany(abi, ${raw.arr}, ${raw.count});`);
    }
  }
  emit(ctx, `  return ${ret(ctx, st)};`);
}

/**
 * How a failure status leaves the wrapper. Status-returning syscalls return it; the few that
 * return a value instead (zx_clock_get returns a time) carry it in their return type, and
 * void ones (zx_process_exit) cannot report it, so they throw.
 */
function ret(ctx: Ctx, st: string): string {
  const r = ctx.ix.scalars.get(ctx.sc.returns);
  let v = st;
  if (r?.kind === 'void') v = `failVoid('${stubName(ctx.sc)}', ${st})`;
  else if (r?.kind === 'int' && r.js === 'bigint') v = `BigInt(${st})`;
  return ctx.blocking ? `Promise.resolve(${v})` : v;
}

function condition(ctx: Ctx, r: RightsClause): string {
  if (!r.when) return 'true';
  const v = ctx.consts.get(r.when.value);
  const lit = typeof v?.value === 'bigint' ? `${v.value}n` : String(v?.value);
  // An opaque-typed parameter (an imported C type zxkit has no width for) is typed unknown.
  const p = ctx.sc.params.find((x) => x.name === r.when?.param);
  const opaque = p !== undefined && ctx.ix.scalars.get(p.type)?.kind === 'opaque';
  const v2 = opaque ? `(${r.when.param} as number)` : r.when.param;
  return r.when.op === 'is' ? `${v2} === ${lit}` : `(${v2} & ${lit}) !== 0`;
}

/** Rights then types, in Zircon's order, for a handle record held in `h`. */
function checkRecord(ctx: Ctx, h: string, cls: readonly RightsClause[], onFail: (st: string) => void): void {
  for (const r of cls) {
    if (r.rights.length === 0) continue;
    const m = mask(ctx, r.rights);
    const cond = r.when ? `${condition(ctx, r)} && ` : '';
    emit(ctx, `if (${cond}(${h}.rights & ${m}) !== ${m.split(' ')[0]}) {`);
    onFail(status(ctx, 'ZX_ERR_ACCESS_DENIED'));
    emit(ctx, '}');
  }
  for (const r of cls) {
    if (r.types.length === 0) continue;
    const test = r.types.map((t) => `${h}.object.type !== ${num(ctx, t)}`).join(' && ');
    const cond = r.when ? `${condition(ctx, r)} && ` : '';
    emit(ctx, `if (${cond}${test}) { // ${r.types.join(' | ')}`);
    onFail(status(ctx, 'ZX_ERR_WRONG_TYPE'));
    emit(ctx, '}');
  }
}

function resolveStep(ctx: Ctx, p: ParamDef, resolved: Set<string>): void {
  const sc = ctx.sc;
  const fail = (st: string) => failWith(ctx, st, resolved);
  const own = p.handle?.ownership;
  const cls = clauses(sc, p);
  const entry = cls.find((r) => r.scope === 'entry_field');
  if (p.handle?.lookup === 'core') return;
  if (entry?.field) {
    // Handles inside struct entries (wait_many's items): looked up in entry order.
    const name = `${p.name}_${entry.field}`;
    emit(ctx, `const ${name}: H[] = [];`);
    emit(ctx, `for (let i = 0; i < ${p.count}; i++) {`);
    ctx.indent += '  ';
    emit(ctx, `const h = abi.lookup(${p.name}![i].${entry.field});`);
    emit(ctx, `if (h === null) {`);
    fail(status(ctx, 'ZX_ERR_BAD_HANDLE'));
    emit(ctx, '}');
    checkRecord(ctx, 'h', cls.filter((r) => r.scope === 'entry_field'), fail);
    emit(ctx, `${name}.push(h);`);
    ctx.indent = ctx.indent.slice(2);
    emit(ctx, '}');
    resolved.add(p.name);
    return;
  }
  if (p.count !== undefined || p.handle?.field) {
    const raw = rawHandles(ctx, p) as { arr: string; count: string };
    const arr = raw.arr;
    const count = raw.count;
    const each = cls.filter((r) => r.scope === 'each' || r.scope === 'field');
    const v = takenVar(p);
    if (own === 'release_always') {
      // Every entry leaves the table; the first problem decides the status, and on any
      // problem every entry taken so far is closed (Zircon's channel_write rule).
      emit(ctx, `const ${v}: H[] = [];`);
      emit(ctx, `let ${p.name}_st = 0;`);
      emit(ctx, `for (let i = 0; i < ${count}; i++) {`);
      ctx.indent += '  ';
      emit(ctx, `const h = abi.take(${arr}![i]);`);
      emit(ctx, `if (h === null) { if (${p.name}_st === 0) ${p.name}_st = ${status(ctx, 'ZX_ERR_BAD_HANDLE')}; continue; }`);
      emit(ctx, `${v}.push(h);`);
      emit(ctx, `if (${p.name}_st !== 0) continue;`);
      checkRecord(ctx, 'h', each, (st) => emit(ctx, `  ${p.name}_st = ${st}; continue;`));
      const notOf = p.handle?.notObjectOf;
      if (notOf) {
        // After the entry's own checks, as Zircon orders them (ACCESS_DENIED wins for one entry).
        const other = sc.params.find((x) => x.name === notOf.param)!;
        emit(ctx, `if (${sameObject('h', takenVar(other), notOf.orPeer)}) { ${p.name}_st = ${status(ctx, notOf.error)}; continue; }`);
      }
      ctx.indent = ctx.indent.slice(2);
      emit(ctx, '}');
      resolved.add(p.name);
      emit(ctx, `if (${p.name}_st !== 0) {`);
      fail(`${p.name}_st`);
      emit(ctx, '}');
    } else {
      emit(ctx, `const ${v}: H[] = [];`);
      emit(ctx, `for (let i = 0; i < ${count}; i++) {`);
      ctx.indent += '  ';
      emit(ctx, `const h = abi.lookup(${arr}![i]);`);
      emit(ctx, `if (h === null) {`);
      fail(status(ctx, 'ZX_ERR_BAD_HANDLE'));
      emit(ctx, '}');
      checkRecord(ctx, 'h', each, fail);
      emit(ctx, `${v}.push(h);`);
      ctx.indent = ctx.indent.slice(2);
      emit(ctx, '}');
      resolved.add(p.name);
    }
    return;
  }
  // A single handle.
  const v = takenVar(p);
  const self = cls.filter((r) => r.scope === 'self');
  const verb = own === 'release_always' ? 'take' : 'lookup';
  if (p.handle?.invalidOk) {
    emit(ctx, `let ${v}: H | null = null;`);
    emit(ctx, `if (${p.name} !== 0) {`);
    ctx.indent += '  ';
    emit(ctx, `${v} = abi.${verb}(${p.name});`);
  } else {
    emit(ctx, `const ${v} = abi.${verb}(${p.name});`);
  }
  emit(ctx, `if (${v} === null) {`);
  fail(status(ctx, 'ZX_ERR_BAD_HANDLE'));
  emit(ctx, '}');
  // From here a taken handle counts as resolved: failures close it.
  resolved.add(p.name);
  checkRecord(ctx, v, self, (st) => failWith(ctx, st, resolved));
  const notOf = p.handle?.notObjectOf;
  if (notOf) {
    // After the handle's own checks, before the core (socket_share: not this socket or its peer).
    emit(ctx, `if (${sameObject(v, takenVar(sc.params.find((x) => x.name === notOf.param)!), notOf.orPeer)}) {`);
    failWith(ctx, status(ctx, notOf.error), resolved);
    emit(ctx, '}');
  }
  if (p.handle?.invalidOk) {
    ctx.indent = ctx.indent.slice(2);
    emit(ctx, '}');
  }
}

/** The not_object_of test: `h` refers to the object of `other`, or (orPeer) to its peer. */
function sameObject(h: string, other: string, orPeer: boolean | undefined): string {
  return `${h}.object === ${other}.object${orPeer ? ` || ${h}.object === ${other}.object.peer` : ''}`;
}

function operandLit(v: number | bigint): string {
  return typeof v === 'bigint' ? `${v}n` : String(v);
}

function checkStep(ctx: Ctx, c: Extract<CheckStep, { kind: 'check' }>, resolved: Set<string>): void {
  const x = c.param.replace('.', '!.');
  const ops = c.values.map(operandLit);
  const label = c.operands.join(', ');
  let failing: string;
  switch (c.test) {
    case 'allowed': {
      const m = c.values.reduce<number>((a, v) => (a | Number(v)) >>> 0, 0);
      failing = `(${x} & ~0x${m.toString(16)}) !== 0`;
      break;
    }
    case 'one_of': failing = ops.map((o) => `${x} !== ${o}`).join(' && '); break;
    case 'max': failing = `${x} > ${ops[0]}`; break;
    case 'min': failing = `${x} < ${ops[0]}`; break;
    case 'not_null': failing = `${x} === null`; break;
  }
  emit(ctx, `if (${failing}) { // ${c.test}${label ? ` ${label}` : ''}`);
  failWith(ctx, status(ctx, c.error), resolved);
  emit(ctx, '}');
}

function coreArg(sc: SyscallDef, p: ParamDef): string {
  const h = p.handle;
  if (!h || h.lookup === 'core' || h.field) return p.name;
  if (h.ownership === 'acquire') return `${p.name}_b`;
  return takenVar(p);
}

function syscallBody(ctx: Ctx): void {
  const { sc } = ctx;
  const resolved = new Set<string>();
  // 1. Shapes. A consumed parameter whose own shape is bad stops consumption altogether.
  const cons = consumed(sc);
  for (const p of cons) shapeCheck(ctx.ix, sc, p, (test, st) => emit(ctx, `if (${test}) return ${ret(ctx, status(ctx, st))};`));
  // A handle-carrying parameter's shape is checked at its resolve step, where Zircon first
  // reads it (wait_many's count limit comes before its items are read).
  const atResolve = new Set(sc.checks.filter((c) => c.kind === 'resolve').map((c) => c.param));
  const shape = (p: ParamDef) => shapeCheck(ctx.ix, sc, p, (test, st) => {
    emit(ctx, `if (${test}) {`);
    failWith(ctx, status(ctx, st), resolved);
    emit(ctx, '}');
  });
  for (const p of sc.params) if (!cons.includes(p) && !atResolve.has(p.name)) shape(p);
  // 2. The ordered checks and handle resolution.
  for (const step of sc.checks) {
    if (step.kind === 'resolve') {
      const p = sc.params.find((x) => x.name === step.param)!;
      if (!cons.includes(p)) shape(p);
      resolveStep(ctx, p, resolved);
    } else checkStep(ctx, step, resolved);
  }
  if (!sc.implemented) {
    // Defined but not implemented by the kernel core: everything above still runs as defined,
    // then the call answers NOT_SUPPORTED (its page says so) and consumed handles are closed.
    failWith(ctx, status(ctx, 'ZX_ERR_NOT_SUPPORTED'), resolved);
    return;
  }
  // 3. Acquired outputs are produced into scratch boxes and installed only on success.
  const acquired = sc.params.filter((p) => p.handle?.ownership === 'acquire' && p.handle.lookup === 'wrapper');
  for (const p of acquired) emit(ctx, `const ${p.name}_b: Box<H | null> = { value: null };`);
  const extra = structHandleArgs(sc).map((a) => a.name);
  const args = ['proc', ...sc.params.map((p) => coreArg(sc, p)), ...extra].join(', ');
  const call = `core.${handlerName(sc)}(${args})`;
  const released = sc.params.filter((p) => p.handle?.ownership === 'release' && p.handle.lookup === 'wrapper' && p.count === undefined);
  const post: string[] = [];
  for (const p of acquired) {
    const from = p.handle?.rightsFrom;
    if (from !== undefined) {
      // The definition bounds this output by an input's rights: a core that escalates is a bug.
      const src = sc.params.find((x) => x.name === from)!;
      post.push(`if (st === 0 && ${p.name}_b.value !== null && (${p.name}_b.value.rights & ~${takenVar(src)}.rights) !== 0) throw new Error('kernel core gave ${p.name} more rights than ${from}');`);
    }
    post.push(`if (st === 0) { if (${p.name}_b.value === null) throw new Error('kernel core produced no handle for ${p.name}'); ${p.name}.value = abi.install(${p.name}_b.value); }`);
    post.push(`else if (${p.name}_b.value !== null) abi.close(${p.name}_b.value);`);
  }
  for (const p of released) post.push(`if (st === 0) abi.take(${p.name});`);
  for (const p of cons) {
    if (p.count !== undefined || p.handle?.field) post.push(`if (st !== 0) for (const h of ${takenVar(p)}) abi.close(h);`);
    else if (p.handle?.invalidOk) post.push(`if (st !== 0 && ${takenVar(p)} !== null) abi.close(${takenVar(p)});`);
    else post.push(`if (st !== 0) abi.close(${takenVar(p)});`);
  }
  if (post.length === 0) {
    emit(ctx, `return ${call};`);
  } else if (ctx.blocking) {
    emit(ctx, `return ${call}.then((st) => {`);
    for (const l of post) emit(ctx, `  ${l}`);
    emit(ctx, '  return st;');
    emit(ctx, '});');
  } else {
    emit(ctx, `const st = ${call};`);
    for (const l of post) emit(ctx, l);
    emit(ctx, 'return st;');
  }
}

export const emitWrappers: Backend = (model: Model, options) => {
  const ix = typeIndex(model);
  const consts = new Map(model.constants.map((c) => [c.name, c]));
  const methods: string[] = [];
  const documented: string[] = [];
  const statusReturning: string[] = [];
  for (const sc of publicSyscalls(model)) {
    const ctx: Ctx = { model, ix, consts, sc, blocking: sc.attributes.includes('blocking'), lines: [], indent: '      ' };
    syscallBody(ctx);
    const params = sc.params.map((p) => `${p.name}: ${paramTs(ix, p)}`).join(', ');
    methods.push(`    ${stubName(sc)}(${params}) {\n${ctx.lines.join('\n')}\n    },`);
    const statuses = ['ZX_OK', ...sc.errors.map((e) => e.status)].map((s) => num(ctx, s));
    documented.push(`  ${stubName(sc)}: [${[...new Set(statuses)].join(', ')}],`);
    if (sc.returns === 'zx_status_t') statusReturning.push(`'${stubName(sc)}'`);
  }
  const typeImports = usedTypeNames(ix, methods.map((m) => m.slice(0, m.indexOf('{'))));
  const body = [
    `import type { Box${typeImports.length ? ', ' + typeImports.join(', ') : ''} } from './types.js';`,
    `import type { CoreTypes, ProcessAbi, SyscallHandlers } from './binding.js';`,
    `import type { Syscalls } from './stubs.js';`,
    `import { ZX_STATUS_NAMES } from './constants.js';`,
    '',
    support(ix, model, methods.join('\n')),
    '/** The statuses each syscall documents (ZX_OK first). Test mode rejects any other. */',
    `export const DOCUMENTED_STATUSES: Readonly<Record<keyof Syscalls, readonly number[]>> = {\n${documented.join('\n')}\n};`,
    '',
    'export interface SyscallOptions {',
    '  /** Throw when a syscall returns a status its definition does not document. */',
    '  readonly testMode?: boolean;',
    '  /** Called with every status returned, e.g. to measure error coverage. */',
    '  readonly onStatus?: (syscall: keyof Syscalls, status: number) => void;',
    '}',
    '',
    '/** The syscalls of one process: argument checks, handle rules, then the kernel core. */',
    'export function createSyscalls<T extends CoreTypes>(',
    `  proc: T['process'],`,
    `  abi: ProcessAbi<T['handle']>,`,
    '  core: SyscallHandlers<T>,',
    '  options: SyscallOptions = {},',
    '): Syscalls {',
    `  type H = T['handle'];`,
    '  const syscalls: Syscalls = {',
    methods.join('\n'),
    '  };',
    '  return options.testMode || options.onStatus ? instrument(syscalls, options) : syscalls;',
    '}',
    '',
    `const STATUS_RETURNING: ReadonlySet<string> = new Set([${statusReturning.join(', ')}]);`,
    '',
    INSTRUMENT,
    ...(methods.some((m) => m.includes('failVoid(')) ? ['', FAIL_VOID] : []),
  ].join('\n');
  return [tsFile(paths.wrappers, tsHeader(options.command, 'Rights-checking wrappers: from the stubs to the kernel core.'), [body])];
};

const FAIL_VOID = `/** A void syscall has no status to return: its failures throw. */
function failVoid(name: string, status: number): never {
  throw new Error(\`\${name} failed with \${ZX_STATUS_NAMES[status] ?? status}\`);
}`;

const INSTRUMENT = `/** Wraps every syscall to report its statuses and, in test mode, reject undocumented ones. */
function instrument(syscalls: Syscalls, options: SyscallOptions): Syscalls {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(syscalls) as (keyof Syscalls)[]) {
    const fn = syscalls[name] as (...args: unknown[]) => number | Promise<number>;
    const allowed = DOCUMENTED_STATUSES[name];
    const seen = (st: number): number => {
      options.onStatus?.(name, st);
      if (options.testMode && !allowed.includes(st)) {
        throw new Error(\`\${name} returned \${ZX_STATUS_NAMES[st] ?? st}, which its definition does not document\`);
      }
      return st;
    };
    // Only statuses are checked; syscalls that return a value (a time) pass through.
    if (!STATUS_RETURNING.has(name)) {
      out[name] = fn;
      continue;
    }
    out[name] = (...args: unknown[]) => {
      const r = fn(...args);
      return typeof r === 'number' ? seen(r) : r.then(seen);
    };
  }
  return out as unknown as Syscalls;
}`;
