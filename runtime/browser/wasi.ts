// WASI preview1 for a process in a page, where there is no node:wasi: what wasi-libc's startup
// and stdio use. No files (no preopens), stdin empty, stdout and stderr to the console line by
// line (or to the kernel, when captured: guest-thread.ts wraps fd_write), clocks from
// performance, randomness from Web Crypto. Every other preview1 import the module names
// answers ENOSYS, so any program instantiates and learns at run time what is missing.
import { gatherIovecs, Stop, type GuestImport, type GuestMailbox, type GuestWasi } from '../guest-thread.js';
import { wasm, type WasmInstance, type WasmMemory, type WasmModule } from '../wasm-api.js';

/** WASI errno values used here. */
const SUCCESS = 0;
const EBADF = 8;
const EINVAL = 28;
const ENOSYS = 52;
const ESPIPE = 70;

const FILETYPE_CHARACTER_DEVICE = 2;
const RIGHT_FD_READ = 1n << 1n;
const RIGHT_FD_WRITE = 1n << 6n;
const CLOCK_REALTIME = 0;
const EVENTTYPE_CLOCK = 0;
const SUBSCRIPTION_CLOCK_ABSTIME = 1;
/** Web Crypto fills at most this many bytes per call. */
const RANDOM_CHUNK = 65536;

/** Where the uncaptured stdout and stderr go: the console, a line at a time. */
function consoleLines(log: (line: string) => void): { write(bytes: Uint8Array): void; flush(): void } {
  const decoder = new TextDecoder();
  let pending = '';
  return {
    write(bytes) {
      pending += decoder.decode(bytes, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const l of lines) log(l);
    },
    flush() {
      pending += decoder.decode();
      if (pending !== '') log(pending);
      pending = '';
    },
  };
}

/** NUL-terminated strings laid out as WASI's args_get/environ_get want them. */
function stringTable(strings: readonly string[]): { count: number; bytes: Uint8Array; offsets: number[] } {
  const enc = new TextEncoder();
  const encoded = strings.map((s) => enc.encode(`${s}\0`));
  const bytes = new Uint8Array(encoded.reduce((n, e) => n + e.length, 0));
  const offsets: number[] = [];
  let at = 0;
  for (const e of encoded) {
    offsets.push(at);
    bytes.set(e, at);
    at += e.length;
  }
  return { count: strings.length, bytes, offsets };
}

/** Nanoseconds since the epoch (realtime) or since the page started (the others). */
function now(clock: number): bigint {
  const ms = clock === CLOCK_REALTIME ? performance.timeOrigin + performance.now() : performance.now();
  return BigInt(Math.round(ms * 1e6));
}

/**
 * The preview1 imports for one process of `module`, with `args` and `env`; `mailbox` lets a sleep
 * (poll_oneoff on clocks) wake when the process is killed.
 */
