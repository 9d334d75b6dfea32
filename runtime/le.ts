// Little-endian access to the scalars that cross the ABI as raw bytes outside any struct
// (property values, a channel message's txid); structs go through generated/structs.ts.
// Plain byte stores avoid allocating a DataView per call.

export function putU32(buf: Uint8Array, off: number, v: number): void {
  buf[off] = v;
  buf[off + 1] = v >>> 8;
  buf[off + 2] = v >>> 16;
  buf[off + 3] = v >>> 24;
}

/** Store a non-negative integer below 2^53 as a u64. */
export function putU64(buf: Uint8Array, off: number, v: number): void {
  putU32(buf, off, v >>> 0);
  putU32(buf, off + 4, Math.floor(v / 0x100000000) >>> 0);
}

export function getU32(buf: Uint8Array, off: number): number {
  return (buf[off]! | (buf[off + 1]! << 8) | (buf[off + 2]! << 16) | (buf[off + 3]! << 24)) >>> 0;
}

/** Read a u64 as a number; values above 2^53 lose precision but stay above any limit checked. */
export function getU64(buf: Uint8Array, off: number): number {
  return getU32(buf, off) + getU32(buf, off + 4) * 0x100000000;
}
