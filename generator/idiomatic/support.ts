// The parts of generated/zx.ts that depend on the model around the code it imports from
// support/idiomatic.ts: the layer's process bindings, the error class with its table of page
// texts, and the Handle class's own members over HandleBase.
import { type ClassDeclarationStructure, type MethodDeclarationStructure, type OptionalKind } from 'ts-morph';
import type { SyscallDef } from '../model.js';
import { stubName } from '../names.js';

/** What zx.ts may import from support/idiomatic.ts; the file imports those it uses. */
export const SUPPORT_EXPORTS = ['HandleBase', 'syscallsOf', 'ProcessScope', 'rawOf', 'rawFor', 'rawsFor', 'release', 'releaseAll', 'onRelease', 'sameKind', 'abortErrors', 'signalWait'] as const;

/**
 * The layer's bindings of support/idiomatic.ts: its ProcessLike, its current process (public
 * API, so always there) and, when `used` names them, withProcess and abortError.
 */
export function processSupport(used: ReadonlySet<string>): string {
  return [
    '/** A process\'s syscalls, or anything that carries them (a Process, another Handle). */',
    'export type ProcessLike = ProcessOf<Syscalls>;',
    '',
    "const processes = new ProcessScope<Syscalls>('zx_handle_close');",
    '',
    '/**',
    ' * Make `process` the current process: the one `Socket.create(options)` and the other creators',
    ' * use when no process is passed, as Zircon code creates objects in the process it runs in.',
    ' */',
    'export const useProcess: (process: ProcessLike) => void = processes.useProcess;',
    '',
    '/** Where the current process comes from until useProcess() is called (zxkit\'s entry sets it). */',
    'export const setDefaultProcess: (factory: () => ProcessLike) => void = processes.setDefaultProcess;',
    '',
    '/** The current process\'s syscalls. */',
    'export const currentProcess: () => Syscalls = processes.currentProcess;',
    ...(used.has('withProcess') ? ['', 'const withProcess = processes.withProcess;'] : []),
    ...(used.has('abortError') ? ['', '/** What an aborted signal rejects with: its reason when that is an AbortError, TimeoutError or ZxError. */', 'const abortError = abortErrors((r) => r instanceof ZxError);'] : []),
    '',
  ].join('\n');
}

/** Page text of one error, as a message quotes it: one line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function errorSupport(syscalls: readonly SyscallDef[]): string {
  const rows = syscalls.map((sc) => {
    const entries = sc.errors.map((e) => {
      return `    [${e.status}]: ${JSON.stringify(oneLine(e.text))},`;
    });
    return `  ${stubName(sc)}: {\n${entries.join('\n')}\n  },`;
  });
  return `/** The ERRORS text of each syscall's page, by status: what a ZxError quotes. */
const ERROR_TEXT: Readonly<Partial<Record<keyof Syscalls, Readonly<Record<number, string>>>>> = {
${rows.join('\n')}
};

/**
 * A syscall returned a status other than ZX_OK. \`status\` is the zx_status_t, \`name\` its constant
 * name (ZX_ERR_PEER_CLOSED), \`syscall\` the stub that returned it (zx_socket_write), and the
 * message quotes that syscall's page for the status.
 */
export class ZxError extends Error {
  readonly status: number;
  readonly syscall: keyof Syscalls;
  override readonly name: string;

  constructor(status: number, syscall: keyof Syscalls, detail?: string) {
    const name = ZX_STATUS_NAMES[status] ?? \`status \${status}\`;
    const text = detail ?? ZxError.pageText(syscall, status);
    super(\`\${syscall} returned \${name}\${text === undefined ? '' : \`: \${text}\`}\`);
    this.status = status;
    this.syscall = syscall;
    this.name = name;
  }

  /** The text \`syscall\`'s page gives for \`status\`, if it documents it. */
  static pageText(syscall: keyof Syscalls, status: number): string | undefined {
    return ERROR_TEXT[syscall]?.[status];
  }
}`;
}

/** Handle's own members (the value, validity and ownership transfer are HandleBase's): its object type and disposal. */
export function handleCore(): Pick<ClassDeclarationStructure, 'properties'> & { methods: OptionalKind<MethodDeclarationStructure>[] } {
  return {
    properties: [
      { name: 'objectType', isStatic: true, isReadonly: true, type: 'number', initializer: 'ZX_OBJ_TYPE_NONE', docs: ['The ZX_OBJ_TYPE_* of the objects this class stands for (ZX_OBJ_TYPE_NONE: any).'] },
    ],
    methods: [
      {
        name: '[Symbol.dispose]',
        docs: ['Close the handle unless it was already closed or transferred (`using h = ...`).'],
        returnType: 'void',
        statements: ['if (this.isValid) this.close();'],
      },
    ],
  };
}
