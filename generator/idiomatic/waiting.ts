// The members that span several syscalls: wait() (support/idiomatic.ts's signalWait, a one-shot
// registration on a private port, so an abort, a deadline or a close can cancel it), async
// iteration of readable classes, and wrapping received handle values in the class of their
// object type.
import { StructureKind, type MethodDeclarationStructure, type OptionalKind } from 'ts-morph';
import type { Statement } from '../backends/ts-file.js';
import type { Model, SyscallDef } from '../model.js';
import { stubName } from '../names.js';
import type { Ctx } from './generic.js';
import { composedDoc, packetPayloads, type Idiom } from './idioms.js';
import { layerSyscalls, type ClassPlan } from './plan.js';
import { linked } from '../query.js';

type Method = OptionalKind<MethodDeclarationStructure>;

/** A syscall with exactly these parameters (what hand-shaped code calls). */
export function hasShape(model: Model, name: string, params: readonly string[]): SyscallDef | undefined {
  const sc = layerSyscalls(model).find((s) => s.name === name);
  return sc && sc.params.length === params.length && sc.params.every((p, i) => p.name === params[i]) ? sc : undefined;
}

export interface Waiting {
  readonly decls: Statement[];
  /** wait() and, for readable classes, async iteration; `own` are the class's syscall methods. */
  members(c: ClassPlan, own: readonly Method[]): Method[];
}

/** The layer's binding of support/idiomatic.ts's signalWait to its Port, ZxError and constants. */
const waitForSignals = (portClass: string) => `/**
 * Wait for any of \`signals\` on \`h\`: a one-shot registration on a private port, so an abort, a
 * deadline or closing \`h\` ends it with zx_port_cancel and nothing stays registered on the object.
 */
const waitForSignals = signalWait<Syscalls>({
  port: (syscalls, raw) => new ${portClass}(syscalls, raw),
  error: (status, syscall, detail) => new ZxError(status, syscall, detail),
  abortError,
  ZX_OK,
  ZX_ERR_CANCELED,
  ZX_WAIT_ASYNC_ONCE,
  ZX_TIME_INFINITE,
});`;

/** The signal wait, when every syscall and constant it needs is there in the expected shape. */
export function waiting(ctx: Ctx, applied: ReadonlyMap<string, Idiom>, hasClose: boolean): Waiting | undefined {
  const { model, plan } = ctx;
  const port = plan.classes.find((c) => c.objType === 'ZX_OBJ_TYPE_PORT');
  const uses = [
    hasShape(model, 'port_create', ['options', 'out']),
    hasShape(model, 'object_wait_async', ['handle', 'port', 'key', 'signals', 'options']),
    hasShape(model, 'port_cancel', ['handle', 'source', 'key']),
    hasShape(model, 'port_queue', ['handle', 'packet']),
    applied.has('port_wait') && plan.method('port_wait')?.name === 'wait' ? plan.syscall('port_wait') : undefined,
  ];
  const ready = port !== undefined && hasClose && uses.every((x) => x !== undefined) &&
    packetPayloads(ctx).some((p) => p.prop === 'signal') &&
    ['ZX_WAIT_ASYNC_ONCE', 'ZX_ERR_CANCELED', 'ZX_TIME_INFINITE'].every((c) => plan.constant(c));
  if (!ready) return undefined;
  const used = uses as SyscallDef[];
  return {
    decls: [
      {
        kind: StructureKind.Interface, isExported: true, name: 'WaitOptions',
        docs: ['Options of `wait()`.'],
        properties: [
          { name: 'deadline', hasQuestionToken: true, type: 'bigint', docs: ['Absolute deadline on the kernel\'s monotonic clock (ZX_TIME_INFINITE by default).'] },
          { name: 'signal', hasQuestionToken: true, type: 'AbortSignal', docs: ['Aborting rejects the wait with an AbortError and cancels the kernel registration.'] },
        ],
      },
      waitForSignals(port.name),
    ],
    members(c, own) {
      if (!c.waitable || own.some((x) => x.name === 'wait')) return [];
      const out: Method[] = [{
        name: 'wait',
        docs: [composedDoc([
          'Resolves to the signals observed once any of *signals* is asserted on this object.',
          'Aborting *options.signal* rejects with an AbortError (DOMException); a passed deadline throws ZxError',
          'ZX_ERR_TIMED_OUT; closing or transferring this handle meanwhile throws ZxError ZX_ERR_CANCELED. Every',
          'path cancels the kernel registration.',
        ], used)],
        // A class with a SIGNALED bit (events, timers) waits for it when no signals are given.
        parameters: [{ name: 'signals', type: 'number', initializer: plan.constant(`ZX_${c.key.toUpperCase()}_SIGNALED`)?.name }, { name: 'options', type: 'WaitOptions', initializer: '{}' }],
        returnType: 'Promise<number>',
        statements: ['return waitForSignals(this, signals, options);'],
      }];
      const iterator = readIterator(ctx, applied, c, used);
      return iterator ? [...out, iterator] : out;
    },
  };
}

