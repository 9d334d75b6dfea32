// The thread of one spawned wasm process (a worker_threads Worker): WASI preview1 from node:wasi,
// and the imports of module "zx" that forward each syscall to the kernel's thread through the
// mailbox (runtime/spawn-protocol.ts) and park until it is served. zircon/process.h's startup
// functions are answered here, from the table the kernel sent.
import { parentPort, workerData } from 'node:worker_threads';
import { WASI } from 'node:wasi';
import {
  ARG_I32, ARG_I64, BELL_SEQ, BELL_SLEEPING, DEAD, IDLE, OP, REPLY, REQUEST, RESULT_I32, RESULT_I64, RESULT_KIND,
  RESULT_NONE, RESULT_WIDE, STATE, type WorkerReport, type WorkerStart,
} from '../spawn-protocol.js';
import { wasm, type WasmMemory } from '../wasm-api.js';

const start = workerData as WorkerStart;
const report = (r: WorkerReport): void => parentPort!.postMessage(r);

const box = new Int32Array(start.mailbox);
const wide = new BigInt64Array(start.mailbox);
const bell = new Int32Array(start.doorbell);

/** Unwinds the guest's stack when it exits or is killed; never seen by the guest. */
class Stop {
  constructor(readonly code: number | bigint | null) {}
}

function call(op: number, spin: boolean, args: ArrayLike<number | bigint>): number | bigint | undefined {
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
    const until = performance.now() + start.spinNs / 1e6;
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

const blocking = new Set(start.blocking);
const zx: Record<string, (...a: (number | bigint)[]) => number | bigint | undefined> = {};
start.syscalls.forEach((name, op) => {
  const spin = !blocking.has(op);
  zx[name] = (...a) => call(op, spin, a);
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

const wasi = new WASI({ version: 'preview1', args: [...start.args], env: { ...start.env }, returnOnExit: true });
const wasiImport = { ...(wasi.wasiImport as Record<string, (...a: number[]) => number>) };
let memory: WasmMemory | undefined;
if (start.capture.stdout || start.capture.stderr) {
  const write = wasiImport['fd_write']!;
  // Captured stdio goes to the kernel's thread as messages; other fds keep node:wasi's own write.
  wasiImport['fd_write'] = (fd, iovs, iovsLen, nwritten) => {
    const captured = (fd === 1 && start.capture.stdout) || (fd === 2 && start.capture.stderr);
    if (!captured || memory === undefined) return write(fd, iovs, iovsLen, nwritten);
    const dv = new DataView(memory.buffer);
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let i = 0; i < iovsLen; i++) {
      const ptr = dv.getUint32(iovs + 8 * i, true);
      const len = dv.getUint32(iovs + 8 * i + 4, true);
      parts.push(new Uint8Array(memory.buffer, ptr, len).slice());
      total += len;
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const p of parts) { bytes.set(p, at); at += p.length; }
    report({ kind: 'output', fd: fd as 1 | 2, bytes });
    dv.setUint32(nwritten, total, true);
    return 0;
  };
}

try {
  const missing = wasm.Module.imports(start.module).filter((i: { module: string; name: string }) => i.module === 'zx' && !(i.name in zx));
  if (missing.length > 0) throw new Error(`unknown imports of module "zx": ${missing.map((i: { module: string; name: string }) => i.name).join(', ')}`);
  const instance = new wasm.Instance(start.module, { wasi_snapshot_preview1: wasiImport, zx });
  memory = instance.exports['memory'] as WasmMemory;
  report({ kind: 'ready', memory });
  const code = wasi.start(instance);
  report({ kind: 'exit', code: code ?? 0 });
} catch (e) {
  if (e instanceof Stop) {
    if (e.code !== null) report({ kind: 'exit', code: e.code });
  } else {
    report({ kind: 'fault', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
} finally {
  // A killed process's mailbox says DEAD; leave it so.
  if (Atomics.load(box, STATE) !== DEAD) Atomics.store(box, STATE, IDLE);
}
