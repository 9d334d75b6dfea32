// kernel.spawn: a wasm32-wasi program as a process of the kernel, computing on its own thread.
// Its syscalls arrive through its mailbox (spawn-protocol.ts) and are served on the kernel's
// thread by the generated host bindings (generated/wasm-imports.ts), straight on the guest's
// shared memory, through the same generated wrappers as a TypeScript process's calls. A blocking
// call parks only the guest's thread: the kernel answers when the wrapper's promise settles.
// Nothing here is Node-specific; starting a thread is the ThreadHost's job (node/worker-host.ts,
// browser/thread-host.ts).
import { PA_USER0 as PA_USER0_VALUE } from '../generated/constants.js';
import { createWasmSyscalls, WASM_SYSCALLS } from '../generated/wasm-imports.js';
import { GuestMemory, isWide, type WasmCall, type WasmResult } from '../support/wasm.js';
import { browserThreads } from './browser/thread-host.js';
import type { Kernel } from './kernel.js';
import { Process } from './process.js';
import { jobForNewProcess } from './process-placement.js';
import {
  ARG_I32, ARG_I64, BELL_SEQ, BELL_SLEEPING, DEAD, DOORBELL_BYTES, EXIT_FAULT, EXIT_KILLED, GUEST_SPIN_NS, KERNEL_SPIN_MS, MAILBOX_BYTES, OP, REPLY,
  REQUEST, RESULT_I32, RESULT_I64, RESULT_KIND, RESULT_NONE, RESULT_STATUS, RESULT_WIDE, STATE, YIELD_MS, type WorkerReport, type WorkerStart,
} from './spawn-protocol.js';
import { isWasmModule, waitAsync, wasm, type WasmModule } from './wasm-api.js';
import { withSharedMemory } from './wasm-module.js';

export { EXIT_FAULT, EXIT_KILLED } from './spawn-protocol.js';

/** A started process thread, as the kernel controls it. */
export interface ProcessThread {
  terminate(): void;
}

/** How threads are started where the kernel runs (Node: runtime/node/worker-host.ts; a page: runtime/browser/thread-host.ts). */
export interface ThreadHost {
  start(data: WorkerStart, onReport: (r: WorkerReport) => void, onGone: (error: Error | null) => void): Promise<ProcessThread>;
  /** Resolves after pending events (timers, messages) have run. */
  yieldToEvents(): Promise<void>;
}

/** Where a spawned process's stdout or stderr goes: this process's own, or a callback. */
export type Output = 'inherit' | ((bytes: Uint8Array) => void);

/** A handle to move from a process into the new one as a startup handle. */
export interface StartupHandle {
  /** The info word `zx_take_startup_handle` finds it by, e.g. PA_HND(PA_USER0, 0). */
  readonly id: number;
  readonly handle: number;
  readonly from: Process;
}

/** Options of `kernel.spawn(program, options)`. */
export interface SpawnOptions {
  readonly name: string;
  /** argv after argv[0], which is `name`. */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly handles?: readonly StartupHandle[];
  readonly stdout?: Output;
  readonly stderr?: Output;
  /** Starts the thread; by default Node's worker_threads under Node, Web Workers in a page. */
  readonly host?: ThreadHost;
}

/** PA_HND(type, arg) of <zircon/processargs.h>: the type in bits 0-7, the argument in 16-31. */
export const PA_HND = (type: number, arg: number): number => ((type & 0xff) | ((arg & 0xffff) << 16)) >>> 0;
/** The handle type for ad-hoc parent-child protocols, from the definitions (defs/types.yaml). */
export const PA_USER0 = PA_USER0_VALUE;


/** The calls of every op for one process, with which arguments are 64-bit. */
const OPS = WASM_SYSCALLS.map((d) => ({ name: d.name, wide: (d.params ?? []).map((p) => p.is === 'scalar' && isWide(p.scalar)) }));
const BLOCKING = WASM_SYSCALLS.flatMap((d, i) => (d.returns === 'promise' ? [i] : []));

