// Socket syscalls. The wrapper has looked up handles (rights, type) and validated options;
// each function makes one object call and copies out.
import { ZX_ERR_ACCESS_DENIED, ZX_ERR_NO_MEMORY, ZX_OBJ_TYPE_SOCKET, ZX_OK, ZX_SOCKET_CONTROL } from '../../generated/constants.js';
import type { Box, SocketHandle } from '../core-types.js';
import type { Handle } from '../handle.js';
import { SocketObject } from '../objects/socket.js';
import type { Process } from '../process.js';
import { countResult, handOutPair, hasRoom } from './util.js';

// zx_status_t zx_socket_create
export function socketCreate(proc: Process, options: number, out0: Box<Handle | null>, out1: Box<Handle | null>): number {
  const k = proc.kernel;
  if (!proc.mayCreate(ZX_OBJ_TYPE_SOCKET)) return ZX_ERR_ACCESS_DENIED;
  if (!hasRoom(k, 1)) return ZX_ERR_NO_MEMORY;
  return handOutPair(k, SocketObject.create(k, options), SocketObject.defaultRights, out0, out1);
}

// zx_status_t zx_socket_write
export function socketWrite(
  _proc: Process,
  handle: SocketHandle,
  options: number,
  buffer: Uint8Array | null,
  size: number,
  actual: Box<number> | null,
): number {
  const s = handle.object;
  return countResult(options === ZX_SOCKET_CONTROL ? s.writeControl(buffer, size) : s.write(buffer, size), actual);
}

// zx_status_t zx_socket_read
export function socketRead(
  _proc: Process,
  handle: SocketHandle,
  options: number,
  buffer: Uint8Array | null,
  size: number,
  actual: Box<number> | null,
): number {
  const s = handle.object;
  return countResult(options === ZX_SOCKET_CONTROL ? s.readControl(buffer, size) : s.read(buffer, size), actual);
}

// zx_status_t zx_socket_share: `toShare` was taken from the table; the wrapper closes it on failure.
export function socketShare(_proc: Process, handle: SocketHandle, toShare: SocketHandle): number {
  return handle.object.share(toShare);
}

// zx_status_t zx_socket_accept
export function socketAccept(_proc: Process, handle: SocketHandle, out: Box<Handle | null>): number {
  const r = handle.object.accept();
  if (typeof r === 'number') return r;
  out.value = r;
  return ZX_OK;
}

// zx_status_t zx_socket_shutdown
export function socketShutdown(_proc: Process, handle: SocketHandle, options: number): number {
  return handle.object.shutdown(options);
}
