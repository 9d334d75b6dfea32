// VMO behaviours V1-V20 that need no mappings or cache policies (spec part 2 §6, §13.3), plus
// every documented status of the VMO syscalls, ZX_INFO_VMO and ZX_PROP_NAME on VMOs.
import { describe, expect, it } from 'vitest';
import {
  Kernel,
  ZX_DEFAULT_VMO_RIGHTS,
  ZX_ERR_ACCESS_DENIED,
  ZX_ERR_BAD_HANDLE,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NO_MEMORY,
  ZX_ERR_NOT_SUPPORTED,
  ZX_ERR_OUT_OF_RANGE,
  ZX_ERR_UNAVAILABLE,
  ZX_ERR_WRONG_TYPE,
  ZX_INFO_VMO,
  ZX_INFO_VMO_IS_COW_CLONE,
  ZX_INFO_VMO_TYPE_PAGED,
  ZX_INFO_VMO_VIA_HANDLE,
  ZX_OBJ_TYPE_VMO,
  ZX_OK,
  ZX_PROP_NAME,
  ZX_RIGHT_DUPLICATE,
  ZX_RIGHT_EXECUTE,
  ZX_RIGHT_READ,
  ZX_RIGHT_WRITE,
  ZX_USER_SIGNAL_0,
  ZX_VMO_CLONE_COPY_ON_WRITE as COW,
  ZX_VMO_CLONE_NON_RESIZEABLE,
  ZX_VMO_NON_RESIZABLE,
  ZX_VMO_OP_CACHE_CLEAN,
  ZX_VMO_OP_CACHE_CLEAN_INVALIDATE,
  ZX_VMO_OP_CACHE_INVALIDATE,
  ZX_VMO_OP_CACHE_SYNC,
  ZX_VMO_OP_COMMIT,
  ZX_VMO_OP_DECOMMIT,
  ZX_VMO_OP_LOCK,
  ZX_VMO_OP_UNLOCK,
  ZX_VMO_ZERO_CHILDREN as ZC,
} from '../../index.js';
import { LAYOUTS, decode_zx_info_vmo_t } from '../../generated/structs.js';
import { SENTINEL, SENTINEL_H, boot, box, dec, dup, enc, handleBasic, isValid, mkEvent, mkSocket, sig, type Sys } from './helpers.js';
import { since } from '../kernel-stats.js';

const PAGE = 4096;
const U64_MAX = (1n << 64n) - 1n;
const MAX_VMO = (1n << 64n) - 65536n;

function mkVmo(sys: Sys, size: number | bigint, options = 0): number {
  const out = box(0);
  expect(sys.zx_vmo_create(BigInt(size), options, out)).toBe(ZX_OK);
  return out.value;
}
function clone(sys: Sys, h: number, offset: number, size: number, options = COW): number {
  const out = box(0);
  expect(sys.zx_vmo_clone(h, options, BigInt(offset), BigInt(size), out)).toBe(ZX_OK);
  return out.value;
}
function size(sys: Sys, h: number): number {
  const s = box(0n);
  expect(sys.zx_vmo_get_size(h, s)).toBe(ZX_OK);
  return Number(s.value);
}
function put(sys: Sys, h: number, offset: number, bytes: Uint8Array): void {
  expect(sys.zx_vmo_write(h, bytes, BigInt(offset), bytes.length)).toBe(ZX_OK);
}
function get(sys: Sys, h: number, offset: number, n: number): Uint8Array {
  const b = new Uint8Array(n);
  expect(sys.zx_vmo_read(h, b, BigInt(offset), n)).toBe(ZX_OK);
  return b;
}
const byte = (sys: Sys, h: number, offset: number): number => get(sys, h, offset, 1)[0]!;
const fill = (n: number, v: number): Uint8Array => new Uint8Array(n).fill(v);
function info(sys: Sys, h: number) {
  const buf = new Uint8Array(112);
  const actual = box(SENTINEL), avail = box(SENTINEL);
  expect(sys.zx_object_get_info(h, ZX_INFO_VMO, buf, buf.length, actual, avail)).toBe(ZX_OK);
  expect([actual.value, avail.value]).toEqual([1, 0]);
  return decode_zx_info_vmo_t(buf);
}
function op(sys: Sys, h: number, o: number, offset: number | bigint, len: number | bigint): number {
  return sys.zx_vmo_op_range(h, o, BigInt(offset), BigInt(len), null, 0);
}

