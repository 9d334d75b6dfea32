// Ports: REPEATING coalescing, the per-port limit quirk, the global pool, and dead ports.
import { describe, expect, it } from 'vitest';
import {
  ZX_ERR_NO_MEMORY,
  ZX_ERR_NOT_FOUND,
  ZX_ERR_SHOULD_WAIT,
  ZX_ERR_TIMED_OUT,
  ZX_EVENT_SIGNALED,
  ZX_OK,
  ZX_PKT_TYPE_SIGNAL_REP,
  ZX_USER_SIGNAL_0,
  ZX_WAIT_ASYNC_REPEATING,
} from '../../../generated/constants.js';
import { Kernel } from '../../../runtime/kernel.js';
import { PORT_MAX_PENDING } from '../../../runtime/objects/port.js';
import { USER_PACKET_POOL } from '../../../runtime/objects/port-packet.js';
import { since } from '../../kernel-stats.js';

function boot() {
  const kernel = new Kernel({ testMode: true });
  const sys = kernel.createProcess('p').syscalls;
  const base = kernel.stats(); // the process, its startup handles, the root job
  const make = (create: (out: { value: number }) => number): number => {
    const out = { value: 0 };
    expect(create(out)).toBe(ZX_OK);
    return out.value;
  };
  return {
    base,
    kernel,
    sys,
    port: () => make((o) => sys.zx_port_create(0, o)),
    event: () => make((o) => sys.zx_event_create(0, o)),
  };
}

const packet = () => ({ key: 0n, type: 0, status: 0, payload: new Uint8Array(32) });
const u32 = (b: Uint8Array, off: number) => new DataView(b.buffer, b.byteOffset).getUint32(off, true);

describe('ports', () => {
  it('coalesce a REPEATING registration while its packet is queued, then re-arm after dequeue', async () => {
    const { sys, port, event } = boot();
    const p = port();
    const e = event();
    const trigger = ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_0;
    expect(sys.zx_object_wait_async(e, p, 5n, trigger, ZX_WAIT_ASYNC_REPEATING)).toBe(ZX_OK);
    expect(sys.zx_object_signal(e, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(sys.zx_object_signal(e, ZX_EVENT_SIGNALED, ZX_USER_SIGNAL_0)).toBe(ZX_OK);
    const got = packet();
    expect(await sys.zx_port_wait(p, 0n, got)).toBe(ZX_OK);
    expect(got.type).toBe(ZX_PKT_TYPE_SIGNAL_REP);
    expect(u32(got.payload, 4)).toBe(trigger >>> 0); // observed: OR of both states
    expect(u32(got.payload, 8)).toBe(1);
    expect(await sys.zx_port_wait(p, 0n, packet())).toBe(ZX_ERR_TIMED_OUT);
    expect(sys.zx_object_signal(e, ZX_USER_SIGNAL_0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(await sys.zx_port_wait(p, 0n, packet())).toBe(ZX_OK);
  });

  it('hand a packet straight to a blocked waiter', async () => {
    const { kernel, sys, port } = boot();
    const p = port();
    const got = packet();
    const w = sys.zx_port_wait(p, kernel.now() + 1_000_000_000n, got);
    expect(sys.zx_port_queue(p, { key: 9n, type: 3, status: -1, payload: new Uint8Array(32).fill(7) })).toBe(ZX_OK);
    expect(await w).toBe(ZX_OK);
    expect(got).toMatchObject({ key: 9n, type: 0, status: -1 });
    expect(got.payload).toEqual(new Uint8Array(32).fill(7));
    expect(kernel.stats().userPackets).toBe(0);
  });

  it('drop a registration whose packet cannot be queued on a full port', async () => {
    const { sys, port, event } = boot();
    const p = port();
    const e = event();
    for (let i = 0; i <= PORT_MAX_PENDING; i++) expect(sys.zx_port_queue(p, packet())).toBe(ZX_OK);
    expect(sys.zx_port_queue(p, packet())).toBe(ZX_ERR_SHOULD_WAIT);
    expect(sys.zx_object_wait_async(e, p, 1n, ZX_EVENT_SIGNALED, ZX_WAIT_ASYNC_REPEATING)).toBe(ZX_OK);
    expect(sys.zx_object_signal(e, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK); // queue fails: dropped
    expect(await sys.zx_port_wait(p, 0n, packet())).toBe(ZX_OK);
    expect(sys.zx_object_signal(e, ZX_EVENT_SIGNALED, 0)).toBe(ZX_OK);
    expect(sys.zx_object_signal(e, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK); // nothing registered now
    expect(sys.zx_port_cancel(p, e, 1n)).toBe(ZX_ERR_NOT_FOUND);
  });

  it('share one global pool of user packets across ports', () => {
    const { kernel, sys, port } = boot();
    let queued = 0;
    let st = ZX_OK;
    while (st === ZX_OK) {
      const p = port();
      for (let i = 0; i <= PORT_MAX_PENDING && (st = sys.zx_port_queue(p, packet())) === ZX_OK; i++) queued++;
    }
    expect(st).toBe(ZX_ERR_NO_MEMORY);
    expect(queued).toBe(USER_PACKET_POOL);
    expect(kernel.stats().userPackets).toBe(USER_PACKET_POOL);
  });

  it('discard packets and drop registrations once the last port handle closes', () => {
    const { base, kernel, sys, port, event } = boot();
    const p = port();
    const e = event();
    expect(sys.zx_port_queue(p, packet())).toBe(ZX_OK);
    expect(sys.zx_object_wait_async(e, p, 1n, ZX_EVENT_SIGNALED, ZX_WAIT_ASYNC_REPEATING)).toBe(ZX_OK);
    expect(sys.zx_handle_close(p)).toBe(ZX_OK);
    expect(since(kernel, base)).toMatchObject({ objects: 1, userPackets: 0 });
    expect(sys.zx_object_signal(e, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    expect(sys.zx_handle_close(e)).toBe(ZX_OK);
    expect(since(kernel, base)).toMatchObject({ objects: 0, handles: 0 });
  });
});
