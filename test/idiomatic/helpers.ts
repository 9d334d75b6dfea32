// Shared helpers for the idiomatic-layer tests. Everything goes through the public module; the
// only white-box look is `observers()`, which reads a kernel object's observer list to prove
// that a cancelled wait left nothing registered.
import { Kernel, ZX_INFO_HANDLE_VALID, type Syscalls } from '../../index.js';

export function boot(name = 'idiomatic') {
  const kernel = new Kernel();
  const proc = kernel.createProcess(name);
  return { kernel, proc, sys: proc.syscalls };
}

/** Whether `raw` is a live handle of the process, asked with the raw ABI. */
export function isLive(sys: Syscalls, raw: number): boolean {
  return sys.zx_object_get_info(raw, ZX_INFO_HANDLE_VALID, null, 0, null, null) === 0;
}

export const bytes = (...b: number[]) => Uint8Array.from(b);
export const text = (s: string) => new TextEncoder().encode(s);
export const str = (b: Uint8Array) => new TextDecoder().decode(b);

export { tick } from '../macrotask.js';
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Number of observers registered on the object behind `raw` (white-box: runtime internals). */
export function observers(proc: ReturnType<Kernel['createProcess']>, raw: number): number {
  const h = proc.table.lookup(raw);
  if (h === null) throw new Error(`0x${raw.toString(16)} is not live`);
  let n = 0;
  for (let o = (h.object as unknown as { observers: { next: unknown } | null }).observers; o !== null; o = o.next as typeof o) n++;
  return n;
}

/** Run `fn` and return the error it throws (synchronously or as a rejection). */
export async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}
