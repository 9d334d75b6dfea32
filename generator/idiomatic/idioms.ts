// Idioms: syscalls whose useful TypeScript shape is not the generic one (reads that size their
// own buffers, typed handles out of a channel, info records, port packets). Each idiom names
// the exact C parameter list it was written for; when a definition changes shape the idiom no
// longer applies and the syscall falls back to its generic method, so the layer never calls a
// stub with a stale argument list (and tsc checks every call against the stubs anyway).
import { StructureKind, type MethodDeclarationStructure, type OptionalKind, type PropertyDeclarationStructure } from 'ts-morph';
import type { Statement } from '../backends/ts-file.js';
import type { Model, SyscallDef } from '../model.js';
import { stubName } from '../names.js';
import { flagBits, methodDoc, optionsInterface, zeroStruct, type Ctx } from './generic.js';
import { camel, decoderName, flagName, optionsTypeName } from './names.js';
import type { MethodPlan } from './plan.js';

export interface IdiomResult {
  readonly methods: OptionalKind<MethodDeclarationStructure>[];
  readonly properties?: OptionalKind<PropertyDeclarationStructure>[];
  readonly decls?: Statement[];
}

export interface Idiom {
  /** The method name on its class. */
  readonly name: string;
  /** The C parameter list the idiom was written for, in order. */
  readonly params: readonly string[];
  /** Constants, structs and other syscalls its code uses. */
  readonly constants?: readonly string[];
  readonly structs?: readonly string[];
  build(ctx: Ctx, m: MethodPlan): IdiomResult;
}

const status = (sc: SyscallDef) => `if (status !== ZX_OK) throw new ZxError(status, '${stubName(sc)}');`;

/** Flags of an options parameter checked against option constants (as the generic method has them). */
function flagsOf(ctx: Ctx, sc: SyscallDef, param: string) {
  const step = sc.checks.find((c) => c.kind === 'check' && c.param === param);
  if (!step || step.kind !== 'check') return [];
  return step.operands
    .filter((o): o is string => typeof o === 'string' && Number(ctx.plan.constant(o)?.value ?? 0) !== 0)
    .map((n) => ({ prop: flagName(n, sc), constant: n }));
}

/** Struct field element count (payload of zx_port_packet_t is 32 bytes). */
function fieldCount(model: Model, struct: string, field: string): number {
  return model.structs.find((s) => s.name === struct)?.fields.find((f) => f.name === field)?.count ?? 0;
}

const socketRead: Idiom = {
  name: 'read',
  params: ['handle', 'options', 'buffer', 'buffer_size', 'actual'],
  build(ctx, m) {
    const { sc } = m;
    const flags = flagsOf(ctx, sc, 'options');
    const optName = optionsTypeName(m.owner, 'read');
    const control = flags.find((f) => f.prop === 'control');
    const canInfo = ctx.plan.syscall('object_get_info') && ctx.plan.constant('ZX_INFO_SOCKET') && ctx.model.structs.some((s) => s.name === 'zx_info_socket_t');
    const sizing = canInfo
      ? [
          `let size = max;`,
          `if (size === undefined) {`,
          `  size = READ_CHUNK;`,
          ...(control ? [`  if ((optionBits & ${control.constant}) === 0) {`] : ['  {']),
          `    const info = new Uint8Array(${ctx.model.structs.find((s) => s.name === 'zx_info_socket_t')!.size});`,
          `    // Exact size of what is queued (stream) or of the next datagram; a handle without`,
          `    // ZX_RIGHT_INSPECT falls back to READ_CHUNK.`,
          `    if (this.syscalls.zx_object_get_info(handleRaw, ZX_INFO_SOCKET, info, info.length, null, null) === ZX_OK) size = ${decoderName('zx_info_socket_t')}(info).rx_buf_available;`,
          `  }`,
          `}`,
        ]
      : ['const size = max ?? READ_CHUNK;'];
    return {
      decls: flags.length ? [optionsInterface(optName, sc, flags, false)] : [],
      methods: [{
        name: 'read',
        docs: [methodDoc(sc, [
          `Calls \`${stubName(sc)}\` and returns the bytes read (a copy, as long as what was read).`,
          `Without *max*, reads everything queued on a stream socket or the whole next datagram${control ? ', or up to READ_CHUNK bytes of a control message' : ''}.`,
          'Nothing queued throws ZxError ZX_ERR_SHOULD_WAIT; an empty buffer after the peer closed throws ZX_ERR_PEER_CLOSED.',
        ])],
        parameters: [
          { name: 'max', type: 'number', hasQuestionToken: true },
          ...(flags.length ? [{ name: 'options', type: `number | ${optName}`, initializer: '0' }] : []),
        ],
        returnType: 'Uint8Array',
        statements: [
          'const handleRaw = rawOf(this);',
          `const optionBits = ${flags.length ? flagBits(flags) : '0'};`,
          ...sizing,
          'const buffer = new Uint8Array(size);',
          'const actual = { value: 0 };',
          `const status = this.syscalls.${stubName(sc)}(handleRaw, optionBits, buffer, buffer.length, actual);`,
          status(sc),
          'return actual.value === buffer.length ? buffer : buffer.slice(0, actual.value);',
        ],
      }],
    };
  },
};

