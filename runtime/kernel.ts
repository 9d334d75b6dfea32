// The kernel: koid counter, monotonic clock, handle arena, port packet pool, and the work queue
// that runs zero-handles processing iteratively (destruction cascades never recurse).
import { HostClock, VirtualClock, type Cancel, type Clock } from './clock.js';
import { HandleArena } from './handle-arena.js';
import { hostTestMode } from './host.js';
import type { Handle } from './handle.js';
import type { KernelObject } from './kernel-object.js';
import { JobObject } from './objects/job.js';
import { PacketPool } from './objects/port-packet.js';
import { Process, type ProcessOptions } from './process.js';
import { takeSnapshot, type KernelSnapshot } from './snapshot.js';
import { SyscallTrace, type SyscallListener } from './syscall-trace.js';
import { spawn, type SpawnOptions, type WasmProcess } from './spawn.js';
import type { WasmModule } from './wasm-api.js';
import { jobForNewProcess } from './process-placement.js';
import { LogRing, type LogRecord } from './objects/debuglog.js';
import { systemInfo, type SystemInfo, type SystemOptions } from './system-info.js';

/** Koids 0 (invalid) and 1 (kernel) are reserved; objects count up from 1024 (spec §1.9). */
const FIRST_KOID = 1024;

/** Live counts, for leak checks: `kernel.stats()`. */
export interface KernelStats {
  /**
   * Live kernel objects: those with handles, plus the root job, running processes and jobs
   * with live children. A new kernel has 1 (its root job); each `createProcess` adds its process.
   */
  readonly objects: number;
  /**
   * Live handles, including handles in transit (channel messages, socket accept queues) and
   * each process's two startup handles (`process.self`, `process.job`).
   */
  readonly handles: number;
  /** User packets taken from the global pool (queued in ports or being delivered). */
  readonly userPackets: number;
}

/** Options of `new Kernel(options)`. */
export interface KernelOptions {
  /**
   * Default for every process's wrappers: throw when a syscall returns a status its definition
   * does not document. Defaults to true when ZXKIT_TEST_MODE is "1" (the environment variable, or
   * a global of that name in a browser page).
   */
  readonly testMode?: boolean;
  /**
   * The kernel's monotonic clock, which every deadline, timer and sleep follows: `'host'` (the
   * default) reads the host's `performance.now()`; `'virtual'` is a {@link VirtualClock} that
   * starts at 1 ms and moves only by `kernel.advanceTime(ns)`, so tests of time never sleep;
   * any other {@link Clock} (a VirtualClock shared by several kernels, say) is used as given.
   */
  readonly clock?: 'host' | 'virtual' | Clock;
  /** What the `zx_system_get_*` calls report (defaults: {@link SystemOptions}). */
  readonly system?: SystemOptions;
  /** The UTC offset `zx_clock_get(ZX_CLOCK_UTC)` adds to monotonic time, in ns: 0 by default. */
  readonly utcOffset?: bigint;
  /**
   * Echo each debuglog record as it is written: `true` prints it with `console.log`
   * (`[timestamp] pid: text`), a function receives it. Off by default; `kernel.log()` reads
   * the records either way.
   */
  readonly echoLog?: boolean | ((record: LogRecord) => void);
}

/** The line `echoLog: true` prints for a record. */
function printRecord(r: LogRecord): void {
  console.log(`[${r.timestamp}] ${r.pid}: ${new TextDecoder().decode(r.data)}`);
}

/**
 * The kernel: processes, the handle arena, koids, the monotonic clock, and the queue that
 * destroys objects whose last handle closed. One kernel is one isolated system; its processes
 * exchange handles over channels.
 */
export class Kernel {
  /** Every handle of every process, and those in transit. */
  readonly arena = new HandleArena();
  /** The pool zx_port_queue takes user packets from. */
  readonly packetPool = new PacketPool();
  private nextKoid = FIRST_KOID;
  private liveObjects = 0;
  /** The clock of every deadline: `now()` reads it. */
  readonly clock: Clock;
  /** The values of the system_get_* calls. */
  readonly system: SystemInfo;
  /** `zx_clock_get(ZX_CLOCK_UTC)` minus monotonic time. */
  readonly utcOffset: bigint;
  /** The debug log, shared by every log object of this kernel. */
  readonly logRing: LogRing;
  /** Objects whose handle count reached zero, waiting for their zero-handles processing. */
  private readonly zeroQueue: KernelObject[] = [];
  private draining = false;
  private readonly testMode: boolean;
  /** The processes of this kernel not yet dead, in creation order (for snapshot() and onSyscall()). */
  private readonly processList = new Set<Process>();
  /** Made at the first onSyscall(); until then no syscall is wrapped. */
  private trace: SyscallTrace | null = null;

  /** The root of the job tree (`<superroot>`): every process lives in it or below it. */
  readonly rootJob: JobObject;

