// Handle values and the kernel-wide arena (spec §1.9).
import { describe, expect, it } from 'vitest';
import {
  ZX_DEFAULT_EVENT_RIGHTS,
  ZX_ERR_BAD_HANDLE,
  ZX_ERR_CANCELED,
  ZX_ERR_NO_MEMORY,
  ZX_EVENT_SIGNALED,
  ZX_INFO_HANDLE_BASIC,
  ZX_OK,
  ZX_RIGHT_SAME_RIGHTS,
  ZX_RIGHT_WAIT,
  ZX_SIGNAL_HANDLE_CLOSED,
  ZX_TIME_INFINITE,
} from '../../generated/constants.js';
import { ARENA_SLOTS, HandleArena } from '../../runtime/handle-arena.js';
import type { Handle } from '../../runtime/handle.js';
import { Kernel } from '../../runtime/kernel.js';
import { EventObject } from '../../runtime/objects/event.js';
import { since } from '../kernel-stats.js';

function boot() {
  const kernel = new Kernel({ testMode: true });
  const proc = kernel.createProcess('t');
  return { kernel, proc, sys: proc.syscalls };
}

function event(sys: ReturnType<typeof boot>['sys']): number {
  const out = { value: 0 };
  expect(sys.zx_event_create(0, out)).toBe(ZX_OK);
  return out.value;
}

function koidOf(sys: ReturnType<typeof boot>['sys'], h: number): bigint {
  const buf = new Uint8Array(32);
  expect(sys.zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, buf, 32, null, null)).toBe(ZX_OK);
  return new DataView(buf.buffer).getBigUint64(0, true);
}

