// zx_vmo_set_cache_policy (spec part 2 §6.7, test V10): the checks in their order, the
// conditions that fix a VMO's policy, and what a policy other than CACHED does to read, write and
// clone (BAD_STATE) and to ZX_INFO_VMO. Every documented status of the call is produced here.
import { describe, expect, it } from 'vitest';
import {
  Kernel, ZX_CACHE_POLICY_CACHED, ZX_CACHE_POLICY_MASK, ZX_CACHE_POLICY_UNCACHED, ZX_CACHE_POLICY_UNCACHED_DEVICE,
  ZX_CACHE_POLICY_WRITE_COMBINING, ZX_ERR_ACCESS_DENIED, ZX_ERR_BAD_HANDLE, ZX_ERR_BAD_STATE, ZX_ERR_INVALID_ARGS,
  ZX_ERR_OUT_OF_RANGE, ZX_ERR_WRONG_TYPE, ZX_INFO_VMO, ZX_OK, ZX_RIGHT_MAP, ZX_RIGHT_READ, ZX_RIGHT_WRITE,
  ZX_VMO_CLONE_COPY_ON_WRITE as COW, ZX_VMO_OP_COMMIT, ZX_VMO_OP_DECOMMIT,
} from '../../index.js';
import { decode_zx_info_vmo_t } from '../../generated/structs.js';
import { bad, box, dup, type Sys } from './helpers.js';
import { otherObject } from './other-object.js';

function boot() {
  const kernel = new Kernel({ testMode: true });
  const proc = kernel.createProcess('cache-policy');
  return { kernel, proc, sys: proc.syscalls };
}
function vmo(sys: Sys, size = 4 * 4096): number {
  const out = box(0);
  expect(sys.zx_vmo_create(BigInt(size), 0, out)).toBe(ZX_OK);
  return out.value;
}
function clone(sys: Sys, h: number): number {
  const out = box(0);
  expect(sys.zx_vmo_clone(h, COW, 0n, 4096n, out)).toBe(ZX_OK);
  return out.value;
}
function policyOf(sys: Sys, h: number): number {
  const buf = new Uint8Array(112);
  expect(sys.zx_object_get_info(h, ZX_INFO_VMO, buf, buf.length, null, null)).toBe(ZX_OK);
  return decode_zx_info_vmo_t(buf).cache_policy;
}

