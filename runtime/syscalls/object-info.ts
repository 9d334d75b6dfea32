// object_get_info and object_get/set_property. The wrapper has rejected unknown topics and
// checked per-topic rights; what is left is the record rules and the property dispatch.
import {
  ZX_ERR_BUFFER_TOO_SMALL,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NOT_SUPPORTED,
  ZX_ERR_WRONG_TYPE,
  ZX_INFO_HANDLE_BASIC,
  ZX_INFO_HANDLE_COUNT,
  ZX_INFO_HANDLE_VALID,
  ZX_INFO_JOB_CHILDREN,
  ZX_INFO_JOB_PROCESSES,
  ZX_INFO_PROCESS,
  ZX_INFO_SOCKET,
  ZX_INFO_VMO,
  ZX_MAX_NAME_LEN,
  ZX_OBJ_PROP_NONE,
  ZX_OBJ_PROP_WAITABLE,
  ZX_OK,
  ZX_PROP_NAME,
  ZX_PROP_SOCKET_RX_THRESHOLD,
  ZX_PROP_SOCKET_TX_THRESHOLD,
} from '../../generated/constants.js';
import type { Box, Handlers } from '../core-types.js';
import { CODECS, SCALAR_SIZES, type DataModel } from '../../generated/structs.js';
import { nameOf, taskInfo } from './task-info.js';
import { getU32, getU64, putU32, putU64 } from '../le.js';
import { SocketObject } from '../objects/socket.js';
import { VmoObject } from '../objects/vmo.js';

// The records and property values are laid out in the calling process's data model: LP64 as
// Zircon's kernel lays them out, or wasm32 (4-byte size_t) for a wasm guest.
/** A size_t property value (the socket thresholds) in `model`. */
const sizeT = (model: DataModel) => {
  const size = SCALAR_SIZES[model].size_t;
  return size === 8 ? { size, get: getU64, put: putU64 } : { size, get: getU32, put: putU32 };
};

// zx_status_t zx_object_get_info. get_info changes no state, so a write to the caller's actual or
// avail box that throws (frozen, a throwing setter, a Proxy) needs no undoing: like a failed copy
// to user memory in Zircon, the call is INVALID_ARGS.
export const objectGetInfo: Handlers['objectGetInfo'] = (proc, handle, topic, buffer, bufferSize, actual, avail) => {
  try {
    return getInfo(proc, handle, topic, buffer, bufferSize, actual, avail);
  } catch {
    return ZX_ERR_INVALID_ARGS;
  }
};

const getInfo: Handlers['objectGetInfo'] = (proc, handle, topic, buffer, bufferSize, actual, avail) => {
  const obj = handle.object;
  const codecs = CODECS[proc.dataModel];
  switch (topic) {
    case ZX_INFO_HANDLE_VALID:
      return ZX_OK; // the lookup was the whole test; nothing is written
    case ZX_INFO_HANDLE_BASIC: {
      const out = singleRecord(buffer, bufferSize, codecs.zx_info_handle_basic_t.size, actual, avail);
      if (out === null) return ZX_ERR_BUFFER_TOO_SMALL;
      codecs.zx_info_handle_basic_t.encode({
        koid: BigInt(obj.koid),
        rights: handle.rights,
        type: obj.type,
        related_koid: BigInt(obj.relatedKoid),
        props: obj.waitable ? ZX_OBJ_PROP_WAITABLE : ZX_OBJ_PROP_NONE,
      }, out);
      return ZX_OK;
    }
    case ZX_INFO_HANDLE_COUNT: {
      const out = singleRecord(buffer, bufferSize, codecs.zx_info_handle_count_t.size, actual, avail);
      if (out === null) return ZX_ERR_BUFFER_TOO_SMALL;
      codecs.zx_info_handle_count_t.encode({ handle_count: obj.handleCount }, out);
      return ZX_OK;
    }
    case ZX_INFO_SOCKET: {
      if (!(obj instanceof SocketObject)) return ZX_ERR_WRONG_TYPE;
      const out = singleRecord(buffer, bufferSize, codecs.zx_info_socket_t.size, actual, avail);
      if (out === null) return ZX_ERR_BUFFER_TOO_SMALL;
      codecs.zx_info_socket_t.encode(obj.info(), out);
      return ZX_OK;
    }
    case ZX_INFO_VMO: {
      // Zircon ignores buffer_size here and always copies one record: a buffer too short for
      // it is a failed copy. actual is 1 and avail 0 (sic).
      if (!(obj instanceof VmoObject)) return ZX_ERR_WRONG_TYPE;
      if (buffer === null || buffer.length < codecs.zx_info_vmo_t.size) return ZX_ERR_INVALID_ARGS;
      codecs.zx_info_vmo_t.encode(obj.info(), buffer);
      if (actual !== null) actual.value = 1;
      if (avail !== null) avail.value = 0;
      return ZX_OK;
    }
    case ZX_INFO_PROCESS:
    case ZX_INFO_JOB_CHILDREN:
    case ZX_INFO_JOB_PROCESSES:
      return taskInfo(obj, topic, buffer, bufferSize, actual, avail);
    default:
      return ZX_ERR_NOT_SUPPORTED;
  }
};

