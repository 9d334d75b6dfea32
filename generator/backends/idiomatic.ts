// Backend: generated/zx.ts — the idiomatic layer over the raw stubs, in the spirit of Rust's
// fuchsia-zircon and C++'s lib/zx: a Handle class and one class per object type, each syscall
// a method of the class its first handle belongs to (or a static creator), ZxError for failed
// statuses, disposal, AbortSignal-aware waits and async iteration. It calls only `Syscalls`.
import { StructureKind, ts, type ClassDeclarationStructure, type MethodDeclarationStructure, type OptionalKind, type PropertyDeclarationStructure } from 'ts-morph';
import type { Model, SyscallDef } from '../model.js';
import { stubName, tsHeader } from '../names.js';
import { typeIndex, usedTypeNames } from '../ts-types.js';
import type { Backend } from './backend.js';
import { tsFile, type Statement } from './ts-file.js';
import { genericMethod, type Ctx } from '../idiomatic/generic.js';
import { composedDoc, idiomFor, packetPayloads, type Idiom } from '../idiomatic/idioms.js';
import { ZX_PATH } from '../idiomatic/names.js';
import { layerSyscalls, planLayer, type ClassPlan } from '../idiomatic/plan.js';
import { structCodecs } from '../idiomatic/structs.js';
import { errorSupport, HANDLE_SUPPORT, handleCore } from '../idiomatic/support.js';

interface Members {
  methods: OptionalKind<MethodDeclarationStructure>[];
  properties: OptionalKind<PropertyDeclarationStructure>[];
}

/** Whether a syscall exists with exactly these parameters (what hand-shaped code calls). */
function hasShape(model: Model, name: string, params: readonly string[]): SyscallDef | undefined {
  const sc = layerSyscalls(model).find((s) => s.name === name);
  return sc && sc.params.length === params.length && sc.params.every((p, i) => p.name === params[i]) ? sc : undefined;
}

/** Top-level declarations of a support text, kept only when something else refers to them. */
function pruneSupport(support: string, rest: string): string {
  const blocks = support.split(/\n\n(?=\/\*\*|\/\/|type |interface |let |const |function |export )/);
  const nameOf = (b: string) => /^(?:export )?(?:type|interface|let|const|function|class) (\w+)/m.exec(b.replace(/^\/\*\*[\s\S]*?\*\/\n/, ''))?.[1];
  const keep = new Set<string>();
  let text = rest;
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of blocks) {
      const name = nameOf(b);
      if (name && !keep.has(name) && new RegExp(`\\b${name}\\b`).test(text)) {
        keep.add(name);
        text += `\n${b}`;
        changed = true;
      }
    }
  }
  return blocks.filter((b) => { const n = nameOf(b); return n === undefined || keep.has(n); }).join('\n\n');
}

/** Identifiers used in code (not in comments or strings), for the import lists. */
function identifiers(code: string): Set<string> {
  const sf = ts.createSourceFile('x.ts', code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const out = new Set<string>();
  const walk = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) out.add(n.text);
    ts.forEachChild(n, walk);
  };
  walk(sf);
  return out;
}

function classDoc(c: ClassPlan): string {
  return [
    `A handle to a ${c.key} (**${c.objType}**)${c.defaultRights ? `, created with **${c.defaultRights.name}**` : ''}.`,
    `@generated from object type ${c.objType}`,
  ].join('\n');
}