const MESSAGE_LIMITS = ['ZX_CHANNEL_MAX_MSG_BYTES', 'ZX_CHANNEL_MAX_MSG_HANDLES'];

const channelReadEtc: Idiom = {
  name: 'read',
  params: ['handle', 'options', 'bytes', 'handles', 'num_bytes', 'num_handles', 'actual_bytes', 'actual_handles'],
  constants: MESSAGE_LIMITS,
  structs: ['zx_handle_info_t'],
  build(ctx, m) {
    const { sc } = m;
    return {
      decls: [
        'let etcScratch: { bytes: Uint8Array; infos: zx_handle_info_t[] } | undefined;',
      ],
      methods: [{
        name: 'read',
        docs: [methodDoc(sc, [
          `Calls \`${stubName(sc)}\` and returns the next message: its bytes, and its handles as objects of`,
          'their own class (Socket, Channel, ...) from the object type each entry reports.',
          'No message throws ZxError ZX_ERR_SHOULD_WAIT; an empty queue after the peer closed throws ZX_ERR_PEER_CLOSED.',
        ])],
        returnType: 'ChannelMessage',
        statements: [
          'const handleRaw = rawOf(this);',
          `// Buffers of the largest message a channel carries, reused: a read never has to retry.`,
          `const s = (etcScratch ??= { bytes: new Uint8Array(ZX_CHANNEL_MAX_MSG_BYTES), infos: Array.from({ length: ZX_CHANNEL_MAX_MSG_HANDLES }, (): zx_handle_info_t => (${zeroStruct(ctx, 'zx_handle_info_t')})) });`,
          'const actualBytes = { value: 0 };',
          'const actualHandles = { value: 0 };',
          `const status = this.syscalls.${stubName(sc)}(handleRaw, 0, s.bytes, s.infos, s.bytes.length, s.infos.length, actualBytes, actualHandles);`,
          status(sc),
          'const handles: Handle[] = [];',
          'for (let i = 0; i < actualHandles.value; i++) handles.push(wrapTyped(this.syscalls, s.infos[i].handle, s.infos[i].type));',
          'return { bytes: s.bytes.slice(0, actualBytes.value), handles };',
        ],
      }],
    };
  },
};

const channelRead: Idiom = {
  name: 'readUntyped',
  params: channelReadEtc.params,
  constants: MESSAGE_LIMITS,
  build(_ctx, m) {
    const { sc } = m;
    return {
      decls: ['let readScratch: { bytes: Uint8Array; handles: Uint32Array } | undefined;'],
      methods: [{
        name: 'readUntyped',
        docs: [methodDoc(sc, [
          `Calls \`${stubName(sc)}\` and returns the next message, its handles as plain {@link Handle} objects`,
          '(this call does not report object types; `read()` does).',
        ])],
        returnType: 'ChannelMessage',
        statements: [
          'const handleRaw = rawOf(this);',
          'const s = (readScratch ??= { bytes: new Uint8Array(ZX_CHANNEL_MAX_MSG_BYTES), handles: new Uint32Array(ZX_CHANNEL_MAX_MSG_HANDLES) });',
          'const actualBytes = { value: 0 };',
          'const actualHandles = { value: 0 };',
          `const status = this.syscalls.${stubName(sc)}(handleRaw, 0, s.bytes, s.handles, s.bytes.length, s.handles.length, actualBytes, actualHandles);`,
          status(sc),
          'const handles = Array.from(s.handles.subarray(0, actualHandles.value), (raw) => new Handle(this.syscalls, raw));',
          'return { bytes: s.bytes.slice(0, actualBytes.value), handles };',
        ],
      }],
    };
  },
};

