// Idioms of jobs and processes: Process.create takes a name string and returns the root VMAR
// as a plain Handle, `process.exited` settles with the return code, getChild returns the
// child's own class.
import { stubName } from '../names.js';
import { methodDoc } from './generic.js';
import { composedDoc, status, type Idiom } from './idiom.js';

export const processCreate: Idiom = {
  name: 'create',
  params: ['job', 'name', 'name_size', 'options', 'proc_handle', 'vmar_handle'],
  constants: ['ZX_PROCESS_TERMINATED', 'ZX_INFO_PROCESS'],
  structs: ['zx_info_process_t'],
  build(_ctx, m) {
    const { sc } = m;
    return {
      methods: [{
        name: 'create',
        isStatic: true,
        docs: [methodDoc(sc, [
          `Calls \`${stubName(sc)}\`; any status but ZX_OK throws a {@link ZxError}. *name* is a string (UTF-8) or bytes.`,
          'Returns the new, unstarted process and its root VMAR (a plain {@link Handle}).',
          'Pass the process first, or leave it out to use the current process (see `useProcess`).',
        ])],
        parameters: [{ name: 'args', isRestParameter: true, type: '[process: ProcessLike, job: Job, name: string | Uint8Array] | [job: Job, name: string | Uint8Array]' }],
        returnType: '[Process, Handle]',
        statements: [
          'const [syscalls, job, name] = withProcess(args);',
          "const bytes = typeof name === 'string' ? new TextEncoder().encode(name) : name;",
          'const procHandle = { value: 0 };',
          'const vmarHandle = { value: 0 };',
          `const status = syscalls.${stubName(sc)}(rawOf(job), bytes, bytes.length, 0, procHandle, vmarHandle);`,
          status(sc),
          'return [new Process(syscalls, procHandle.value), new Handle(syscalls, vmarHandle.value)];',
        ],
      }],
      getAccessors: [{
        name: 'exited',
        docs: [composedDoc([
          'Settles with the return code once the process has died (exit, kill, or its job killed):',
          'waits for **ZX_PROCESS_TERMINATED**, then reads **ZX_INFO_PROCESS**. A process killed reports -1.',
        ], [sc])],
        returnType: 'Promise<bigint>',
        statements: [
          'return this.wait(ZX_PROCESS_TERMINATED).then(() => this.info(ZX_INFO_PROCESS).return_code);',
        ],
      }],
    };
  },
};

export const objectGetChild: Idiom = {
  name: 'getChild',
  params: ['handle', 'koid', 'rights', 'out'],
  constants: ['ZX_RIGHT_SAME_RIGHTS'],
  build(_ctx, m) {
    const { sc } = m;
    return {
      methods: [{
        name: 'getChild',
        docs: [methodDoc(sc, [
          `Calls \`${stubName(sc)}\`; any status but ZX_OK throws a {@link ZxError}.`,
          'Returns the child as an object of its own class (a {@link Job} or a {@link Process}).',
        ])],
        parameters: [{ name: 'koid', type: 'bigint' }, { name: 'rights', type: 'number', initializer: 'ZX_RIGHT_SAME_RIGHTS' }],
        returnType: 'Handle',
        statements: [
          'const out = { value: 0 };',
          `const status = this.syscalls.${stubName(sc)}(rawOf(this), koid, rights, out);`,
          status(sc),
          'return adopt(this.syscalls, out.value);',
        ],
      }],
    };
  },
};

export const jobSetPolicy: Idiom = {
  name: 'setPolicy',
  params: ['handle', 'options', 'topic', 'policy', 'count'],
  structs: ['zx_policy_basic_t'],
  build(_ctx, m) {
    const { sc } = m;
    return {
      methods: [{
        name: 'setPolicy',
        docs: [methodDoc(sc, [
          `Calls \`${stubName(sc)}\`; any status but ZX_OK throws a {@link ZxError}. *policy* is the encoded records`,
          '(`encode_zx_policy_basic_t` or `encode_zx_policy_timer_slack_t`), *count* how many there are.',
        ])],
        parameters: [{ name: 'options', type: 'number' }, { name: 'topic', type: 'number' }, { name: 'policy', type: 'Uint8Array' }, { name: 'count', type: 'number' }],
        returnType: 'void',
        statements: [
          `const status = this.syscalls.${stubName(sc)}(rawOf(this), options, topic, policy, count);`,
          status(sc),
        ],
      }],
    };
  },
};
