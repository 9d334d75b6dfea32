// Idioms of sockets and channels: reads that size their own buffers, channel messages with
// typed handles, and channel_call.
import { StructureKind, type InterfaceDeclarationStructure } from 'ts-morph';
import { stubName } from '../names.js';
import { flagBits, methodDoc, optionsInterface, zeroStruct } from './generic.js';
import { flagsOf, status, type Idiom } from './idiom.js';
import { decoderName } from '../codecs.js';
import { optionsTypeName } from './names.js';
import { linked } from '../query.js';

/** What every channel read returns; each channel idiom brings it, the backend keeps one. */
const CHANNEL_MESSAGE: InterfaceDeclarationStructure = {
  kind: StructureKind.Interface, isExported: true, name: 'ChannelMessage',
  docs: ['A channel message: its bytes, and its handles as objects owned by the reader.'],
  properties: [{ name: 'bytes', type: 'Uint8Array' }, { name: 'handles', type: 'Handle[]' }],
};

export const socketRead: Idiom = {
  name: 'read',
  params: ['handle', 'options', 'buffer', 'buffer_size', 'actual'],
  build(ctx, m) {
    const { sc } = m;
    const flags = flagsOf(ctx, sc, 'options');
    const optName = optionsTypeName(m.owner, 'read');
    const control = flags.find((f) => f.prop === 'control');
    const canInfo = ctx.plan.syscall('object_get_info') && ctx.plan.constant('ZX_INFO_SOCKET') && linked(ctx.model).structs.has('zx_info_socket_t');
    const sizing = canInfo
      ? [
          `let size = max;`,
          `if (size === undefined) {`,
          `  size = READ_CHUNK;`,
          ...(control ? [`  if ((optionBits & ${control.constant}) === 0) {`] : ['  {']),
          `    const info = new Uint8Array(${linked(ctx.model).struct('zx_info_socket_t').def.size});`,
          `    // Exact size of what is queued (stream) or of the next datagram; a handle without`,
          `    // ZX_RIGHT_INSPECT falls back to READ_CHUNK.`,
          `    if (this.syscalls.zx_object_get_info(handleRaw, ZX_INFO_SOCKET, info, info.length, null, null) === ZX_OK) size = ${decoderName('zx_info_socket_t')}(info).rx_buf_available;`,
          `  }`,
          `}`,
        ]
      : ['const size = max ?? READ_CHUNK;'];
    return {
      decls: [
        '/** Bytes a read without a size asks for when the kernel cannot say how many are queued. */\nconst READ_CHUNK = 65536;',
        ...(flags.length ? [optionsInterface(optName, `${m.owner}.${m.name}`, sc, flags, false)] : []),
      ],
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

export const channelReadEtc: Idiom = {
  name: 'read',
  params: ['handle', 'options', 'bytes', 'handles', 'num_bytes', 'num_handles', 'actual_bytes', 'actual_handles'],
  constants: MESSAGE_LIMITS,
  structs: ['zx_handle_info_t'],
  build(ctx, m) {
    const { sc } = m;
    return {
      decls: [CHANNEL_MESSAGE, 'let etcScratch: { bytes: Uint8Array; infos: zx_handle_info_t[] } | undefined;'],
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

export const channelRead: Idiom = {
  name: 'readUntyped',
  params: channelReadEtc.params,
  constants: MESSAGE_LIMITS,
  build(_ctx, m) {
    const { sc } = m;
    return {
      decls: [CHANNEL_MESSAGE, 'let readScratch: { bytes: Uint8Array; handles: Uint32Array } | undefined;'],
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

export const channelCall: Idiom = {
  name: 'call',
  params: ['handle', 'options', 'deadline', 'args', 'actual_bytes', 'actual_handles'],
  constants: [...MESSAGE_LIMITS, 'ZX_TIME_INFINITE'],
  structs: ['zx_channel_call_args_t'],
  build(_ctx, m) {
    const { sc } = m;
    return {
      decls: [CHANNEL_MESSAGE, {
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
          "const handlesRaw = rawsFor(handles, this.syscalls, 'Channel.call()');",
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

