// Idioms of Handle: info records, closing many handles, waiting on many.
import { StructureKind } from 'ts-morph';
import { stubName } from '../names.js';
import { methodDoc, type Ctx } from './generic.js';
import { status, type Idiom } from './idiom.js';
import { decoderName } from '../codecs.js';
import { linked } from '../query.js';

/** Info topics with a record struct: ZX_INFO_X -> zx_info_x_t. */
export function infoTopics(ctx: Ctx): { topic: string; struct: string; size: number }[] {
  return ctx.model.constants
    .filter((c) => c.constKind === 'topic')
    .map((c) => ({ topic: c.name, struct: `zx_info_${c.name.replace(/^ZX_INFO_/, '').toLowerCase()}_t` }))
    .map((t) => ({ ...t, def: linked(ctx.model).structs.get(t.struct)?.def }))
    .filter((t) => t.def !== undefined && t.def.fields.every((f) => f.pointer === undefined))
    .map((t) => ({ topic: t.topic, struct: t.struct, size: t.def!.size }));
}

export const objectGetInfo: Idiom = {
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

export const handleCloseMany: Idiom = {
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

export const objectWaitMany: Idiom = {
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

