// The name of a named object (ZX_PROP_NAME, spec part 2 §2.4): a 32-byte NUL-terminated buffer.
import { ZX_MAX_NAME_LEN } from '../../generated/constants.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * An object name as Zircon keeps it: at most ZX_MAX_NAME_LEN - 1 bytes, cut at the first NUL,
 * the rest of the 32 bytes zero.
 */
export class ObjectName {
  private readonly bytes = new Uint8Array(ZX_MAX_NAME_LEN);

  constructor(initial = '') {
    this.setText(initial);
  }

  /** Store `src`: cut at its first NUL, capped at 31 bytes, the rest zeroed. */
  set(src: Uint8Array): void {
    let n = Math.min(src.length, ZX_MAX_NAME_LEN - 1);
    const nul = src.subarray(0, n).indexOf(0);
    if (nul >= 0) n = nul;
    this.bytes.fill(0);
    this.bytes.set(src.subarray(0, n));
  }

  /** Store a string, UTF-8 encoded, with the same cut as `set`. */
  setText(text: string): void {
    this.set(encoder.encode(text));
  }

  /** Copy all 32 bytes, zero-padded, into `out`. */
  copyTo(out: Uint8Array): void {
    out.set(this.bytes);
  }

  /** The name as a string (what comes before the first NUL). */
  text(): string {
    const end = this.bytes.indexOf(0);
    return decoder.decode(this.bytes.subarray(0, end < 0 ? this.bytes.length : end));
  }
}