/**
 * A process running a wasm32-wasi program on its own thread. It is a {@link Process} like any
 * other: its handles are in its table, other processes reach it over channels.
 */
export class WasmProcess extends Process {
  // `exited` (from Process) settles with the return code: what main returned or
  // exit()/zx_process_exit() gave, EXIT_KILLED after kill(), EXIT_FAULT after a fault, or the
  // code a kernel-side kill gives (zx_task_kill on its handle: -1).
  /** Why the process faulted (a trap's message), when it did. */
  fault: string | undefined;
  /** @internal */ readonly mailbox: Int32Array = new Int32Array(new SharedArrayBuffer(MAILBOX_BYTES));
  /** @internal */ readonly mailboxWide: BigInt64Array = new BigInt64Array(this.mailbox.buffer);
  /** @internal */ memory: GuestMemory | undefined;
  /** @internal */ pending = false;
  /** @internal */ readonly calls: readonly WasmCall[];
  private thread: ProcessThread | undefined;
  private done = false;
  /** Set by {@link faultAfterOutput}: the fault to end with once the thread has stopped. */
  private stopping: { readonly message: string; readonly timer: ReturnType<typeof setTimeout> } | undefined;

  constructor(kernel: Kernel, name: string, private readonly server: SyscallServer) {
    super(kernel, name, { dataModel: 'wasm32' }, { job: jobForNewProcess(kernel, {}), started: true });
    // Killed from inside the kernel (zx_task_kill, its job killed): the thread stops too.
    void this.object.exited.then(() => this.end(EXIT_KILLED));
    const byName = createWasmSyscalls(this.syscalls);
    this.calls = WASM_SYSCALLS.map((d) => byName.get(d.name)!);
  }

  /** Stop the process wherever it is (computing, or parked in a syscall); `exited` gives EXIT_KILLED. */
  kill(): void {
    this.end(EXIT_KILLED);
  }

  /** @internal */ attach(thread: ProcessThread): void {
    if (this.done) thread.terminate();
    else this.thread = thread;
  }

  /** @internal */ get alive(): boolean {
    return !this.done;
  }

  /**
   * The end, whatever caused it: the thread is stopped and the process object exits with `code`
   * (unless the kernel killed it already), which closes every handle of the process (peers see
   * PEER_CLOSED, waits through them are cancelled) and settles `exited`.
   */
  /** @internal */ end(code: number | bigint, fault?: string): void {
    if (this.done) return;
    this.done = true;
    if (this.stopping !== undefined) clearTimeout(this.stopping.timer);
    if (fault !== undefined) this.fault = fault;
    Atomics.store(this.mailbox, STATE, DEAD);
    Atomics.notify(this.mailbox, STATE);
    this.thread?.terminate();
    this.server.remove(this);
    this.object.exit(BigInt(code));
  }

  /**
   * A fault the kernel found in a syscall of the parked guest (a bad buffer to a call with no
   * status to return, a bad op): its mailbox says DEAD, so the guest unwinds and reports
   * 'stopped' after every output it wrote before the call; then the process ends with EXIT_FAULT.
   * Ending at once would lose that output, still in flight to this thread. A thread that does not
   * answer within a second is ended anyway.
   */
  /** @internal */ faultAfterOutput(message: string): void {
    if (this.done || this.stopping !== undefined) return;
    this.stopping = { message, timer: setTimeout(() => this.end(EXIT_FAULT, message), 1000) };
    this.server.remove(this);
    Atomics.store(this.mailbox, STATE, DEAD);
    Atomics.notify(this.mailbox, STATE);
  }

  /** @internal */ stopped(): void {
    if (this.stopping !== undefined) this.end(EXIT_FAULT, this.stopping.message);
  }

  /** @internal */ gone(error: Error | null): void {
    this.end(EXIT_FAULT, this.stopping?.message ?? (error ? error.message : 'the process thread ended without a word'));
  }
}

