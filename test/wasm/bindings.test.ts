// The generated host bindings (generated/wasm-imports.ts through support/wasm.ts), called as a
// wasm32 guest calls them but on a plain memory in this thread: pointers are checked (end of
// memory, wrap-around), consumed handles are consumed even when a buffer pointer is bad,
// outputs are written only where the wrapper wrote, structs use the wasm32 layouts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ZX_ERR_BAD_HANDLE,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NOT_SUPPORTED,
  ZX_ERR_TIMED_OUT,
  ZX_EVENT_SIGNALED,
  ZX_OK,
  ZX_SIGNAL_NONE,
} from '../../generated/constants.js';
import { createWasmSyscalls, WASM_SYSCALLS } from '../../generated/wasm-imports.js';
import { defsSources, loadModel } from '../../generator/pipeline.js';
import { Kernel } from '../../runtime/index.js';
import { GuestMemory, type WasmCall } from '../../support/wasm.js';
import { repoRoot } from '../generator/helpers.js';

const PAGE = 65536;

function guest() {
  const kernel = new Kernel();
  const proc = kernel.createProcess('guest', { dataModel: 'wasm32' });
  const buffer = new ArrayBuffer(PAGE);
  const mem = new GuestMemory({ buffer });
  const dv = new DataView(buffer);
  const calls = createWasmSyscalls(proc.syscalls);
  const call = (name: string, ...args: (number | bigint)[]) => (calls.get(name) as WasmCall)(mem, args);
  return { kernel, proc, dv, bytes: new Uint8Array(buffer), call };
}

