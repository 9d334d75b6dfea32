// Handle syscalls: close, close_many, duplicate, replace.
import { ZX_ERR_BAD_HANDLE, ZX_ERR_INVALID_ARGS, ZX_ERR_NO_MEMORY, ZX_OK } from '../../generated/constants.js';
import type { Handlers } from '../core-types.js';
import { derivedRights } from '../rights.js';

// zx_status_t zx_handle_close: `handle` was taken from the table (null for ZX_HANDLE_INVALID).
export const handleClose: Handlers['handleClose'] = (proc, handle) => {
  if (handle !== null) proc.kernel.closeHandle(handle);
  return ZX_OK;
};

// zx_status_t zx_handle_close_many: raw values; bad entries and repeats give BAD_HANDLE, but
// every other entry is still closed.
export const handleCloseMany: Handlers['handleCloseMany'] = (proc, handles, count) => {
  let status = ZX_OK;
  for (let i = 0; i < count && handles !== null; i++) {
    const value = handles[i]!;
    if (value === 0) continue;
    const h = proc.table.take(value);
    if (h === null) status = ZX_ERR_BAD_HANDLE;
    else proc.kernel.closeHandle(h);
  }
  return status;
};

// zx_status_t zx_handle_duplicate (DUPLICATE already checked): rights may only narrow.
export const handleDuplicate: Handlers['handleDuplicate'] = (proc, handle, rights, out) => {
  const r = derivedRights(handle.rights, rights);
  if (r < 0) return ZX_ERR_INVALID_ARGS;
  const h = proc.kernel.arena.alloc(handle.object, r);
  if (h === null) return ZX_ERR_NO_MEMORY;
  out.value = h;
  return ZX_OK;
};

// zx_status_t zx_handle_replace: `handle` was taken; on failure the wrapper closes it. The new
// handle exists before the old one dies, so the object never sees zero handles.
export const handleReplace: Handlers['handleReplace'] = (proc, handle, rights, out) => {
  const r = derivedRights(handle.rights, rights);
  if (r < 0) return ZX_ERR_INVALID_ARGS;
  const h = proc.kernel.arena.alloc(handle.object, r);
  if (h === null) return ZX_ERR_NO_MEMORY;
  out.value = h;
  proc.kernel.closeHandle(handle);
  return ZX_OK;
};
