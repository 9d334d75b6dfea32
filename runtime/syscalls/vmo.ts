// VMO syscalls (spec part 2 §6). The wrapper has checked shapes, options where a definition says
// so, and the handle's type and rights; ranges, sizes and per-operation rights are checked here.
import {
  ZX_ERR_ACCESS_DENIED,
  ZX_ERR_BAD_HANDLE,
  ZX_ERR_BAD_STATE,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NO_MEMORY,
  ZX_ERR_NOT_SUPPORTED,
  ZX_ERR_OUT_OF_RANGE,
  ZX_ERR_UNAVAILABLE,
  ZX_ERR_WRONG_TYPE,
  ZX_OBJ_TYPE_VMO,
  ZX_OK,
  ZX_RIGHT_EXECUTE,
  ZX_RIGHT_GET_PROPERTY,
  ZX_RIGHT_READ,
  ZX_RIGHT_SET_PROPERTY,
  ZX_RIGHT_WRITE,
  ZX_VMO_CLONE_COPY_ON_WRITE,
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
} from '../../generated/constants.js';
import type { Handlers } from '../core-types.js';
import { VmoObject, vmoPages } from '../objects/vmo.js';
import { PAGE_SIZE } from '../objects/vm-pages.js';
import { copyOut, writeBox } from '../copy-out.js';
import { newHandle } from './util.js';

const U64_MAX = (1n << 64n) - 1n;
const PAGE = BigInt(PAGE_SIZE);

// zx_status_t zx_vmo_create: options (wrapper), then policy, then size.
export const vmoCreate: Handlers['vmoCreate'] = (proc, size, options, out) => {
  if (!proc.mayCreate(ZX_OBJ_TYPE_VMO)) return ZX_ERR_ACCESS_DENIED;
  const pages = vmoPages(size);
  if (pages === null) return ZX_ERR_OUT_OF_RANGE;
  const k = proc.kernel;
  if (k.arena.available < 1) return ZX_ERR_NO_MEMORY;
  out.value = newHandle(k, VmoObject.create(k, pages, (options & ZX_VMO_NON_RESIZABLE) === 0), VmoObject.defaultRights);
  return ZX_OK;
};

/** The byte range [offset, offset+len) lies inside the VMO (its end may equal the size). */
const inRange = (vmo: VmoObject, offset: bigint, len: number): boolean => offset + BigInt(len) <= vmo.vm.sizeBytes;

// zx_status_t zx_vmo_read
export const vmoRead: Handlers['vmoRead'] = (_proc, handle, buffer, offset, len) => {
  const vmo = handle.object;
  if (len === 0 || buffer === null) return vmo.uncached ? ZX_ERR_BAD_STATE : inRange(vmo, offset, 0) ? ZX_OK : ZX_ERR_OUT_OF_RANGE;
  // Zircon probes the caller's buffer by storing a zero in each 4 KiB of it before the other checks.
  for (let i = 0; i < len; i += PAGE_SIZE) buffer[i] = 0;
  buffer[len - 1] = 0;
  if (vmo.uncached) return ZX_ERR_BAD_STATE;
  if (!inRange(vmo, offset, len)) return ZX_ERR_OUT_OF_RANGE;
  vmo.vm.read(offset, buffer, len);
  return ZX_OK;
};

// zx_status_t zx_vmo_write
export const vmoWrite: Handlers['vmoWrite'] = (_proc, handle, buffer, offset, len) => {
  const vmo = handle.object;
  if (vmo.uncached) return ZX_ERR_BAD_STATE;
  if (!inRange(vmo, offset, len)) return ZX_ERR_OUT_OF_RANGE;
  if (len > 0 && buffer !== null) vmo.vm.write(offset, buffer, len);
  return ZX_OK;
};

// zx_status_t zx_vmo_get_size: needs no right. A box that refuses the write is a failed copy-out.
export const vmoGetSize: Handlers['vmoGetSize'] = (_proc, handle, size) => {
  return copyOut(ZX_OK, writeBox<bigint>, size, handle.object.vm.sizeBytes);
};

// zx_status_t zx_vmo_set_size: a fixed-size VMO is refused before the size is looked at.
export const vmoSetSize: Handlers['vmoSetSize'] = (_proc, handle, size) => {
  const vm = handle.object.vm;
  if (!vm.resizable) return ZX_ERR_UNAVAILABLE;
  const pages = vmoPages(size);
  if (pages === null) return ZX_ERR_OUT_OF_RANGE;
  vm.resize(pages);
  return ZX_OK;
};

/** The right each operation needs, checked after the type (spec §6.6). */
const OP_RIGHT: ReadonlyMap<number, number> = new Map([
  [ZX_VMO_OP_COMMIT, ZX_RIGHT_WRITE],
  [ZX_VMO_OP_DECOMMIT, ZX_RIGHT_WRITE],
  [ZX_VMO_OP_CACHE_SYNC, ZX_RIGHT_READ],
  [ZX_VMO_OP_CACHE_INVALIDATE, ZX_RIGHT_WRITE],
  [ZX_VMO_OP_CACHE_CLEAN, ZX_RIGHT_READ],
  [ZX_VMO_OP_CACHE_CLEAN_INVALIDATE, ZX_RIGHT_READ],
]);

