// The syscall mailbox between a wasm process's thread and the kernel's thread: one small
// SharedArrayBuffer per process, plus one doorbell per kernel. The guest's thread writes the
// call, rings the doorbell and parks (spinning first, then Atomics.wait); the kernel's thread
// serves it, writes the result and wakes it. The kernel's thread never waits on a process: it
// learns of calls by Atomics.waitAsync on the doorbell, or by polling it while calls keep coming.
import type { WasmMemory, WasmModule } from './wasm-api.js';

/** Int32 slots of a process's mailbox. */
export const STATE = 0;
export const OP = 1;
export const RESULT_KIND = 2;
export const RESULT_I32 = 3;
/** BigInt64 slot of a 64-bit result. */
export const RESULT_I64 = 2;
/** BigInt64 slot of argument i is ARG_I64 + i; its Int32 slot (an i32 argument) is ARG_I32 + 2i. */
export const ARG_I64 = 8;
export const ARG_I32 = 16;
export const MAX_ARGS = 12;
export const MAILBOX_BYTES = (ARG_I64 + MAX_ARGS) * 8;

/** Mailbox states. */
export const IDLE = 0;
export const REQUEST = 1;
export const REPLY = 2;
/** The process was killed: a parked guest wakes and stops. */
export const DEAD = 3;

/** Result kinds. */
export const RESULT_STATUS = 0;
export const RESULT_WIDE = 1;
export const RESULT_NONE = 2;

/** Int32 slots of the kernel's doorbell: a call counter, and whether the kernel is asleep on it. */
export const BELL_SEQ = 0;
export const BELL_SLEEPING = 1;
export const DOORBELL_BYTES = 8;

/** The exit code of a spawned process stopped by `process.kill()` (Zircon's ZX_TASK_RETCODE_SYSCALL_KILL). */
export const EXIT_KILLED = -1024;
/**
 * The exit code of a spawned process stopped by a fault: a trap, a thread that died, a host
 * error while serving its syscall (Zircon's ZX_TASK_RETCODE_EXCEPTION_KILL).
 */
export const EXIT_FAULT = -1025;

// Spinning was measured and lost (README, "Running C programs"): on two cores shared with other
// work, a thread that spins holds a core the other side needs. 10 µs spins on both sides took a
// round trip from 23-48 µs to 78-83 µs, 50 µs spins to 200 µs. The knobs stay for idle machines.
/** How long the kernel's thread keeps polling for the next call after serving one, in ms. */
export const KERNEL_SPIN_MS = 0;
/** How long a guest spins on a non-blocking call's reply before parking, in ns. */
export const GUEST_SPIN_NS = 0;
/** Longest stretch the kernel's thread serves calls without letting timers and messages run, in ms. */
export const YIELD_MS = 2;

/** What the kernel's thread sends a new process's thread. */
export interface WorkerStart {
  readonly module: WasmModule;
  readonly mailbox: SharedArrayBuffer;
  readonly doorbell: SharedArrayBuffer;
  /** Import names of module "zx", in op order. */
  readonly syscalls: readonly string[];
  /** The ops that may block (the guest parks on them without spinning). */
  readonly blocking: readonly number[];
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** [info word, handle value] pairs for zx_take_startup_handle. */
  readonly startup: readonly (readonly [number, number])[];
  readonly self: number;
  readonly job: number;
  /** Whether stdout/stderr go to the kernel's thread as messages (else straight to fds 1 and 2). */
  readonly capture: { readonly stdout: boolean; readonly stderr: boolean };
  /** How long the guest spins on a non-blocking call's reply before parking, in ns. */
  readonly spinNs: number;
}

/** What a process's thread reports: its memory once instantiated, output, its end. */
export type WorkerReport =
  | { readonly kind: 'ready'; readonly memory: WasmMemory }
  | { readonly kind: 'output'; readonly fd: 1 | 2; readonly bytes: Uint8Array }
  /** main's return or exit()'s status (a number), or zx_process_exit's whole int64 (a bigint). */
  | { readonly kind: 'exit'; readonly code: number | bigint }
  /** The guest unwound because the kernel marked its mailbox DEAD (every earlier report was sent first). */
  | { readonly kind: 'stopped' }
  | { readonly kind: 'fault'; readonly message: string };
