// The bytes the kernel core writes through generated/structs.ts: get_info records and signal
// packet payloads, exactly, into buffers full of garbage (so padding must be written as zeros).
import { describe, expect, it } from 'vitest';
import {
  ZX_DEFAULT_SOCKET_RIGHTS,
  ZX_EVENT_SIGNALED,
  ZX_INFO_HANDLE_BASIC,
  ZX_INFO_HANDLE_COUNT,
  ZX_INFO_SOCKET,
  ZX_OBJ_PROP_WAITABLE,
  ZX_OBJ_TYPE_SOCKET,
  ZX_OK,
  ZX_PKT_TYPE_SIGNAL_ONE,
  ZX_SOCKET_DATAGRAM,
  ZX_TIME_INFINITE,
  ZX_WAIT_ASYNC_ONCE,
} from '../../generated/constants.js';
import type { zx_port_packet_t } from '../../generated/types.js';
import { Kernel } from '../../runtime/kernel.js';

const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
const u64 = (v: number) => [...u32(v >>> 0), ...u32(Math.floor(v / 2 ** 32))];
const garbage = (n: number) => new Uint8Array(n).fill(0xee);

function boot() {
  const sys = new Kernel({ testMode: true }).createProcess('structs').syscalls;
  const a = { value: 0 }, b = { value: 0 };
  expect(sys.zx_socket_create(ZX_SOCKET_DATAGRAM, a, b)).toBe(ZX_OK);
  return { sys, a: a.value, b: b.value };
}

describe('kernel struct output', () => {
  it('ZX_INFO_HANDLE_BASIC: koid, rights, type, peer koid, props, 4 zero bytes', () => {
    const { sys, a, b } = boot();
    const ra = garbage(32), rb = garbage(32);
    expect(sys.zx_object_get_info(a, ZX_INFO_HANDLE_BASIC, ra, 32, null, null)).toBe(ZX_OK);
    expect(sys.zx_object_get_info(b, ZX_INFO_HANDLE_BASIC, rb, 32, null, null)).toBe(ZX_OK);
    const koid = new DataView(ra.buffer).getUint32(0, true); // small in a fresh kernel
    expect(koid).toBeGreaterThan(0);
    // The pair is made in order: b's koid follows a's, and each names the other as related.
    expect([...ra]).toEqual([...u64(koid), ...u32(ZX_DEFAULT_SOCKET_RIGHTS), ...u32(ZX_OBJ_TYPE_SOCKET), ...u64(koid + 1), ...u32(ZX_OBJ_PROP_WAITABLE), 0, 0, 0, 0]);
    expect([...rb]).toEqual([...u64(koid + 1), ...u32(ZX_DEFAULT_SOCKET_RIGHTS), ...u32(ZX_OBJ_TYPE_SOCKET), ...u64(koid), ...u32(ZX_OBJ_PROP_WAITABLE), 0, 0, 0, 0]);
  });

  it('ZX_INFO_HANDLE_COUNT: one u32, nothing after it', () => {
    const { sys, a } = boot();
    const dup = { value: 0 };
    expect(sys.zx_handle_duplicate(a, ZX_DEFAULT_SOCKET_RIGHTS, dup)).toBe(ZX_OK);
    const r = garbage(8);
    expect(sys.zx_object_get_info(a, ZX_INFO_HANDLE_COUNT, r, 8, null, null)).toBe(ZX_OK);
    expect([...r]).toEqual([2, 0, 0, 0, 0xee, 0xee, 0xee, 0xee]);
  });

  it('ZX_INFO_SOCKET: options, 4 zero bytes, then five 64-bit sizes', () => {
    const { sys, a, b } = boot();
    const actual = { value: 0 };
    expect(sys.zx_socket_write(a, 0, new Uint8Array(5), 5, actual)).toBe(ZX_OK);
    const r = garbage(48);
    expect(sys.zx_object_get_info(b, ZX_INFO_SOCKET, r, 48, null, null)).toBe(ZX_OK);
    // rx: max 257024, 5 bytes queued, 5 readable in one datagram; tx: the peer's, empty.
    expect([...r]).toEqual([...u32(ZX_SOCKET_DATAGRAM), 0, 0, 0, 0, ...u64(257024), ...u64(5), ...u64(5), ...u64(257024), ...u64(0)]);
  });

  it('a signal packet payload: trigger, observed, count, then 16 zero bytes', async () => {
    const kernel = new Kernel({ testMode: true });
    const sys = kernel.createProcess('port').syscalls;
    const port = { value: 0 }, ev = { value: 0 };
    expect(sys.zx_port_create(0, port)).toBe(ZX_OK);
    expect(sys.zx_event_create(0, ev)).toBe(ZX_OK);
    expect(sys.zx_object_wait_async(ev.value, port.value, 0x0102030405060708n, ZX_EVENT_SIGNALED, ZX_WAIT_ASYNC_ONCE)).toBe(ZX_OK);
    expect(sys.zx_object_signal(ev.value, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    const out: zx_port_packet_t = { key: 0n, type: 99, status: 99, payload: garbage(32) };
    expect(await sys.zx_port_wait(port.value, ZX_TIME_INFINITE, out)).toBe(ZX_OK);
    expect([out.key, out.type, out.status]).toEqual([0x0102030405060708n, ZX_PKT_TYPE_SIGNAL_ONE, ZX_OK]);
    expect([...out.payload]).toEqual([...u32(ZX_EVENT_SIGNALED), ...u32(ZX_EVENT_SIGNALED), ...u64(1), ...new Array<number>(16).fill(0)]);
  });
});