const channelCall: Idiom = {
  name: 'call',
  params: ['handle', 'options', 'deadline', 'args', 'actual_bytes', 'actual_handles'],
  constants: [...MESSAGE_LIMITS, 'ZX_TIME_INFINITE'],
  structs: ['zx_channel_call_args_t'],
  build(_ctx, m) {
    const { sc } = m;
    return {
      decls: [{
        kind: StructureKind.Interface, isExported: true, name: 'ChannelCallOptions',
        docs: [`Options of \`Channel.call()\`.`],
        properties: [{ name: 'deadline', hasQuestionToken: true, type: 'bigint', docs: ['Absolute deadline on the kernel\'s monotonic clock (ZX_TIME_INFINITE by default).'] }],
      }],
      methods: [{
        name: 'call',
        isAsync: true,
        docs: [methodDoc(sc, [
          `Calls \`${stubName(sc)}\`: sends *bytes* (at least 4; the kernel writes the transaction id into the`,
          'first four) with *handles*, and resolves to the reply, its handles as objects of their own class.',
          'Consumes every handle of *handles* whatever the outcome: those objects are marked transferred before the call.',
        ])],
        parameters: [
          { name: 'bytes', type: 'Uint8Array' },
          { name: 'handles', type: 'readonly Handle[]', initializer: '[]' },
          { name: 'options', type: 'ChannelCallOptions', initializer: '{}' },
        ],
        returnType: 'Promise<ChannelMessage>',
        statements: [
          'const handleRaw = rawOf(this);',
          'const handlesRaw = handles.map(rawOf);',
          "releaseAll(handles, 'transferred');",
          'const rdBytes = new Uint8Array(ZX_CHANNEL_MAX_MSG_BYTES);',
          'const rdHandles = new Uint32Array(ZX_CHANNEL_MAX_MSG_HANDLES);',
          'const args: zx_channel_call_args_t = {',
          '  wr_bytes: bytes, wr_handles: handlesRaw, rd_bytes: rdBytes, rd_handles: rdHandles,',
          '  wr_num_bytes: bytes.length, wr_num_handles: handlesRaw.length, rd_num_bytes: rdBytes.length, rd_num_handles: rdHandles.length,',
          '};',
          'const actualBytes = { value: 0 };',
          'const actualHandles = { value: 0 };',
          `const status = await this.syscalls.${stubName(sc)}(handleRaw, 0, options.deadline ?? ZX_TIME_INFINITE, args, actualBytes, actualHandles);`,
          status(sc),
          'const received = Array.from(rdHandles.subarray(0, actualHandles.value), (raw) => adopt(this.syscalls, raw));',
          'return { bytes: rdBytes.slice(0, actualBytes.value), handles: received };',
        ],
      }],
    };
  },
};

/** Info topics with a record struct: ZX_INFO_X -> zx_info_x_t. */
export function infoTopics(ctx: Ctx): { topic: string; struct: string; size: number }[] {
  return ctx.model.constants
    .filter((c) => c.constKind === 'topic')
    .map((c) => ({ topic: c.name, struct: `zx_info_${c.name.replace(/^ZX_INFO_/, '').toLowerCase()}_t` }))
    .map((t) => ({ ...t, def: ctx.model.structs.find((s) => s.name === t.struct) }))
    .filter((t) => t.def !== undefined && t.def.fields.every((f) => f.pointer === undefined))
    .map((t) => ({ topic: t.topic, struct: t.struct, size: t.def!.size }));
}

