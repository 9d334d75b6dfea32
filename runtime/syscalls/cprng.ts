// The CPRNG: Web Crypto's getRandomValues (globalThis.crypto, in Node and browsers alike).
import { ZX_OK } from '../../generated/constants.js';
import type { Handlers } from '../core-types.js';

/** getRandomValues fills at most 65536 bytes per call. */
const WEB_CRYPTO_MAX = 65536;

/** Fill `bytes` with cryptographically secure random bytes, of any length. */
export function randomFill(bytes: Uint8Array): Uint8Array {
  for (let at = 0; at < bytes.length; at += WEB_CRYPTO_MAX) {
    const chunk = bytes.subarray(at, Math.min(bytes.length, at + WEB_CRYPTO_MAX));
    // Browsers refuse a view of shared memory (a wasm guest's): fill a private copy there.
    if (chunk.buffer instanceof ArrayBuffer) globalThis.crypto.getRandomValues(chunk as Uint8Array<ArrayBuffer>);
    else chunk.set(globalThis.crypto.getRandomValues(new Uint8Array(chunk.length)));
  }
  return bytes;
}

// void zx_cprng_draw: Zircon serves it in 256-byte kernel calls; one fill gives the same bytes' worth.
export const cprngDraw: Handlers['cprngDraw'] = (_proc, buffer, size) => {
  if (size > 0) randomFill(buffer!.subarray(0, size));
};

// zx_status_t zx_cprng_add_entropy: the wrapper checked size and buffer. Web Crypto takes no
// entropy from callers, so the bytes are accepted and dropped.
export const cprngAddEntropy: Handlers['cprngAddEntropy'] = () => ZX_OK;