/** Serves the mailboxes of one kernel's wasm processes on the kernel's thread. */
class SyscallServer {
  private readonly procs = new Set<WasmProcess>();
  readonly doorbell = new SharedArrayBuffer(DOORBELL_BYTES);
  private readonly bell = new Int32Array(this.doorbell);
  private running = false;

  constructor(private readonly host: ThreadHost) {}

  add(p: WasmProcess): void {
    this.procs.add(p);
    if (!this.running) {
      this.running = true;
      void this.loop();
    }
  }

  remove(p: WasmProcess): void {
    this.procs.delete(p);
    this.ring();
  }

  /** Wake the loop (a process became ready, or left). */
  ring(): void {
    Atomics.add(this.bell, BELL_SEQ, 1);
    Atomics.notify(this.bell, BELL_SEQ);
  }

  private async loop(): Promise<void> {
    let busySince = performance.now();
    while (this.procs.size > 0) {
      const seen = Atomics.load(this.bell, BELL_SEQ);
      for (const p of this.procs) if (!p.pending && p.memory !== undefined && Atomics.load(p.mailbox, STATE) === REQUEST) this.serve(p);
      if (performance.now() - busySince > YIELD_MS) {
        await this.host.yieldToEvents();
        busySince = performance.now();
      }
      // Poll while calls keep coming: each hop lets settled waits answer their guests.
      const until = performance.now() + KERNEL_SPIN_MS;
      let rung = false;
      while (!rung && performance.now() < until) {
        await null;
        rung = Atomics.load(this.bell, BELL_SEQ) !== seen;
      }
      if (rung) continue;
      Atomics.store(this.bell, BELL_SLEEPING, 1);
      const w = waitAsync(this.bell, BELL_SEQ, seen);
      if (w.async) await w.value;
      Atomics.store(this.bell, BELL_SLEEPING, 0);
      busySince = performance.now();
    }
    this.running = false;
  }

