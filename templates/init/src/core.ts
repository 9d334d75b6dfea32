// The kernel core of this ABI: one handler per syscall in defs/. The generated wrappers have
// already checked every argument, looked the handles up and checked their type and rights, so
// a handler only does the object's work. A syscall added to defs/ is a compile error here
// until its handler is written.
import { mayCreate, newHandle, type Box, type CoreOf, type Handle, type Process, type TypedHandle } from 'zxkit/runtime';
import type { CoreTypes, SyscallHandlers } from '../generated/binding.js';
import {
  ZX_DEFAULT_COUNTER_RIGHTS,
  ZX_ERR_OUT_OF_RANGE,
  ZX_OBJ_TYPE_COUNTER,
  ZX_OK,
} from '../generated/constants.js';
import { CounterObject } from './counter.js';

/** This ABI's core types: the runtime's process and handles, counters narrowed. */
export type CounterCore = CoreOf<CoreTypes, { counter: TypedHandle<CounterObject> }>;

// zx_status_t zx_counter_create(uint32_t options, zx_handle_t* out)
function counterCreate(proc: Process, _options: number, out: Box<Handle | null>): number {
  // Policy and room first: an object made without a handle would never be destroyed.
  const allowed = mayCreate(proc, ZX_OBJ_TYPE_COUNTER, 1);
  if (allowed !== ZX_OK) return allowed;
  out.value = newHandle(proc.kernel, new CounterObject(proc.kernel), ZX_DEFAULT_COUNTER_RIGHTS);
  return ZX_OK;
}

// zx_status_t zx_counter_add(zx_handle_t handle, uint32_t amount)
function counterAdd(_proc: Process, handle: TypedHandle<CounterObject>, amount: number): number {
  const next = handle.object.value + amount;
  if (next > 0xffffffff) return ZX_ERR_OUT_OF_RANGE;
  handle.object.set(next);
  return ZX_OK;
}

export const core: SyscallHandlers<CounterCore> = {
  counterCreate,
  counterAdd,
};
