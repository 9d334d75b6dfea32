// The generic method of a syscall, derived from its parameters alone: handles become Handle
// objects (consumed ones are marked), byte buffers Uint8Array with their length filled in,
// option flags an options object, deadlines an option defaulting to ZX_TIME_INFINITE, outputs
// the return value, and any status but ZX_OK a thrown ZxError.
import { StructureKind, type InterfaceDeclarationStructure, type MethodDeclarationStructure, type OptionalKind, type ParameterDeclarationStructure } from 'ts-morph';
import { docText } from '../backends/ts-file.js';
import { stubDoc } from '../docs/stub-doc.js';
import type { Model, ParamDef, SyscallDef } from '../model.js';
import { stubName } from '../names.js';
import { isByteType, knownType, linked } from '../query.js';
import { scalarTs, type TypeIndex } from '../ts-types.js';
import { camel, flagName, optionsTypeName } from './names.js';
import { isHandleParam, takesHandles, type MethodPlan, type Plan } from './plan.js';

export interface Ctx {
  readonly model: Model;
  readonly ix: TypeIndex;
  readonly plan: Plan;
}

export type Released = 'closed' | 'transferred' | 'replaced';

interface Flag {
  readonly prop: string;
  readonly constant: string;
}

type Role =
  | { kind: 'self'; release?: Released }
  | { kind: 'length'; of: ParamDef }
  | { kind: 'size' }
  | { kind: 'flags'; flags: Flag[] }
  | { kind: 'fixed'; value: string }
  | { kind: 'deadline' }
  | { kind: 'handle'; cls: string; release?: Released }
  | { kind: 'handles'; release?: Released }
  | { kind: 'bytes' }
  | { kind: 'scalar'; ts: string; init?: string }
  | { kind: 'struct' }
  | { kind: 'outHandle' }
  | { kind: 'outScalar'; ts: string }
  | { kind: 'outBytes'; size: ParamDef }
  | { kind: 'outStruct' };

/** A parameter whose value is given by one of these constant names or integers (an option word). */
function optionCheck(ctx: Ctx, sc: SyscallDef, p: ParamDef): { flags: Flag[]; fixed?: string } | undefined {
  const step = sc.checks.find((c) => c.kind === 'check' && c.param === p.name && (c.test === 'allowed' || c.test === 'one_of'));
  if (!step || step.kind !== 'check') return undefined;
  const named = step.operands.filter((o): o is string => typeof o === 'string');
  if (!named.every((n) => ctx.plan.constant(n)?.constKind === 'option')) return undefined;
  const flags = named.filter((n) => Number(ctx.plan.constant(n)!.value) !== 0).map((n) => ({ prop: flagName(n, sc), constant: n }));
  if (flags.length) return { flags };
  return { flags, fixed: String(step.values[0] ?? 0) };
}

function releaseOf(p: ParamDef): Released | undefined {
  const o = p.handle?.ownership;
  return o === 'release' || o === 'release_always' ? 'transferred' : undefined;
}

function classOf(ctx: Ctx, sc: SyscallDef, p: ParamDef): string {
  const t = knownType(sc, p);
  return ctx.plan.classes.find((c) => c.objType === t)?.name ?? 'Handle';
}

