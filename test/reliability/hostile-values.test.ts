// Issue 12: hostile JavaScript values at the ABI boundary. Each describe block is one case of the
// issue; every test fails on a kernel that writes a waiter's values in another caller's syscall,
// moves handles across kernels, or strands a packet after an aborted idiomatic wait.
import { describe, expect, it } from 'vitest';
import {
  ZX_ERR_CANCELED,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_TIMED_OUT,
  ZX_EVENT_SIGNALED,
  ZX_OK,
  ZX_PKT_TYPE_USER,
  ZX_TIME_INFINITE,
} from '../../generated/constants.js';
import type { zx_port_packet_t, zx_wait_item_t } from '../../generated/types.js';
import { EventObject } from '../../runtime/objects/event.js';
import { Port } from '../../generated/zx.js';
import { Kernel } from '../../runtime/kernel.js';
import { newHandle } from '../../runtime/syscalls/util.js';

function boot() {
  const kernel = new Kernel({ testMode: true });
  const sys = kernel.createProcess('hostile').syscalls;
  // The process and its two startup handles: what is left once a test has closed everything.
  const idle = kernel.stats();
  const create = (make: (out: { value: number }) => number): number => {
    const out = { value: 0 };
    expect(make(out)).toBe(ZX_OK);
    return out.value;
  };
  const event = (): number => create((out) => sys.zx_event_create(0, out));
  const port = (): number => create((out) => sys.zx_port_create(0, out));
  return { kernel, sys, event, port, idle };
}

const boom = (): never => {
  throw new Error('hostile write');
};

/** Boxes that cannot take a write: frozen, a throwing setter, a Proxy whose set trap throws. */
const hostileBoxes: [string, () => { value: number }][] = [
  ['frozen box', () => Object.freeze({ value: 0 })],
  ['box with a throwing value setter', () => ({ get value() { return 0; }, set value(_v: number) { boom(); } })],
  ['Proxy box whose set trap throws', () => new Proxy({ value: 0 }, { set: boom })],
];

function userPacket(key: bigint): zx_port_packet_t {
  return { key, type: ZX_PKT_TYPE_USER, status: 0, payload: new Uint8Array(32).fill(Number(key)) };
}

/** Packets that cannot take a write. */
const hostilePackets: [string, () => zx_port_packet_t][] = [
  ['frozen packet', () => Object.freeze(userPacket(0n))],
  ['packet with a throwing key setter', () => {
    const p = userPacket(0n);
    return Object.defineProperty(p, 'key', { get: () => 0n, set: boom });
  }],
  ['Proxy packet whose set trap throws', () => new Proxy(userPacket(0n), { set: boom })],
];

/** Wait items that cannot take a write of `pending`. */
const hostileItems: [string, (handle: number) => zx_wait_item_t][] = [
  ['frozen wait item', (handle) => Object.freeze({ handle, waitfor: ZX_EVENT_SIGNALED, pending: 0 })],
  ['wait item with a throwing pending setter', (handle) => ({ handle, waitfor: ZX_EVENT_SIGNALED, get pending() { return 0; }, set pending(_v: number) { boom(); } })],
  ['Proxy wait item whose set trap throws', (handle) => new Proxy({ handle, waitfor: ZX_EVENT_SIGNALED, pending: 0 }, { set: boom })],
];

