// Port syscalls.
import { ZX_ERR_ACCESS_DENIED, ZX_ERR_INVALID_ARGS, ZX_ERR_NO_MEMORY, ZX_ERR_NOT_FOUND, ZX_ERR_NOT_SUPPORTED, ZX_OBJ_TYPE_PORT, ZX_OK } from '../../generated/constants.js';
import type { zx_port_packet_t } from '../../generated/types.js';
import type { Box, PortHandle } from '../core-types.js';
import type { Handle } from '../handle.js';
import { PortObject } from '../objects/port.js';
import type { Process } from '../process.js';
import { hasRoom, newHandle } from './util.js';

// zx_status_t zx_port_create
export function portCreate(proc: Process, options: number, out: Box<Handle | null>): number {
  const k = proc.kernel;
  if (!proc.mayCreate(ZX_OBJ_TYPE_PORT)) return ZX_ERR_ACCESS_DENIED;
  if (!hasRoom(k, 1)) return ZX_ERR_NO_MEMORY;
  out.value = newHandle(k, PortObject.create(k, options), PortObject.defaultRights);
  return ZX_OK;
}

// zx_status_t zx_port_queue
export function portQueue(_proc: Process, handle: PortHandle, packet: zx_port_packet_t | null): number {
  if (packet === null) return ZX_ERR_INVALID_ARGS; // the wrapper rejects it first; this narrows
  return handle.object.queueUser(packet);
}

// zx_status_t zx_port_wait
export function portWait(_proc: Process, handle: PortHandle, deadline: bigint, packet: zx_port_packet_t): Promise<number> {
  return handle.object.wait(deadline, packet);
}

// zx_status_t zx_port_cancel: registrations through `source` with `key`, then their queued packets.
export function portCancel(_proc: Process, handle: PortHandle, source: Handle, key: bigint): number {
  if (!source.object.waitable) return ZX_ERR_NOT_SUPPORTED;
  const port = handle.object;
  const registered = source.object.cancelByKey(source, port, key);
  const queued = port.cancelQueued(source, key);
  return registered || queued ? ZX_OK : ZX_ERR_NOT_FOUND;
}