/** `for await` over a class with a read idiom: read, wait while nothing is queued, end when nothing more can come. */
function readIterator(ctx: Ctx, applied: ReadonlyMap<string, Idiom>, c: ClassPlan, waitUsed: readonly SyscallDef[]): Method | undefined {
  const { plan } = ctx;
  const read = plan.methods.find((x) => x.owner === c.name && x.name === 'read' && applied.has(x.sc.name));
  const key = c.key.toUpperCase();
  const wake = [`ZX_${key}_READABLE`, `ZX_${key}_PEER_CLOSED`, `ZX_${key}_PEER_WRITE_DISABLED`].filter((n) => plan.constant(n));
  if (!read || wake.length < 2 || !plan.constant('ZX_ERR_SHOULD_WAIT')) return undefined;
  const ends = read.sc.errors.map((e) => e.status).filter((s) => s === 'ZX_ERR_PEER_CLOSED' || s === 'ZX_ERR_BAD_STATE');
  const item = read.sc.name === 'socket_read' || read.sc.name === 'fifo_read' ? 'Uint8Array' : 'ChannelMessage';
  return {
    name: '[Symbol.asyncIterator]',
    isAsync: true,
    isGenerator: true,
    docs: [composedDoc([
      `Yields what \`read()\` returns until nothing more can come (${ends.join(' or ')} from \`${stubName(read.sc)}\`),`,
      `waiting for ${wake.map((n) => `**${n}**`).join(' or ')} whenever nothing is queued.`,
    ], [read.sc, ...waitUsed])],
    returnType: `AsyncGenerator<${item}, void, undefined>`,
    statements: [
      'for (;;) {',
      `  let item: ${item};`,
      '  try {',
      '    item = this.read();',
      '  } catch (e) {',
      '    if (!(e instanceof ZxError)) throw e;',
      '    if (e.status === ZX_ERR_SHOULD_WAIT) {',
      `      await this.wait(${wake.join(' | ')});`,
      '      continue;',
      '    }',
      ...(ends.length ? [`    if (${ends.map((s) => `e.status === ${s}`).join(' || ')}) return;`] : []),
      '    throw e;',
      '  }',
      '  yield item;',
      '}',
    ],
  };
}

/** wrapTyped (by a known object type) and adopt (asking the kernel with ZX_INFO_HANDLE_BASIC). */
export function typedWrapping(ctx: Ctx): string {
  const { model, plan } = ctx;
  const basic = linked(model).structs.get('zx_info_handle_basic_t')?.def;
  const canAsk = hasShape(model, 'object_get_info', ['handle', 'topic', 'buffer', 'buffer_size', 'actual', 'avail']) &&
    plan.constant('ZX_INFO_HANDLE_BASIC') && basic !== undefined;
  return `/** A handle value in the class of its object type (Handle for types without one). */
function wrapTyped(syscalls: Syscalls, raw: number, type: number): Handle {
  switch (type) {
${plan.classes.map((c) => `    case ${c.objType}:\n      return new ${c.name}(syscalls, raw);`).join('\n')}
    default:
      return new Handle(syscalls, raw);
  }
}

/** A handle value in the class of its object type, asking the kernel for the type. */
function adopt(syscalls: Syscalls, raw: number): Handle {
${canAsk
    ? `  const info = new Uint8Array(${basic!.size});
  const status = syscalls.zx_object_get_info(raw, ZX_INFO_HANDLE_BASIC, info, info.length, null, null);
  return wrapTyped(syscalls, raw, status === ZX_OK ? decode_zx_info_handle_basic_t(info).type : ZX_OBJ_TYPE_NONE);`
    : '  return wrapTyped(syscalls, raw, ZX_OBJ_TYPE_NONE);'}
}`;
}
