// What a spawned process's thread does wherever it runs (a worker_threads Worker under Node, a
// Web Worker in a page): the imports of module "zx", which forward each syscall to the kernel's
// thread through the mailbox (spawn-protocol.ts) and park until it is served; the answers of
// zircon/process.h's startup functions, from the table the kernel sent; captured stdout/stderr;
// and the run itself, from instantiation to the report of how it ended. Only WASI differs by
// host (node:wasi, or browser/wasi.ts), so it comes in as a GuestWasi. No Node API here.
import {
  ARG_I32, ARG_I64, BELL_SEQ, BELL_SLEEPING, DEAD, IDLE, OP, REPLY, REQUEST, RESULT_I32, RESULT_I64, RESULT_KIND,
  RESULT_NONE, RESULT_WIDE, STATE, type WorkerReport, type WorkerStart,
} from './spawn-protocol.js';
import { wasm, type WasmInstance, type WasmMemory } from './wasm-api.js';

/** Unwinds the guest's stack when it exits or is killed; never seen by the guest. */
export class Stop {
  /** `code` is the exit code, or null when the process was killed (the kernel knows already). */
  constructor(readonly code: number | bigint | null) {}
}

/** A host function imported by the guest. */
export type GuestImport = (...args: never[]) => unknown;

/** The WASI preview1 a host gives its guest. */
export interface GuestWasi {
  readonly imports: Record<string, GuestImport>;
  /** Runs the program's `_start`; the exit code, or undefined when it returned without one. */
  start(instance: WasmInstance): number | undefined;
}

/** The mailbox of one process, seen from its own thread. */
export class GuestMailbox {
  private readonly box: Int32Array;
  private readonly wide: BigInt64Array;
  private readonly bell: Int32Array;

  constructor(private readonly start: WorkerStart) {
    this.box = new Int32Array(start.mailbox);
    this.wide = new BigInt64Array(start.mailbox);
    this.bell = new Int32Array(start.doorbell);
  }

  /** One syscall: written, the kernel rung, then parked until the reply (or the process's death). */
  call(op: number, spin: boolean, args: ArrayLike<number | bigint>): number | bigint | undefined {
    const { box, wide, bell } = this;
    box[OP] = op;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (typeof a === 'bigint') wide[ARG_I64 + i] = a;
      else box[ARG_I32 + 2 * i] = a;
    }
    Atomics.store(box, STATE, REQUEST);
    Atomics.add(bell, BELL_SEQ, 1);
    if (Atomics.load(bell, BELL_SLEEPING) !== 0) Atomics.notify(bell, BELL_SEQ);
    let s = Atomics.load(box, STATE);
    if (spin && s === REQUEST) {
      const until = performance.now() + this.start.spinNs / 1e6;
      do {
        for (let k = 0; k < 64 && s === REQUEST; k++) s = Atomics.load(box, STATE);
      } while (s === REQUEST && performance.now() < until);
    }
    while (s === REQUEST) {
      Atomics.wait(box, STATE, REQUEST);
      s = Atomics.load(box, STATE);
    }
    if (s !== REPLY) throw new Stop(null);
    const kind = box[RESULT_KIND];
    const r = kind === RESULT_WIDE ? wide[RESULT_I64] : kind === RESULT_NONE ? undefined : box[RESULT_I32];
    Atomics.store(box, STATE, IDLE);
    return r;
  }

  /** Sleeps up to `ms` between calls; a kill wakes it and stops the guest. */
  sleep(ms: number): void {
    if (ms > 0) Atomics.wait(this.box, STATE, IDLE, ms);
    if (Atomics.load(this.box, STATE) === DEAD) throw new Stop(null);
  }

  /** After the run: a killed process's mailbox says DEAD; leave it so. */
  settle(): void {
    if (Atomics.load(this.box, STATE) !== DEAD) Atomics.store(this.box, STATE, IDLE);
  }
}

type ZxImport = (...a: (number | bigint)[]) => number | bigint | undefined;