describe('wait_one hostile observed box: written in the waiter, never in the signaller', () => {
  it.each(hostileBoxes)('%s: signal returns OK, the older and younger waiters wake, this one gets INVALID_ARGS', async (_name, make) => {
    const { idle, kernel, sys, event } = boot();
    const e = event();
    const before = { value: 0 };
    const after = { value: 0 };
    const older = sys.zx_object_wait_one(e, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, before);
    const hostile = sys.zx_object_wait_one(e, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, make());
    const younger = sys.zx_object_wait_one(e, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, after);
    expect(sys.zx_object_signal(e, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(await Promise.all([older, hostile, younger])).toEqual([ZX_OK, ZX_ERR_INVALID_ARGS, ZX_OK]);
    expect(before.value).toBe(ZX_EVENT_SIGNALED);
    expect(after.value).toBe(ZX_EVENT_SIGNALED);
    expect(sys.zx_handle_close(e)).toBe(ZX_OK);
    expect(kernel.stats()).toEqual(idle);
  });

  it.each(hostileBoxes)('%s: already satisfied, the call itself returns INVALID_ARGS', async (_name, make) => {
    const { sys, event } = boot();
    const e = event();
    expect(sys.zx_object_signal(e, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(await sys.zx_object_wait_one(e, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, make())).toBe(ZX_ERR_INVALID_ARGS);
  });

  it.each(hostileBoxes)('%s: a deadline passing ends the wait with INVALID_ARGS, nothing escapes the timer', async (_name, make) => {
    const { kernel, sys, event } = boot();
    const e = event();
    const other = { value: -1 };
    const hostile = sys.zx_object_wait_one(e, ZX_EVENT_SIGNALED, kernel.now() + 1_000_000n, make());
    const plain = sys.zx_object_wait_one(e, ZX_EVENT_SIGNALED, kernel.now() + 2_000_000n, other);
    expect(await Promise.all([hostile, plain])).toEqual([ZX_ERR_INVALID_ARGS, ZX_ERR_TIMED_OUT]);
    expect(other.value).toBe(0);
  });

  it.each(hostileBoxes)('%s: closing the waited handle returns OK in the closer; the waiter gets INVALID_ARGS', async (_name, make) => {
    const { idle, kernel, sys, event } = boot();
    const e = event();
    const dup = { value: 0 };
    expect(sys.zx_handle_duplicate(e, 0x80000000, dup)).toBe(ZX_OK);
    const other = { value: 0 };
    const hostile = sys.zx_object_wait_one(e, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, make());
    const plain = sys.zx_object_wait_one(e, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, other);
    expect(sys.zx_handle_close(e)).toBe(ZX_OK);
    expect(await Promise.all([hostile, plain])).toEqual([ZX_ERR_INVALID_ARGS, ZX_ERR_CANCELED]);
    expect(sys.zx_handle_close(dup.value)).toBe(ZX_OK);
    expect(kernel.stats()).toEqual(idle);
  });
});

describe('port_wait hostile packet: copied out in the waiter, the pool gets its packet back', () => {
  it.each(hostilePackets)('%s: port_queue returns OK, the next waiter gets the next packet', async (_name, make) => {
    const { idle, kernel, sys, port } = boot();
    const p = port();
    const good = userPacket(0n);
    const hostile = sys.zx_port_wait(p, ZX_TIME_INFINITE, make());
    const plain = sys.zx_port_wait(p, ZX_TIME_INFINITE, good);
    expect(sys.zx_port_queue(p, userPacket(1n))).toBe(ZX_OK);
    expect(sys.zx_port_queue(p, userPacket(2n))).toBe(ZX_OK);
    expect(await Promise.all([hostile, plain])).toEqual([ZX_ERR_INVALID_ARGS, ZX_OK]);
    expect(good.key).toBe(2n);
    expect(good.payload[0]).toBe(2);
    expect(kernel.stats().userPackets).toBe(0);
    expect(sys.zx_handle_close(p)).toBe(ZX_OK);
    expect(kernel.stats()).toEqual(idle);
  });

  it.each(hostilePackets)('%s: a queued packet taken at once is returned to the pool', async (_name, make) => {
    const { kernel, sys, port } = boot();
    const p = port();
    expect(sys.zx_port_queue(p, userPacket(1n))).toBe(ZX_OK);
    expect(await sys.zx_port_wait(p, ZX_TIME_INFINITE, make())).toBe(ZX_ERR_INVALID_ARGS);
    expect(kernel.stats().userPackets).toBe(0);
  });

  it.each(hostilePackets)('%s: a signal packet handed over in object_signal does not throw there', async (_name, make) => {
    const { idle, kernel, sys, port, event } = boot();
    const p = port();
    const e = event();
    const good = userPacket(0n);
    const hostile = sys.zx_port_wait(p, ZX_TIME_INFINITE, make());
    const plain = sys.zx_port_wait(p, ZX_TIME_INFINITE, good);
    expect(sys.zx_object_wait_async(e, p, 7n, ZX_EVENT_SIGNALED, 1 /* ZX_WAIT_ASYNC_REPEATING */)).toBe(ZX_OK);
    expect(sys.zx_object_signal(e, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(sys.zx_object_signal(e, ZX_EVENT_SIGNALED, 0)).toBe(ZX_OK);
    // The failed delivery left the registration's packet re-armable: the next edge reaches `plain`.
    expect(sys.zx_object_signal(e, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(await Promise.all([hostile, plain])).toEqual([ZX_ERR_INVALID_ARGS, ZX_OK]);
    expect(good.key).toBe(7n);
    expect(sys.zx_handle_close(e)).toBe(ZX_OK);
    expect(sys.zx_handle_close(p)).toBe(ZX_OK);
    expect(kernel.stats()).toEqual(idle);
  });
});

describe('wait_many hostile wait item: written in the waiter, never in the signaller', () => {
  it.each(hostileItems)('%s: signal returns OK, the other wait_many wakes, this one gets INVALID_ARGS', async (_name, make) => {
    const { idle, kernel, sys, event } = boot();
    const e = event();
    const good: zx_wait_item_t[] = [{ handle: e, waitfor: ZX_EVENT_SIGNALED, pending: 0 }];
    const hostile = sys.zx_object_wait_many([make(e)], 1, ZX_TIME_INFINITE);
    const plain = sys.zx_object_wait_many(good, 1, ZX_TIME_INFINITE);
    expect(sys.zx_object_signal(e, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(await Promise.all([hostile, plain])).toEqual([ZX_ERR_INVALID_ARGS, ZX_OK]);
    expect(good[0]!.pending).toBe(ZX_EVENT_SIGNALED);
    expect(sys.zx_handle_close(e)).toBe(ZX_OK);
    expect(kernel.stats()).toEqual(idle);
  });

  it('frozen items array: a deadline passing ends the wait with INVALID_ARGS', async () => {
    const { idle, kernel, sys, event } = boot();
    const e = event();
    const items = Object.freeze([Object.freeze({ handle: e, waitfor: ZX_EVENT_SIGNALED, pending: 0 })]);
    expect(await sys.zx_object_wait_many(items as zx_wait_item_t[], 1, kernel.now() + 1_000_000n)).toBe(ZX_ERR_INVALID_ARGS);
  });
});

describe('transferHandle across kernels: refused with a clear error, nothing changes', () => {
  function twoKernels() {
    const k1 = new Kernel({ testMode: true });
    const k2 = new Kernel({ testMode: true });
    const a = k1.createProcess('a');
    const b = k2.createProcess('b');
    const idle = k1.stats(); // a and its startup handles
    const out = { value: 0 };
    expect(a.syscalls.zx_event_create(0, out)).toBe(ZX_OK);
    // b owns handles of its own, which a moved-in value could alias.
    const mine = { value: 0 };
    for (let i = 0; i < 4; i++) expect(b.syscalls.zx_event_create(0, mine)).toBe(ZX_OK);
    return { k1, k2, a, b, e: out.value, idle };
  }

  it('a target process of another Kernel: throws, the handle stays live in its process', async () => {
    const { k1, k2, a, b, e, idle } = twoKernels();
    const pending = a.syscalls.zx_object_wait_one(e, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, null);
    const before = [k1.stats(), k2.stats(), b.table.count];
    expect(() => a.transferHandle(e, b)).toThrow(/not a process of this kernel/);
    expect([k1.stats(), k2.stats(), b.table.count]).toEqual(before);
    // Still a's handle, with its wait still registered through it.
    expect(a.syscalls.zx_object_signal(e, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(await pending).toBe(ZX_OK);
    expect(a.syscalls.zx_handle_close(e)).toBe(ZX_OK);
    expect(k1.stats()).toEqual(idle);
  });

  it('a target that is not a Process at all: throws before taking the handle', () => {
    const { k1, a, e } = twoKernels();
    const fake = { kernel: k1, table: a.table } as unknown as typeof a;
    expect(() => a.transferHandle(e, fake)).toThrow(/not a process of this kernel/);
    expect(a.syscalls.zx_handle_close(e)).toBe(ZX_OK);
  });

  it('within one kernel the transfer still works', () => {
    const { k1, a, e } = twoKernels();
    const c = k1.createProcess('c');
    const startup = k1.stats().handles; // a's and c's startup handles, and the event
    const moved = a.transferHandle(e, c);
    expect(a.syscalls.zx_handle_close(e)).not.toBe(ZX_OK);
    expect(c.syscalls.zx_handle_close(moved)).toBe(ZX_OK);
    expect(k1.stats().handles).toBe(startup - 1);
  });

  it('HandleTable.receive and install refuse a record of another kernel; newHandle refuses a foreign object', () => {
    const { k1, k2, b } = twoKernels();
    const obj = EventObject.create(k1);
    const h = newHandle(k1, obj, EventObject.defaultRights);
    const before = [k2.stats(), b.table.count];
    expect(() => b.table.receive(h)).toThrow(/another Kernel/);
    expect(() => b.table.install(h)).toThrow(/another Kernel/);
    expect(() => newHandle(k2, obj, EventObject.defaultRights)).toThrow(/another Kernel/);
    expect([k2.stats(), b.table.count]).toEqual(before);
    expect(h.owner).toBeNull();
  });
});

describe('idiomatic Port.wait abort: a packet queued right after goes to the wait still pending', () => {
  const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

  it.each([
    ['the younger of two waits is aborted', 1],
    ['the older of two waits is aborted', 0],
  ])('%s: the other one gets the packet, nothing is stranded', async (_name, aborted) => {
    const kernel = new Kernel({ testMode: true });
    const proc = kernel.createProcess('idiomatic');
    const idle = kernel.stats(); // the process and its startup handles
    const port = Port.create(proc);
    const acs = [new AbortController(), new AbortController()];
    const waits = acs.map((ac) => port.wait({ signal: ac.signal }));
    await settle();
    acs[aborted]!.abort();
    port.queue({ key: 5n });
    await expect(waits[aborted]!).rejects.toMatchObject({ name: 'AbortError' });
    expect((await waits[1 - aborted]!).key).toBe(5n);
    // Nothing left over: the next packet goes to the next wait, and the wake packets are gone.
    port.queue({ key: 6n });
    expect((await port.wait()).key).toBe(6n);
    await settle();
    expect(kernel.stats().userPackets).toBe(0);
    port.close();
    await settle();
    expect(kernel.stats()).toEqual(idle);
  });

  it('three waits, the middle one aborted: packets go to the others in the order they waited', async () => {
    const kernel = new Kernel({ testMode: true });
    const port = Port.create(kernel.createProcess('idiomatic'));
    const acs = [new AbortController(), new AbortController(), new AbortController()];
    const waits = acs.map((ac) => port.wait({ signal: ac.signal }));
    await settle();
    acs[1]!.abort();
    port.queue({ key: 1n });
    port.queue({ key: 2n });
    await expect(waits[1]!).rejects.toMatchObject({ name: 'AbortError' });
    expect([(await waits[0]!).key, (await waits[2]!).key]).toEqual([1n, 2n]);
    await settle();
    expect(kernel.stats().userPackets).toBe(0);
  });
});

describe('creators with a frozen or non-writable out-box: INVALID_ARGS, nothing left behind, nothing leaked', () => {
  const refusing: [string, () => { value: number }][] = [
    ...hostileBoxes,
    ['box with a non-writable value', () => Object.defineProperty({}, 'value', { value: 0, writable: false, enumerable: true }) as { value: number }],
    ['sealed box without a value', () => Object.seal({}) as { value: number }],
  ];
  type Sys = ReturnType<typeof boot>['sys'];
  const creators: [string, (sys: Sys, bad: { value: number }, handle: number) => number][] = [
    ['zx_event_create', (sys, bad) => sys.zx_event_create(0, bad)],
    ['zx_port_create', (sys, bad) => sys.zx_port_create(0, bad)],
    ['zx_channel_create (second box)', (sys, bad) => sys.zx_channel_create(0, { value: 0 }, bad)],
    ['zx_socket_create (first box)', (sys, bad) => sys.zx_socket_create(0, bad, { value: 0 })],
    ['zx_eventpair_create (second box)', (sys, bad) => sys.zx_eventpair_create(0, { value: 0 }, bad)],
    ['zx_handle_duplicate', (sys, bad, e) => sys.zx_handle_duplicate(e, 0x80000000, bad)],
  ];
  for (const [box, make] of refusing) {
    it.each(creators)(`%s with a ${box}`, (_name, call) => {
      const { idle, kernel, sys, event } = boot();
      const e = event();
      const before = kernel.stats();
      expect(call(sys, make(), e)).toBe(ZX_ERR_INVALID_ARGS);
      expect(kernel.stats()).toEqual(before);
      expect(sys.zx_handle_close(e)).toBe(ZX_OK);
      expect(kernel.stats()).toEqual(idle);
    });
  }

  it('zx_handle_replace with a frozen box: the consumed handle is still consumed, nothing leaks', () => {
    const { idle, kernel, sys, event } = boot();
    const e = event();
    expect(sys.zx_handle_replace(e, 0x80000000, Object.freeze({ value: 0 }))).toBe(ZX_ERR_INVALID_ARGS);
    expect(kernel.stats()).toEqual(idle);
  });
});

describe('channel_read into a frozen handles array: INVALID_ARGS, the message\'s handles do not leak', () => {
  const refusingArrays: [string, () => number[]][] = [
    ['frozen handles array', () => Object.freeze([0, 0]) as number[]],
    ['handles array whose second element setter throws', () => Object.defineProperty([0, 0], 1, { get: () => 0, set: boom, configurable: true }) as number[]],
    ['Proxy handles array whose set trap throws', () => new Proxy([0, 0], { set: boom })],
  ];

  it.each(refusingArrays)('zx_channel_read with a %s', (_name, make) => {
    const { idle, kernel, sys, event } = boot();
    const a = { value: 0 };
    const b = { value: 0 };
    expect(sys.zx_channel_create(0, a, b)).toBe(ZX_OK);
    expect(sys.zx_channel_write(a.value, 0, new Uint8Array(3), 3, [event(), event()], 2)).toBe(ZX_OK);
    const bytes = new Uint8Array(8);
    const before = kernel.stats();
    expect(sys.zx_channel_read(b.value, 0, bytes, make(), 8, 2, null, null)).toBe(ZX_ERR_INVALID_ARGS);
    // The message was taken and its two events closed with it; nothing else changed.
    expect(kernel.stats()).toEqual({ ...before, objects: before.objects - 2, handles: before.handles - 2 });
    expect(sys.zx_handle_close(a.value)).toBe(ZX_OK);
    expect(sys.zx_handle_close(b.value)).toBe(ZX_OK);
    expect(kernel.stats()).toEqual(idle);
  });

  it.each(hostileBoxes)('zx_channel_read with a %s for actual_handles: INVALID_ARGS, the message stays queued', (_name, make) => {
    const { idle, kernel, sys, event } = boot();
    const a = { value: 0 };
    const b = { value: 0 };
    expect(sys.zx_channel_create(0, a, b)).toBe(ZX_OK);
    expect(sys.zx_channel_write(a.value, 0, new Uint8Array(3), 3, [event()], 1)).toBe(ZX_OK);
    const handles = [0];
    expect(sys.zx_channel_read(b.value, 0, new Uint8Array(8), handles, 8, 1, null, make())).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_channel_read(b.value, 0, new Uint8Array(8), handles, 8, 1, null, null)).toBe(ZX_OK);
    expect(sys.zx_handle_close(handles[0]!)).toBe(ZX_OK);
    expect(sys.zx_handle_close(a.value)).toBe(ZX_OK);
    expect(sys.zx_handle_close(b.value)).toBe(ZX_OK);
    expect(kernel.stats()).toEqual(idle);
  });
});
