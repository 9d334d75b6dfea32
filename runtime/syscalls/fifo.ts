// FIFO syscalls. The wrapper has checked shapes (data holds count*elem_size bytes) and looked
// up the handle; the object does the rest.
import { ZX_ERR_ACCESS_DENIED, ZX_ERR_NO_MEMORY, ZX_OBJ_TYPE_FIFO, ZX_OK } from '../../generated/constants.js';
import type { Handlers } from '../core-types.js';
import { FifoObject, fifoGeometryStatus } from '../objects/fifo.js';
import { countResult, handOutPair } from './util.js';

// zx_status_t zx_fifo_create: the policy comes before the sizes (spec §5); options are ignored.
export const fifoCreate: Handlers['fifoCreate'] = (proc, elemCount, elemSize, _options, out0, out1) => {
  if (!proc.mayCreate(ZX_OBJ_TYPE_FIFO)) return ZX_ERR_ACCESS_DENIED;
  const st = fifoGeometryStatus(elemCount, elemSize);
  if (st !== ZX_OK) return st;
  const k = proc.kernel;
  if (k.arena.available < 2) return ZX_ERR_NO_MEMORY;
  return handOutPair(k, FifoObject.create(k, elemCount, elemSize), FifoObject.defaultRights, out0, out1);
};

// zx_status_t zx_fifo_write
export const fifoWrite: Handlers['fifoWrite'] = (_proc, handle, elemSize, data, count, actual) => {
  return countResult(handle.object.write(elemSize, data ?? EMPTY, count), actual);
};

// zx_status_t zx_fifo_read
export const fifoRead: Handlers['fifoRead'] = (_proc, handle, elemSize, data, count, actual) => {
  return countResult(handle.object.read(elemSize, data ?? EMPTY, count), actual);
};

/** What a null buffer stands for; the wrapper lets null through only when count*elem_size is 0. */
const EMPTY = new Uint8Array(0);
