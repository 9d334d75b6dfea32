// Idioms of the debug log: writing text or bytes, and reading a record decoded into its
// header and its data.
import { StructureKind } from 'ts-morph';
import { stubName } from '../names.js';
import { decoderName } from '../codecs.js';
import { linked } from '../query.js';
import { methodDoc } from './generic.js';
import { status, type Idiom } from './idiom.js';

export const debuglogWrite: Idiom = {
  name: 'write',
  params: ['handle', 'options', 'buffer', 'buffer_size'],
  build(_ctx, m) {
    const { sc } = m;
    return {
      methods: [{
        name: 'write',
        docs: [methodDoc(sc, [
          `Calls \`${stubName(sc)}\` with *data* as one record (a string is written as UTF-8) and *options*`,
          'as its flags (0 by default).',
        ])],
        parameters: [{ name: 'data', type: 'Uint8Array | string' }, { name: 'options', type: 'number', initializer: '0' }],
        returnType: 'void',
        statements: [
          'const handleRaw = rawOf(this);',
          "const buffer = typeof data === 'string' ? new TextEncoder().encode(data) : data;",
          `const status = this.syscalls.${stubName(sc)}(handleRaw, options, buffer, buffer.length);`,
          status(sc),
        ],
      }],
    };
  },
};

export const debuglogRead: Idiom = {
  name: 'read',
  params: ['handle', 'options', 'buffer', 'buffer_size'],
  constants: ['ZX_LOG_RECORD_MAX'],
  structs: ['zx_log_record_t'],
  build(ctx, m) {
    const { sc } = m;
    const header = linked(ctx.model).struct('zx_log_record_t').def.size;
    return {
      decls: [{
        kind: StructureKind.Interface, isExported: true, name: 'LogRecord',
        docs: ['A record of the kernel log: its header, and its data (a copy).'],
        properties: [{ name: 'header', type: 'zx_log_record_t' }, { name: 'data', type: 'Uint8Array' }],
      }],
      methods: [{
        name: 'read',
        docs: [methodDoc(sc, [
          `Calls \`${stubName(sc)}\` and returns the next record, decoded. Nothing waiting throws ZxError`,
          'ZX_ERR_SHOULD_WAIT; a log created without ZX_LOG_FLAG_READABLE throws ZX_ERR_ACCESS_DENIED.',
        ])],
        parameters: [],
        returnType: 'LogRecord',
        statements: [
          'const handleRaw = rawOf(this);',
          'const buffer = new Uint8Array(ZX_LOG_RECORD_MAX);',
          `const status = this.syscalls.${stubName(sc)}(handleRaw, 0, buffer, buffer.length);`,
          `if (status < 0) throw new ZxError(status, '${stubName(sc)}');`,
          `const header = ${decoderName('zx_log_record_t')}(buffer);`,
          `return { header, data: buffer.slice(${header}, ${header} + header.datalen) };`,
        ],
      }],
    };
  },
};