export const emitIdiomatic: Backend = (model: Model, options) => {
  const ix = typeIndex(model);
  const syscalls = layerSyscalls(model);
  const applied = new Map<string, Idiom>();
  for (const sc of syscalls) {
    const idiom = idiomFor(model, sc);
    if (idiom) applied.set(sc.name, idiom);
  }
  const plan = planLayer(model, Object.fromEntries([...applied].map(([n, i]) => [n, i.name])));
  const ctx: Ctx = { model, ix, plan };
  const members = new Map<string, Members>([['Handle', { methods: [], properties: [] }], ...plan.classes.map((c) => [c.name, { methods: [], properties: [] }] as [string, Members])]);
  const decls: Statement[] = [];
  const skipped: string[] = [];
  const mapped: [string, string][] = [];

  for (const m of plan.methods) {
    const into = members.get(m.owner)!;
    const idiom = applied.get(m.sc.name);
    if (idiom) {
      const r = idiom.build(ctx, m);
      into.methods.push(...r.methods.map((x) => ({ ...x, name: m.name })));
      into.properties.push(...(r.properties ?? []));
      decls.push(...(r.decls ?? []));
    } else {
      const g = genericMethod(ctx, m);
      if (typeof g === 'string') {
        skipped.push(`${stubName(m.sc)} (${g})`);
        continue;
      }
      into.methods.push(g.method);
      decls.push(...g.decls);
    }
    mapped.push([stubName(m.sc), `${m.owner}.${m.isStatic ? '' : 'prototype.'}${m.name}`]);
  }

  const has = (owner: string, name: string) => members.get(owner)?.methods.some((x) => x.name === name) ?? false;
  const port = plan.classes.find((c) => c.objType === 'ZX_OBJ_TYPE_PORT');
  const payloads = packetPayloads(ctx);
  const messageTypes = ['channel_read', 'channel_read_etc', 'channel_call'].some((n) => applied.has(n));
  if (messageTypes) {
    decls.push({
      kind: StructureKind.Interface, isExported: true, name: 'ChannelMessage',
      docs: ['A channel message: its bytes, and its handles as objects owned by the reader.'],
      properties: [{ name: 'bytes', type: 'Uint8Array' }, { name: 'handles', type: 'Handle[]' }],
    });
  }
  if (applied.has('socket_read')) decls.push('/** Bytes a read without a size asks for when the kernel cannot say how many are queued. */\nconst READ_CHUNK = 65536;');

  // wait(): a one-shot registration on a private port, so abort and close can cancel it.
  const waitUses = [
    hasShape(model, 'port_create', ['options', 'out']),
    hasShape(model, 'object_wait_async', ['handle', 'port', 'key', 'signals', 'options']),
    hasShape(model, 'port_cancel', ['handle', 'source', 'key']),
    hasShape(model, 'port_queue', ['handle', 'packet']),
  ];
  const canWait = port !== undefined && applied.get('port_wait') !== undefined && plan.method('port_wait')?.name === 'wait' &&
    waitUses.every((x) => x !== undefined) && has('Handle', 'close') && payloads.some((p) => p.prop === 'signal') &&
    ['ZX_WAIT_ASYNC_ONCE', 'ZX_ERR_CANCELED', 'ZX_TIME_INFINITE'].every((c) => plan.constant(c));
  const waitUsed = [...(waitUses as SyscallDef[]), plan.syscall('port_wait')!];
  if (canWait) {
    decls.push({
      kind: StructureKind.Interface, isExported: true, name: 'WaitOptions',
      docs: ['Options of `wait()`.'],
      properties: [
        { name: 'deadline', hasQuestionToken: true, type: 'bigint', docs: ['Absolute deadline on the kernel\'s monotonic clock (ZX_TIME_INFINITE by default).'] },
        { name: 'signal', hasQuestionToken: true, type: 'AbortSignal', docs: ['Aborting rejects the wait with an AbortError and cancels the kernel registration.'] },
      ],
    });
    decls.push(`/**
 * Wait for any of \`signals\` on \`h\`: a one-shot registration on a private port, so an abort, a
 * deadline or closing \`h\` ends it with zx_port_cancel and nothing stays registered on the object.
 */
async function waitForSignals(h: Handle, signals: number, options: WaitOptions): Promise<number> {
  const { deadline = ZX_TIME_INFINITE, signal } = options;
  if (signal?.aborted) throw abortError(signal);
  const raw = rawOf(h);
  const syscalls = h.syscalls;
  const out = { value: 0 };
  const created = syscalls.zx_port_create(0, out);
  if (created !== ZX_OK) throw new ZxError(created, 'zx_port_create');
  const port = new ${port.name}(syscalls, out.value);
  const ctl = new AbortController();
  const forward = (): void => ctl.abort(abortError(signal!));
  let registered = false;
  const cancel = (): void => {
    if (!registered) return;
    registered = false;
    syscalls.zx_port_cancel(out.value, raw, 0n);
  };
  const unhook = onRelease(h, () => {
    cancel();
    ctl.abort(new ZxError(ZX_ERR_CANCELED, 'zx_object_wait_async', 'the handle was closed or transferred while waiting'));
  });
  signal?.addEventListener('abort', forward, { once: true });
  try {
    const status = syscalls.zx_object_wait_async(raw, out.value, 0n, signals, ZX_WAIT_ASYNC_ONCE);
    if (status !== ZX_OK) throw new ZxError(status, 'zx_object_wait_async');
    registered = true;
    const packet = await port.wait({ deadline, signal: ctl.signal });
    registered = false; // a one-shot registration ends with its packet
    return packet.signal?.observed ?? 0;
  } finally {
    signal?.removeEventListener('abort', forward);
    unhook();
    cancel();
    port.close();
  }
}`);
  }

  // Received handles take the class of their object type.
  const canAdopt = hasShape(model, 'object_get_info', ['handle', 'topic', 'buffer', 'buffer_size', 'actual', 'avail']) &&
    plan.constant('ZX_INFO_HANDLE_BASIC') && model.structs.some((s) => s.name === 'zx_info_handle_basic_t');
  decls.push(`/** A handle value in the class of its object type (Handle for types without one). */
function wrapTyped(syscalls: Syscalls, raw: number, type: number): Handle {
  switch (type) {
${plan.classes.map((c) => `    case ${c.objType}:\n      return new ${c.name}(syscalls, raw);`).join('\n')}
    default:
      return new Handle(syscalls, raw);
  }
}

/** A handle value in the class of its object type, asking the kernel for the type. */
function adopt(syscalls: Syscalls, raw: number): Handle {
${canAdopt
    ? `  const info = new Uint8Array(${model.structs.find((s) => s.name === 'zx_info_handle_basic_t')!.size});
  const status = syscalls.zx_object_get_info(raw, ZX_INFO_HANDLE_BASIC, info, info.length, null, null);
  return wrapTyped(syscalls, raw, status === ZX_OK ? decode_zx_info_handle_basic_t(info).type : ZX_OBJ_TYPE_NONE);`
    : '  return wrapTyped(syscalls, raw, ZX_OBJ_TYPE_NONE);'}
}`);

  const core = handleCore();
  const disposable = has('Handle', 'close');
  const handleClass: ClassDeclarationStructure = {
    kind: StructureKind.Class,
    isExported: true,
    name: 'Handle',
    implements: disposable ? ['Disposable'] : [],
    docs: [[
      'A handle owned by this layer: the syscalls of its process and its value (`raw`). Syscalls that take a',
      'handle of any type are its methods. Once a syscall consumes the handle (close, replace, or a transfer',
      'through a channel or socket) the object is marked, and any further use throws instead of passing a',
      'stale value. Handles of object types without a class of their own are plain Handles.',
    ].join('\n')],
    properties: core.properties,
    staticBlocks: core.staticBlocks,
    ctors: core.ctors,
    getAccessors: core.getAccessors,
    methods: [
      ...core.methods.filter((x) => disposable || x.name !== '[Symbol.dispose]'),
      {
        name: 'fromRaw',
        isStatic: true,
        docs: ['Adopt *raw*, a handle value of *process*, as an object of the class of its object type.'],
        parameters: [{ name: 'process', type: 'ProcessLike' }, { name: 'raw', type: 'number' }],
        returnType: 'Handle',
        statements: ['return adopt(syscallsOf(process), raw);'],
      },
      ...members.get('Handle')!.methods,
    ],
  };

  const classDecls: ClassDeclarationStructure[] = plan.classes.map((c) => {
    const own = members.get(c.name)!;
    const methods = [...own.methods];
    if (canWait && c.waitable && !methods.some((x) => x.name === 'wait')) {
      methods.push({
        name: 'wait',
        docs: [composedDoc([
          'Resolves to the signals observed once any of *signals* is asserted on this object.',
          'Aborting *options.signal* rejects with an AbortError (DOMException); a passed deadline throws ZxError',
          'ZX_ERR_TIMED_OUT; closing or transferring this handle meanwhile throws ZxError ZX_ERR_CANCELED. Every',
          'path cancels the kernel registration.',
        ], waitUsed)],
        parameters: [{ name: 'signals', type: 'number' }, { name: 'options', type: 'WaitOptions', initializer: '{}' }],
        returnType: 'Promise<number>',
        statements: ['return waitForSignals(this, signals, options);'],
      });
      const read = plan.methods.find((x) => x.owner === c.name && x.name === 'read' && applied.has(x.sc.name));
      const key = c.key.toUpperCase();
      const readable = plan.constant(`ZX_${key}_READABLE`);
      const closed = plan.constant(`ZX_${key}_PEER_CLOSED`);
      if (read && readable && closed) {
        const more = plan.constant(`ZX_${key}_PEER_WRITE_DISABLED`);
        const ends = read.sc.errors.map((e) => e.status).filter((s) => s === 'ZX_ERR_PEER_CLOSED' || s === 'ZX_ERR_BAD_STATE');
        const item = read.sc.name === 'socket_read' ? 'Uint8Array' : 'ChannelMessage';
        methods.push({
          name: '[Symbol.asyncIterator]',
          isAsync: true,
          isGenerator: true,
          docs: [composedDoc([
            `Yields what \`read()\` returns until nothing more can come (${ends.join(' or ')} from \`${stubName(read.sc)}\`),`,
            `waiting for ${[readable, closed, more].filter((x) => x).map((x) => `**${x!.name}**`).join(' or ')} whenever nothing is queued.`,
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
            `      await this.wait(${[readable, closed, more].filter((x) => x).map((x) => x!.name).join(' | ')});`,
            '      continue;',
            '    }',
            ...(ends.length ? [`    if (${ends.map((s) => `e.status === ${s}`).join(' || ')}) return;`] : []),
            '    throw e;',
            '  }',
            '  yield item;',
            '}',
          ],
        });
      }
    }
    return {
      kind: StructureKind.Class,
      isExported: true,
      name: c.name,
      extends: 'Handle',
      docs: [classDoc(c)],
      properties: [
        { name: 'objectType', isStatic: true, hasOverrideKeyword: true, isReadonly: true, type: 'number', initializer: c.objType },
        ...own.properties,
      ],
      methods,
    };
  });

  decls.push(`/** The method each syscall became, for tools and tests. */\nexport const SYSCALL_METHODS: Readonly<Partial<Record<keyof Syscalls, string>>> = {\n${mapped.map(([s, m]) => `  ${s}: '${m}',`).join('\n')}\n};`);

  const body: Statement[] = [
    ...(skipped.length ? [`// No idiomatic form (use the raw stubs): ${skipped.join('; ')}.`] : []),
    errorSupport(model, syscalls),
    ...structCodecs(ix, model),
    ...decls,
    handleClass,
    ...classDecls,
  ];
  const header = `${tsHeader(options.command, 'Idiomatic layer: handle classes, ZxError, disposal, waits and iteration over the raw stubs.')}\n/// <reference lib="esnext.disposable" />`;
  // First pass without support and imports, to see what the code uses.
  const draft = tsFile(ZX_PATH, '', body).content;
  const support = pruneSupport(HANDLE_SUPPORT, draft);
  const used = identifiers(`${support}\n${draft}`);
  const constants = [...model.constants.map((c) => c.name), 'ZX_STATUS_NAMES'].filter((n) => used.has(n));
  const types = usedTypeNames(ix, [...used].join(' ').split(' ').filter((n) => ix.structs.has(n) || ix.scalars.has(n)));
  return [tsFile(ZX_PATH, header, [
    "import type { Syscalls } from './stubs.js';",
    ...(types.length ? [`import type { ${types.join(', ')} } from './types.js';`] : []),
    ...(constants.length ? [`import { ${constants.join(', ')} } from './constants.js';`] : []),
    support,
    ...body,
  ])];
};
