// What the system_get_* calls report: fixed for a kernel's life, chosen by the host in
// `new Kernel({ system })`, with defaults that describe a small x86 machine (spec §11).

/** Values the `zx_system_get_*` calls report; every field is optional. */
export interface SystemOptions {
  /** `zx_system_get_num_cpus()`: 1 by default (a kernel runs on one JavaScript thread). */
  readonly numCpus?: number;
  /** `zx_system_get_physmem()`, in bytes: 1 GiB by default. */
  readonly physmem?: bigint;
  /** `zx_system_get_dcache_line_size()`, in bytes: 64 by default. */
  readonly dcacheLineSize?: number;
  /**
   * `zx_system_get_version()`: at most 63 ASCII characters, written zero-padded to 64 bytes.
   * By default `git-` and 40 zeros (no build id).
   */
  readonly version?: string;
  /**
   * The CPU feature word of `zx_system_get_features(ZX_FEATURE_KIND_CPU)`: 0 by default, as on
   * x86, where the call returns ZX_ERR_NOT_SUPPORTED. A word with bit 0 (ZX_HAS_CPU_FEATURES)
   * set, as on arm64, is returned as it is.
   */
  readonly cpuFeatures?: number;
  /** `ZX_FEATURE_KIND_HW_BREAKPOINT_COUNT`: 4 by default. */
  readonly hwBreakpoints?: number;
  /** `ZX_FEATURE_KIND_HW_WATCHPOINT_COUNT`: 4 by default. */
  readonly hwWatchpoints?: number;
}

/** The resolved values, as the syscalls read them. */
export interface SystemInfo {
  readonly numCpus: number;
  readonly physmem: bigint;
  readonly dcacheLineSize: number;
  /** The 64 bytes `zx_system_get_version()` writes. */
  readonly version: Uint8Array;
  readonly cpuFeatures: number;
  readonly hwBreakpoints: number;
  readonly hwWatchpoints: number;
}

/** The size of the version buffer, which zx_system_get_version() requires whole. */
export const VERSION_BYTES = 64;

function u32(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`new Kernel({ system }): ${name} ${v} is not a 32-bit unsigned integer`);
  return v;
}

/** The values of `options` over the defaults; throws a RangeError on a value no syscall could return. */
export function systemInfo(options: SystemOptions = {}): SystemInfo {
  const version = options.version ?? `git-${'0'.repeat(40)}`;
  if (!/^[\x20-\x7e]*$/.test(version) || version.length >= VERSION_BYTES) {
    throw new RangeError(`new Kernel({ system }): version must be at most ${VERSION_BYTES - 1} printable ASCII characters`);
  }
  const bytes = new Uint8Array(VERSION_BYTES);
  for (let i = 0; i < version.length; i++) bytes[i] = version.charCodeAt(i);
  const physmem = options.physmem ?? 1n << 30n;
  if (physmem < 0n || physmem > 0xffffffffffffffffn) throw new RangeError(`new Kernel({ system }): physmem ${physmem} is not a 64-bit unsigned integer`);
  return {
    numCpus: u32('numCpus', options.numCpus ?? 1),
    physmem,
    dcacheLineSize: u32('dcacheLineSize', options.dcacheLineSize ?? 64),
    version: bytes,
    cpuFeatures: u32('cpuFeatures', options.cpuFeatures ?? 0),
    hwBreakpoints: u32('hwBreakpoints', options.hwBreakpoints ?? 4),
    hwWatchpoints: u32('hwWatchpoints', options.hwWatchpoints ?? 4),
  };
}
