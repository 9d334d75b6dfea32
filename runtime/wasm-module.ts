// A wasm32-wasi program's memory made shared, so the kernel's thread reads and writes the guest's
// buffers in place (no copy through a message buffer) while the guest's own thread is parked in
// the syscall. wasi-libc is built without the atomics feature, so `wasm-ld --shared-memory`
// refuses it; a memory may still be declared shared without it (the code never uses atomics),
// so the module's memory section is rewritten here: flags 0/1 become 3 (shared, with a maximum).
// No Node API: the kernel side runs in browsers too.

/** Pages (64 KiB) a shared memory may grow to when the module names no maximum: 1 GiB. */
export const DEFAULT_MAX_PAGES = 16384;

const MEMORY_SECTION = 5;

function readLeb(b: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    if (i >= b.length) throw new Error('wasm module: truncated LEB128');
    const byte = b[i++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value, next: i };
    shift += 7;
    if (shift > 35) throw new Error('wasm module: LEB128 too long');
  }
}

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

/**
 * The module with its own memory declared shared. A module that already has a shared memory is
 * returned as it is; one that defines no memory (it imports one) is refused, since the host
 * could not see the memory it is given.
 */
export function withSharedMemory(bytes: Uint8Array, maxPages = DEFAULT_MAX_PAGES): Uint8Array {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new Error('not a WebAssembly module (no \\0asm header)');
  }
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at]!;
    const size = readLeb(bytes, at + 1);
    const start = size.next;
    const end = start + size.value;
    if (id === MEMORY_SECTION) {
      const count = readLeb(bytes, start);
      if (count.value !== 1) throw new Error(`wasm module: ${count.value} memories; a zxkit process has exactly one`);
      const flags = bytes[count.next]!;
      if ((flags & 2) !== 0) return bytes;
      const min = readLeb(bytes, count.next + 1);
      let max = maxPages;
      if (flags & 1) max = readLeb(bytes, min.next).value;
      const body = [...leb(1), 3, ...leb(min.value), ...leb(Math.max(max, min.value))];
      const section = [MEMORY_SECTION, ...leb(body.length), ...body];
      const out = new Uint8Array(at + section.length + (bytes.length - end));
      out.set(bytes.subarray(0, at), 0);
      out.set(section, at);
      out.set(bytes.subarray(end), at + section.length);
      return out;
    }
    at = end;
  }
  throw new Error('wasm module: it defines no memory of its own (an imported memory is not supported)');
}
