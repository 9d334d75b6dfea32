// The root VMAR of a process made by zx_process_create: an object that stands for its address
// space. Mapping is not supported in this kernel, so the object has no state of its own.
import { ZX_OBJ_TYPE_VMAR, ZX_ROOT_VMAR_RIGHTS } from '../../generated/constants.js';
import type { Kernel } from '../kernel.js';
import { KernelObject } from '../kernel-object.js';

/** A root VMAR (zx_process_create's second output): not waitable, no signals. */
export class VmarObject extends KernelObject {
  static readonly type = ZX_OBJ_TYPE_VMAR;
  static readonly rootRights = ZX_ROOT_VMAR_RIGHTS;

  constructor(kernel: Kernel) {
    super(kernel, ZX_OBJ_TYPE_VMAR, 0);
  }

  get waitable(): boolean {
    return false;
  }

  get userSignalMask(): number {
    return 0;
  }

  onZeroHandles(): void {
    this.kernel.objectDestroyed();
  }
}