const objectGetInfo: Idiom = {
  name: 'info',
  params: ['handle', 'topic', 'buffer', 'buffer_size', 'actual', 'avail'],
  constants: ['ZX_INFO_HANDLE_BASIC'],
  structs: ['zx_info_handle_basic_t'],
  build(ctx, m) {
    const { sc } = m;
    const topics = infoTopics(ctx);
    return {
      decls: [
        {
          kind: StructureKind.Interface, isExported: true, name: 'InfoTopics',
          docs: ['The record `info(topic)` returns for each topic that has one (ZX_INFO_X: zx_info_x_t).'],
          properties: topics.map((t) => ({ name: `[${t.topic}]`, type: t.struct })),
        },
        `const INFO_RECORDS: Readonly<Record<number, { readonly size: number; readonly decode: (bytes: Uint8Array) => unknown }>> = {\n${
          topics.map((t) => `  [${t.topic}]: { size: ${t.size}, decode: ${decoderName(t.struct)} },`).join('\n')}\n};`,
      ],
      methods: [{
        name: 'info',
        typeParameters: [{ name: 'T', constraint: 'keyof InfoTopics', default: 'typeof ZX_INFO_HANDLE_BASIC' }],
        docs: [methodDoc(sc, [
          `Calls \`${stubName(sc)}\` for *topic* (ZX_INFO_HANDLE_BASIC by default) and decodes the record`,
          `(${topics.map((t) => `${t.topic}: \`${t.struct}\``).join(', ')}).`,
        ])],
        parameters: [{ name: 'topic', type: 'T', hasQuestionToken: true }],
        returnType: 'InfoTopics[T]',
        statements: [
          'const handleRaw = rawOf(this);',
          'const t: number = topic ?? ZX_INFO_HANDLE_BASIC;',
          'const record = INFO_RECORDS[t];',
          "if (record === undefined) throw new TypeError(`info(): topic ${t} has no record layout`);",
          'const buffer = new Uint8Array(record.size);',
          `const status = this.syscalls.${stubName(sc)}(handleRaw, t, buffer, buffer.length, null, null);`,
          status(sc),
          'return record.decode(buffer) as InfoTopics[T];',
        ],
      }],
    };
  },
};

const handleCloseMany: Idiom = {
  name: 'closeMany',
  params: ['handles', 'num_handles'],
  build(_ctx, m) {
    const { sc } = m;
    return {
      methods: [{
        name: 'closeMany',
        isStatic: true,
        docs: [methodDoc(sc, [
          `Calls \`${stubName(sc)}\` once for all of *handles* (each object once), which must belong to one process.`,
          'Every object is marked closed before the call.',
        ])],
        parameters: [{ name: 'handles', type: 'Iterable<Handle>' }],
        returnType: 'void',
        statements: [
          'const unique = [...new Set(handles)];',
          'if (unique.length === 0) return;',
          'const syscalls = unique[0].syscalls;',
          "if (unique.some((h) => h.syscalls !== syscalls)) throw new TypeError('closeMany(): the handles belong to different processes');",
          'const raws = unique.map(rawOf);',
          "releaseAll(unique, 'closed');",
          `const status = syscalls.${stubName(sc)}(raws, raws.length);`,
          status(sc),
        ],
      }],
    };
  },
};

