// Small helpers shared by the syscall modules.
import { ZX_ERR_ACCESS_DENIED, ZX_ERR_NO_MEMORY, ZX_OK } from '../../generated/constants.js';
import type { Box } from '../core-types.js';
import { copyOut, writeBox } from '../copy-out.js';
import type { Handle } from '../handle.js';
import type { Kernel } from '../kernel.js';
import type { KernelObject } from '../kernel-object.js';
import type { Process } from '../process.js';

/**
 * Turn a "count or negative status" result into a status, writing the count on success. As in
 * Zircon (socket_read and socket_write copy `actual` out after the transfer), a box that refuses
 * the write makes the call INVALID_ARGS, and the bytes stay read or written.
 */
export function countResult(r: number, actual: Box<number> | null): number {
  if (r < 0) return r;
  return actual === null ? ZX_OK : copyOut(ZX_OK, writeBox, actual, r);
}

/**
 * The opening every creator shares, before any object is built: the process's job policy may
 * deny the object type (ACCESS_DENIED), and the arena must have room for `handles` new handles
 * (NO_MEMORY). ZX_OK means go ahead.
 */
export function mayCreate(proc: Process, objType: number, handles: number): number {
  if (!proc.mayCreate(objType)) return ZX_ERR_ACCESS_DENIED;
  return proc.kernel.arena.available >= handles ? ZX_OK : ZX_ERR_NO_MEMORY;
}

/** A fresh handle (in no table) for an object whose room mayCreate checked. */
export function newHandle(kernel: Kernel, obj: KernelObject, rights: number): Handle {
  if (obj.kernel !== kernel) throw new Error(`newHandle: the ${obj.constructor.name} belongs to another Kernel`);
  const h = kernel.arena.alloc(obj, rights);
  if (h === null) throw new Error('handle arena exhausted after mayCreate said there was room');
  return h;
}


/**
 * Hand out handles for a freshly created pair the way socket_create and eventpair_create do
 * (spec §2.4): the first handle is made before the second, so with exactly one free slot the
 * call fails with NO_MEMORY yet leaves the first endpoint's handle in `out0` for installation.
 * The second endpoint then has no handle; it is destroyed when the first one's handles are gone.
 */
export function handOutPair(
  kernel: Kernel,
  pair: readonly [KernelObject, KernelObject],
  rights: number,
  out0: Box<Handle | null>,
  out1: Box<Handle | null>,
): number {
  out0.value = newHandle(kernel, pair[0], rights);
  const h1 = kernel.arena.alloc(pair[1], rights);
  if (h1 === null) return ZX_ERR_NO_MEMORY;
  out1.value = h1;
  return ZX_OK;
}
