// A kernel object of a type no syscall knows, for checks where a handle has the rights a call
// wants but the wrong type: WRONG_TYPE only shows when the rights check before it passes.
import type { Kernel } from '../../index.js';
import { KernelObject } from '../../runtime/kernel-object.js';
import { newHandle } from '../../runtime/syscalls/util.js';
import type { Proc } from './helpers.js';

class OtherObject extends KernelObject {
  constructor(kernel: Kernel) {
    super(kernel, 64, 0);
  }
  get waitable(): boolean {
    return true;
  }
  get userSignalMask(): number {
    return 0;
  }
  onZeroHandles(): void {
    this.kernel.objectDestroyed();
  }
}

/** A handle in `proc`'s table, with `rights`, to a new object of type 64 (not a Zircon type). */
export function otherObject(kernel: Kernel, proc: Proc, rights: number): number {
  return proc.table.install(newHandle(kernel, new OtherObject(kernel), rights));
}