const objectWaitMany: Idiom = {
  name: 'waitMany',
  params: ['items', 'count', 'deadline'],
  constants: ['ZX_TIME_INFINITE'],
  structs: ['zx_wait_item_t'],
  build(_ctx, m) {
    const { sc } = m;
    return {
      decls: [{
        kind: StructureKind.Interface, isExported: true, name: 'WaitItem',
        docs: ['One entry of `Handle.waitMany()`: a handle and the signals to wait for.'],
        properties: [
          { name: 'handle', isReadonly: true, type: 'Handle' },
          { name: 'signals', isReadonly: true, type: 'number' },
        ],
      }],
      methods: [{
        name: 'waitMany',
        isStatic: true,
        isAsync: true,
        docs: [methodDoc(sc, [
          `Calls \`${stubName(sc)}\` on *items* (handles of one process) and resolves to each entry's *pending* signals, in order.`,
          'ZX_ERR_TIMED_OUT and ZX_ERR_CANCELED throw.',
        ])],
        parameters: [
          { name: 'items', type: 'readonly WaitItem[]' },
          { name: 'options', type: '{ deadline?: bigint }', initializer: '{}' },
        ],
        returnType: 'Promise<number[]>',
        statements: [
          "if (items.length === 0) throw new TypeError('waitMany(): no items');",
          'const syscalls = items[0].handle.syscalls;',
          "if (items.some((i) => i.handle.syscalls !== syscalls)) throw new TypeError('waitMany(): the handles belong to different processes');",
          'const entries: zx_wait_item_t[] = items.map((i) => ({ handle: rawOf(i.handle), waitfor: i.signals, pending: 0 }));',
          `const status = await syscalls.${stubName(sc)}(entries, entries.length, options.deadline ?? ZX_TIME_INFINITE);`,
          status(sc),
          'return entries.map((e) => e.pending);',
        ],
      }],
    };
  },
};

const portQueue: Idiom = {
  name: 'queue',
  params: ['handle', 'packet'],
  constants: ['ZX_PKT_TYPE_USER'],
  structs: ['zx_port_packet_t'],
  build(ctx, m) {
    const { sc } = m;
    const n = fieldCount(ctx.model, 'zx_port_packet_t', 'payload');
    return {
      decls: [{
        kind: StructureKind.Interface, isExported: true, name: 'PortPacketInit',
        docs: ['A user packet for `Port.queue()`: its type is always ZX_PKT_TYPE_USER.'],
        properties: [
          { name: 'key', type: 'bigint' },
          { name: 'status', hasQuestionToken: true, type: 'number', docs: ['ZX_OK by default.'] },
          { name: 'payload', hasQuestionToken: true, type: 'Uint8Array', docs: [`Up to ${n} bytes, zero-padded.`] },
        ],
      }],
      methods: [{
        name: 'queue',
        docs: [methodDoc(sc, [`Calls \`${stubName(sc)}\` with a user packet built from *packet*.`])],
        parameters: [{ name: 'packet', type: 'PortPacketInit' }],
        returnType: 'void',
        statements: [
          'const handleRaw = rawOf(this);',
          `const payload = new Uint8Array(${n});`,
          `if (packet.payload !== undefined) {`,
          `  if (packet.payload.length > ${n}) throw new RangeError(\`queue(): a payload holds ${n} bytes, got \${packet.payload.length}\`);`,
          '  payload.set(packet.payload);',
          '}',
          `const status = this.syscalls.${stubName(sc)}(handleRaw, { key: packet.key, type: ZX_PKT_TYPE_USER, status: packet.status ?? ZX_OK, payload });`,
          status(sc),
        ],
      }],
    };
  },
};

/** Packet types and the payload struct each carries: ZX_PKT_TYPE_SIGNAL_ONE -> zx_packet_signal_t. */
export function packetPayloads(ctx: Ctx): { struct: string; prop: string; types: string[] }[] {
  const out = new Map<string, string[]>();
  for (const c of ctx.model.constants.filter((x) => x.constKind === 'packet_type')) {
    const words = c.name.replace(/^ZX_PKT_TYPE_/, '').toLowerCase().split('_');
    for (let n = words.length; n > 0; n--) {
      const struct = `zx_packet_${words.slice(0, n).join('_')}_t`;
      const def = ctx.model.structs.find((s) => s.name === struct);
      if (def && def.fields.every((f) => f.pointer === undefined)) {
        out.set(struct, [...(out.get(struct) ?? []), c.name]);
        break;
      }
    }
  }
  return [...out].map(([struct, types]) => ({ struct, prop: camel(struct.replace(/^zx_packet_/, '').replace(/_t$/, '')), types }));
}

