// Object syscalls about signals: waits, async waits, signal and signal_peer.
import {
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NOT_SUPPORTED,
  ZX_ERR_PEER_CLOSED,
  ZX_OK,
  ZX_WAIT_ASYNC_REPEATING,
} from '../../generated/constants.js';
import type { zx_wait_item_t } from '../../generated/types.js';
import type { Box, PortHandle } from '../core-types.js';
import type { Handle } from '../handle.js';
import { PeeredObject } from '../kernel-object.js';
import { PortObserver } from '../objects/port-observer.js';
import type { Process } from '../process.js';
import { waitMany, waitOne } from '../wait.js';

// zx_status_t zx_object_wait_one
export function objectWaitOne(
  proc: Process,
  handle: Handle,
  signals: number,
  deadline: bigint,
  observed: Box<number> | null,
): Promise<number> {
  return waitOne(proc.kernel, handle, signals, deadline, observed);
}

// zx_status_t zx_object_wait_many
export function objectWaitMany(
  proc: Process,
  items: zx_wait_item_t[] | null,
  count: number,
  deadline: bigint,
  itemHandles: Handle[],
): Promise<number> {
  return waitMany(proc.kernel, items, count, deadline, itemHandles);
}

// zx_status_t zx_object_wait_async: register through (handle, port, key).
export function objectWaitAsync(
  _proc: Process,
  handle: Handle,
  port: PortHandle,
  key: bigint,
  signals: number,
  options: number,
): number {
  const obj = handle.object;
  if (!obj.waitable) return ZX_ERR_NOT_SUPPORTED;
  obj.addObserver(new PortObserver(handle, port.object, key, signals, options === ZX_WAIT_ASYNC_REPEATING));
  return ZX_OK;
}

// zx_status_t zx_object_signal: only the type's user-settable bits.
export function objectSignal(_proc: Process, handle: Handle, clear: number, set: number): number {
  const obj = handle.object;
  if (!obj.waitable) return ZX_ERR_NOT_SUPPORTED;
  if (((clear | set) & ~obj.userSignalMask) !== 0) return ZX_ERR_INVALID_ARGS;
  obj.updateSignals(clear, set);
  return ZX_OK;
}

// zx_status_t zx_object_signal_peer: the mask is checked before the peer's liveness.
export function objectSignalPeer(_proc: Process, handle: Handle, clear: number, set: number): number {
  const obj = handle.object;
  if (!(obj instanceof PeeredObject)) return ZX_ERR_NOT_SUPPORTED;
  if (((clear | set) & ~obj.userSignalMask) !== 0) return ZX_ERR_INVALID_ARGS;
  const peer = obj.peer;
  if (peer === null) return ZX_ERR_PEER_CLOSED;
  peer.updateSignals(clear, set);
  return ZX_OK;
}