describe('vmo_create, get_size, set_size (spec §6.2, §6.4, §6.5)', () => {
  it('V1 sizes round up to whole pages, through create, set_size and clone', () => {
    const { sys } = boot();
    for (let pages = 0; pages < 16; pages++) expect(size(sys, mkVmo(sys, pages * PAGE))).toBe(pages * PAGE);
    for (const s of [1, 4095, 4097, 12289, 16383]) {
      const rounded = Math.ceil(s / PAGE) * PAGE;
      const v = mkVmo(sys, s);
      expect(size(sys, v)).toBe(rounded);
      expect(sys.zx_vmo_set_size(v, BigInt(s))).toBe(ZX_OK);
      expect(size(sys, v)).toBe(rounded);
      expect(size(sys, clone(sys, v, 0, s))).toBe(rounded);
    }
  });

  it('V2 a fresh VMO reads zeros; a write reads back; a huge sparse VMO costs nothing until written', () => {
    const { sys } = boot();
    const v = mkVmo(sys, 16 * PAGE);
    expect(get(sys, v, 0, 16 * PAGE).every((b) => b === 0)).toBe(true);
    put(sys, v, 100, fill(10, 0x99));
    expect(get(sys, v, 99, 12)).toEqual(Uint8Array.of(0, ...fill(10, 0x99), 0));
    const huge = mkVmo(sys, MAX_VMO);
    expect(size(sys, huge)).toBe(Number(MAX_VMO));
    expect(info(sys, huge).committed_bytes).toBe(0n);
    const tail = fill(8, 1);
    expect(sys.zx_vmo_read(huge, tail, MAX_VMO - 8n, 8)).toBe(ZX_OK);
    expect(tail).toEqual(new Uint8Array(8)); // reading takes nothing
    put(sys, huge, 0x7fff_ffff_f000, fill(3, 7));
    const last = new Uint8Array(2);
    expect(sys.zx_vmo_write(huge, Uint8Array.of(1, 2), MAX_VMO - 2n, 2)).toBe(ZX_OK);
    expect(sys.zx_vmo_read(huge, last, MAX_VMO - 2n, 2)).toBe(ZX_OK);
    expect(last).toEqual(Uint8Array.of(1, 2));
    expect(info(sys, huge).committed_bytes).toBe(2n * BigInt(PAGE));
  });

  it('V3 bounds: OUT_OF_RANGE past the end or on overflow; zero bytes at the end are fine', () => {
    const { sys } = boot();
    const v = mkVmo(sys, 16384);
    const big = new Uint8Array(32768);
    expect(sys.zx_vmo_read(v, big, 0n, 32768)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(sys.zx_vmo_write(v, big, 0n, 32768)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(sys.zx_vmo_read(v, big, 16384n, 0)).toBe(ZX_OK);
    expect(sys.zx_vmo_write(v, null, 16384n, 0)).toBe(ZX_OK);
    expect(sys.zx_vmo_read(v, big, 16385n, 0)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(sys.zx_vmo_write(v, big, 16385n, 0)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(sys.zx_vmo_read(v, big, U64_MAX - 8192n, 16384)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(sys.zx_vmo_write(v, big, U64_MAX - 8192n, 16384)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(sys.zx_vmo_write(v, fill(2, 5), 16383n, 2)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(byte(sys, v, 16383)).toBe(0); // nothing of the refused write landed
  });

  it('vmo_read zeroes one byte per 4 KiB of the buffer, and the last, before the range check', () => {
    const { sys } = boot();
    const v = mkVmo(sys, PAGE);
    const buf = fill(10000, 0xee);
    expect(sys.zx_vmo_read(v, buf, 1n << 40n, 10000)).toBe(ZX_ERR_OUT_OF_RANGE);
    const zeroed = [...buf.keys()].filter((i) => buf[i] === 0);
    expect(zeroed).toEqual([0, 4096, 8192, 9999]);
  });

  it('V4/V5 set_size grows and shrinks; UNAVAILABLE when fixed, before the size check', () => {
    const { sys } = boot();
    const v = mkVmo(sys, 16384);
    expect(sys.zx_vmo_set_size(v, 20480n)).toBe(ZX_OK);
    expect(size(sys, v)).toBe(20480);
    expect(sys.zx_vmo_set_size(v, U64_MAX)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(sys.zx_vmo_set_size(v, MAX_VMO + 1n)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(sys.zx_vmo_set_size(v, 20481n)).toBe(ZX_OK);
    expect(size(sys, v)).toBe(24576);
    put(sys, v, 20000, fill(8, 3));
    expect(sys.zx_vmo_set_size(v, 4096n)).toBe(ZX_OK);
    expect(sys.zx_vmo_set_size(v, 24576n)).toBe(ZX_OK);
    expect(get(sys, v, 20000, 8)).toEqual(new Uint8Array(8)); // the cut pages are gone
    const fixed = mkVmo(sys, PAGE, ZX_VMO_NON_RESIZABLE);
    expect(sys.zx_vmo_set_size(fixed, 2n * BigInt(PAGE))).toBe(ZX_ERR_UNAVAILABLE);
    expect(sys.zx_vmo_set_size(fixed, 0n)).toBe(ZX_ERR_UNAVAILABLE);
    expect(sys.zx_vmo_set_size(fixed, U64_MAX)).toBe(ZX_ERR_UNAVAILABLE);
    const fixedClone = clone(sys, v, 0, PAGE, COW | ZX_VMO_CLONE_NON_RESIZEABLE);
    expect(sys.zx_vmo_set_size(fixedClone, 0n)).toBe(ZX_ERR_UNAVAILABLE);
    expect(sys.zx_vmo_set_size(clone(sys, fixed, 0, PAGE), 0n)).toBe(ZX_OK); // resizable whatever the parent
  });

  it('vmo_create: INVALID_ARGS for options, then ACCESS_DENIED by policy, then OUT_OF_RANGE', () => {
    const kernel = new Kernel();
    const sys = kernel.createProcess('a').syscalls;
    const out = box(SENTINEL_H);
    for (const o of [2, 3, 0x80000000]) expect(sys.zx_vmo_create(0n, o, out)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_vmo_create(0n, 0, null as never)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_vmo_create(-1n, 0, out)).toBe(ZX_ERR_INVALID_ARGS);
    for (const s of [U64_MAX, MAX_VMO + 1n, U64_MAX - 4095n]) expect(sys.zx_vmo_create(s, 0, out)).toBe(ZX_ERR_OUT_OF_RANGE);
    const denied = kernel.createProcess('d', { denyNew: [ZX_OBJ_TYPE_VMO] }).syscalls;
    const base = kernel.stats();
    expect(denied.zx_vmo_create(0n, 0, out)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(denied.zx_vmo_create(U64_MAX, 0, out)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(denied.zx_vmo_create(0n, 2, out)).toBe(ZX_ERR_INVALID_ARGS);
    expect(out.value).toBe(SENTINEL_H);
    expect(since(kernel, base).objects).toBe(0);
  });

  it('BAD_HANDLE, WRONG_TYPE, ACCESS_DENIED and INVALID_ARGS on read, write, get_size and set_size', () => {
    const { sys } = boot();
    const v = mkVmo(sys, PAGE);
    const [s0] = mkSocket(sys);
    const ev = mkEvent(sys);
    const b = new Uint8Array(4);
    const sz = box(SENTINEL as unknown as bigint);
    expect(sys.zx_vmo_read(0, b, 0n, 4)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_vmo_write(v + 1, b, 0n, 4)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_vmo_get_size(0, sz)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_vmo_set_size(0, 0n)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_vmo_read(s0, b, 0n, 4)).toBe(ZX_ERR_WRONG_TYPE);
    expect(sys.zx_vmo_write(s0, b, 0n, 4)).toBe(ZX_ERR_WRONG_TYPE);
    expect(sys.zx_vmo_get_size(ev, sz)).toBe(ZX_ERR_WRONG_TYPE);
    expect(sys.zx_vmo_set_size(s0, 0n)).toBe(ZX_ERR_WRONG_TYPE);
    expect(sys.zx_vmo_read(ev, b, 0n, 4)).toBe(ZX_ERR_ACCESS_DENIED); // rights before type
    expect(sz.value).toBe(SENTINEL);
    // V7: a READ-only handle reads but cannot write or resize; rights 0 can do neither; get_size needs none.
    const ro = dup(sys, v, ZX_RIGHT_READ);
    const wo = dup(sys, v, ZX_RIGHT_WRITE);
    const none = dup(sys, v, 0);
    expect(sys.zx_vmo_read(ro, b, 0n, 4)).toBe(ZX_OK);
    expect(sys.zx_vmo_write(ro, b, 0n, 4)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_vmo_set_size(ro, 0n)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_vmo_write(wo, b, 0n, 4)).toBe(ZX_OK);
    expect(sys.zx_vmo_read(wo, b, 0n, 4)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_vmo_read(none, b, 0n, 4)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_vmo_write(none, b, 0n, 4)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_vmo_get_size(none, sz)).toBe(ZX_OK);
    expect(sz.value).toBe(BigInt(PAGE));
    // Shapes come first: a short or null buffer, a bad offset, an unusable box.
    expect(sys.zx_vmo_read(0, new Uint8Array(2), 0n, 4)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_vmo_write(v, null, 0n, 4)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_vmo_write(v, b, -1n, 4)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_vmo_read(v, b, 0 as never, 4)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_vmo_get_size(v, null as never)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_vmo_set_size(v, 1 as never)).toBe(ZX_ERR_INVALID_ARGS);
  });

  it('V7 default rights, and ZX_PROP_NAME: cut at 31 bytes or the first NUL, read back 32 bytes', () => {
    const { sys } = boot();
    const v = mkVmo(sys, PAGE);
    const hb = handleBasic(sys, v);
    expect(hb.rights).toBe(ZX_DEFAULT_VMO_RIGHTS);
    expect(ZX_DEFAULT_VMO_RIGHTS).toBe(0xd0ff);
    expect([hb.type, hb.related_koid]).toEqual([ZX_OBJ_TYPE_VMO, 0n]);
    const name = new Uint8Array(32);
    expect(sys.zx_object_get_property(v, ZX_PROP_NAME, name, 32)).toBe(ZX_OK);
    expect(name).toEqual(new Uint8Array(32));
    expect(sys.zx_object_set_property(v, ZX_PROP_NAME, enc('test vmo'), 8)).toBe(ZX_OK);
    expect(sys.zx_object_get_property(v, ZX_PROP_NAME, name, 32)).toBe(ZX_OK);
    expect(dec(name, name.indexOf(0))).toBe('test vmo');
    expect(sys.zx_object_set_property(v, ZX_PROP_NAME, enc('x'.repeat(40)), 40)).toBe(ZX_OK);
    expect(sys.zx_object_get_property(v, ZX_PROP_NAME, name, 32)).toBe(ZX_OK);
    expect([name.indexOf(0), name[31]]).toEqual([31, 0]);
    expect(sys.zx_object_set_property(v, ZX_PROP_NAME, enc('ab\0cd'), 5)).toBe(ZX_OK);
    expect(sys.zx_object_get_property(v, ZX_PROP_NAME, name, 32)).toBe(ZX_OK);
    expect(name.subarray(0, 6)).toEqual(Uint8Array.of(0x61, 0x62, 0, 0, 0, 0));
    expect(sys.zx_object_set_property(v, ZX_PROP_NAME, null as never, 0)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_set_property(v, ZX_PROP_NAME, new Uint8Array(0), 0)).toBe(ZX_OK);
    expect(sys.zx_object_get_property(v, ZX_PROP_NAME, name, 32)).toBe(ZX_OK);
    expect(name).toEqual(new Uint8Array(32));
  });
});

describe('vmo_op_range (spec §6.6)', () => {
  it('V8/V9 COMMIT keeps data, DECOMMIT drops whole pages the range touches', () => {
    const { sys } = boot();
    const v = mkVmo(sys, 4 * PAGE);
    expect(op(sys, v, ZX_VMO_OP_COMMIT, 0, 4 * PAGE)).toBe(ZX_OK);
    expect(info(sys, v).committed_bytes).toBe(4n * 4096n);
    expect(op(sys, v, ZX_VMO_OP_DECOMMIT, 0, 4 * PAGE)).toBe(ZX_OK);
    expect(info(sys, v).committed_bytes).toBe(0n);
    put(sys, v, PAGE, Uint8Array.of(99));
    expect(op(sys, v, ZX_VMO_OP_COMMIT, 0, 2 * PAGE)).toBe(ZX_OK);
    expect(byte(sys, v, PAGE)).toBe(99);
    expect(op(sys, v, ZX_VMO_OP_DECOMMIT, 0, PAGE)).toBe(ZX_OK);
    expect(byte(sys, v, PAGE)).toBe(99);
    expect(op(sys, v, ZX_VMO_OP_DECOMMIT, PAGE, PAGE)).toBe(ZX_OK);
    expect(byte(sys, v, PAGE)).toBe(0);
    put(sys, v, 0, Uint8Array.of(5));
    for (const o of [ZX_VMO_OP_DECOMMIT, ZX_VMO_OP_COMMIT, ZX_VMO_OP_DECOMMIT]) expect(op(sys, v, o, 0x10, 0x100)).toBe(ZX_OK);
    expect(byte(sys, v, 0)).toBe(0); // bytes 0x10..0x110 dropped all of page 0
    expect(info(sys, v).committed_bytes).toBe(0n);
  });

  it('COMMIT and DECOMMIT trim at the end; OUT_OF_RANGE only past it or on overflow', () => {
    const { sys } = boot();
    const v = mkVmo(sys, 2 * PAGE);
    expect(op(sys, v, ZX_VMO_OP_COMMIT, PAGE, 100 * PAGE)).toBe(ZX_OK);
    expect(info(sys, v).committed_bytes).toBe(4096n);
    expect(op(sys, v, ZX_VMO_OP_COMMIT, 2 * PAGE, 5)).toBe(ZX_OK); // trimmed to nothing
    expect(op(sys, v, ZX_VMO_OP_COMMIT, 2 * PAGE + 1, 0)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(op(sys, v, ZX_VMO_OP_DECOMMIT, 1, U64_MAX)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(op(sys, v, ZX_VMO_OP_DECOMMIT, 0, U64_MAX)).toBe(ZX_OK);
    expect(op(sys, v, ZX_VMO_OP_DECOMMIT, 0, U64_MAX - 10n)).toBe(ZX_OK);
  });

  it('NO_MEMORY: one COMMIT may add at most 16384 pages (64 MiB); nothing is committed past that', () => {
    const { sys } = boot();
    const huge = mkVmo(sys, MAX_VMO);
    expect(op(sys, huge, ZX_VMO_OP_COMMIT, 0, MAX_VMO)).toBe(ZX_ERR_NO_MEMORY);
    expect(op(sys, huge, ZX_VMO_OP_COMMIT, 0, 16385 * PAGE)).toBe(ZX_ERR_NO_MEMORY);
    expect(info(sys, huge).committed_bytes).toBe(0n);
    put(sys, huge, 0, Uint8Array.of(1)); // a page already owned does not count
    expect(op(sys, huge, ZX_VMO_OP_COMMIT, 0, 16385 * PAGE)).toBe(ZX_OK);
    expect(info(sys, huge).committed_bytes).toBe(16385n * 4096n);
    expect(byte(sys, huge, 0)).toBe(1);
    expect(op(sys, huge, ZX_VMO_OP_DECOMMIT, 0, MAX_VMO)).toBe(ZX_OK);
    expect(info(sys, huge).committed_bytes).toBe(0n);
  });

  it('V11 cache operations: the range must be non-empty and inside', () => {
    const { sys } = boot();
    const s = 0x8000;
    const v = mkVmo(sys, s);
    for (const o of [ZX_VMO_OP_CACHE_SYNC, ZX_VMO_OP_CACHE_INVALIDATE, ZX_VMO_OP_CACHE_CLEAN, ZX_VMO_OP_CACHE_CLEAN_INVALIDATE]) {
      for (const [off, len] of [[0, 1], [1, 1], [0, s], [1, s - 1], [0x5200, 1], [0x5200, 0x800], [0x5200, 0x1000], [0x5200, 0x1200]]) {
        expect(op(sys, v, o, off!, len!)).toBe(ZX_OK);
      }
      expect(op(sys, v, o, 0, 0)).toBe(ZX_ERR_INVALID_ARGS);
      for (const [off, len] of [[1n, BigInt(s)], [BigInt(s), 1n], [BigInt(s) + 1n, 1n], [U64_MAX - 1n, 1n], [U64_MAX, 1n], [U64_MAX, U64_MAX]]) {
        expect(op(sys, v, o, off!, len!)).toBe(ZX_ERR_OUT_OF_RANGE);
      }
    }
    expect(info(sys, v).committed_bytes).toBe(0n);
  });

  it('type first, then the right the operation needs; LOCK/UNLOCK NOT_SUPPORTED; unknown ops INVALID_ARGS', () => {
    const { sys } = boot();
    const v = mkVmo(sys, PAGE);
    const ev = mkEvent(sys); // no READ or WRITE: still WRONG_TYPE, since the type comes first
    expect(op(sys, ev, ZX_VMO_OP_COMMIT, 0, PAGE)).toBe(ZX_ERR_WRONG_TYPE);
    expect(op(sys, 0, ZX_VMO_OP_COMMIT, 0, PAGE)).toBe(ZX_ERR_BAD_HANDLE);
    const ro = dup(sys, v, ZX_RIGHT_READ);
    const wo = dup(sys, v, ZX_RIGHT_WRITE);
    const none = dup(sys, v, 0);
    expect(op(sys, ro, ZX_VMO_OP_COMMIT, 0, PAGE)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(op(sys, ro, ZX_VMO_OP_DECOMMIT, 1, U64_MAX)).toBe(ZX_ERR_ACCESS_DENIED); // before the range
    expect(op(sys, ro, ZX_VMO_OP_CACHE_INVALIDATE, 0, 1)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(op(sys, ro, ZX_VMO_OP_CACHE_SYNC, 0, 1)).toBe(ZX_OK);
    expect(op(sys, wo, ZX_VMO_OP_CACHE_CLEAN, 0, 1)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(op(sys, wo, ZX_VMO_OP_CACHE_INVALIDATE, 0, 1)).toBe(ZX_OK);
    expect(op(sys, none, ZX_VMO_OP_LOCK, 0, PAGE)).toBe(ZX_ERR_NOT_SUPPORTED);
    expect(op(sys, none, ZX_VMO_OP_UNLOCK, 0, PAGE)).toBe(ZX_ERR_NOT_SUPPORTED);
    for (const bad of [0, 5, 10, 0xffffffff]) expect(op(sys, none, bad, 0, PAGE)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_vmo_op_range(v, ZX_VMO_OP_COMMIT, 0n, 1n, new Uint8Array(1), 2)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_vmo_op_range(v, ZX_VMO_OP_COMMIT, 0n, 1n, new Uint8Array(8), 8)).toBe(ZX_OK);
  });
});

describe('vmo_clone (spec §6.1, §6.8)', () => {
  it('V13 a clone is a live view: it sees later parent writes until it writes the page itself', () => {
    const { sys } = boot();
    const p = mkVmo(sys, 4 * PAGE);
    const words = new Uint8Array(4 * PAGE);
    new DataView(words.buffer).setUint32(0, 0xdeadbeef, true);
    for (let i = 0; i < words.length; i += 8) new DataView(words.buffer).setBigUint64(i, BigInt(i), true);
    put(sys, p, 0, words);
    const c = clone(sys, p, 0, 4 * PAGE);
    expect(get(sys, c, 0, 4 * PAGE)).toEqual(words);
    put(sys, c, 0, Uint8Array.of(99));
    expect(byte(sys, c, 0)).toBe(99);
    expect(get(sys, c, 8, PAGE - 8)).toEqual(words.subarray(8, PAGE)); // the rest of the page was copied
    expect(get(sys, p, 0, 8)).toEqual(words.subarray(0, 8)); // the parent is unchanged
    put(sys, p, 8192, Uint8Array.of(77));
    expect(byte(sys, c, 8192)).toBe(77); // seen through the clone
    put(sys, p, 0, Uint8Array.of(55));
    expect(byte(sys, c, 0)).toBe(99); // not through a page the clone owns
    expect(info(sys, c).committed_bytes).toBe(4096n);
  });

  it('V15/V16 DECOMMIT reverts a clone page to the parent; COMMIT copies the parent view', () => {
    const { sys } = boot();
    const p = mkVmo(sys, PAGE);
    put(sys, p, 0, fill(PAGE, 0x99));
    const c = clone(sys, p, 0, PAGE);
    expect(op(sys, c, ZX_VMO_OP_COMMIT, 0, PAGE)).toBe(ZX_OK);
    put(sys, p, 0, Uint8Array.of(1));
    expect(byte(sys, c, 0)).toBe(0x99); // committed: independent now
    put(sys, c, 0, Uint8Array.of(100));
    expect(byte(sys, p, 0)).toBe(1);
    expect(op(sys, c, ZX_VMO_OP_DECOMMIT, 0, PAGE)).toBe(ZX_OK);
    expect(byte(sys, c, 0)).toBe(1); // the parent's view again
  });

  it('V17 offsets: page-aligned only; past the parent end reads zero, live across grow and shrink', () => {
    const { sys } = boot();
    const p = mkVmo(sys, 4 * PAGE);
    for (let i = 0; i < 4; i++) put(sys, p, i * PAGE, Uint8Array.of(i + 1));
    const out = box(SENTINEL_H);
    expect(sys.zx_vmo_clone(p, COW, 1n, BigInt(PAGE), out)).toBe(ZX_ERR_INVALID_ARGS);
    const c = clone(sys, p, PAGE, 4 * PAGE);
    expect([0, 1, 2, 3].map((i) => byte(sys, c, i * PAGE))).toEqual([2, 3, 4, 0]);
    expect(sys.zx_vmo_set_size(p, 5n * BigInt(PAGE))).toBe(ZX_OK);
    expect(byte(sys, c, 3 * PAGE)).toBe(0);
    put(sys, p, 4 * PAGE, Uint8Array.of(99));
    expect(byte(sys, c, 3 * PAGE)).toBe(99);
    expect(sys.zx_vmo_set_size(p, 0n)).toBe(ZX_OK);
    expect(sys.zx_vmo_set_size(p, 5n * BigInt(PAGE))).toBe(ZX_OK);
    expect(get(sys, c, 0, 4 * PAGE).every((b) => b === 0)).toBe(true);
    // Offset and size may reach far past the parent's end.
    const far = clone(sys, p, 1 << 30, 2 * PAGE);
    expect(get(sys, far, 0, 2 * PAGE).every((b) => b === 0)).toBe(true);
  });

  it('a clone of a clone reads through both parents', () => {
    const { sys } = boot();
    const p = mkVmo(sys, 2 * PAGE);
    const c1 = clone(sys, p, 0, 2 * PAGE);
    const c2 = clone(sys, c1, PAGE, PAGE);
    put(sys, p, PAGE + 5, Uint8Array.of(42));
    expect(byte(sys, c2, 5)).toBe(42);
    put(sys, c1, PAGE + 5, Uint8Array.of(43));
    expect(byte(sys, c2, 5)).toBe(43);
    expect(byte(sys, p, PAGE + 5)).toBe(42);
  });

  it('V18 rights: the source handle\'s plus WRITE and the property rights; the name only with GET_PROPERTY', () => {
    const { sys } = boot();
    const p = mkVmo(sys, PAGE);
    expect(sys.zx_object_set_property(p, ZX_PROP_NAME, enc('original'), 8)).toBe(ZX_OK);
    const narrow = dup(sys, p, ZX_RIGHT_READ | ZX_RIGHT_DUPLICATE);
    const c = clone(sys, narrow, 0, PAGE);
    expect(handleBasic(sys, c).rights).toBe(0xcd);
    const name = new Uint8Array(32);
    expect(sys.zx_object_get_property(c, ZX_PROP_NAME, name, 32)).toBe(ZX_OK);
    expect(name).toEqual(new Uint8Array(32));
    const named = clone(sys, p, 0, PAGE);
    expect(handleBasic(sys, named).rights).toBe(ZX_DEFAULT_VMO_RIGHTS);
    expect(sys.zx_object_get_property(named, ZX_PROP_NAME, name, 32)).toBe(ZX_OK);
    expect(dec(name, 8)).toBe('original');
    expect(sys.zx_object_set_property(named, ZX_PROP_NAME, enc('clone'), 5)).toBe(ZX_OK);
    expect(sys.zx_object_get_property(p, ZX_PROP_NAME, name, 32)).toBe(ZX_OK);
    expect(dec(name, 8)).toBe('original');
  });

  it('V20 ZERO_CHILDREN follows the live clones; a middle clone with a child keeps the parent without it', async () => {
    const { sys, kernel } = boot();
    const base = kernel.stats();
    const p = mkVmo(sys, PAGE);
    expect(await sig(sys, p)).toBe(ZC);
    expect(sys.zx_object_signal(p, 0, ZX_USER_SIGNAL_0)).toBe(ZX_OK);
    expect(await sig(sys, p)).toBe(ZC | ZX_USER_SIGNAL_0);
    expect(sys.zx_object_signal(p, 0, 0)).toBe(ZX_OK);
    for (let round = 0; round < 10; round++) {
      const c1 = clone(sys, p, 0, PAGE);
      expect(await sig(sys, p)).toBe(ZX_USER_SIGNAL_0);
      expect(await sig(sys, c1)).toBe(ZC);
      const c2 = clone(sys, c1, 0, PAGE);
      expect(await sig(sys, c1)).toBe(0);
      expect(sys.zx_handle_close(c1)).toBe(ZX_OK);
      expect(await sig(sys, p)).toBe(ZX_USER_SIGNAL_0);
      put(sys, p, 0, Uint8Array.of(round));
      expect(byte(sys, c2, 0)).toBe(round); // still reading through the closed middle clone
      expect(info(sys, p).num_children).toBe(1);
      expect(sys.zx_handle_close(c2)).toBe(ZX_OK);
      expect(await sig(sys, p)).toBe(ZC | ZX_USER_SIGNAL_0);
    }
    expect(sys.zx_handle_close(p)).toBe(ZX_OK);
    expect(since(kernel, base)).toEqual({ objects: 0, handles: 0, userPackets: 0 });
  });

  it('statuses: BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE, INVALID_ARGS for options, OUT_OF_RANGE', () => {
    const { sys } = boot();
    const p = mkVmo(sys, PAGE);
    const out = box(SENTINEL_H);
    expect(sys.zx_vmo_clone(0, COW, 0n, 0n, out)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_vmo_clone(dup(sys, p, ZX_RIGHT_READ), COW, 0n, 0n, out)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_vmo_clone(dup(sys, p, ZX_RIGHT_DUPLICATE), COW, 0n, 0n, out)).toBe(ZX_ERR_ACCESS_DENIED);
    const [s0] = mkSocket(sys);
    expect(sys.zx_vmo_clone(s0, COW, 0n, 0n, out)).toBe(ZX_ERR_WRONG_TYPE);
    for (const o of [0, ZX_VMO_CLONE_NON_RESIZEABLE, COW | 4, 0x80000001]) expect(sys.zx_vmo_clone(p, o, 0n, 0n, out)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_vmo_clone(p, COW, 0n, U64_MAX, out)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(sys.zx_vmo_clone(p, COW, 1n, U64_MAX, out)).toBe(ZX_ERR_OUT_OF_RANGE); // size before offset alignment
    expect(sys.zx_vmo_clone(p, COW, U64_MAX - 4095n, BigInt(2 * PAGE), out)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(sys.zx_vmo_clone(p, COW, 0n, 0n, null as never)).toBe(ZX_ERR_INVALID_ARGS);
    expect(out.value).toBe(SENTINEL_H);
    expect(info(sys, p).num_children).toBe(0); // no failed clone was left behind
  });
});

describe('vmo_replace_as_executable (spec §6.9)', () => {
  it('adds EXECUTE to the handle\'s rights and consumes the old handle', () => {
    const { sys, kernel } = boot();
    const base = kernel.stats();
    const v = mkVmo(sys, PAGE);
    const narrow = dup(sys, v, ZX_RIGHT_READ);
    const out = box(SENTINEL_H);
    expect(sys.zx_vmo_replace_as_executable(narrow, 0, out)).toBe(ZX_OK);
    expect(isValid(sys, narrow)).toBe(false);
    expect(handleBasic(sys, out.value).rights).toBe(ZX_RIGHT_READ | ZX_RIGHT_EXECUTE);
    expect(since(kernel, base).handles).toBe(2);
  });

  it('BAD_HANDLE for a non-VMO (consumed) or a dead value; WRONG_TYPE for a vmex that is no VMEX resource (consumed)', () => {
    const { sys, kernel } = boot();
    const base = kernel.stats();
    const out = box(SENTINEL_H);
    const ev = mkEvent(sys);
    expect(sys.zx_vmo_replace_as_executable(ev, 0, out)).toBe(ZX_ERR_BAD_HANDLE);
    expect(isValid(sys, ev)).toBe(false);
    expect(sys.zx_vmo_replace_as_executable(0x1234, 0, out)).toBe(ZX_ERR_BAD_HANDLE);
    const v = mkVmo(sys, PAGE);
    const other = mkEvent(sys);
    expect(sys.zx_vmo_replace_as_executable(v, other, out)).toBe(ZX_ERR_WRONG_TYPE);
    expect(isValid(sys, v)).toBe(false);
    const v2 = mkVmo(sys, PAGE);
    expect(sys.zx_vmo_replace_as_executable(v2, 0x1234, out)).toBe(ZX_ERR_BAD_HANDLE);
    expect(isValid(sys, v2)).toBe(false);
    const v3 = mkVmo(sys, PAGE);
    expect(sys.zx_vmo_replace_as_executable(v3, 0, null as never)).toBe(ZX_ERR_INVALID_ARGS);
    expect(isValid(sys, v3)).toBe(false);
    expect(out.value).toBe(SENTINEL_H);
    expect(sys.zx_handle_close(other)).toBe(ZX_OK);
    expect(since(kernel, base)).toEqual({ objects: 0, handles: 0, userPackets: 0 });
  });
});

describe('ZX_INFO_VMO (spec §6.10, §12)', () => {
  it('reports koid, name, size, parent, children, flags, committed bytes; rights 0; needs no right', () => {
    const { sys } = boot();
    const p = mkVmo(sys, 3 * PAGE, ZX_VMO_NON_RESIZABLE);
    expect(sys.zx_object_set_property(p, ZX_PROP_NAME, enc('info'), 4)).toBe(ZX_OK);
    put(sys, p, 10, Uint8Array.of(1));
    const c = clone(sys, p, PAGE, PAGE);
    const ip = info(sys, p);
    expect(ip.koid).toBe(handleBasic(sys, p).koid);
    expect(dec(ip.name, 4)).toBe('info');
    expect(ip.size_bytes).toBe(3n * 4096n);
    expect(ip.parent_koid).toBe(0n);
    expect(ip.num_children).toBe(1);
    expect(ip.flags).toBe(ZX_INFO_VMO_TYPE_PAGED | ZX_INFO_VMO_VIA_HANDLE);
    expect(ip.committed_bytes).toBe(4096n);
    expect([ip.handle_rights, ip.create_options, ip.cache_policy, ip.num_mappings, ip.share_count]).toEqual([0, 0, 0, 0, 1]);
    const ic = info(sys, dup(sys, c, 0));
    expect(ic.parent_koid).toBe(ip.koid);
    expect(ic.flags).toBe(ZX_INFO_VMO_TYPE_PAGED | ZX_INFO_VMO_VIA_HANDLE | ZX_INFO_VMO_IS_COW_CLONE);
    expect([ic.create_options, ic.committed_bytes, ic.size_bytes]).toEqual([1, 0n, 4096n]);
    expect(sys.zx_handle_close(p)).toBe(ZX_OK);
    expect(info(sys, c).parent_koid).toBe(ip.koid); // kept after the parent is gone
  });

  it('ignores buffer_size but fails a buffer too short for the record; layouts in both data models', () => {
    const { sys } = boot();
    const v = mkVmo(sys, PAGE);
    const buf = new Uint8Array(112);
    expect(sys.zx_object_get_info(v, ZX_INFO_VMO, buf, 0, null, null)).toBe(ZX_OK);
    expect(decode_zx_info_vmo_t(buf).size_bytes).toBe(4096n);
    expect(sys.zx_object_get_info(v, ZX_INFO_VMO, new Uint8Array(111), 111, null, null)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_get_info(v, ZX_INFO_VMO, null, 0, null, null)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_get_info(mkEvent(sys), ZX_INFO_VMO, buf, 112, null, null)).toBe(ZX_ERR_WRONG_TYPE);
    expect(LAYOUTS.lp64.zx_info_vmo_t).toEqual({ size: 112, align: 8, offsets: { koid: 0, name: 8, size_bytes: 40, parent_koid: 48, num_children: 56, num_mappings: 64, share_count: 72, flags: 80, committed_bytes: 88, handle_rights: 96, create_options: 100, cache_policy: 104 } });
    expect(LAYOUTS.wasm32.zx_info_vmo_t).toEqual({ size: 96, align: 8, offsets: { koid: 0, name: 8, size_bytes: 40, parent_koid: 48, num_children: 56, num_mappings: 60, share_count: 64, flags: 68, committed_bytes: 72, handle_rights: 80, create_options: 84, cache_policy: 88 } });
  });
});
