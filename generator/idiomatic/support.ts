// The fixed parts of generated/zx.ts: handle-object bookkeeping (live, closed, transferred),
// the error class with its table of page texts, abort plumbing, and the signal wait built on
// a private port. Emitted as text, type-checked with the rest of the generated file.
import { type ClassDeclarationStructure, type MethodDeclarationStructure, type OptionalKind } from 'ts-morph';
import type { Model, SyscallDef } from '../model.js';
import { stubName } from '../names.js';
import { linked } from '../query.js';

/** Handle bookkeeping shared by every class; module-private so no caller can forge a state. */
export const HANDLE_SUPPORT = `/** A process's syscalls, or anything that carries them (a Process, another Handle). */
export type ProcessLike = Syscalls | { readonly syscalls: Syscalls };

/** The syscalls of a ProcessLike. */
function syscallsOf(process: ProcessLike): Syscalls {
  return 'syscalls' in process ? process.syscalls : process;
}

function isProcessLike(v: unknown): v is ProcessLike {
  return typeof v === 'object' && v !== null && ('syscalls' in v || 'zx_handle_close' in v);
}

let current: Syscalls | undefined;
let makeDefault: (() => ProcessLike) | undefined;

/**
 * Make \`process\` the current process: the one \`Socket.create(options)\` and the other creators
 * use when no process is passed, as Zircon code creates objects in the process it runs in.
 */
export function useProcess(process: ProcessLike): void {
  current = syscallsOf(process);
}

/** Where the current process comes from until useProcess() is called (zxkit's entry sets it). */
export function setDefaultProcess(factory: () => ProcessLike): void {
  makeDefault = factory;
}

/** The current process's syscalls. */
export function currentProcess(): Syscalls {
  if (current === undefined) {
    if (makeDefault === undefined) throw new Error('no current process: call useProcess(kernel.createProcess()) or pass a process');
    current = syscallsOf(makeDefault());
  }
  return current;
}

/** Split a creator's arguments into the process (given, or the current one) and the rest. */
function withProcess<R extends unknown[]>(args: [ProcessLike, ...R] | R): [Syscalls, ...R] {
  if (isProcessLike(args[0])) return [syscallsOf(args[0]), ...(args.slice(1) as R)];
  return [currentProcess(), ...(args as R)];
}

/** Why a handle object can no longer be used. */
type Released = 'closed' | 'transferred' | 'replaced';

interface HandleSlot {
  readonly raw: number;
  state: 'live' | Released;
  /** Cleanups of pending waits, run while the value is still good, just before it goes. */
  hooks: Set<() => void> | null;
}

let slotOf: (h: Handle) => HandleSlot;

/** The value of a live handle object; a closed or transferred one throws, never passes a stale value. */
function rawOf(h: Handle): number {
  const s = slotOf(h);
  if (s.state !== 'live') throw new Error(\`\${h.constructor.name}: handle was \${s.state}; this object can no longer be used\`);
  return s.raw;
}

/** Mark a handle object consumed by the syscall about to run; its pending waits end first. */
function release(h: Handle, state: Released): number {
  const raw = rawOf(h);
  const s = slotOf(h);
  const hooks = s.hooks;
  s.hooks = null;
  if (hooks !== null) for (const hook of hooks) hook();
  s.state = state;
  return raw;
}

/** release() each live object of \`hs\` (a repeated object is consumed once). */
function releaseAll(hs: readonly Handle[], state: Released): void {
  for (const h of hs) if (slotOf(h).state === 'live') release(h, state);
}

/** Run \`hook\` just before \`h\` is closed or transferred through this layer; returns its removal. */
function onRelease(h: Handle, hook: () => void): () => void {
  const s = slotOf(h);
  (s.hooks ??= new Set()).add(hook);
  return () => void s.hooks?.delete(hook);
}

/** A new object of the same class as \`h\`, for a handle to the same object. */
function sameKind<T extends Handle>(h: T, raw: number): T {
  return new (h.constructor as new (process: ProcessLike, raw: number) => T)(h.syscalls, raw);
}

/** What an aborted signal rejects with: its reason when that is an AbortError, TimeoutError or ZxError. */
function abortError(signal: AbortSignal): unknown {
  const r: unknown = signal.reason;
  if (r instanceof ZxError || (r instanceof DOMException && (r.name === 'AbortError' || r.name === 'TimeoutError'))) return r;
  return new DOMException('The operation was aborted.', 'AbortError');
}`;

/** Page text of one error, as a message quotes it: one line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function errorSupport(model: Model, syscalls: readonly SyscallDef[]): string {
  const rows = syscalls.map((sc) => {
    const entries = sc.errors.map((e) => {
      const value = linked(model).constants.get(e.status)?.value;
      return `    [${String(value)}]: ${JSON.stringify(oneLine(e.text))},`;
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

/** Handle's own members: the constructor, the value, validity, ownership transfer and disposal. */
export function handleCore(): Pick<ClassDeclarationStructure, 'properties' | 'staticBlocks' | 'ctors' | 'getAccessors'> & { methods: OptionalKind<MethodDeclarationStructure>[] } {
  return {
    properties: [
      { name: 'objectType', isStatic: true, isReadonly: true, type: 'number', initializer: 'ZX_OBJ_TYPE_NONE', docs: ['The ZX_OBJ_TYPE_* of the objects this class stands for (ZX_OBJ_TYPE_NONE: any).'] },
      { name: 'syscalls', isReadonly: true, type: 'Syscalls', docs: ['The syscalls of the process that owns the handle.'] },
      { name: '#slot', isReadonly: true, type: 'HandleSlot' },
    ],
    staticBlocks: [{ statements: ['slotOf = (h) => h.#slot;'] }],
    ctors: [{
      docs: ['Adopt *raw*, a handle value of the process behind *process*: this object now owns it, and closes it on dispose.'],
      parameters: [{ name: 'process', type: 'ProcessLike' }, { name: 'raw', type: 'number' }],
      statements: ['this.syscalls = syscallsOf(process);', "this.#slot = { raw, state: 'live', hooks: null };"],
    }],
    getAccessors: [
      { name: 'raw', returnType: 'number', docs: ['The handle value. Throws once this object was closed, transferred or replaced.'], statements: ['return rawOf(this);'] },
      { name: 'isValid', returnType: 'boolean', docs: ['False once this object was closed, transferred or replaced.'], statements: ["return slotOf(this).state === 'live';"] },
    ],
    methods: [
      {
        name: 'intoRaw',
        docs: ['Give up ownership: returns the value and marks this object transferred (it will not close the handle).'],
        returnType: 'number',
        statements: ["return release(this, 'transferred');"],
      },
      {
        name: '[Symbol.dispose]',
        docs: ['Close the handle unless it was already closed or transferred (`using h = ...`).'],
        returnType: 'void',
        statements: ['if (this.isValid) this.close();'],
      },
      {
        name: 'toString',
        docs: ['`Socket(0x1a2b)` while live, `Socket(closed)` (or transferred, replaced) after.'],
        returnType: 'string',
        statements: ["const s = slotOf(this);", "return `${this.constructor.name}(${s.state === 'live' ? `0x${s.raw.toString(16)}` : s.state})`;"],
      },
    ],
  };
}

