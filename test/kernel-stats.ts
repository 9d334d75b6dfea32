// Leak checks relative to a baseline: every process holds its two startup handles and is itself
// a live object, so "nothing left" means "back to what there was after the processes were made".
import type { Kernel, KernelStats } from '../runtime/kernel.js';

/** What `kernel` holds now beyond `base` (a `kernel.stats()` taken after creating its processes). */
export function since(kernel: Kernel, base: KernelStats): KernelStats {
  const now = kernel.stats();
  return { objects: now.objects - base.objects, handles: now.handles - base.handles, userPackets: now.userPackets - base.userPackets };
}