describe('wasm host bindings', () => {
  it('has one import per public syscall, named without zx_, with parameters exactly for the implemented ones', () => {
    const names = WASM_SYSCALLS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const d of WASM_SYSCALLS) expect(d.stub).toBe(`zx_${d.name}`);
    expect(WASM_SYSCALLS.find((d) => d.name === 'channel_write')?.params).toHaveLength(6);
    expect(WASM_SYSCALLS.find((d) => d.name === 'guest_create')?.params).toBeUndefined();
    // Every implemented syscall reaches a guest (job_set_policy once did not, for want of a
    // wasm32 form of its policy records), and no other does.
    const implemented = new Set(loadModel(defsSources(join(repoRoot, 'defs'))).model!.syscalls.filter((sc) => sc.implemented).map((sc) => sc.name));
    expect(WASM_SYSCALLS.filter((d) => d.params !== undefined).map((d) => d.name)).toEqual(names.filter((n) => implemented.has(n)));
  });

  it('writes created handles to the guest, and refuses an out pointer past the end without creating anything', () => {
    const { kernel, dv, call } = guest();
    expect(call('channel_create', 0, 16, 20)).toBe(ZX_OK);
    expect(dv.getUint32(16, true)).not.toBe(0);
    expect(dv.getUint32(20, true)).not.toBe(0);
    const before = kernel.stats();
    expect(call('event_create', 0, PAGE - 2)).toBe(ZX_ERR_INVALID_ARGS);
    expect(call('event_create', 0, -4 >>> 0)).toBe(ZX_ERR_INVALID_ARGS);
    expect(kernel.stats()).toEqual(before);
  });

  it('refuses buffers that run off the end or wrap around 2^32, and still consumes the handles sent', () => {
    const { kernel, dv, call, proc } = guest();
    const base = kernel.stats();
    expect(call('channel_create', 0, 16, 20)).toBe(ZX_OK);
    expect(call('event_create', 0, 24)).toBe(ZX_OK);
    const [a, ev] = [dv.getUint32(16, true), dv.getUint32(24, true)];
    dv.setUint32(32, ev, true); // the handle array: one event
    expect(call('channel_write', a, 0, PAGE - 4, 8, 32, 1)).toBe(ZX_ERR_INVALID_ARGS);
    expect(proc.syscalls.zx_handle_close(ev)).toBe(ZX_ERR_BAD_HANDLE); // consumed, as channel_write always does
    expect(call('channel_write', a, 0, 0xfffffff0, 0x20, 0, 0)).toBe(ZX_ERR_INVALID_ARGS);
    expect(call('channel_write', a, 0, PAGE - 8, 8, 0, 0)).toBe(ZX_OK); // the last bytes are in bounds
    expect(kernel.stats().handles).toBe(base.handles + 2);
  });

  it('writes an out value only where the syscall wrote one', () => {
    const { dv, call } = guest();
    expect(call('event_create', 0, 16)).toBe(ZX_OK);
    const ev = dv.getUint32(16, true);
    dv.setUint32(40, 0xdeadbeef, true);
    // A past deadline with the signal up: OK, observed written.
    expect(call('object_signal', ev, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    return (call('object_wait_one', ev, ZX_EVENT_SIGNALED, 0n, 40) as Promise<number>).then(async (st) => {
      expect(st).toBe(ZX_OK);
      expect(dv.getUint32(40, true)).toBe(ZX_EVENT_SIGNALED);
      // A bad handle: the wrapper writes nothing, so neither do the bindings.
      dv.setUint32(44, 0xdeadbeef, true);
      expect(await call('object_wait_one', 3, ZX_EVENT_SIGNALED, 0n, 44)).toBe(ZX_ERR_BAD_HANDLE);
      expect(dv.getUint32(44, true)).toBe(0xdeadbeef);
      expect(call('object_signal', ev, ZX_EVENT_SIGNALED, ZX_SIGNAL_NONE)).toBe(ZX_OK);
      expect(await call('object_wait_one', ev, ZX_EVENT_SIGNALED, 0n, 44)).toBe(ZX_ERR_TIMED_OUT);
      expect(dv.getUint32(44, true)).toBe(0);
    });
  });

  it('decodes and writes back wait items in the wasm32 layout (12 bytes each)', async () => {
    const { dv, call } = guest();
    expect(call('event_create', 0, 16)).toBe(ZX_OK);
    expect(call('event_create', 0, 20)).toBe(ZX_OK);
    const [e0, e1] = [dv.getUint32(16, true), dv.getUint32(20, true)];
    expect(call('object_signal', e1, 0, ZX_EVENT_SIGNALED)).toBe(ZX_OK);
    for (const [i, h] of [e0, e1].entries()) {
      dv.setUint32(64 + 12 * i, h, true);
      dv.setUint32(64 + 12 * i + 4, ZX_EVENT_SIGNALED, true);
      dv.setUint32(64 + 12 * i + 8, 0xffff, true);
    }
    expect(await call('object_wait_many', 64, 2, 0n)).toBe(ZX_OK);
    expect(dv.getUint32(64 + 8, true)).toBe(0);
    expect(dv.getUint32(64 + 12 + 8, true)).toBe(ZX_EVENT_SIGNALED);
    expect(dv.getUint32(64 + 12, true)).toBe(e1); // the rest of the item is as it was
  });

  it('reads channel_call arguments through the 32-byte wasm32 zx_channel_call_args_t', async () => {
    const { dv, bytes, call } = guest();
    expect(call('channel_create', 0, 16, 20)).toBe(ZX_OK);
    const [a, b] = [dv.getUint32(16, true), dv.getUint32(20, true)];
    // args at 128: wr_bytes 256 (8 bytes), rd_bytes 512 (16 bytes), no handles.
    const args = [256, 0, 512, 0, 8, 0, 16, 0];
    args.forEach((v, i) => dv.setUint32(128 + 4 * i, v, true));
    bytes.set([1, 0, 0, 0, 9, 9, 9, 9], 256);
    const pending = call('channel_call', a, 0, 2n ** 62n, 128, 40, 44) as Promise<number>;
    // The other end, through the bindings too: read the request at 1024, answer with the same
    // txid (its first 4 bytes, which the kernel chose) and four 7s.
    expect(call('channel_read', b, 0, 1024, 0, 8, 0, 1100, 1104)).toBe(ZX_OK);
    expect([...bytes.subarray(1028, 1032)]).toEqual([9, 9, 9, 9]);
    const txid = [...bytes.subarray(1024, 1028)];
    bytes.fill(7, 1028, 1032);
    expect(call('channel_write', b, 0, 1024, 8, 0, 0)).toBe(ZX_OK);
    expect(await pending).toBe(ZX_OK);
    expect(dv.getUint32(40, true)).toBe(8);
    expect([...bytes.subarray(512, 520)]).toEqual([...txid, 7, 7, 7, 7]);
    expect(bytes[520]).toBe(0); // nothing past the reply
  });

  it('answers unimplemented syscalls with NOT_SUPPORTED, in their return form', () => {
    const { call } = guest();
    expect(call('guest_create', 0, 0, 16, 20)).toBe(ZX_ERR_NOT_SUPPORTED);
  });
});