describe('handle values', () => {
  it('are odd, non-zero and below 2^31', () => {
    const { sys } = boot();
    for (let i = 0; i < 1000; i++) {
      const h = event(sys);
      expect(h & 1).toBe(1);
      expect(h).toBeGreaterThan(0);
      expect(h).toBeLessThan(2 ** 31);
    }
  });

  it('differ between processes for the same slot, and a foreign value is BAD_HANDLE', () => {
    const kernel = new Kernel({ testMode: true });
    const a = kernel.createProcess('a');
    const b = kernel.createProcess('b');
    const out = { value: 0 };
    expect(a.syscalls.zx_event_create(0, out)).toBe(ZX_OK);
    const h = out.value;
    expect(a.table.lookup(h)).not.toBeNull();
    expect(b.table.lookup(h)).toBeNull();
    expect(b.syscalls.zx_handle_close(h)).toBe(ZX_ERR_BAD_HANDLE);
    expect(a.syscalls.zx_handle_close(h)).toBe(ZX_OK);
  });

  it('reject the even neighbour of a valid value', () => {
    const { proc, sys } = boot();
    const h = event(sys);
    expect(proc.table.lookup(h)).not.toBeNull();
    expect(proc.table.lookup(h ^ 1)).toBeNull();
    expect(proc.table.lookup(0)).toBeNull();
  });

  it('change when a slot is reused (generation bump), so a closed value stays dead', () => {
    const { proc, sys } = boot();
    const h1 = event(sys);
    const base1 = proc.table.lookup(h1)!.base;
    expect(sys.zx_handle_close(h1)).toBe(ZX_OK);
    const h2 = event(sys);
    const base2 = proc.table.lookup(h2)!.base;
    expect(base2 & (ARENA_SLOTS - 1)).toBe(base1 & (ARENA_SLOTS - 1)); // same slot (LIFO reuse)
    expect(base2 >>> 18).toBe((base1 >>> 18) + 1);
    expect(h2).not.toBe(h1);
    expect(sys.zx_handle_close(h1)).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('start at generation 1 and wrap 4095 -> 0', () => {
    const kernel = new Kernel({ testMode: true });
    const arena = new HandleArena();
    const obj = EventObject.create(kernel);
    const gens: number[] = [];
    for (let i = 0; i < 4097; i++) {
      const h = arena.alloc(obj, ZX_DEFAULT_EVENT_RIGHTS)!;
      gens.push(h.base >>> 18);
      expect(h.base >>> 30).toBe(0);
      arena.free(h);
    }
    expect(gens[0]).toBe(1);
    expect(gens[4094]).toBe(4095);
    expect(gens[4095]).toBe(0);
    expect(gens[4096]).toBe(1);
  });

  it('run out after 2^18 live handles with NO_MEMORY', () => {
    const { kernel, sys } = boot();
    const ev = event(sys);
    const out = { value: 0 };
    let made = 1;
    let st = ZX_OK;
    while ((st = sys.zx_handle_duplicate(ev, ZX_RIGHT_SAME_RIGHTS, out)) === ZX_OK) made++;
    expect(st).toBe(ZX_ERR_NO_MEMORY);
    expect(made + 2).toBe(ARENA_SLOTS); // and the two startup handles
    expect(kernel.stats().handles).toBe(ARENA_SLOTS);
    expect(sys.zx_event_create(0, out)).toBe(ZX_ERR_NO_MEMORY);
  });
});

describe('koids', () => {
  it('count up from 1024, the root job and processes included', () => {
    const kernel = new Kernel({ testMode: true });
    expect(kernel.rootJob.koid).toBe(1024);
    const proc = kernel.createProcess('p');
    expect(proc.koid).toBe(1025);
    const a = { value: 0 };
    const b = { value: 0 };
    expect(proc.syscalls.zx_socket_create(0, a, b)).toBe(ZX_OK);
    expect(koidOf(proc.syscalls, a.value)).toBe(1026n);
    expect(koidOf(proc.syscalls, b.value)).toBe(1027n);
  });
});

describe('transferHandle', () => {
  it('moves a handle with its rights and invalidates the old value', () => {
    const kernel = new Kernel({ testMode: true });
    const a = kernel.createProcess('a');
    const b = kernel.createProcess('b');
    const base = kernel.stats(); // the processes, their startup handles, the root job
    const out = { value: 0 };
    expect(a.syscalls.zx_event_create(0, out)).toBe(ZX_OK);
    const ro = { value: 0 };
    expect(a.syscalls.zx_handle_duplicate(out.value, ZX_RIGHT_WAIT, ro)).toBe(ZX_OK);
    const moved = a.transferHandle(ro.value, b);
    expect(a.table.lookup(ro.value)).toBeNull();
    expect(b.table.lookup(moved)!.rights).toBe(ZX_RIGHT_WAIT);
    expect(since(kernel, base).handles).toBe(2);
    expect(() => a.transferHandle(ro.value, b)).toThrow(/not a live handle/);
    expect(() => a.transferHandle(0, b)).toThrow(Error);
  });

  it('cancels waits made through the moved handle', async () => {
    const kernel = new Kernel({ testMode: true });
    const a = kernel.createProcess('a');
    const b = kernel.createProcess('b');
    const out = { value: 0 };
    expect(a.syscalls.zx_event_create(0, out)).toBe(ZX_OK);
    const observed = { value: 0 };
    const wait = a.syscalls.zx_object_wait_one(out.value, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, observed);
    a.transferHandle(out.value, b);
    expect(await wait).toBe(ZX_ERR_CANCELED);
    expect(observed.value & ZX_SIGNAL_HANDLE_CLOSED).toBe(ZX_SIGNAL_HANDLE_CLOSED);
  });
});

describe('stats', () => {
  it('count live objects and handles, in-transit handles included', () => {
    const { kernel, sys } = boot();
    const base = kernel.stats(); // the process, its startup handles, the root job
    const c0 = { value: 0 };
    const c1 = { value: 0 };
    expect(sys.zx_channel_create(0, c0, c1)).toBe(ZX_OK);
    const ev = event(sys);
    expect(since(kernel, base)).toMatchObject({ objects: 3, handles: 3 });
    expect(sys.zx_channel_write(c0.value, 0, null, 0, [ev], 1)).toBe(ZX_OK);
    expect(since(kernel, base)).toMatchObject({ objects: 3, handles: 3 });
    expect(sys.zx_handle_close(c1.value)).toBe(ZX_OK); // destroys the queue, closing ev
    expect(since(kernel, base)).toMatchObject({ objects: 1, handles: 1 });
    expect(sys.zx_handle_close(c0.value)).toBe(ZX_OK);
    expect(since(kernel, base)).toMatchObject({ objects: 0, handles: 0 });
  });
});

describe('pair creation with one free slot (spec §2.4)', () => {
  it('leaves the first endpoint for installation; the handle-less second one dies with it', async () => {
    const { core } = await import('../../runtime/core.js');
    const { kernel, proc, sys } = boot();
    const ev = event(sys);
    const dups: number[] = [];
    const out = { value: 0 };
    while (sys.zx_handle_duplicate(ev, ZX_RIGHT_SAME_RIGHTS, out) === ZX_OK) dups.push(out.value);
    expect(sys.zx_handle_close(dups.pop()!)).toBe(ZX_OK);
    const before = kernel.stats().objects;
    for (const create of [core.socketCreate, core.eventpairCreate] as const) {
      const o0 = { value: null as Handle | null };
      const o1 = { value: null as Handle | null };
      expect(create(proc, 0, o0, o1)).toBe(ZX_ERR_NO_MEMORY);
      expect(o0.value).not.toBeNull();
      expect(o1.value).toBeNull();
      expect(kernel.stats().objects).toBe(before + 2);
      kernel.closeHandle(o0.value!);
      expect(kernel.stats().objects).toBe(before);
    }
  });
});