describe('vmo_set_cache_policy', () => {
  it('sets each of the four policies on an untouched VMO; ZX_INFO_VMO reports it (V6, V10)', () => {
    const { sys } = boot();
    const v = vmo(sys);
    expect(policyOf(sys, v)).toBe(ZX_CACHE_POLICY_CACHED);
    for (const p of [ZX_CACHE_POLICY_UNCACHED, ZX_CACHE_POLICY_UNCACHED_DEVICE, ZX_CACHE_POLICY_WRITE_COMBINING, ZX_CACHE_POLICY_CACHED, ZX_CACHE_POLICY_UNCACHED]) {
      expect(sys.zx_vmo_set_cache_policy(v, p)).toBe(ZX_OK);
      expect(policyOf(sys, v)).toBe(p);
    }
    expect(ZX_CACHE_POLICY_MASK).toBe(3);
  });

  it('checks the policy first, then the handle: INVALID_ARGS, BAD_HANDLE, ACCESS_DENIED, WRONG_TYPE', () => {
    const { kernel, proc, sys } = boot();
    const v = vmo(sys);
    expect(sys.zx_vmo_set_cache_policy(v, 4)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_vmo_set_cache_policy(v, 0x80000001)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_vmo_set_cache_policy(v, bad(1n))).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_vmo_set_cache_policy(0x1234, 4)).toBe(ZX_ERR_INVALID_ARGS); // the policy beats the handle
    expect(sys.zx_vmo_set_cache_policy(0x1234, ZX_CACHE_POLICY_UNCACHED)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_vmo_set_cache_policy(dup(sys, v, ZX_RIGHT_READ | ZX_RIGHT_WRITE), ZX_CACHE_POLICY_UNCACHED)).toBe(ZX_ERR_ACCESS_DENIED);
    const other = otherObject(kernel, proc, ZX_RIGHT_MAP);
    expect(sys.zx_vmo_set_cache_policy(other, ZX_CACHE_POLICY_UNCACHED)).toBe(ZX_ERR_WRONG_TYPE);
    expect(sys.zx_vmo_set_cache_policy(dup(sys, v, ZX_RIGHT_MAP), ZX_CACHE_POLICY_UNCACHED)).toBe(ZX_OK); // MAP alone is enough
    expect(policyOf(sys, v)).toBe(ZX_CACHE_POLICY_UNCACHED);
  });

  it('BAD_STATE once the VMO has a page of its own; OK again after DECOMMIT (V10)', () => {
    const { sys } = boot();
    const v = vmo(sys);
    expect(sys.zx_vmo_op_range(v, ZX_VMO_OP_COMMIT, 4096n, 4096n, null, 0)).toBe(ZX_OK);
    expect(sys.zx_vmo_set_cache_policy(v, ZX_CACHE_POLICY_UNCACHED)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_vmo_set_cache_policy(v, ZX_CACHE_POLICY_CACHED)).toBe(ZX_ERR_BAD_STATE); // even the same policy
    expect(sys.zx_vmo_op_range(v, ZX_VMO_OP_DECOMMIT, 0n, 4n * 4096n, null, 0)).toBe(ZX_OK);
    expect(sys.zx_vmo_set_cache_policy(v, ZX_CACHE_POLICY_UNCACHED)).toBe(ZX_OK);
    // A write commits a page too.
    const w = vmo(sys);
    expect(sys.zx_vmo_write(w, new Uint8Array([1]), 0n, 1)).toBe(ZX_OK);
    expect(sys.zx_vmo_set_cache_policy(w, ZX_CACHE_POLICY_UNCACHED)).toBe(ZX_ERR_BAD_STATE);
  });

  it('BAD_STATE on a parent while a clone lives, and on the clone itself (V10)', () => {
    const { sys } = boot();
    const parent = vmo(sys);
    const c = clone(sys, parent);
    expect(sys.zx_vmo_set_cache_policy(parent, ZX_CACHE_POLICY_UNCACHED)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_vmo_set_cache_policy(c, ZX_CACHE_POLICY_UNCACHED)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_handle_close(c)).toBe(ZX_OK);
    expect(sys.zx_vmo_set_cache_policy(parent, ZX_CACHE_POLICY_UNCACHED)).toBe(ZX_OK);
  });

  it('while not CACHED, read, write and clone give BAD_STATE; CACHED again restores them (V10)', () => {
    const { sys } = boot();
    const v = vmo(sys);
    expect(sys.zx_vmo_set_cache_policy(v, ZX_CACHE_POLICY_WRITE_COMBINING)).toBe(ZX_OK);
    const buf = new Uint8Array(8).fill(7);
    expect(sys.zx_vmo_read(v, buf, 0n, 8)).toBe(ZX_ERR_BAD_STATE);
    expect(Array.from(buf)).toEqual([0, 7, 7, 7, 7, 7, 7, 0]); // the probe ran first, as for OUT_OF_RANGE
    expect(sys.zx_vmo_read(v, null, 0n, 0)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_vmo_read(v, buf, 1n << 40n, 8)).toBe(ZX_ERR_BAD_STATE); // before the range check
    expect(sys.zx_vmo_write(v, buf, 0n, 8)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_vmo_write(v, buf, 1n << 40n, 8)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_vmo_read(v, null, 0n, 8)).toBe(ZX_ERR_INVALID_ARGS); // the buffer check comes first
    const out = box(0);
    expect(sys.zx_vmo_clone(v, COW, 0n, 4096n, out)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_vmo_clone(v, COW, 0n, (1n << 64n) - 1n, out)).toBe(ZX_ERR_OUT_OF_RANGE); // size before the policy
    expect(sys.zx_vmo_clone(v, COW, 1n, 4096n, out)).toBe(ZX_ERR_BAD_STATE); // the policy before the offset
    expect(out.value).toBe(0);
    // Commit and decommit are not affected; the committed page fixes the policy until decommitted.
    expect(sys.zx_vmo_op_range(v, ZX_VMO_OP_COMMIT, 0n, 4096n, null, 0)).toBe(ZX_OK);
    expect(sys.zx_vmo_set_cache_policy(v, ZX_CACHE_POLICY_CACHED)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_vmo_op_range(v, ZX_VMO_OP_DECOMMIT, 0n, 4096n, null, 0)).toBe(ZX_OK);
    expect(sys.zx_vmo_set_cache_policy(v, ZX_CACHE_POLICY_CACHED)).toBe(ZX_OK);
    expect(sys.zx_vmo_write(v, buf, 0n, 8)).toBe(ZX_OK);
    expect(sys.zx_vmo_read(v, new Uint8Array(8), 0n, 8)).toBe(ZX_OK);
    expect(sys.zx_handle_close(clone(sys, v))).toBe(ZX_OK);
  });
});
