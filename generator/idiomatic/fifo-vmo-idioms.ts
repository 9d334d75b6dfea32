// Idioms of FIFOs and VMOs: a FIFO that remembers its element size (so reads, writes and
// `for await` need no size argument), and vmo_op_range without its unused buffer.
import { stubName } from '../names.js';
import { methodDoc } from './generic.js';
import { status, type Idiom } from './idiom.js';

const ELEM_SIZE_DOC = [
  'The size in bytes of this FIFO\'s elements. `create()` sets it on both endpoints; set it yourself on a FIFO',
  'handle that arrived some other way (a FIFO cannot report its element size).',
].join('\n');

export const fifoCreate: Idiom = {
  name: 'create',
  params: ['elem_count', 'elem_size', 'options', 'out0', 'out1'],
  build(_ctx, m) {
    const { sc } = m;
    const owner = m.owner;
    return {
      properties: [{ name: 'elemSize', type: 'number', initializer: '0', docs: [ELEM_SIZE_DOC] }],
      methods: [{
        name: 'create',
        isStatic: true,
        docs: [methodDoc(sc, [
          `Calls \`${stubName(sc)}\`; any status but ZX_OK throws a {@link ZxError}.`,
          `Returns both endpoints, each a {@link ${owner}} that knows its element size (*elemSize*).`,
          'Pass the process first, or leave it out to use the current process (see `useProcess`).',
        ])],
        parameters: [{
          name: 'args',
          isRestParameter: true,
          type: '[process: ProcessLike, elemCount: number, elemSize: number, options?: number] | [elemCount: number, elemSize: number, options?: number]',
        }],
        returnType: `[${owner}, ${owner}]`,
        statements: [
          'const [syscalls, elemCount, elemSize, options = 0] = withProcess(args);',
          'const out0 = { value: 0 };',
          'const out1 = { value: 0 };',
          `const status = syscalls.${stubName(sc)}(elemCount, elemSize, options, out0, out1);`,
          status(sc),
          `const pair: [${owner}, ${owner}] = [new ${owner}(syscalls, out0.value), new ${owner}(syscalls, out1.value)];`,
          'for (const end of pair) end.elemSize = elemSize;',
          'return pair;',
        ],
      }],
    };
  },
};

export const fifoWrite: Idiom = {
  name: 'write',
  params: ['handle', 'elem_size', 'data', 'count', 'actual_count'],
  build(_ctx, m) {
    const { sc } = m;
    return {
      methods: [{
        name: 'write',
        docs: [methodDoc(sc, [
          `Calls \`${stubName(sc)}\` with *elements*, whole elements of \`elemSize\` bytes laid end to end, and returns`,
          'how many elements were queued (fewer than given when the peer\'s queue fills up).',
          'A full queue throws ZxError ZX_ERR_SHOULD_WAIT; a closed peer throws ZX_ERR_PEER_CLOSED.',
        ])],
        parameters: [{ name: 'elements', type: 'Uint8Array' }],
        returnType: 'number',
        statements: [
          'const handleRaw = rawOf(this);',
          'const actual = { value: 0 };',
          'const count = this.elemSize === 0 ? 0 : Math.floor(elements.length / this.elemSize);',
          `const status = this.syscalls.${stubName(sc)}(handleRaw, this.elemSize, elements, count, actual);`,
          status(sc),
          'return actual.value;',
        ],
      }],
    };
  },
};

export const fifoRead: Idiom = {
  name: 'read',
  params: ['handle', 'elem_size', 'data', 'count', 'actual_count'],
  build(_ctx, m) {
    const { sc } = m;
    return {
      methods: [{
        name: 'read',
        docs: [methodDoc(sc, [
          `Calls \`${stubName(sc)}\` for up to *max* elements (1 by default) and returns their bytes, end to end:`,
          'as many whole elements as were queued. Nothing queued throws ZxError ZX_ERR_SHOULD_WAIT; an empty',
          'queue after the peer closed throws ZX_ERR_PEER_CLOSED.',
        ])],
        parameters: [{ name: 'max', type: 'number', initializer: '1' }],
        returnType: 'Uint8Array',
        statements: [
          'const handleRaw = rawOf(this);',
          'const data = new Uint8Array(max * this.elemSize);',
          'const actual = { value: 0 };',
          `const status = this.syscalls.${stubName(sc)}(handleRaw, this.elemSize, data, max, actual);`,
          status(sc),
          'const n = actual.value * this.elemSize;',
          'return n === data.length ? data : data.slice(0, n);',
        ],
      }],
    };
  },
};

export const vmoOpRange: Idiom = {
  name: 'opRange',
  params: ['handle', 'op', 'offset', 'size', 'buffer', 'buffer_size'],
  build(_ctx, m) {
    const { sc } = m;
    return {
      methods: [{
        name: 'opRange',
        docs: [methodDoc(sc, [`Calls \`${stubName(sc)}\` (its buffer is unused); any status but ZX_OK throws a {@link ZxError}.`])],
        parameters: [{ name: 'op', type: 'number' }, { name: 'offset', type: 'bigint' }, { name: 'size', type: 'bigint' }],
        returnType: 'void',
        statements: [
          'const handleRaw = rawOf(this);',
          `const status = this.syscalls.${stubName(sc)}(handleRaw, op, offset, size, null, 0);`,
          status(sc),
        ],
      }],
    };
  },
};
