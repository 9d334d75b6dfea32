// What the process tests share: a kernel with a host process, channels and startup handles.
import { expect } from 'vitest';
import { ZX_TIME_INFINITE } from '../../generated/constants.js';
import { Kernel, PA_HND, PA_USER0, type Process, type StartupHandle } from '../../runtime/index.js';

export const decoder = new TextDecoder();

export function pair(p: Process): [number, number] {
  const a = { value: 0 }, b = { value: 0 };
  expect(p.syscalls.zx_channel_create(0, a, b)).toBe(0);
  return [a.value, b.value];
}

/** Startup handles PA_HND(PA_USER0, i) for each handle of `from`, in order. */
export function startup(from: Process, ...handles: number[]): StartupHandle[] {
  return handles.map((handle, i) => ({ id: PA_HND(PA_USER0, i), handle, from }));
}

/** A collector for a process's stdout. */
export function collect(): { text: () => string; out: (b: Uint8Array) => void } {
  let s = '';
  return { text: () => s, out: (b) => (s += decoder.decode(b)) };
}

/** Read one message from `ch`, waiting for it. */
export async function readMessage(p: Process, ch: number, maxHandles = 0): Promise<{ text: string; handles: number[] }> {
  const seen = { value: 0 };
  expect(await p.syscalls.zx_object_wait_one(ch, 1 /* READABLE */, ZX_TIME_INFINITE, seen)).toBe(0);
  const bytes = new Uint8Array(256);
  const hs = new Uint32Array(maxHandles);
  const n = { value: 0 }, nh = { value: 0 };
  expect(p.syscalls.zx_channel_read(ch, 0, bytes, hs, 256, maxHandles, n, nh)).toBe(0);
  return { text: decoder.decode(bytes.subarray(0, n.value)), handles: [...hs.subarray(0, nh.value)] };
}

/** A kernel with one host process, and its counts then (what every test returns to). */
export function freshKernel(): { kernel: Kernel; host: Process; base: ReturnType<Kernel['stats']> } {
  const kernel = new Kernel();
  const host = kernel.createProcess('host');
  return { kernel, host, base: kernel.stats() };
}

/** What c/wasi-basics.c prints run as `wasi first` with GREETING="hello page", under either host's WASI. */
export const WASI_BASICS = {
  args: ['first'],
  env: { GREETING: 'hello page' },
  lines: ['argc 2 argv1 first', 'env hello page', 'sleep 0 long-enough', 'year>=2024 1', 'entropy 0 0 differs', 'fopen refused'],
} as const;
