// Issue 12, the inputs: arrays and structs the caller passes are read exactly once, at the
// boundary, before any side effect (support/wrappers.ts readHandles/readArray/readStruct, chosen by
// the plan's `copy` shape steps). Each describe block is one case of the issue; the tests fail on
// a wrapper that reads an element again after taking handles (the first handle then leaks) or
// that lets a throwing read escape.
import { describe, expect, it } from 'vitest';
import {
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_TIMED_OUT,
  ZX_EVENT_SIGNALED,
  ZX_OK,
  ZX_PKT_TYPE_USER,
  ZX_SOCKET_STREAM,
} from '../../generated/constants.js';
import type { zx_channel_call_args_t, zx_port_packet_t, zx_wait_item_t } from '../../generated/types.js';
import { Kernel } from '../../runtime/kernel.js';
import { since } from '../kernel-stats.js';

function boot() {
  const kernel = new Kernel({ testMode: true });
  const sys = kernel.createProcess('hostile-inputs').syscalls;
  const base = kernel.stats(); // the process and its two startup handles
  const create = (make: (out: { value: number }) => number): number => {
    const out = { value: 0 };
    expect(make(out)).toBe(ZX_OK);
    return out.value;
  };
  const event = (): number => create((out) => sys.zx_event_create(0, out));
  const channel = (): [number, number] => {
    const a = { value: 0 };
    const b = { value: 0 };
    expect(sys.zx_channel_create(0, a, b)).toBe(ZX_OK);
    return [a.value, b.value];
  };
  const empty = () => expect(since(kernel, base)).toEqual({ objects: 0, handles: 0, userPackets: 0 });
  return { kernel, sys, event, channel, empty };
}

const boom = (): never => {
  throw new Error('hostile read');
};

/** An array whose element `at` counts its reads and throws from read number `throwAt` on. */
function countingArray(values: number[], at: number, throwAt: number): { array: number[]; reads: () => number } {
  let reads = 0;
  const array = [...values];
  Object.defineProperty(array, at, {
    get: () => {
      reads++;
      if (reads >= throwAt) boom();
      return values[at];
    },
    enumerable: true,
  });
  return { array, reads: () => reads };
}

