// Object syscalls about signals: waits, async waits, signal and signal_peer.
import {
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NOT_SUPPORTED,
  ZX_ERR_PEER_CLOSED,
  ZX_OK,
  ZX_WAIT_ASYNC_REPEATING,
} from '../../generated/constants.js';
import type { Handlers } from '../core-types.js';
import { PeeredObject } from '../kernel-object.js';
import { PortObserver } from '../objects/port-observer.js';
import { waitMany, waitOne } from '../wait.js';

// zx_status_t zx_object_wait_one
export const objectWaitOne: Handlers['objectWaitOne'] = (proc, handle, signals, deadline, observed) => {
  return waitOne(proc.kernel, handle, signals, deadline, observed);
};

// zx_status_t zx_object_wait_many
export const objectWaitMany: Handlers['objectWaitMany'] = (proc, items, count, deadline, itemHandles) => {
  return waitMany(proc.kernel, items, count, deadline, itemHandles);
};

// zx_status_t zx_object_wait_async: register through (handle, port, key).
export const objectWaitAsync: Handlers['objectWaitAsync'] = (_proc, handle, port, key, signals, options) => {
  const obj = handle.object;
  if (!obj.waitable) return ZX_ERR_NOT_SUPPORTED;
  obj.addObserver(new PortObserver(handle, port.object, key, signals, options === ZX_WAIT_ASYNC_REPEATING));
  return ZX_OK;
};

// zx_status_t zx_object_signal: only the type's user-settable bits.
export const objectSignal: Handlers['objectSignal'] = (_proc, handle, clear, set) => {
  const obj = handle.object;
  if (!obj.waitable) return ZX_ERR_NOT_SUPPORTED;
  if (((clear | set) & ~obj.userSignalMask) !== 0) return ZX_ERR_INVALID_ARGS;
  obj.updateSignals(clear, set);
  return ZX_OK;
};

// zx_status_t zx_object_signal_peer: the mask is checked before the peer's liveness.
export const objectSignalPeer: Handlers['objectSignalPeer'] = (_proc, handle, clear, set) => {
  const obj = handle.object;
  if (!(obj instanceof PeeredObject)) return ZX_ERR_NOT_SUPPORTED;
  if (((clear | set) & ~obj.userSignalMask) !== 0) return ZX_ERR_INVALID_ARGS;
  const peer = obj.peer;
  if (peer === null) return ZX_ERR_PEER_CLOSED;
  peer.updateSignals(clear, set);
  return ZX_OK;
};