/** Each parameter's part in the method, or the reason the syscall has no generic form. */
export function roles(ctx: Ctx, m: MethodPlan): Map<ParamDef, Role> | string {
  const { sc } = m;
  const out = new Map<ParamDef, Role>();
  const counted = new Map<string, ParamDef>();
  const names = new Set(sc.params.map((p) => p.name));
  for (const p of sc.params) if (typeof p.count === 'string' && names.has(p.count)) counted.set(p.count, p);
  const sized = (p: ParamDef) => typeof p.count === 'string' && names.has(p.count);
  const hasOutputs = sc.params.some((p) => p.dir !== 'in');
  for (const p of sc.params) {
    const t = ctx.ix.scalars.get(p.type);
    const isStruct = ctx.ix.structs.has(p.type);
    const arrayOf = counted.get(p.name);
    if (p === m.self) {
      const rel = releaseOf(p);
      out.set(p, { kind: 'self', release: rel && (hasOutputs ? 'replaced' : 'closed') });
    } else if (arrayOf) {
      if (p.dir !== 'in' || t?.kind !== 'int') return `${p.name} counts ${arrayOf.name} but is not an input integer`;
      out.set(p, arrayOf.dir === 'in' ? { kind: 'length', of: arrayOf } : { kind: 'size' });
    } else if (p.dir === 'in') {
      const opt = t?.kind === 'int' && p.count === undefined ? optionCheck(ctx, sc, p) : undefined;
      if (opt?.fixed !== undefined) out.set(p, { kind: 'fixed', value: opt.fixed });
      else if (opt) out.set(p, { kind: 'flags', flags: opt.flags });
      // A deadline is an option of calls that block on an object; a timer's or a sleep's is its argument.
      else if (p.type === 'zx_time_t' && p.name === 'deadline' && sc.attributes.includes('blocking') && takesHandles(ctx.model, sc)) out.set(p, { kind: 'deadline' });
      else if (isHandleParam(ctx.model, p)) {
        if (p.count === undefined) out.set(p, { kind: 'handle', cls: classOf(ctx, sc, p), release: releaseOf(p) });
        else if (p.handle?.lookup !== 'core' && sized(p)) out.set(p, { kind: 'handles', release: releaseOf(p) });
        else return `${p.name}: a handle array without a length parameter`;
      } else if (p.handle) return `${p.name}: handles inside a struct`;
      else if (p.count !== undefined) {
        if (isStruct && p.count === 1) out.set(p, { kind: 'struct' });
        else if (sized(p) && isByteType(t)) out.set(p, { kind: 'bytes' });
        else return `${p.name}: an array of ${p.type}`;
      } else if (t && t.kind !== 'void' && t.kind !== 'any' && t.kind !== 'opaque' && t.kind !== 'struct') {
        const ts = scalarTs(ctx.ix, p.type);
        const init = p.type === 'zx_rights_t' && ctx.plan.constant('ZX_RIGHT_SAME_RIGHTS') ? 'ZX_RIGHT_SAME_RIGHTS' : defaultOf(sc, p);
        out.set(p, { kind: 'scalar', ts, init });
      } else return `${p.name}: input of type ${p.type}`;
    } else {
      if (p.dir === 'inout') return `${p.name}: an in-out parameter`;
      if (isHandleParam(ctx.model, p)) {
        if (p.count !== undefined || p.handle?.ownership !== 'acquire') return `${p.name}: an array of output handles`;
        out.set(p, { kind: 'outHandle' });
      } else if (p.handle) return `${p.name}: output handles inside a struct`;
      else if (p.count !== undefined) {
        if (isStruct && p.count === 1) out.set(p, { kind: 'outStruct' });
        else if (sized(p) && isByteType(t)) {
          out.set(p, { kind: 'outBytes', size: linked(ctx.model).syscall(sc).param(String(p.count)).def });
        } else return `${p.name}: an output array of ${p.type}`;
      } else if (t && (t.kind === 'int' || t.kind === 'bool' || t.kind === 'char')) out.set(p, { kind: 'outScalar', ts: scalarTs(ctx.ix, p.type) });
      else return `${p.name}: output of type ${p.type}`;
    }
  }
  return out;
}

/**
 * The default of a scalar that is usually zero: *options* words no check constrains (a timer's
 * slack mode, a log's flags) and a timer's *slack*. Kept only where no required parameter follows.
 */
function defaultOf(sc: SyscallDef, p: ParamDef): string | undefined {
  if (p.name === 'options' && p.type === 'uint32_t') return '0';
  if (p.name === 'slack' && p.type === 'zx_duration_t') return '0n';
  return undefined;
}

