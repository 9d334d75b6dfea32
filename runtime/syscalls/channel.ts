// Channel syscalls. The wrapper has checked options, limits, rights and type, and has taken
// every listed handle out of the table (closing them all if we return non-OK), refusing any
// that refers to the endpoint written on.
import {
  ZX_CHANNEL_READ_MAY_DISCARD,
  ZX_ERR_BUFFER_TOO_SMALL,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_PEER_CLOSED,
  ZX_ERR_SHOULD_WAIT,
  ZX_OBJ_TYPE_CHANNEL,
  ZX_OK,
} from '../../generated/constants.js';
import type { zx_channel_call_args_t, zx_handle_info_t } from '../../generated/types.js';
import type { Handle } from '../handle.js';
import type { Box, Handlers } from '../core-types.js';
import { ChannelObject, destroyMessage, NO_HANDLES, type Message } from '../objects/channel.js';
import type { Process } from '../process.js';
import { resolved } from '../resolved.js';
import { mayCreate, newHandle } from './util.js';

// zx_status_t zx_channel_create
export const channelCreate: Handlers['channelCreate'] = (proc, _options, out0, out1) => {
  const st = mayCreate(proc, ZX_OBJ_TYPE_CHANNEL, 2);
  if (st !== ZX_OK) return st;
  const k = proc.kernel;
  const [a, b] = ChannelObject.create(k);
  out0.value = newHandle(k, a, ChannelObject.defaultRights);
  out1.value = newHandle(k, b, ChannelObject.defaultRights);
  return ZX_OK;
};

// zx_status_t zx_channel_write
export const channelWrite: Handlers['channelWrite'] = (_proc, handle, _options, bytes, numBytes, handles, _numHandles) => {
  const ch = handle.object;
  if (handles.length === 0) return ch.write(bytes, numBytes, NO_HANDLES);
  // On OK the taken array becomes the message's handle list (the core owns it; no copy).
  return ch.write(bytes, numBytes, handles);
};

// zx_status_t zx_channel_read
export const channelRead: Handlers['channelRead'] = (proc, handle, options, bytes, handles, numBytes, numHandles, actualBytes, actualHandles) => {
  const ch = handle.object;
  const status = checkFront(ch, options, numBytes, numHandles, actualBytes, actualHandles);
  if (status !== ZX_OK) return status;
  const hs = ch.take(bytes);
  return hs.length === 0 ? ZX_OK : installAll(proc, hs, handles, putValue);
};

const putValue = (out: number[] | Uint32Array, i: number, value: number): void => {
  out[i] = value;
};

const putInfo = (out: zx_handle_info_t[], i: number, value: number, h: Handle): void => {
  const entry = out[i];
  if (entry === undefined) {
    out[i] = { handle: value, type: h.object.type, rights: h.rights, unused: 0 };
  } else {
    entry.handle = value;
    entry.type = h.object.type;
    entry.rights = h.rights;
    entry.unused = 0;
  }
};

/**
 * Install a taken message's handles in the reader's table, writing each into the caller's
 * `out` (if any). If `out` refuses a write (frozen, a throwing setter, a Proxy), every handle of
 * the message is closed, as Zircon closes those of a message it could not copy out, and the
 * read fails with INVALID_ARGS: nothing is left in a table the caller cannot see.
 */
function installAll<A>(proc: Process, hs: readonly Handle[], out: A | null, put: (out: A, i: number, value: number, h: Handle) => void): number {
  try {
    for (let i = 0; i < hs.length; i++) {
      const h = hs[i]!;
      const value = proc.table.receive(h);
      if (out !== null) put(out, i, value, h);
    }
    return ZX_OK;
  } catch {
    for (const h of hs) {
      if (h.owner === proc.table) proc.table.take(proc.table.valueOf(h));
      proc.kernel.closeHandle(h);
    }
    return ZX_ERR_INVALID_ARGS;
  }
}