// zx_status_t zx_vmo_op_range: buffer and buffer_size are not used.
export const vmoOpRange: Handlers['vmoOpRange'] = (_proc, handle, op, offset, size) => {
  if (op === ZX_VMO_OP_LOCK || op === ZX_VMO_OP_UNLOCK) return ZX_ERR_NOT_SUPPORTED;
  const right = OP_RIGHT.get(op);
  if (right === undefined) return ZX_ERR_INVALID_ARGS;
  if ((handle.rights & right) === 0) return ZX_ERR_ACCESS_DENIED;
  const vm = handle.object.vm;
  const vmoSize = vm.sizeBytes;
  const end = offset + size;
  if (op !== ZX_VMO_OP_COMMIT && op !== ZX_VMO_OP_DECOMMIT) {
    // Cache operations: a non-empty range wholly inside; there is no cache, so nothing to do.
    if (size === 0n) return ZX_ERR_INVALID_ARGS;
    return end > U64_MAX || end > vmoSize ? ZX_ERR_OUT_OF_RANGE : ZX_OK;
  }
  // Commit and decommit trim the range at the end and round it outward to whole pages.
  if (offset > vmoSize || end > U64_MAX) return ZX_ERR_OUT_OF_RANGE;
  const last = end < vmoSize ? end : vmoSize;
  if (last === offset) return ZX_OK;
  const first = Number(offset / PAGE);
  const stop = Number((last + PAGE - 1n) / PAGE);
  if (op === ZX_VMO_OP_DECOMMIT) vm.decommit(first, stop);
  else if (!vm.commit(first, stop)) return ZX_ERR_NO_MEMORY;
  return ZX_OK;
};

// zx_status_t zx_vmo_clone: the clone's rights are the source handle's plus WRITE and the
// property rights; it copies the name only through a handle that may read it.
export const vmoClone: Handlers['vmoClone'] = (proc, handle, options, offset, size, out) => {
  if ((options & ZX_VMO_CLONE_COPY_ON_WRITE) === 0) return ZX_ERR_INVALID_ARGS;
  if ((options & ~(ZX_VMO_CLONE_COPY_ON_WRITE | ZX_VMO_CLONE_NON_RESIZEABLE)) !== 0) return ZX_ERR_INVALID_ARGS;
  const pages = vmoPages(size);
  if (pages === null) return ZX_ERR_OUT_OF_RANGE;
  if (handle.object.uncached) return ZX_ERR_BAD_STATE;
  if (offset % PAGE !== 0n) return ZX_ERR_INVALID_ARGS;
  if (offset + BigInt(pages) * PAGE > U64_MAX) return ZX_ERR_OUT_OF_RANGE;
  const k = proc.kernel;
  if (k.arena.available < 1) return ZX_ERR_NO_MEMORY;
  const r = handle.rights;
  const resizable = (options & ZX_VMO_CLONE_NON_RESIZEABLE) === 0;
  const clone = handle.object.clone(pages, Number(offset / PAGE), resizable, (r & ZX_RIGHT_GET_PROPERTY) !== 0);
  out.value = newHandle(k, clone, r | ZX_RIGHT_GET_PROPERTY | ZX_RIGHT_SET_PROPERTY | ZX_RIGHT_WRITE);
  return ZX_OK;
};

// zx_status_t zx_vmo_set_cache_policy: the wrapper checked the policy's bits, then the handle.
export const vmoSetCachePolicy: Handlers['vmoSetCachePolicy'] = (_proc, handle, policy) => {
  const vmo = handle.object;
  if (vmo.policyFixed) return ZX_ERR_BAD_STATE;
  vmo.cachePolicy = policy;
  return ZX_OK;
};

// zx_status_t zx_vmo_replace_as_executable: `handle` was taken (the wrapper closes it on
// failure). A non-VMO is BAD_HANDLE, as in Zircon, and is consumed all the same.
export const vmoReplaceAsExecutable: Handlers['vmoReplaceAsExecutable'] = (proc, handle, vmex, out) => {
  // This kernel has no resource objects, so no valid vmex is of kind VMEX (or ROOT).
  if (vmex !== null) return ZX_ERR_WRONG_TYPE;
  if (!(handle.object instanceof VmoObject)) return ZX_ERR_BAD_HANDLE;
  const h = proc.kernel.arena.alloc(handle.object, handle.rights | ZX_RIGHT_EXECUTE);
  if (h === null) return ZX_ERR_NO_MEMORY;
  out.value = h;
  proc.kernel.closeHandle(handle);
  return ZX_OK;
};
