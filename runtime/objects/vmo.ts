// VMOs (Zircon's VmObjectDispatcher, spec part 2 §6): a handle-facing object around a VmObject
// (vm-pages.ts), with the VMO's name, its creation options and the ZERO_CHILDREN signal.
import {
  ZX_CACHE_POLICY_CACHED,
  ZX_DEFAULT_VMO_RIGHTS,
  ZX_INFO_VMO_IS_COW_CLONE,
  ZX_INFO_VMO_TYPE_PAGED,
  ZX_INFO_VMO_VIA_HANDLE,
  ZX_MAX_NAME_LEN,
  ZX_OBJ_TYPE_VMO,
  ZX_USER_SIGNAL_ALL,
  ZX_VMO_ZERO_CHILDREN,
} from '../../generated/constants.js';
import type { zx_info_vmo_t } from '../../generated/types.js';
import type { Kernel } from '../kernel.js';
import { KernelObject } from '../kernel-object.js';
import { PAGE_SIZE, VmObject, type ChildWatcher } from './vm-pages.js';

/** The largest VMO, in pages: 2^64 - 65536 bytes, the largest multiple of 16 pages below 2^64. */
export const VMO_MAX_PAGES = 2 ** 52 - 16;

/** `size` rounded up to whole pages, or null when that is above the largest VMO (a wrap included). */
export function vmoPages(size: bigint): number | null {
  const pages = (size + 4095n) >> 12n;
  return pages > BigInt(VMO_MAX_PAGES) ? null : Number(pages);
}

/** A VMO (zx_vmo_create, zx_vmo_clone). */
export class VmoObject extends KernelObject implements ChildWatcher {
  static readonly type = ZX_OBJ_TYPE_VMO;
  static readonly defaultRights = ZX_DEFAULT_VMO_RIGHTS;

  /** ZX_PROP_NAME: up to 31 bytes, NUL-padded to ZX_MAX_NAME_LEN. */
  readonly name: Uint8Array = new Uint8Array(ZX_MAX_NAME_LEN);
  /** zx_vmo_set_cache_policy's ZX_CACHE_POLICY_*; read, write and clone need CACHED. */
  cachePolicy = ZX_CACHE_POLICY_CACHED;

  private constructor(
    kernel: Kernel,
    readonly vm: VmObject,
    /** The koid of the VMO this one was cloned from, or 0; kept after that VMO is gone. */
    readonly parentKoid: number,
  ) {
    super(kernel, ZX_OBJ_TYPE_VMO, ZX_VMO_ZERO_CHILDREN);
    vm.watcher = this;
  }

  static create(kernel: Kernel, pages: number, resizable: boolean): VmoObject {
    return new VmoObject(kernel, new VmObject(pages, resizable), 0);
  }

  /** A copy-on-write clone of `pages` pages from page `offsetPages` of this VMO. */
  clone(pages: number, offsetPages: number, resizable: boolean, copyName: boolean): VmoObject {
    const c = new VmoObject(this.kernel, new VmObject(pages, resizable, this.vm, offsetPages), this.koid);
    if (copyName) c.name.set(this.name);
    return c;
  }

  /** Whether read, write and clone are refused (a cache policy other than CACHED). */
  get uncached(): boolean {
    return this.cachePolicy !== ZX_CACHE_POLICY_CACHED;
  }

  /** A policy can change only while the VMO is untouched: no page of its own, no clone, not a clone. */
  get policyFixed(): boolean {
    return this.vm.committedPages > 0 || this.vm.children > 0 || this.vm.parent !== null;
  }

  get waitable(): boolean {
    return true;
  }

  get userSignalMask(): number {
    return ZX_USER_SIGNAL_ALL;
  }

  onChildrenChanged(hasChildren: boolean): void {
    this.updateSignals(hasChildren ? ZX_VMO_ZERO_CHILDREN : 0, hasChildren ? 0 : ZX_VMO_ZERO_CHILDREN);
  }

  /** ZX_PROP_NAME set: cut at the first NUL, keep at most 31 bytes, zero the rest. */
  setName(bytes: Uint8Array, size: number): void {
    let n = Math.min(size, ZX_MAX_NAME_LEN - 1);
    const nul = bytes.subarray(0, n).indexOf(0);
    if (nul >= 0) n = nul;
    this.name.fill(0);
    this.name.set(bytes.subarray(0, n));
  }

  /** The ZX_INFO_VMO record. The handle's rights are reported as 0, as Zircon does. */
  info(): zx_info_vmo_t {
    const vm = this.vm;
    return {
      koid: BigInt(this.koid),
      name: this.name.slice(),
      size_bytes: vm.sizeBytes,
      parent_koid: BigInt(this.parentKoid),
      num_children: vm.children,
      num_mappings: 0,
      share_count: 1,
      flags: ZX_INFO_VMO_TYPE_PAGED | ZX_INFO_VMO_VIA_HANDLE | (vm.parent !== null ? ZX_INFO_VMO_IS_COW_CLONE : 0),
      committed_bytes: BigInt(vm.committedPages * PAGE_SIZE),
      handle_rights: 0,
      create_options: vm.resizable ? 1 : 0,
      cache_policy: this.cachePolicy,
    };
  }

  onZeroHandles(): void {
    this.vm.release();
    this.kernel.objectDestroyed();
  }
}
