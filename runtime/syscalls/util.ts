// Small helpers shared by the syscall modules.
import { ZX_OK } from '../../generated/constants.js';
import type { Box } from '../core-types.js';
import type { Handle } from '../handle.js';
import type { Kernel } from '../kernel.js';
import type { KernelObject } from '../kernel-object.js';

/** Turn a "count or negative status" result into a status, writing the count on success. */
export function countResult(r: number, actual: Box<number> | null): number {
  if (r < 0) return r;
  if (actual !== null) actual.value = r;
  return ZX_OK;
}

/** True if the arena can take `n` more handles (checked before any object is built). */
export function hasRoom(kernel: Kernel, n: number): boolean {
  return kernel.arena.available >= n;
}

/** A fresh handle (in no table) for an object whose room was checked with hasRoom. */
export function newHandle(kernel: Kernel, obj: KernelObject, rights: number): Handle {
  const h = kernel.arena.alloc(obj, rights);
  if (h === null) throw new Error('handle arena exhausted after hasRoom check');
  return h;
}