/** A zero value of a TypeScript type as emitted by scalarTs. */
function zero(ts: string): string {
  return ts === 'bigint' ? '0n' : ts === 'boolean' ? 'false' : '0';
}

/** A zero-filled object literal of a struct (output structs are filled in place). */
export function zeroStruct(ctx: Ctx, name: string): string {
  const s = linked(ctx.model).struct(name).def;
  const fields = s.fields.map((f) => {
    if (f.pointer !== undefined) return `${f.name}: null`;
    if (f.count !== undefined) {
      const bytes = isByteType(ctx.ix.scalars.get(f.type));
      return `${f.name}: ${bytes ? `new Uint8Array(${f.count})` : `Array.from({ length: ${f.count} }, () => ${ctx.ix.structs.has(f.type) ? zeroStruct(ctx, f.type) : zero(scalarTs(ctx.ix, f.type))})`}`;
    }
    return `${f.name}: ${ctx.ix.structs.has(f.type) ? zeroStruct(ctx, f.type) : zero(scalarTs(ctx.ix, f.type))}`;
  });
  return `{ ${fields.join(', ')} }`;
}

/** Identifier of a parameter in the method, clear of the locals the body uses. */
export function argName(p: ParamDef): string {
  const n = camel(p.name);
  return ['status', 'syscalls', 'process', 'raw', 'result'].includes(n) ? `${n}Arg` : n;
}

/** The bits of an options argument given as a number or as an object of flags. */
export function flagBits(flags: readonly Flag[], v = 'options'): string {
  return `typeof ${v} === 'number' ? ${v} : ${flags.map((f) => `(${v}.${f.prop} ? ${f.constant} : 0)`).join(' | ')}`;
}

export function optionsInterface(name: string, method: string, sc: SyscallDef, flags: readonly Flag[], deadline: boolean): InterfaceDeclarationStructure {
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name,
    docs: [`Options of \`${method}()\` (\`${stubName(sc)}\`).`],
    properties: [
      ...flags.map((f) => ({ name: f.prop, hasQuestionToken: true, type: 'boolean', docs: [`Sets **${f.constant}**.`] })),
      ...(deadline ? [{ name: 'deadline', hasQuestionToken: true, type: 'bigint', docs: ['Absolute deadline on the kernel\'s monotonic clock (ZX_TIME_INFINITE by default).'] }] : []),
    ],
  };
}

/** The first lines of a method's TSDoc, then the syscall's own summary, rights and errors. */
export function methodDoc(sc: SyscallDef, lead: string[]): string {
  return [...lead.map(docText), '', stubDoc(sc)].join('\n');
}

export interface GenericMethod {
  readonly method: OptionalKind<MethodDeclarationStructure>;
  readonly decls: InterfaceDeclarationStructure[];
}

