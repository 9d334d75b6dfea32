// Process scenarios that run the same under Node (test/wasm/processes.test.ts) and in a page
// (test/browser/wasm-process.test.ts): each spawns its C program through `load` on a fresh
// kernel and asserts the whole story, down to the kernel's counts coming back.
import { expect } from 'vitest';
import { ZX_CHANNEL_PEER_CLOSED, ZX_EVENT_SIGNALED, ZX_OK, ZX_TIME_INFINITE, ZX_USER_SIGNAL_0 } from '../../generated/constants.js';
import { freshKernel, pair, readMessage, startup } from './helpers.js';

/** test/wasm/c/NAME.c as module bytes (compiled in Node, or fetched from it by a page). */
export type LoadProgram = (name: string) => Uint8Array | Promise<Uint8Array>;

const encoder = new TextEncoder();

/** relay.c: an event handle moves into the C process, which signals it; a channel end it made moves out and answers a ping. */
export async function handlesBothWays(load: LoadProgram): Promise<void> {
  const { kernel, host, base } = freshKernel();
  const [mine, theirs] = pair(host);
  const relay = kernel.spawn(await load('relay'), { name: 'relay', handles: startup(host, theirs) });
  const ev = { value: 0 }, dup = { value: 0 }, seen = { value: 0 };
  expect(host.syscalls.zx_event_create(0, ev)).toBe(ZX_OK);
  expect(host.syscalls.zx_handle_duplicate(ev.value, 0x80000000, dup)).toBe(ZX_OK);
  // TS -> C: a handle moves into the C process, which signals it.
  expect(host.syscalls.zx_channel_write(mine, 0, encoder.encode('event'), 5, [dup.value], 1)).toBe(ZX_OK);
  expect(await host.syscalls.zx_object_wait_one(ev.value, ZX_USER_SIGNAL_0, ZX_TIME_INFINITE, seen)).toBe(ZX_OK);
  // C -> TS: a channel end the C process made moves here and carries a ping-pong.
  const msg = await readMessage(host, mine, 1);
  expect(msg.text).toBe('chan');
  expect(msg.handles).toHaveLength(1);
  const ch = msg.handles[0]!;
  expect(host.syscalls.zx_channel_write(ch, 0, encoder.encode('ping'), 4, null, 0)).toBe(ZX_OK);
  expect((await readMessage(host, ch)).text).toBe('pong');
  expect(host.syscalls.zx_handle_close(mine)).toBe(ZX_OK);
  expect(await relay.exited).toBe(0);
  // The C process's end of the new channel closed with it.
  expect(await host.syscalls.zx_object_wait_one(ch, ZX_CHANNEL_PEER_CLOSED, 0n, seen)).toBe(ZX_OK);
  for (const h of [ch, ev.value]) expect(host.syscalls.zx_handle_close(h)).toBe(ZX_OK);
  expect(kernel.stats()).toEqual(base);
}

/** waiter.c: parked in zx_object_wait_one, still blocked 100 ms later, woken by a TypeScript process's signal; exits 42. */
export async function parkedUntilSignalled(load: LoadProgram): Promise<void> {
  const { kernel, host, base } = freshKernel();
  const ev = { value: 0 }, dup = { value: 0 };
  expect(host.syscalls.zx_event_create(0, ev)).toBe(ZX_OK);
  expect(host.syscalls.zx_handle_duplicate(ev.value, 0x80000000, dup)).toBe(ZX_OK);
  const [mine, theirs] = pair(host);
  const waiter = kernel.spawn(await load('waiter'), { name: 'waiter', handles: startup(host, dup.value, theirs) });
  expect((await readMessage(host, mine)).text).toBe('waiting');
  // Still blocked a while later: nothing has signalled the event.
  const early = await Promise.race([waiter.exited, new Promise((r) => setTimeout(() => r('blocked'), 100))]);
  expect(early).toBe('blocked');
  expect(host.syscalls.zx_object_signal(ev.value, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
  expect(await waiter.exited).toBe(42);
  for (const h of [ev.value, mine]) expect(host.syscalls.zx_handle_close(h)).toBe(ZX_OK);
  expect(kernel.stats()).toEqual(base);
}
