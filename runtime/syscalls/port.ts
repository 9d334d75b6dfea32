// Port syscalls.
import { ZX_ERR_INVALID_ARGS, ZX_ERR_NOT_FOUND, ZX_ERR_NOT_SUPPORTED, ZX_OBJ_TYPE_PORT, ZX_OK } from '../../generated/constants.js';
import type { Handlers } from '../core-types.js';
import { PortObject } from '../objects/port.js';
import { mayCreate, newHandle } from './util.js';

// zx_status_t zx_port_create
export const portCreate: Handlers['portCreate'] = (proc, options, out) => {
  const st = mayCreate(proc, ZX_OBJ_TYPE_PORT, 1);
  if (st !== ZX_OK) return st;
  const k = proc.kernel;
  out.value = newHandle(k, PortObject.create(k, options), PortObject.defaultRights);
  return ZX_OK;
};

// zx_status_t zx_port_queue
export const portQueue: Handlers['portQueue'] = (_proc, handle, packet) => {
  if (packet === null) return ZX_ERR_INVALID_ARGS; // the wrapper rejects it first; this narrows
  return handle.object.queueUser(packet);
};

// zx_status_t zx_port_wait
export const portWait: Handlers['portWait'] = (proc, handle, deadline, packet) => {
  return handle.object.wait(deadline, packet, proc.parked);
};

// zx_status_t zx_port_cancel: registrations through `source` with `key`, then their queued packets.
export const portCancel: Handlers['portCancel'] = (_proc, handle, source, key) => {
  if (!source.object.waitable) return ZX_ERR_NOT_SUPPORTED;
  const port = handle.object;
  const registered = source.object.cancelByKey(source, port, key);
  const queued = port.cancelQueued(source, key);
  return registered || queued ? ZX_OK : ZX_ERR_NOT_FOUND;
};
