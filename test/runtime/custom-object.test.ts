// An object type of another ABI, built only from the public `zxkit/runtime` entry and bound to
// a process with Process.bind: zxkit's own waits, ports, duplicate, close, get_info and channel
// transfer work on it through the one handle table both syscall surfaces share.
import { describe, expect, it } from 'vitest';
import {
  decode_zx_packet_signal_t,
  ZX_ERR_BAD_HANDLE,
  ZX_ERR_CANCELED,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_TIMED_OUT,
  ZX_INFO_HANDLE_BASIC,
  ZX_OK,
  ZX_PKT_TYPE_SIGNAL_ONE,
  ZX_RIGHT_SAME_RIGHTS,
  ZX_RIGHT_SIGNAL,
  ZX_RIGHTS_BASIC,
  ZX_SIGNAL_HANDLE_CLOSED,
  ZX_TIME_INFINITE,
  ZX_USER_SIGNAL_0,
  ZX_USER_SIGNAL_ALL,
  ZX_WAIT_ASYNC_ONCE,
} from 'zxkit';
import {
  Kernel,
  KernelObject,
  mayCreate,
  newHandle,
  type AbiOptions,
  type Box,
  type HandleTable,
  type Process,
  type TypedHandle,
} from 'zxkit/runtime';
import { since } from '../kernel-stats.js';

const ZX_OBJ_TYPE_GAUGE = 64;
const GAUGE_ABOVE_ZERO = 0x1;

class GaugeObject extends KernelObject {
  level = 0;
  constructor(kernel: Kernel) {
    super(kernel, ZX_OBJ_TYPE_GAUGE, 0);
  }
  get waitable(): boolean {
    return true;
  }
  get userSignalMask(): number {
    return ZX_USER_SIGNAL_ALL;
  }
  set(level: number): void {
    this.level = level;
    this.updateSignals(level > 0 ? 0 : GAUGE_ABOVE_ZERO, level > 0 ? GAUGE_ABOVE_ZERO : 0);
  }
  onZeroHandles(): void {
    this.kernel.objectDestroyed();
  }
}

// What a generated createSyscalls does, reduced to two calls: look up, check the type, call
// the core; install what it returns.
interface GaugeCore {
  gaugeCreate(proc: Process, out: Box<TypedHandle<GaugeObject> | null>): number;
  gaugeSet(proc: Process, handle: TypedHandle<GaugeObject>, level: number): number;
}
interface GaugeSyscalls {
  zx_gauge_create(out: Box<number>): number;
  zx_gauge_set(handle: number, level: number): number;
}
const seenOptions: AbiOptions[] = [];
function createGaugeSyscalls(proc: Process, abi: HandleTable, core: GaugeCore, options: AbiOptions): GaugeSyscalls {
  seenOptions.push(options);
  return {
    zx_gauge_create(out) {
      const box: Box<TypedHandle<GaugeObject> | null> = { value: null };
      const status = core.gaugeCreate(proc, box);
      if (status === ZX_OK && box.value !== null) out.value = abi.install(box.value);
      return status;
    },
    zx_gauge_set(handle, level) {
      const h = abi.lookup(handle);
      if (h === null) return ZX_ERR_BAD_HANDLE;
      if (h.object.type !== ZX_OBJ_TYPE_GAUGE) return -12; // ZX_ERR_WRONG_TYPE
      return core.gaugeSet(proc, h as TypedHandle<GaugeObject>, level);
    },
  };
}
const gaugeCore: GaugeCore = {
  gaugeCreate(proc, out) {
    const allowed = mayCreate(proc, ZX_OBJ_TYPE_GAUGE, 1);
    if (allowed !== ZX_OK) return allowed;
    out.value = newHandle(proc.kernel, new GaugeObject(proc.kernel), ZX_RIGHTS_BASIC | ZX_RIGHT_SIGNAL) as TypedHandle<GaugeObject>;
    return ZX_OK;
  },
  gaugeSet(_proc, handle, level) {
    handle.object.set(level);
    return ZX_OK;
  },
};

function boot() {
  const kernel = new Kernel({ testMode: true });
  const proc = kernel.createProcess('app');
  const base = kernel.stats(); // the process, its startup handles, the root job
  const gauges = proc.bind(createGaugeSyscalls, gaugeCore);
  const g = { value: 0 };
  expect(gauges.zx_gauge_create(g)).toBe(ZX_OK);
  return { base, kernel, proc, zx: proc.syscalls, gauges, g: g.value };
}