/**
 * The single-record rule: avail is 1; actual is 1 if the record fits, else 0; both are written
 * even when the buffer is too small. Returns the buffer to fill, or null (BUFFER_TOO_SMALL).
 */
export function singleRecord(
  buffer: Uint8Array | null,
  bufferSize: number,
  recordSize: number,
  actual: Box<number> | null,
  avail: Box<number> | null,
): Uint8Array | null {
  const fits = buffer !== null && bufferSize >= recordSize;
  if (actual !== null) actual.value = fits ? 1 : 0;
  if (avail !== null) avail.value = 1;
  return fits ? buffer : null;
}

// zx_status_t zx_object_get_property
export const objectGetProperty: Handlers['objectGetProperty'] = (proc, handle, property, value, size) => {
  if (value === null) return ZX_ERR_INVALID_ARGS; // the wrapper rejects it first; this narrows
  const obj = handle.object;
  switch (property) {
    case ZX_PROP_SOCKET_RX_THRESHOLD:
    case ZX_PROP_SOCKET_TX_THRESHOLD:
      const t = sizeT(proc.dataModel);
      if (size < t.size) return ZX_ERR_BUFFER_TOO_SMALL;
      if (!(obj instanceof SocketObject)) return ZX_ERR_WRONG_TYPE;
      t.put(value, 0, property === ZX_PROP_SOCKET_RX_THRESHOLD ? obj.rxThreshold : obj.txThreshold);
      return ZX_OK;
    case ZX_PROP_NAME: {
      if (size < ZX_MAX_NAME_LEN) return ZX_ERR_BUFFER_TOO_SMALL;
      if (obj instanceof VmoObject) {
        value.set(obj.name);
        return ZX_OK;
      }
      const name = nameOf(obj);
      if (name === null) value.fill(0, 0, ZX_MAX_NAME_LEN); // an object type without a name
      else name.copyTo(value);
      return ZX_OK;
    }
    default:
      return ZX_ERR_INVALID_ARGS; // the docs say NOT_SUPPORTED; the kernel says INVALID_ARGS
  }
};

// zx_status_t zx_object_set_property
export const objectSetProperty: Handlers['objectSetProperty'] = (proc, handle, property, value, size) => {
  if (value === null) return ZX_ERR_INVALID_ARGS;
  const obj = handle.object;
  switch (property) {
    case ZX_PROP_SOCKET_RX_THRESHOLD:
    case ZX_PROP_SOCKET_TX_THRESHOLD: {
      const t = sizeT(proc.dataModel);
      if (size < t.size) return ZX_ERR_BUFFER_TOO_SMALL;
      if (!(obj instanceof SocketObject)) return ZX_ERR_WRONG_TYPE;
      const v = t.get(value, 0);
      return property === ZX_PROP_SOCKET_RX_THRESHOLD ? obj.setRxThreshold(v) : obj.setTxThreshold(v);
    }
    case ZX_PROP_NAME: {
      if (obj instanceof VmoObject) {
        obj.setName(value, size);
        return ZX_OK;
      }
      const name = nameOf(obj);
      if (name === null) return ZX_ERR_NOT_SUPPORTED; // a type without a name setter
      name.set(value.subarray(0, size));
      return ZX_OK;
    }
    default:
      return ZX_ERR_INVALID_ARGS;
  }
};
