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
  ZX_INFO_SOCKET,
  ZX_MAX_NAME_LEN,
  ZX_OBJ_PROP_NONE,
  ZX_OBJ_PROP_WAITABLE,
  ZX_OK,
  ZX_PROP_NAME,
  ZX_PROP_SOCKET_RX_THRESHOLD,
  ZX_PROP_SOCKET_TX_THRESHOLD,
} from '../../generated/constants.js';
import type { Box, Handlers } from '../core-types.js';
import { encode_zx_info_handle_basic_t, encode_zx_info_handle_count_t, encode_zx_info_socket_t, LAYOUTS, SCALAR_SIZES } from '../../generated/structs.js';
import { getU64, putU64 } from '../le.js';
import { SocketObject } from '../objects/socket.js';

// The records and property values are laid out as the LP64 kernel lays them out.
const RECORDS = LAYOUTS.lp64;
/** The socket thresholds are size_t; getU64/putU64 below assume it is 8 bytes. */
const SIZE_T: 8 = SCALAR_SIZES.lp64.size_t;

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

const getInfo: Handlers['objectGetInfo'] = (_proc, handle, topic, buffer, bufferSize, actual, avail) => {
  const obj = handle.object;
  switch (topic) {
    case ZX_INFO_HANDLE_VALID:
      return ZX_OK; // the lookup was the whole test; nothing is written
    case ZX_INFO_HANDLE_BASIC: {
      const out = singleRecord(buffer, bufferSize, RECORDS.zx_info_handle_basic_t.size, actual, avail);
      if (out === null) return ZX_ERR_BUFFER_TOO_SMALL;
      encode_zx_info_handle_basic_t({
        koid: BigInt(obj.koid),
        rights: handle.rights,
        type: obj.type,
        related_koid: BigInt(obj.relatedKoid),
        props: obj.waitable ? ZX_OBJ_PROP_WAITABLE : ZX_OBJ_PROP_NONE,
      }, out);
      return ZX_OK;
    }
    case ZX_INFO_HANDLE_COUNT: {
      const out = singleRecord(buffer, bufferSize, RECORDS.zx_info_handle_count_t.size, actual, avail);
      if (out === null) return ZX_ERR_BUFFER_TOO_SMALL;
      encode_zx_info_handle_count_t({ handle_count: obj.handleCount }, out);
      return ZX_OK;
    }
    case ZX_INFO_SOCKET: {
      if (!(obj instanceof SocketObject)) return ZX_ERR_WRONG_TYPE;
      const out = singleRecord(buffer, bufferSize, RECORDS.zx_info_socket_t.size, actual, avail);
      if (out === null) return ZX_ERR_BUFFER_TOO_SMALL;
      encode_zx_info_socket_t(obj.info(), out);
      return ZX_OK;
    }
    default:
      return ZX_ERR_NOT_SUPPORTED;
  }
};

/**
 * The single-record rule: avail is 1; actual is 1 if the record fits, else 0; both are written
 * even when the buffer is too small. Returns the buffer to fill, or null (BUFFER_TOO_SMALL).
 */
function singleRecord(
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
export const objectGetProperty: Handlers['objectGetProperty'] = (_proc, handle, property, value, size) => {
  if (value === null) return ZX_ERR_INVALID_ARGS; // the wrapper rejects it first; this narrows
  const obj = handle.object;
  switch (property) {
    case ZX_PROP_SOCKET_RX_THRESHOLD:
    case ZX_PROP_SOCKET_TX_THRESHOLD:
      if (size < SIZE_T) return ZX_ERR_BUFFER_TOO_SMALL;
      if (!(obj instanceof SocketObject)) return ZX_ERR_WRONG_TYPE;
      putU64(value, 0, property === ZX_PROP_SOCKET_RX_THRESHOLD ? obj.rxThreshold : obj.txThreshold);
      return ZX_OK;
    case ZX_PROP_NAME:
      if (size < ZX_MAX_NAME_LEN) return ZX_ERR_BUFFER_TOO_SMALL;
      value.fill(0, 0, ZX_MAX_NAME_LEN); // none of these object types has a name
      return ZX_OK;
    default:
      return ZX_ERR_INVALID_ARGS; // the docs say NOT_SUPPORTED; the kernel says INVALID_ARGS
  }
};

// zx_status_t zx_object_set_property
export const objectSetProperty: Handlers['objectSetProperty'] = (_proc, handle, property, value, size) => {
  if (value === null) return ZX_ERR_INVALID_ARGS;
  const obj = handle.object;
  switch (property) {
    case ZX_PROP_SOCKET_RX_THRESHOLD:
    case ZX_PROP_SOCKET_TX_THRESHOLD: {
      if (size < SIZE_T) return ZX_ERR_BUFFER_TOO_SMALL;
      if (!(obj instanceof SocketObject)) return ZX_ERR_WRONG_TYPE;
      const v = getU64(value, 0);
      return property === ZX_PROP_SOCKET_RX_THRESHOLD ? obj.setRxThreshold(v) : obj.setTxThreshold(v);
    }
    case ZX_PROP_NAME:
      return ZX_ERR_NOT_SUPPORTED; // sockets have no name setter; other types lack SET_PROPERTY
    default:
      return ZX_ERR_INVALID_ARGS;
  }
};