export function browserWasi(module: WasmModule, args: readonly string[], env: Readonly<Record<string, string>>, mailbox: GuestMailbox): GuestWasi {
  let memory: WasmMemory | undefined;
  const view = (): DataView => new DataView(memory!.buffer);
  const argv = stringTable(args);
  const environ = stringTable(Object.entries(env).map(([k, v]) => `${k}=${v}`));
  const out = [consoleLines((l) => console.log(l)), consoleLines((l) => console.error(l))] as const;

  const sizes = (t: typeof argv) => (countPtr: number, sizePtr: number): number => {
    view().setUint32(countPtr, t.count, true);
    view().setUint32(sizePtr, t.bytes.length, true);
    return SUCCESS;
  };
  const table = (t: typeof argv) => (ptrs: number, buf: number): number => {
    const dv = view();
    t.offsets.forEach((o, i) => dv.setUint32(ptrs + 4 * i, buf + o, true));
    new Uint8Array(memory!.buffer).set(t.bytes, buf);
    return SUCCESS;
  };

  const own: Record<string, GuestImport> = {
    args_sizes_get: sizes(argv),
    args_get: table(argv),
    environ_sizes_get: sizes(environ),
    environ_get: table(environ),
    fd_write(fd: number, iovs: number, iovsLen: number, nwritten: number): number {
      if (fd !== 1 && fd !== 2) return EBADF;
      const bytes = gatherIovecs(memory!, iovs, iovsLen);
      out[fd - 1].write(bytes);
      view().setUint32(nwritten, bytes.length, true);
      return SUCCESS;
    },
    fd_read(fd: number, _iovs: number, _iovsLen: number, nread: number): number {
      if (fd !== 0) return EBADF;
      view().setUint32(nread, 0, true); // stdin is empty: end of file
      return SUCCESS;
    },
    fd_close: (fd: number): number => (fd >= 0 && fd <= 2 ? SUCCESS : EBADF),
    fd_seek: (fd: number): number => (fd >= 0 && fd <= 2 ? ESPIPE : EBADF),
    fd_fdstat_get(fd: number, stat: number): number {
      if (fd < 0 || fd > 2) return EBADF;
      // A character device that cannot seek: wasi-libc then treats stdout as a terminal (line-buffered).
      const dv = view();
      dv.setUint8(stat, FILETYPE_CHARACTER_DEVICE);
      dv.setUint16(stat + 2, 0, true);
      dv.setBigUint64(stat + 8, fd === 0 ? RIGHT_FD_READ : RIGHT_FD_WRITE, true);
      dv.setBigUint64(stat + 16, 0n, true);
      return SUCCESS;
    },
    fd_prestat_get: (): number => EBADF, // no preopened directories
    fd_prestat_dir_name: (): number => EBADF,
    clock_res_get(clock: number, res: number): number {
      if (clock < 0 || clock > 3) return EINVAL;
      view().setBigUint64(res, 1000n, true);
      return SUCCESS;
    },
    clock_time_get(clock: number, _precision: bigint, time: number): number {
      if (clock < 0 || clock > 3) return EINVAL;
      view().setBigUint64(time, now(clock), true);
      return SUCCESS;
    },
    random_get(buf: number, len: number): number {
      // getRandomValues refuses views of shared memory, and a process's memory is shared: fill a private copy.
      const chunk = new Uint8Array(Math.min(len, RANDOM_CHUNK));
      for (let at = 0; at < len; at += RANDOM_CHUNK) {
        const part = chunk.subarray(0, Math.min(RANDOM_CHUNK, len - at));
        crypto.getRandomValues(part);
        new Uint8Array(memory!.buffer, buf + at, part.length).set(part);
      }
      return SUCCESS;
    },
    poll_oneoff(subs: number, events: number, count: number, nevents: number): number {
      // Clock subscriptions only (sleep, nanosleep): sleep until the earliest, then report each that is due.
      const dv = view();
      let wake = Infinity;
      const clocks: { userdata: bigint; deadline: number }[] = [];
      for (let i = 0; i < count; i++) {
        const s = subs + 48 * i;
        if (dv.getUint8(s + 8) !== EVENTTYPE_CLOCK) return ENOSYS;
        const clock = dv.getUint32(s + 16, true);
        if (clock > 3) return EINVAL;
        const timeout = Number(dv.getBigUint64(s + 24, true)) / 1e6;
        const abs = (dv.getUint16(s + 40, true) & SUBSCRIPTION_CLOCK_ABSTIME) !== 0;
        const base = clock === CLOCK_REALTIME ? performance.timeOrigin : 0;
        const deadline = abs ? timeout - base : performance.now() + timeout;
        clocks.push({ userdata: dv.getBigUint64(s, true), deadline });
        wake = Math.min(wake, deadline);
      }
      while (clocks.length > 0 && performance.now() < wake) mailbox.sleep(wake - performance.now());
      const t = performance.now();
      let n = 0;
      for (const c of clocks) {
        if (c.deadline > t) continue;
        const e = events + 32 * n++;
        dv.setBigUint64(e, c.userdata, true);
        dv.setUint16(e + 8, SUCCESS, true);
        dv.setUint8(e + 10, EVENTTYPE_CLOCK);
      }
      dv.setUint32(nevents, n, true);
      return SUCCESS;
    },
    proc_exit(code: number): never {
      throw new Stop(code);
    },
    sched_yield: (): number => SUCCESS,
  };

  // Every preview1 import the module names resolves: the rest answer ENOSYS.
  const imports: Record<string, GuestImport> = {};
  for (const i of wasm.Module.imports(module)) {
    if (i.module === 'wasi_snapshot_preview1') imports[i.name] = own[i.name] ?? ((): number => ENOSYS);
  }

  return {
    imports,
    start(instance: WasmInstance): undefined {
      memory = instance.exports['memory'] as WasmMemory;
      try {
        (instance.exports['_start'] as () => void)();
      } finally {
        for (const o of out) o.flush();
      }
      return undefined;
    },
  };
}