/** The imports of module "zx": every syscall through the mailbox, the startup functions answered here. */
export function zxImports(start: WorkerStart, mailbox: GuestMailbox): Record<string, ZxImport> {
  const blocking = new Set(start.blocking);
  const zx: Record<string, ZxImport> = {};
  start.syscalls.forEach((name, op) => {
    const spin = !blocking.has(op);
    zx[name] = (...a) => mailbox.call(op, spin, a);
  });
  // zircon/process.h, served from the startup table (first exact match, taken once).
  const startup = start.startup.map(([info, value]) => ({ info, value }));
  zx['take_startup_handle'] = (info) => {
    const e = startup.find((x) => x.info === (Number(info) >>> 0) && x.value !== 0);
    if (e === undefined) return 0;
    const v = e.value;
    e.value = 0;
    return v;
  };
  zx['process_self'] = () => start.self;
  zx['job_default'] = () => start.job;
  // One thread per process and no VMARs: no handle to give.
  zx['thread_self'] = () => 0;
  zx['vmar_root_self'] = () => 0;
  // The return code is an int64, kept whole: ZX_INFO_PROCESS and `.object.exited` report all of it.
  zx['process_exit'] = (code) => {
    throw new Stop(BigInt.asIntN(64, BigInt(code)));
  };
  return zx;
}

/** The bytes of a WASI iovec array (ciovec: u32 pointer, u32 length), copied out of the guest. */
export function gatherIovecs(memory: WasmMemory, iovs: number, count: number): Uint8Array {
  const dv = new DataView(memory.buffer);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    const ptr = dv.getUint32(iovs + 8 * i, true);
    const len = dv.getUint32(iovs + 8 * i + 4, true);
    parts.push(new Uint8Array(memory.buffer, ptr, len).slice());
    total += len;
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}

type FdWrite = (fd: number, iovs: number, iovsLen: number, nwritten: number) => number;

/** The WASI imports with captured stdio sent to the kernel's thread; other fds keep the host's fd_write. */
function captureOutput(
  imports: Record<string, GuestImport>, start: WorkerStart, report: (r: WorkerReport) => void, memory: () => WasmMemory | undefined,
): Record<string, GuestImport> {
  if (!start.capture.stdout && !start.capture.stderr) return imports;
  const write = imports['fd_write'] as FdWrite;
  const fdWrite: FdWrite = (fd, iovs, iovsLen, nwritten) => {
    const captured = (fd === 1 && start.capture.stdout) || (fd === 2 && start.capture.stderr);
    const m = memory();
    if (!captured || m === undefined) return write(fd, iovs, iovsLen, nwritten);
    const bytes = gatherIovecs(m, iovs, iovsLen);
    report({ kind: 'output', fd: fd as 1 | 2, bytes });
    new DataView(m.buffer).setUint32(nwritten, bytes.length, true);
    return 0;
  };
  return { ...imports, fd_write: fdWrite };
}

/**
 * Runs the process: instantiates the module with `wasi` and the "zx" imports, reports its
 * memory, runs it, and reports how it ended (exit code or fault). A kill reports nothing: the
 * kernel ended the process already.
 */
export function runGuest(start: WorkerStart, report: (r: WorkerReport) => void, mailbox: GuestMailbox, wasi: GuestWasi): void {
  const zx = zxImports(start, mailbox);
  let memory: WasmMemory | undefined;
  const wasiImport = captureOutput(wasi.imports, start, report, () => memory);
  try {
    const missing = wasm.Module.imports(start.module).filter((i) => i.module === 'zx' && !(i.name in zx));
    if (missing.length > 0) throw new Error(`unknown imports of module "zx": ${missing.map((i) => i.name).join(', ')}`);
    const instance = new wasm.Instance(start.module, { wasi_snapshot_preview1: wasiImport, zx });
    memory = instance.exports['memory'] as WasmMemory;
    report({ kind: 'ready', memory });
    const code = wasi.start(instance);
    report({ kind: 'exit', code: code ?? 0 });
  } catch (e) {
    if (e instanceof Stop) {
      report(e.code !== null ? { kind: 'exit', code: e.code } : { kind: 'stopped' });
    } else {
      report({ kind: 'fault', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  } finally {
    mailbox.settle();
  }
}
