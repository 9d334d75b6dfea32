// The debug log's syscalls (spec §7.1).
import { ZX_ERR_INVALID_ARGS, ZX_ERR_NO_MEMORY, ZX_ERR_SHOULD_WAIT, ZX_ERR_WRONG_TYPE, ZX_OK } from '../../generated/constants.js';
import type { Handlers } from '../core-types.js';
import { encodeRecord, LogObject } from '../objects/debuglog.js';
import { newHandle } from './util.js';

// zx_status_t zx_debuglog_create: a resource must be the root resource, and this kernel has no
// resource objects, so any handle at all is of the wrong type. No job policy governs log objects.
export const debuglogCreate: Handlers['debuglogCreate'] = (proc, resource, options, out) => {
  if (resource !== null) return ZX_ERR_WRONG_TYPE;
  const k = proc.kernel;
  if (k.arena.available < 1) return ZX_ERR_NO_MEMORY;
  const log = LogObject.create(k, options);
  out.value = newHandle(k, log, log.handleRights);
  return ZX_OK;
};

// zx_status_t zx_debuglog_write: the wrapper checked size, options, handle and buffer.
export const debuglogWrite: Handlers['debuglogWrite'] = (proc, handle, options, buffer, size) => {
  handle.object.write(proc.koid, options, buffer!.subarray(0, size));
  return ZX_OK;
};

// zx_status_t zx_debuglog_read: the record's size on success. `size` is not consulted: the
// whole record is copied, and a buffer too small for it fails the copy after the record was
// taken, as a faulting copy-out does in Zircon.
export const debuglogRead: Handlers['debuglogRead'] = (_proc, handle, _options, buffer, _size) => {
  const record = handle.object.read();
  if (record === null) return ZX_ERR_SHOULD_WAIT;
  const bytes = encodeRecord(record);
  if (buffer === null || buffer.length < bytes.length) return ZX_ERR_INVALID_ARGS;
  buffer.set(bytes);
  return bytes.length;
};
