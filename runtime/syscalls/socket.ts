// Socket syscalls. The wrapper has looked up handles (rights, type) and validated options;
// each function makes one object call and copies out.
import { ZX_OBJ_TYPE_SOCKET, ZX_OK, ZX_SOCKET_CONTROL } from '../../generated/constants.js';
import type { Handlers } from '../core-types.js';
import { SocketObject } from '../objects/socket.js';
import { countResult, handOutPair, mayCreate } from './util.js';

// zx_status_t zx_socket_create
export const socketCreate: Handlers['socketCreate'] = (proc, options, out0, out1) => {
  const st = mayCreate(proc, ZX_OBJ_TYPE_SOCKET, 1);
  if (st !== ZX_OK) return st;
  const k = proc.kernel;
  return handOutPair(k, SocketObject.create(k, options), SocketObject.defaultRights, out0, out1);
};

// zx_status_t zx_socket_write
export const socketWrite: Handlers['socketWrite'] = (_proc, handle, options, buffer, size, actual) => {
  const s = handle.object;
  return countResult(options === ZX_SOCKET_CONTROL ? s.writeControl(buffer, size) : s.write(buffer, size), actual);
};

// zx_status_t zx_socket_read
export const socketRead: Handlers['socketRead'] = (_proc, handle, options, buffer, size, actual) => {
  const s = handle.object;
  return countResult(options === ZX_SOCKET_CONTROL ? s.readControl(buffer, size) : s.read(buffer, size), actual);
};

// zx_status_t zx_socket_share: `toShare` was taken from the table; the wrapper closes it on failure.
export const socketShare: Handlers['socketShare'] = (_proc, handle, toShare) => {
  return handle.object.share(toShare);
};

// zx_status_t zx_socket_accept
export const socketAccept: Handlers['socketAccept'] = (_proc, handle, out) => {
  const r = handle.object.accept();
  if (typeof r === 'number') return r;
  out.value = r;
  return ZX_OK;
};

// zx_status_t zx_socket_shutdown
export const socketShutdown: Handlers['socketShutdown'] = (_proc, handle, options) => {
  return handle.object.shutdown(options);
};
