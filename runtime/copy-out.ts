// Writes into caller-owned objects (boxes, packets, wait items). A caller of a JavaScript ABI can
// pass objects that refuse a write (frozen, a throwing setter, a Proxy); Zircon answers a failed
// copy to user memory with ZX_ERR_INVALID_ARGS, and so does this, without letting the exception
// reach whoever triggered the write.
import { ZX_ERR_INVALID_ARGS } from '../generated/constants.js';
import type { Box } from '../generated/types.js';

/** The write of a `{ value }` box, for copyOut. */
export const writeBox = <V>(box: Box<V>, value: V): void => {
  box.value = value;
};

/**
 * `write(target, arg)`, then `status`; ZX_ERR_INVALID_ARGS if the write throws. Blocking waits call
 * it from their own promise's continuation, so a hostile value only ever fails its own waiter.
 */
export function copyOut<T, A>(status: number, write: (target: T, arg: A) => void, target: T, arg: A): number {
  try {
    write(target, arg);
    return status;
  } catch {
    return ZX_ERR_INVALID_ARGS;
  }
}