describe('an object type from zxkit/runtime, bound with Process.bind', () => {
  it('is woken in zx_object_wait_one by its own signal, and times out without it', async () => {
    const { zx, gauges, g } = boot();
    const observed = { value: -1 };
    expect(await zx.zx_object_wait_one(g, GAUGE_ABOVE_ZERO, 0n, observed)).toBe(ZX_ERR_TIMED_OUT);
    expect(observed.value).toBe(0);
    const waiting = zx.zx_object_wait_one(g, GAUGE_ABOVE_ZERO, ZX_TIME_INFINITE, observed);
    expect(gauges.zx_gauge_set(g, 3)).toBe(ZX_OK);
    expect(await waiting).toBe(ZX_OK);
    expect(observed.value).toBe(GAUGE_ABOVE_ZERO);
  });

  it('queues a signal packet on a port through zx_object_wait_async', async () => {
    const { zx, gauges, g } = boot();
    const port = { value: 0 };
    expect(zx.zx_port_create(0, port)).toBe(ZX_OK);
    expect(zx.zx_object_wait_async(g, port.value, 42n, GAUGE_ABOVE_ZERO, ZX_WAIT_ASYNC_ONCE)).toBe(ZX_OK);
    const packet = { key: 0n, type: 0, status: -1, payload: new Uint8Array(32) };
    const waiting = zx.zx_port_wait(port.value, ZX_TIME_INFINITE, packet);
    expect(gauges.zx_gauge_set(g, 1)).toBe(ZX_OK);
    expect(await waiting).toBe(ZX_OK);
    expect(packet).toMatchObject({ key: 42n, type: ZX_PKT_TYPE_SIGNAL_ONE, status: ZX_OK });
    expect(decode_zx_packet_signal_t(packet.payload)).toMatchObject({ trigger: GAUGE_ABOVE_ZERO, observed: GAUGE_ABOVE_ZERO });
  });

  it('takes part in zx_object_wait_many, and zx_object_signal follows its userSignalMask', async () => {
    const { zx, gauges, g } = boot();
    const ev = { value: 0 };
    expect(zx.zx_event_create(0, ev)).toBe(ZX_OK);
    const items = [
      { handle: ev.value, waitfor: ZX_USER_SIGNAL_0, pending: 0 },
      { handle: g, waitfor: GAUGE_ABOVE_ZERO, pending: 0 },
    ];
    const waiting = zx.zx_object_wait_many(items, 2, ZX_TIME_INFINITE);
    expect(gauges.zx_gauge_set(g, 1)).toBe(ZX_OK);
    expect(await waiting).toBe(ZX_OK);
    expect(items[1].pending).toBe(GAUGE_ABOVE_ZERO);
    expect(zx.zx_object_signal(g, 0, GAUGE_ABOVE_ZERO)).toBe(ZX_ERR_INVALID_ARGS); // not in its mask
    expect(zx.zx_object_signal(g, 0, ZX_USER_SIGNAL_0)).toBe(ZX_OK);
    const observed = { value: 0 };
    expect(await zx.zx_object_wait_one(g, ZX_USER_SIGNAL_0, 0n, observed)).toBe(ZX_OK);
    expect(observed.value).toBe(GAUGE_ABOVE_ZERO | ZX_USER_SIGNAL_0);
  });

  it('shares the process handle table: duplicate, get_info and close work, and closing cancels a wait', async () => {
    const { base, kernel, zx, gauges, g } = boot();
    const dup = { value: 0 };
    expect(zx.zx_handle_duplicate(g, ZX_RIGHT_SAME_RIGHTS, dup)).toBe(ZX_OK);
    expect(gauges.zx_gauge_set(dup.value, 5)).toBe(ZX_OK); // the duplicate reaches the same object
    const info = new Uint8Array(32);
    expect(zx.zx_object_get_info(dup.value, ZX_INFO_HANDLE_BASIC, info, 32, null, null)).toBe(ZX_OK);
    expect(new DataView(info.buffer).getUint32(12, true)).toBe(ZX_OBJ_TYPE_GAUGE);
    const observed = { value: 0 };
    const waiting = zx.zx_object_wait_one(dup.value, 0x2, ZX_TIME_INFINITE, observed);
    expect(zx.zx_handle_close(dup.value)).toBe(ZX_OK);
    expect(await waiting).toBe(ZX_ERR_CANCELED);
    expect(observed.value).toBe(GAUGE_ABOVE_ZERO | ZX_SIGNAL_HANDLE_CLOSED);
    expect(gauges.zx_gauge_set(dup.value, 1)).toBe(ZX_ERR_BAD_HANDLE);
    expect(since(kernel, base)).toEqual({ objects: 1, handles: 1, userPackets: 0 });
    expect(zx.zx_handle_close(g)).toBe(ZX_OK);
    expect(since(kernel, base)).toEqual({ objects: 0, handles: 0, userPackets: 0 });
  });

  it('moves over a channel into another process, whose bound surface then reaches it', async () => {
    const { kernel, proc, zx, gauges, g } = boot();
    const other = kernel.createProcess('other');
    const otherGauges = other.bind(createGaugeSyscalls, gaugeCore);
    const a = { value: 0 }, b = { value: 0 };
    expect(zx.zx_channel_create(0, a, b)).toBe(ZX_OK);
    const theirs = proc.transferHandle(b.value, other);
    expect(zx.zx_channel_write(a.value, 0, null, 0, [g], 1)).toBe(ZX_OK);
    expect(gauges.zx_gauge_set(g, 1)).toBe(ZX_ERR_BAD_HANDLE); // it left the writer's table
    const got = new Uint32Array(1);
    expect(other.syscalls.zx_channel_read(theirs, 0, null, got, 0, 1, null, null)).toBe(ZX_OK);
    const waiting = other.syscalls.zx_object_wait_one(got[0], GAUGE_ABOVE_ZERO, ZX_TIME_INFINITE, null);
    expect(otherGauges.zx_gauge_set(got[0], 2)).toBe(ZX_OK);
    expect(await waiting).toBe(ZX_OK);
  });

  it('passes the process test mode to the bound ABI', () => {
    seenOptions.length = 0;
    new Kernel({ testMode: false }).createProcess('a').bind(createGaugeSyscalls, gaugeCore);
    new Kernel({ testMode: true }).createProcess('b').bind(createGaugeSyscalls, gaugeCore);
    expect(seenOptions).toEqual([{ testMode: false }, { testMode: true }]);
  });
});