/** A Proxy over `values` counting every read of an index and of `length`. */
function countingProxy(values: number[]): { array: number[]; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const array = new Proxy(values, {
    get(target, key, receiver) {
      if (typeof key === 'string') reads.set(key, (reads.get(key) ?? 0) + 1);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { array, reads };
}

describe('channel_write with a handles array whose element getter throws on the second read: read once, nothing leaks', () => {
  it('the getter is read once: both handles are sent, the message carries them, nothing is left in the sender', () => {
    const { sys, event, channel, empty } = boot();
    const [a, b] = channel();
    const e0 = event();
    const e1 = event();
    const { array, reads } = countingArray([e0, e1], 1, 2);
    expect(sys.zx_channel_write(a, 0, new Uint8Array(4), 4, array, 2)).toBe(ZX_OK);
    expect(reads()).toBe(1);
    const got = [0, 0];
    expect(sys.zx_channel_read(b, 0, new Uint8Array(4), got, 4, 2, null, null)).toBe(ZX_OK);
    expect(sys.zx_handle_close_many(got, 2)).toBe(ZX_OK);
    expect(sys.zx_handle_close_many([a, b], 2)).toBe(ZX_OK);
    empty();
  });

  it('a getter that throws at once: INVALID_ARGS, no handle taken, the table unchanged', () => {
    const { kernel, sys, event, channel, empty } = boot();
    const [a, b] = channel();
    const e0 = event();
    const e1 = event();
    const before = kernel.stats();
    const { array } = countingArray([e0, e1], 1, 1);
    expect(sys.zx_channel_write(a, 0, new Uint8Array(4), 4, array, 2)).toBe(ZX_ERR_INVALID_ARGS);
    expect(kernel.stats()).toEqual(before);
    // Both events are still the sender's: closing them works.
    expect(sys.zx_handle_close_many([e0, e1, a, b], 4)).toBe(ZX_OK);
    empty();
  });

  it('a Proxy handles array: length and each element are read once; what was taken is what was sent', () => {
    const { sys, event, channel, empty } = boot();
    const [a, b] = channel();
    const e0 = event();
    const e1 = event();
    const { array, reads } = countingProxy([e0, e1]);
    expect(sys.zx_channel_write(a, 0, new Uint8Array(4), 4, array, 2)).toBe(ZX_OK);
    expect(reads.get('length')).toBe(1);
    expect(reads.get('0')).toBe(1);
    expect(reads.get('1')).toBe(1);
    const got = [0, 0];
    expect(sys.zx_channel_read(b, 0, new Uint8Array(4), got, 4, 2, null, null)).toBe(ZX_OK);
    expect(sys.zx_handle_close_many([...got, a, b], 4)).toBe(ZX_OK);
    empty();
  });

  it('a Proxy whose get trap throws, and a revoked Proxy: INVALID_ARGS, nothing changes', () => {
    const { kernel, sys, event, channel, empty } = boot();
    const [a, b] = channel();
    const e0 = event();
    const before = kernel.stats();
    const throwing = new Proxy([e0], { get: boom });
    const revocable = Proxy.revocable([e0], {});
    revocable.revoke();
    expect(sys.zx_channel_write(a, 0, new Uint8Array(4), 4, throwing, 1)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_channel_write(a, 0, new Uint8Array(4), 4, revocable.proxy, 1)).toBe(ZX_ERR_INVALID_ARGS);
    expect(kernel.stats()).toEqual(before);
    expect(sys.zx_handle_close_many([e0, a, b], 3)).toBe(ZX_OK);
    empty();
  });

  it('a getter that answers a different handle on each read: the one read is the one sent', () => {
    const { sys, event, channel, empty } = boot();
    const [a, b] = channel();
    const e0 = event();
    const e1 = event();
    let n = 0;
    const array = Object.defineProperty([] as number[], 0, { get: () => (n++ === 0 ? e0 : e1), enumerable: true });
    expect(sys.zx_channel_write(a, 0, new Uint8Array(4), 4, array, 1)).toBe(ZX_OK);
    // e0 went with the message, e1 is still the sender's.
    expect(sys.zx_handle_close(e0)).not.toBe(ZX_OK);
    expect(sys.zx_handle_close(e1)).toBe(ZX_OK);
    const got = [0];
    expect(sys.zx_channel_read(b, 0, new Uint8Array(4), got, 4, 1, null, null)).toBe(ZX_OK);
    expect(sys.zx_handle_close_many([got[0]!, a, b], 3)).toBe(ZX_OK);
    empty();
  });
});

describe('channel_call with a handles array whose element getter throws on the second read: read once, nothing leaks', () => {
  const callArgs = (wr: number[]): zx_channel_call_args_t => ({
    wr_bytes: new Uint8Array(8), wr_handles: wr, rd_bytes: new Uint8Array(8), rd_handles: [0],
    wr_num_bytes: 8, wr_num_handles: wr.length, rd_num_bytes: 8, rd_num_handles: 1,
  });

  it('the getter is read once: the request carries both handles (the call then times out)', async () => {
    const { sys, event, channel, empty } = boot();
    const [a, b] = channel();
    const { array, reads } = countingArray([event(), event()], 1, 2);
    const st = await sys.zx_channel_call(a, 0, 0n, callArgs(array), { value: 0 }, { value: 0 });
    expect(st).toBe(ZX_ERR_TIMED_OUT);
    expect(reads()).toBe(1);
    const got = [0, 0];
    expect(sys.zx_channel_read(b, 0, new Uint8Array(8), got, 8, 2, null, null)).toBe(ZX_OK);
    expect(sys.zx_handle_close_many([...got, a, b], 4)).toBe(ZX_OK);
    empty();
  });

  it('a getter that throws at once, or args as a Proxy whose get trap throws: INVALID_ARGS, nothing taken', async () => {
    const { kernel, sys, event, channel, empty } = boot();
    const [a, b] = channel();
    const e0 = event();
    const e1 = event();
    const before = kernel.stats();
    expect(await sys.zx_channel_call(a, 0, 0n, callArgs(countingArray([e0, e1], 1, 1).array), { value: 0 }, { value: 0 })).toBe(ZX_ERR_INVALID_ARGS);
    expect(await sys.zx_channel_call(a, 0, 0n, new Proxy(callArgs([e0, e1]), { get: boom }), { value: 0 }, { value: 0 })).toBe(ZX_ERR_INVALID_ARGS);
    expect(kernel.stats()).toEqual(before);
    expect(sys.zx_handle_close_many([e0, e1, a, b], 4)).toBe(ZX_OK);
    empty();
  });

  it('args as a Proxy: every field is read once, before anything is taken', async () => {
    const { sys, event, channel, empty } = boot();
    const [a, b] = channel();
    const reads = new Map<string, number>();
    const args = new Proxy(callArgs([event()]), {
      get(target, key, receiver) {
        if (typeof key === 'string') reads.set(key, (reads.get(key) ?? 0) + 1);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(await sys.zx_channel_call(a, 0, 0n, args, { value: 0 }, { value: 0 })).toBe(ZX_ERR_TIMED_OUT);
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
    expect(reads.size).toBe(8);
    const got = [0];
    expect(sys.zx_channel_read(b, 0, new Uint8Array(8), got, 8, 1, null, null)).toBe(ZX_OK);
    expect(sys.zx_handle_close_many([got[0]!, a, b], 3)).toBe(ZX_OK);
    empty();
  });
});

describe('handle_close_many with a handles array whose element getter throws: INVALID_ARGS, nothing closed', () => {
  it('a getter throwing on its first read', () => {
    const { kernel, sys, event, empty } = boot();
    const e0 = event();
    const e1 = event();
    const before = kernel.stats();
    expect(sys.zx_handle_close_many(countingArray([e0, e1], 1, 1).array, 2)).toBe(ZX_ERR_INVALID_ARGS);
    expect(kernel.stats()).toEqual(before);
    expect(sys.zx_handle_close_many([e0, e1], 2)).toBe(ZX_OK);
    empty();
  });

  it('a getter throwing on its second read is read once: both close', () => {
    const { sys, event, empty } = boot();
    const { array, reads } = countingArray([event(), event()], 0, 2);
    expect(sys.zx_handle_close_many(array, 2)).toBe(ZX_OK);
    expect(reads()).toBe(1);
    empty();
  });
});

describe('wait_many with hostile items: the array is read once, a throwing read is INVALID_ARGS, no observer is left', () => {
  const item = (handle: number): zx_wait_item_t => ({ handle, waitfor: ZX_EVENT_SIGNALED, pending: 0 });

  it('an items array whose element getter throws: INVALID_ARGS', async () => {
    const { sys, event, empty } = boot();
    const e = event();
    const items = Object.defineProperty([item(e)], 0, { get: boom }) as zx_wait_item_t[];
    expect(await sys.zx_object_wait_many(items, 1, 0n)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_handle_close(e)).toBe(ZX_OK);
    empty();
  });

  it('an item whose handle getter throws on the second read, or whose waitfor getter does: INVALID_ARGS, nothing registered', async () => {
    const { sys, event, empty } = boot();
    const e = event();
    const secondThrows = (field: 'handle' | 'waitfor', value: number) => {
      let n = 0;
      return Object.defineProperty(item(e), field, { get: () => (n++ === 0 ? value : boom()), enumerable: true });
    };
    for (const bad of [secondThrows('handle', e), secondThrows('waitfor', ZX_EVENT_SIGNALED)]) {
      expect(await sys.zx_object_wait_many([bad], 1, 0n)).toBe(ZX_ERR_INVALID_ARGS);
    }
    // Nothing is registered on the event: a signal wakes nobody and the event closes cleanly.
    expect(sys.zx_object_signal(e, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(sys.zx_handle_close(e)).toBe(ZX_OK);
    empty();
  });

  it('a Proxy items array: each element read once, the wait works and pending is written to the item', async () => {
    const { sys, event, empty } = boot();
    const e = event();
    const it0 = item(e);
    const { array, reads } = countingProxy([it0 as unknown as number]);
    expect(sys.zx_object_signal(e, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(await sys.zx_object_wait_many(array as unknown as zx_wait_item_t[], 1, 0n)).toBe(ZX_OK);
    expect(reads.get('0')).toBe(1);
    expect(it0.pending & ZX_EVENT_SIGNALED).toBe(ZX_EVENT_SIGNALED);
    expect(sys.zx_handle_close(e)).toBe(ZX_OK);
    empty();
  });
});

describe('port_queue with a hostile packet: read once, a throwing read is INVALID_ARGS, nothing queued', () => {
  const packet = (): zx_port_packet_t => ({ key: 1n, type: ZX_PKT_TYPE_USER, status: 0, payload: new Uint8Array(32) });

  it('a packet whose getters throw, or a Proxy whose get trap throws', () => {
    const { kernel, sys, empty } = boot();
    const p = { value: 0 };
    expect(sys.zx_port_create(0, p)).toBe(ZX_OK);
    const getterThrows = Object.defineProperty(packet(), 'status', { get: boom, enumerable: true });
    expect(sys.zx_port_queue(p.value, getterThrows)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_port_queue(p.value, new Proxy(packet(), { get: boom }))).toBe(ZX_ERR_INVALID_ARGS);
    expect(kernel.stats().userPackets).toBe(0);
    expect(sys.zx_handle_close(p.value)).toBe(ZX_OK);
    empty();
  });

  it('a frozen packet and a key getter that changes: the key read once is the key queued', async () => {
    const { sys, empty } = boot();
    const p = { value: 0 };
    expect(sys.zx_port_create(0, p)).toBe(ZX_OK);
    let n = 0;
    const changing = Object.defineProperty(packet(), 'key', { get: () => (n++ === 0 ? 7n : -1), enumerable: true });
    expect(sys.zx_port_queue(p.value, changing)).toBe(ZX_OK);
    expect(sys.zx_port_queue(p.value, Object.freeze(packet()))).toBe(ZX_OK);
    const out = packet();
    expect(await sys.zx_port_wait(p.value, 0n, out)).toBe(ZX_OK);
    expect(out.key).toBe(7n);
    expect(await sys.zx_port_wait(p.value, 0n, out)).toBe(ZX_OK);
    expect(out.key).toBe(1n);
    expect(sys.zx_handle_close(p.value)).toBe(ZX_OK);
    empty();
  });
});

describe('byte buffers: a Proxy standing for a Uint8Array and a detached buffer are refused; a SharedArrayBuffer view works', () => {
  it('socket_write', () => {
    const { sys, empty } = boot();
    const a = { value: 0 };
    const b = { value: 0 };
    expect(sys.zx_socket_create(ZX_SOCKET_STREAM, a, b)).toBe(ZX_OK);
    const actual = { value: 0 };
    expect(sys.zx_socket_write(a.value, 0, new Proxy(new Uint8Array(4), {}), 4, actual)).toBe(ZX_ERR_INVALID_ARGS);
    const detached = new Uint8Array(4);
    structuredClone(detached.buffer, { transfer: [detached.buffer] });
    expect(sys.zx_socket_write(a.value, 0, detached, 4, actual)).toBe(ZX_ERR_INVALID_ARGS);
    const shared = new Uint8Array(new SharedArrayBuffer(4)).fill(9);
    expect(sys.zx_socket_write(a.value, 0, shared, 4, actual)).toBe(ZX_OK);
    const got = new Uint8Array(4);
    expect(sys.zx_socket_read(b.value, 0, got, 4, actual)).toBe(ZX_OK);
    expect([...got]).toEqual([9, 9, 9, 9]);
    expect(sys.zx_handle_close_many([a.value, b.value], 2)).toBe(ZX_OK);
    empty();
  });
});

describe('syscalls the core does not implement: a throwing read of an argument is INVALID_ARGS, not an exception', () => {
  it('zx_futex_wake with a Proxy value pointer whose get trap throws', () => {
    const { sys } = boot();
    expect(sys.zx_futex_wake(new Proxy([0], { get: boom }), 1)).toBe(ZX_ERR_INVALID_ARGS);
  });
});