/** The generic method of a syscall, or the reason it has none. */
export function genericMethod(ctx: Ctx, m: MethodPlan): GenericMethod | string {
  const r = roles(ctx, m);
  if (typeof r === 'string') return r;
  const { sc } = m;
  const blocking = sc.attributes.includes('blocking');
  const params: OptionalKind<ParameterDeclarationStructure>[] = [];
  const pre: string[] = [];
  const releases: string[] = [];
  const args: string[] = [];
  const results: { name: string; c: string; expr: string; ts: string; handle: boolean }[] = [];
  const lead: string[] = [];
  const sys = m.isStatic ? 'syscalls' : 'this.syscalls';
  let flags: Flag[] | undefined;
  let deadline = false;

  if (m.isStatic) {
    // Replaced below by a rest tuple whose leading process is optional (the current process).
    params.push({ name: 'process', type: 'ProcessLike' });
    pre.push('const syscalls = syscallsOf(process);');
  }
  for (const p of sc.params) {
    const role = r.get(p)!;
    const a = argName(p);
    switch (role.kind) {
      case 'self':
        pre.push(`const ${a}Raw = rawOf(this);`);
        if (role.release) {
          releases.push(`release(this, '${role.release}');`);
          lead.push(role.release === 'closed'
            ? 'Marks this object closed before the call; using it afterwards throws.'
            : 'Consumes this handle whatever the outcome: this object is marked replaced before the call.');
        }
        args.push(`${a}Raw`);
        break;
      case 'length':
        args.push(`${argName(role.of)}.length`);
        break;
      case 'size':
        params.push({ name: a, type: 'number' });
        args.push(a);
        break;
      case 'flags':
        flags = role.flags;
        args.push(`optionBits`);
        break;
      case 'fixed':
        args.push(role.value);
        break;
      case 'deadline':
        deadline = true;
        args.push('options.deadline ?? ZX_TIME_INFINITE');
        break;
      case 'handle':
        if (p.handle?.invalidOk) {
          // ZX_HANDLE_INVALID is allowed here (debuglog_create's resource): null stands for it.
          params.push({ name: a, type: `${role.cls} | null`, initializer: 'null' });
          pre.push(`const ${a}Raw = ${a} === null ? 0 : rawFor(${a}, ${sys}, '${m.owner}.${m.name}()');`);
        } else {
          params.push({ name: a, type: role.cls });
          pre.push(`const ${a}Raw = rawFor(${a}, ${sys}, '${m.owner}.${m.name}()');`);
        }
        if (role.release) {
          releases.push(`release(${a}, 'transferred');`);
          lead.push(`Consumes *${p.name}* whatever the outcome: that object is marked transferred before the call.`);
        }
        args.push(`${a}Raw`);
        break;
      case 'handles':
        params.push({ name: a, type: 'readonly Handle[]', initializer: '[]' });
        pre.push(`const ${a}Raw = rawsFor(${a}, ${sys}, '${m.owner}.${m.name}()');`);
        if (role.release) {
          releases.push(`releaseAll(${a}, 'transferred');`);
          lead.push(`Consumes every handle of *${p.name}* whatever the outcome: those objects are marked transferred before the call.`);
        }
        args.push(`${a}Raw`);
        break;
      case 'bytes':
        params.push({ name: a, type: 'Uint8Array' });
        args.push(a);
        break;
      case 'scalar':
        params.push({ name: a, type: role.ts, initializer: role.init });
        args.push(a);
        break;
      case 'struct':
        params.push({ name: a, type: p.type });
        args.push(a);
        break;
      case 'outHandle': {
        pre.push(`const ${a} = { value: 0 };`);
        args.push(a);
        let expr: string;
        let ts: string;
        if (m.creates) [expr, ts] = [`new ${m.creates.name}(syscalls, ${a}.value)`, m.creates.name];
        else if (m.isStatic) [expr, ts] = [`adopt(syscalls, ${a}.value)`, 'Handle'];
        else if (m.owner === 'Handle') [expr, ts] = [`sameKind(this, ${a}.value)`, 'this'];
        else [expr, ts] = [`new ${m.owner}(${sys}, ${a}.value)`, m.owner];
        results.push({ name: a, c: p.name, expr, ts, handle: true });
        break;
      }
      case 'outScalar':
        pre.push(`const ${a} = { value: ${zero(role.ts)} };`);
        args.push(a);
        results.push({ name: a, c: p.name, expr: `${a}.value`, ts: role.ts, handle: false });
        break;
      case 'outBytes':
        pre.push(`const ${a} = new Uint8Array(${argName(role.size)});`);
        args.push(a);
        results.push({ name: a, c: p.name, expr: a, ts: 'Uint8Array', handle: false });
        break;
      case 'outStruct':
        pre.push(`const ${a}: ${p.type} = ${zeroStruct(ctx, p.type)};`);
        args.push(a);
        results.push({ name: a, c: p.name, expr: a, ts: p.type, handle: false });
        break;
    }
  }

  // A default may only stand where every later parameter has one too.
  for (let i = params.length - 2; i >= 0; i--) {
    const later = params[i + 1]!;
    if (later.initializer === undefined && !later.hasQuestionToken && !later.isRestParameter) delete params[i]!.initializer;
  }
  const decls: InterfaceDeclarationStructure[] = [];
  if (flags || deadline) {
    const optName = optionsTypeName(m.owner, m.name);
    decls.push(optionsInterface(optName, `${m.owner}.${m.name}`, sc, flags ?? [], deadline));
    const type = flags && !deadline ? `number | ${optName}` : optName;
    params.push({ name: 'options', type, initializer: flags && !deadline ? '0' : '{}' });
    if (flags) pre.push(`const optionBits = ${flagBits(flags)};`);
  }
  // Validate every handle object first, then consume: a stale object never costs the others.
  const call = `${blocking ? 'await ' : ''}${sys}.${stubName(sc)}(${args.join(', ')})`;
  const statements = [...pre, ...releases];
  const returns = ctx.ix.scalars.get(sc.returns);
  if (sc.returns === 'zx_status_t') {
    statements.push(`const status = ${call};`, `if (status !== ZX_OK) throw new ZxError(status, '${stubName(sc)}');`);
  } else if (returns === undefined || returns.kind === 'void') {
    statements.push(`${call};`);
  } else {
    // Not a status (zx_clock_get_monotonic, zx_ticks_get): the value is the result.
    statements.push(`const result = ${call};`);
    results.unshift({ name: 'result', c: 'the return value', expr: 'result', ts: scalarTs(ctx.ix, sc.returns), handle: false });
  }
  let returnType = 'void';
  const describe = (x: (typeof results)[number]) =>
    `*${x.c}*${x.handle ? (x.ts === 'this' ? ' (an object of this class)' : ` (a {@link ${x.ts}})`) : ''}`;
  if (results.length === 1) {
    statements.push(`return ${results[0].expr};`);
    returnType = results[0].ts;
    lead.push(`Returns ${describe(results[0])}.`);
  } else if (results.length > 1) {
    if (results.every((x) => x.handle)) {
      statements.push(`return [${results.map((x) => x.expr).join(', ')}];`);
      returnType = `[${results.map((x) => x.ts).join(', ')}]`;
    } else {
      statements.push(`return { ${results.map((x) => `${x.name}: ${x.expr}`).join(', ')} };`);
      returnType = `{ ${results.map((x) => `${x.name}: ${x.ts === 'this' ? m.owner : x.ts}`).join('; ')} }`;
    }
    lead.push(`Returns ${results.map(describe).join(', ')}.`);
  }
  lead.unshift(sc.returns === 'zx_status_t' ? `Calls \`${stubName(sc)}\`; any status but ZX_OK throws a {@link ZxError}.` : `Calls \`${stubName(sc)}\`.`);
  if (m.isStatic) {
    // Creators take the process first, or leave it out to use the current process:
    // `Socket.create(options)` as well as `Socket.create(process, options)`.
    const rest = params.slice(1);
    const tuple = rest.map((p) => `${p.name}${p.initializer !== undefined || p.hasQuestionToken ? '?' : ''}: ${String(p.type)}`).join(', ');
    const names = rest.map((p) => (p.initializer !== undefined ? `${p.name} = ${String(p.initializer)}` : p.name));
    params.length = 0;
    params.push({ name: 'args', isRestParameter: true, type: `[process: ProcessLike${tuple ? `, ${tuple}` : ''}] | [${tuple}]` });
    const at = statements.indexOf('const syscalls = syscallsOf(process);');
    statements[at] = `const [syscalls${names.length ? `, ${names.join(', ')}` : ''}] = withProcess(args);`;
    lead.push('Pass the process first, or leave it out to use the current process (see `useProcess`).');
  }
  return {
    decls,
    method: {
      name: m.name,
      isStatic: m.isStatic,
      isAsync: blocking,
      docs: [methodDoc(sc, lead)],
      parameters: params,
      returnType: blocking ? `Promise<${returnType}>` : returnType,
      statements,
    },
  };
}