  constructor(options: KernelOptions = {}) {
    this.testMode = options.testMode ?? hostTestMode();
    this.rootJob = JobObject.root(this);
    const clock = options.clock ?? 'host';
    this.clock = clock === 'host' ? new HostClock() : clock === 'virtual' ? new VirtualClock() : clock;
    this.system = systemInfo(options.system);
    this.utcOffset = options.utcOffset ?? 0n;
    const echo = options.echoLog ?? false;
    this.logRing = new LogRing(echo === true ? printRecord : echo === false ? null : echo);
  }

  /** Monotonic time in ns on the kernel's clock (absolute deadlines are on this clock). */
  now(): bigint {
    return this.clock.now();
  }

  /** Run `fire` once the kernel's clock reaches `deadline` (the kernel is the Clock its objects use). */
  schedule(deadline: bigint, fire: () => void): Cancel {
    return this.clock.schedule(deadline, fire);
  }

  /**
   * Move a virtual clock forward by `ns`, firing the timers, sleeps and wait deadlines that
   * fall due on the way, in order (their promises settle once the caller awaits). Throws on a
   * kernel whose clock is not a {@link VirtualClock}.
   */
  advanceTime(ns: bigint): void {
    if (!(this.clock instanceof VirtualClock)) throw new Error("kernel.advanceTime: this kernel runs on the host's clock; create it with new Kernel({ clock: 'virtual' })");
    this.clock.advance(ns);
  }

  /** The debug log's records still in its ring, oldest first (what readable log objects read). */
  log(): LogRecord[] {
    return this.logRing.all();
  }

  /**
   * A new running process with its own `syscalls` and two startup handles in its table:
   * `process.self` (its process object) and `process.job` (its job). It goes into the job that
   * `options.job` names in `options.parent`'s table, else into the root job. Throws an Error,
   * creating nothing, if that handle is not a usable job handle or the job was killed.
   */
  createProcess(name = '', options: ProcessOptions = {}): Process {
    const job = jobForNewProcess(this, options);
    return new Process(this, name, { testMode: this.testMode, ...options }, { job, started: true });
  }

  /**
   * A read-only picture of this kernel as plain data: each live process with its handle table,
   * each object with its signals, queues and peer, and the handles in transit inside channel
   * messages and socket share queues (runtime/snapshot.ts documents the shape). Nothing in it
   * refers back into the kernel; take another to see later changes.
   */
  snapshot(): KernelSnapshot {
    return takeSnapshot([...this.processList], this.arena.slotArray);
  }

  /**
   * Call `listener` with every syscall any live process of this kernel makes from now on: its
   * name, a short text per argument, and its status (runtime/syscall-trace.ts). Returns the
   * function that unsubscribes. While nobody listens, syscalls run unwrapped and pay nothing for
   * this; a process that dies gets its unwrapped functions back at once.
   */
  onSyscall(listener: SyscallListener): () => void {
    this.trace ??= new SyscallTrace(() => this.now(), this.processList);
    return this.trace.subscribe(listener);
  }

  /** Called by Process's constructor, once its syscalls exist. */
  processCreated(p: Process): void {
    this.processList.add(p);
    if (this.trace?.listening) this.trace.attach(p);
  }

  /** Called once when a process dies: snapshot() and onSyscall() let go of it. */
  processDied(p: Process): void {
    this.processList.delete(p);
    this.trace?.detach(p);
  }

  /**
   * Run a wasm32-wasi program as a process of this kernel, on its own thread (a worker_threads
   * Worker under Node). Its `zx_*` imports reach this kernel's objects; see runtime/spawn.ts.
   */
  spawn(program: ArrayBuffer | ArrayBufferView | WasmModule, options: SpawnOptions): WasmProcess {
    return spawn(this, program, options);
  }

  /** Live objects, handles and user packets now. */
  stats(): KernelStats {
    return { objects: this.liveObjects, handles: this.arena.liveCount, userPackets: this.packetPool.inUse };
  }

  /** Next koid from the global counter. */
  allocKoid(): number {
    return this.nextKoid++;
  }

  /** Called by KernelObject's constructor: returns its koid and counts it live. */
  objectCreated(): number {
    this.liveObjects++;
    return this.allocKoid();
  }

  /** Called once when an object is destroyed. */
  objectDestroyed(): void {
    this.liveObjects--;
  }

  /**
   * Close a handle record: cancel what was registered through it, free its slot, and drop the
   * object's count. Zero-handles processing is queued, and the queue is drained here unless a
   * drain is already running further up the stack, so nested channels (test C13) unwind in a
   * loop instead of recursing.
   */
  closeHandle(h: Handle): void {
    const obj = h.object;
    obj.cancelByHandle(h);
    this.arena.free(h);
    h.owner = null;
    if (--obj.handleCount === 0) {
      this.zeroQueue.push(obj);
      this.drain();
    }
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let i = 0; i < this.zeroQueue.length; i++) this.zeroQueue[i]!.onZeroHandles();
    } finally {
      this.zeroQueue.length = 0;
      this.draining = false;
    }
  }
}