const portWait: Idiom = {
  name: 'wait',
  params: ['handle', 'deadline', 'packet'],
  constants: ['ZX_TIME_INFINITE', 'ZX_PKT_TYPE_USER', 'ZX_ERR_CANCELED'],
  structs: ['zx_port_packet_t'],
  build(ctx, m) {
    const { sc } = m;
    const queue = ctx.plan.syscall('port_queue');
    const payloads = packetPayloads(ctx);
    const n = fieldCount(ctx.model, 'zx_port_packet_t', 'payload');
    const wakeable = queue !== undefined && n >= 16;
    return {
      decls: [
        {
          kind: StructureKind.Interface, isExported: true, name: 'PortPacket',
          extends: ['zx_port_packet_t'],
          docs: ['A packet taken out of a port, with its payload decoded by packet type.'],
          properties: payloads.map((p) => ({
            name: p.prop, hasQuestionToken: true, isReadonly: true, type: p.struct,
            docs: [`The \`${p.struct}\` payload of ${p.types.join(', ')} packets.`],
          })),
        },
        {
          kind: StructureKind.Interface, isExported: true, name: 'PortWaitOptions',
          docs: ['Options of `Port.wait()`.'],
          properties: [
            { name: 'deadline', hasQuestionToken: true, type: 'bigint', docs: ['Absolute deadline on the kernel\'s monotonic clock (ZX_TIME_INFINITE by default).'] },
            { name: 'signal', hasQuestionToken: true, type: 'AbortSignal', docs: ['Aborting rejects the wait with an AbortError.'] },
          ],
        },
        `/** A port packet with its payload decoded by packet type. */\nfunction decodePacket(p: zx_port_packet_t): PortPacket {\n  switch (p.type) {\n${
          payloads.map((x) => `${x.types.map((t) => `    case ${t}:\n`).join('')}      return { ...p, ${x.prop}: ${decoderName(x.struct)}(p.payload) };`).join('\n')
        }\n    default:\n      return { ...p };\n  }\n}`,
        ...(wakeable ? [
          [
            '// A port_wait cannot be cancelled, so an aborted Port.wait() wakes its own kernel wait with a',
            '// private user packet (this key, this magic, its token). A wait that takes out another wait\'s',
            '// wake packet passes it on while that wait is still blocked, and drops it otherwise.',
            'const WAKE_KEY = 0x7a786b69745f776bn;',
            'const WAKE_MAGIC = 0x656b61775f74697an;',
            'let wakeTokens = 0n;',
            'const pendingWakes = new Set<bigint>();',
            '',
            'function wakePacket(token: bigint): zx_port_packet_t {',
            `  const payload = new Uint8Array(${n});`,
            '  const v = new DataView(payload.buffer);',
            '  v.setBigUint64(0, token, true);',
            '  v.setBigUint64(8, WAKE_MAGIC, true);',
            '  return { key: WAKE_KEY, type: ZX_PKT_TYPE_USER, status: ZX_OK, payload };',
            '}',
            '',
            'function wakeTokenOf(p: zx_port_packet_t): bigint | undefined {',
            '  if (p.type !== ZX_PKT_TYPE_USER || p.key !== WAKE_KEY) return undefined;',
            '  const v = new DataView(p.payload.buffer, p.payload.byteOffset, p.payload.byteLength);',
            '  return v.getBigUint64(8, true) === WAKE_MAGIC ? v.getBigUint64(0, true) : undefined;',
            '}',
          ].join('\n'),
        ] : []),
      ],
      properties: [{ name: '#stash', isReadonly: true, type: 'PortPacket[]', initializer: '[]', docs: ['Packets taken out by waits that were aborted meanwhile; the next wait() returns them first.'] }],
      methods: [{
        name: 'wait',
        docs: [methodDoc(sc, [
          `Calls \`${stubName(sc)}\` and resolves to the next packet, its payload decoded by type.`,
          wakeable
            ? `Aborting *signal* rejects with an AbortError and wakes the kernel wait with a private \`${stubName(queue!)}\` packet; closing or transferring this port rejects pending waits with ZxError ZX_ERR_CANCELED.`
            : 'Aborting *signal* rejects with an AbortError; the kernel wait ends with the next packet or the deadline.',
          'A deadline that passes throws ZxError ZX_ERR_TIMED_OUT.',
        ])],
        parameters: [{ name: 'options', type: 'PortWaitOptions', initializer: '{}' }],
        returnType: 'Promise<PortPacket>',
        statements: [
          'const { deadline = ZX_TIME_INFINITE, signal } = options;',
          'if (signal?.aborted) return Promise.reject(abortError(signal));',
          'const stashed = this.#stash.shift();',
          'if (stashed !== undefined) return Promise.resolve(stashed);',
          'let handleRaw: number;',
          'try {',
          '  handleRaw = rawOf(this);',
          '} catch (e) {',
          '  return Promise.reject(e);',
          '}',
          'const syscalls = this.syscalls;',
          'const stash = this.#stash;',
          'return new Promise<PortPacket>((resolve, reject) => {',
          ...(wakeable ? ['  const token = ++wakeTokens;'] : []),
          '  let settled = false;',
          '  const stop = (reason: unknown): void => {',
          '    if (settled) return;',
          '    settled = true;',
          ...(wakeable ? [
            '    pendingWakes.add(token);',
            `    syscalls.${stubName(queue!)}(handleRaw, wakePacket(token));`,
          ] : []),
          '    reject(reason);',
          '  };',
          '  const onAbort = (): void => stop(abortError(signal!));',
          "  const unhook = onRelease(this, () => stop(new ZxError(ZX_ERR_CANCELED, 'zx_port_wait', 'the port handle was closed or transferred while waiting')));",
          "  signal?.addEventListener('abort', onAbort, { once: true });",
          '  void (async () => {',
          '    try {',
          '      for (;;) {',
          `        const packet: zx_port_packet_t = ${zeroStruct(ctx, 'zx_port_packet_t')};`,
          `        const status = await syscalls.${stubName(sc)}(handleRaw, deadline, packet);`,
          '        if (status !== ZX_OK) {',
          `          if (!settled) reject(new ZxError(status, '${stubName(sc)}'));`,
          '          settled = true;',
          '          return;',
          '        }',
          ...(wakeable ? [
            '        const wake = wakeTokenOf(packet);',
            '        if (wake !== undefined) {',
            '          if (wake === token) {',
            '            pendingWakes.delete(token);',
            '            return;',
            '          }',
            `          if (pendingWakes.has(wake)) syscalls.${stubName(queue!)}(handleRaw, packet);`,
            '          continue;',
            '        }',
          ] : []),
          '        const decoded = decodePacket(packet);',
          '        if (settled) {',
          '          stash.push(decoded);',
          ...(wakeable ? ['          pendingWakes.delete(token);'] : []),
          '          return;',
          '        }',
          '        settled = true;',
          '        resolve(decoded);',
          '        return;',
          '      }',
          '    } finally {',
          "      signal?.removeEventListener('abort', onAbort);",
          '      unhook();',
          '    }',
          '  })();',
          '});',
        ],
      }],
    };
  },
};