// zx_status_t zx_channel_read_etc: as channel_read, reporting each handle's type and rights.
export const channelReadEtc: Handlers['channelReadEtc'] = (proc, handle, options, bytes, handles, numBytes, numHandles, actualBytes, actualHandles) => {
  const ch = handle.object;
  const status = checkFront(ch, options, numBytes, numHandles, actualBytes, actualHandles);
  if (status !== ZX_OK) return status;
  const hs = ch.take(bytes);
  return hs.length === 0 ? ZX_OK : installAll(proc, hs, handles, putInfo);
};

// zx_status_t zx_channel_call: write with a kernel txid, then wait for the matching reply.
export const channelCall: Handlers['channelCall'] = (proc, handle, _options, deadline, args, actualBytes, actualHandles, wrHandles) => {
  if (args === null) return resolved(ZX_ERR_INVALID_ARGS); // the wrapper rejects it first; this narrows
  const ch = handle.object;
  // Always a private copy: the kernel stamps its txid over the first 4 bytes.
  const bytes = new Uint8Array(args.wr_num_bytes);
  if (args.wr_bytes !== null) bytes.set(args.wr_bytes.subarray(0, args.wr_num_bytes));
  const waiter = ch.call(bytes, wrHandles.length === 0 ? NO_HANDLES : wrHandles.slice(), deadline);
  if (typeof waiter === 'number') return resolved(waiter);
  // Sent: the handles now travel with the request. Emptying the taken array is how the core
  // keeps them from the wrapper's cleanup, which closes what remains on any failure.
  wrHandles.length = 0;
  return waiter.promise.then((status) =>
    status === ZX_OK ? acceptReply(proc, waiter.reply!, args, actualBytes, actualHandles) : status,
  );
};

/**
 * The checks channel_read and read_etc share, on the next message: reports its size and handle
 * count, and returns OK if it fits (the caller then takes it), else a status.
 */
function checkFront(
  ch: ChannelObject,
  options: number,
  numBytes: number,
  numHandles: number,
  actualBytes: Box<number> | null,
  actualHandles: Box<number> | null,
): number {
  const size = ch.frontSize();
  if (size < 0) return ch.peer !== null ? ZX_ERR_SHOULD_WAIT : ZX_ERR_PEER_CLOSED;
  const front = ch.frontHandles();
  const count = front.length;
  // Before anything is taken: a box that refuses the write costs the caller nothing but the call.
  try {
    if (actualBytes !== null) actualBytes.value = size;
    if (actualHandles !== null) actualHandles.value = count;
  } catch {
    return ZX_ERR_INVALID_ARGS;
  }
  // A setter is the caller's code: one that read the message meanwhile leaves nothing to take.
  if (ch.frontSize() !== size || ch.frontHandles() !== front) return ZX_ERR_INVALID_ARGS;
  if (size > numBytes || count > numHandles) {
    if (options & ZX_CHANNEL_READ_MAY_DISCARD) ch.discard();
    return ZX_ERR_BUFFER_TOO_SMALL;
  }
  return ZX_OK;
}

/** Copy a delivered reply out, or discard it (closing its handles) if it does not fit. */
function acceptReply(
  proc: Process,
  reply: Message,
  args: zx_channel_call_args_t,
  actualBytes: Box<number>,
  actualHandles: Box<number>,
): number {
  if (reply.bytes.length > args.rd_num_bytes || reply.handles.length > args.rd_num_handles) {
    destroyMessage(proc.kernel, reply);
    return ZX_ERR_BUFFER_TOO_SMALL;
  }
  try {
    actualBytes.value = reply.bytes.length;
    actualHandles.value = reply.handles.length;
  } catch {
    destroyMessage(proc.kernel, reply);
    return ZX_ERR_INVALID_ARGS;
  }
  if (args.rd_bytes !== null) args.rd_bytes.set(reply.bytes);
  return reply.handles.length === 0 ? ZX_OK : installAll(proc, reply.handles, args.rd_handles, putValue);
}