  private serve(p: WasmProcess): void {
    const box = p.mailbox;
    const op = box[OP]!;
    const d = OPS[op];
    if (d === undefined) return p.faultAfterOutput(`syscall op ${op} out of range`);
    const args = new Array<number | bigint>(d.wide.length);
    for (let i = 0; i < d.wide.length; i++) args[i] = d.wide[i] ? p.mailboxWide[ARG_I64 + i]! : box[ARG_I32 + 2 * i]!;
    let r: WasmResult;
    try {
      r = p.calls[op]!(p.memory!, args);
    } catch (e) {
      return p.faultAfterOutput(`zx_${d.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (r instanceof Promise) {
      p.pending = true;
      r.then(
        (st) => { p.pending = false; reply(p, st); },
        (e: unknown) => p.faultAfterOutput(`zx_${d.name}: ${e instanceof Error ? e.message : String(e)}`),
      );
    } else {
      reply(p, r);
    }
  }
}

function reply(p: WasmProcess, r: number | bigint | undefined): void {
  if (!p.alive) return;
  const box = p.mailbox;
  if (typeof r === 'bigint') {
    box[RESULT_KIND] = RESULT_WIDE;
    p.mailboxWide[RESULT_I64] = r;
  } else if (r === undefined) {
    box[RESULT_KIND] = RESULT_NONE;
  } else {
    box[RESULT_KIND] = RESULT_STATUS;
    box[RESULT_I32] = r;
  }
  Atomics.store(box, STATE, REPLY);
  Atomics.notify(box, STATE);
}

const servers = new WeakMap<Kernel, SyscallServer>();
let hostLoading: Promise<ThreadHost> | undefined;

/** Whether the kernel runs under Node (which has worker_threads), rather than in a page. */
function underNode(): boolean {
  return typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node === 'string';
}

/**
 * The thread host where the kernel runs: Node's worker_threads under Node (loaded on first use,
 * by a computed specifier, so bundlers for browsers leave it alone and the rest of the runtime
 * stays free of Node), Web Workers in a page (browser/thread-host.ts).
 */
function defaultHost(): Promise<ThreadHost> {
  if (hostLoading === undefined) {
    const spec = './node/worker-host.js';
    hostLoading = underNode()
      ? (import(/* @vite-ignore */ spec) as Promise<{ nodeThreads: ThreadHost }>).then((m) => m.nodeThreads)
      : Promise.resolve(browserThreads);
  }
  return hostLoading;
}

async function compile(program: ArrayBuffer | ArrayBufferView | WasmModule): Promise<WasmModule> {
  if (isWasmModule(program)) return program;
  const bytes = program instanceof ArrayBuffer ? new Uint8Array(program) : new Uint8Array(program.buffer, program.byteOffset, program.byteLength);
  return wasm.compile(withSharedMemory(bytes));
}

/** Captured output to its callback; 'inherit' output never comes here (the guest writes it to the host's fds). */
function deliver(out: Output | undefined, bytes: Uint8Array): void {
  if (typeof out === 'function') out(bytes);
}

/** kernel.spawn: see {@link SpawnOptions} and {@link WasmProcess}. */
export function spawn(kernel: Kernel, program: ArrayBuffer | ArrayBufferView | WasmModule, options: SpawnOptions): WasmProcess {
  // A page has SharedArrayBuffer only when cross-origin isolated; say so rather than fail on the name.
  if (typeof SharedArrayBuffer === 'undefined') {
    throw new Error('kernel.spawn: no SharedArrayBuffer here; a page must be cross-origin isolated (Cross-Origin-Opener-Policy: same-origin, Cross-Origin-Embedder-Policy: require-corp)');
  }
  const hostReady = options.host ? Promise.resolve(options.host) : defaultHost();
  let server = servers.get(kernel);
  const p = new WasmProcess(kernel, options.name, (server ??= new SyscallServer(options.host ?? lazyHost(hostReady))));
  servers.set(kernel, server);
  // Startup handles move now, so a bad one throws here and nothing is left half-done.
  const startup: [number, number][] = [];
  try {
    for (const s of options.handles ?? []) startup.push([s.id >>> 0, s.from.transferHandle(s.handle, p)]);
  } catch (e) {
    p.end(EXIT_FAULT, e instanceof Error ? e.message : String(e));
    throw e;
  }
  const srv = server;
  void (async () => {
    try {
      const [host, module] = await Promise.all([hostReady, compile(program)]);
      if (!p.alive) return;
      const data: WorkerStart = {
        module,
        mailbox: p.mailbox.buffer as SharedArrayBuffer,
        doorbell: srv.doorbell,
        syscalls: OPS.map((o) => o.name),
        blocking: BLOCKING,
        args: [options.name, ...(options.args ?? [])],
        env: options.env ?? {},
        startup,
        self: p.self,
        job: p.job,
        capture: { stdout: typeof options.stdout === 'function', stderr: typeof options.stderr === 'function' },
        spinNs: GUEST_SPIN_NS,
      };
      const thread = await host.start(
        data,
        (r) => {
          switch (r.kind) {
            case 'ready':
              p.memory = new GuestMemory(r.memory);
              srv.add(p);
              srv.ring();
              break;
            case 'output': deliver(r.fd === 1 ? options.stdout : options.stderr, r.bytes); break;
            case 'exit': p.end(BigInt(r.code)); break;
            case 'fault': p.end(EXIT_FAULT, r.message); break;
            case 'stopped': p.stopped(); break;
          }
        },
        (err) => p.gone(err),
      );
      p.attach(thread);
    } catch (e) {
      p.end(EXIT_FAULT, e instanceof Error ? e.message : String(e));
    }
  })();
  return p;
}

/** A host whose yield waits for the real host to load (the server is made before it is). */
function lazyHost(ready: Promise<ThreadHost>): ThreadHost {
  return {
    start: async (data, onReport, onGone) => (await ready).start(data, onReport, onGone),
    yieldToEvents: async () => (await ready).yieldToEvents(),
  };
}