/** Every idiom, by the syscall it shapes. */
export const IDIOMS: Readonly<Record<string, Idiom>> = {
  socket_read: socketRead,
  channel_read: channelRead,
  channel_read_etc: channelReadEtc,
  channel_call: channelCall,
  object_get_info: objectGetInfo,
  handle_close_many: handleCloseMany,
  object_wait_many: objectWaitMany,
  port_queue: portQueue,
  port_wait: portWait,
};

/** The idiom of a syscall, when the definition still has the shape the idiom was written for. */
export function idiomFor(model: Model, sc: SyscallDef): Idiom | undefined {
  const idiom = IDIOMS[sc.name];
  if (!idiom) return undefined;
  const names = sc.params.map((p) => p.name);
  if (names.length !== idiom.params.length || names.some((n, i) => n !== idiom.params[i])) return undefined;
  if (!(idiom.constants ?? []).every((c) => model.constants.some((x) => x.name === c))) return undefined;
  if (!(idiom.structs ?? []).every((s) => model.structs.some((x) => x.name === s))) return undefined;
  return idiom;
}

/** The doc of a member built from several syscalls: each one's summary and page. */
export function composedDoc(lead: string[], used: readonly SyscallDef[]): string {
  return [...lead, '', ...used.map((sc) => `Uses \`${stubName(sc)}\`: ${sc.summary} @see {@link https://zxkit.invalid/docs/${sc.name}.md | generated/docs/${sc.name}.md}`)].join('\n');
}

