// System information and the CPRNG (spec part 2 §7.2, §11, test R1–R3): the configured values
// and their defaults, and every documented status.
import { describe, expect, it } from 'vitest';
import {
  Kernel,
  ZX_CPRNG_ADD_ENTROPY_MAX_LEN,
  ZX_CPRNG_DRAW_MAX_LEN,
  ZX_ERR_BUFFER_TOO_SMALL,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NOT_SUPPORTED,
  ZX_FEATURE_KIND_CPU,
  ZX_FEATURE_KIND_HW_BREAKPOINT_COUNT,
  ZX_FEATURE_KIND_HW_WATCHPOINT_COUNT,
  ZX_HAS_CPU_FEATURES,
  ZX_ARM64_FEATURE_ISA_AES,
  ZX_OK,
} from '../../index.js';
import { bad, box, SENTINEL, type Sys } from './helpers.js';

const sysOf = (kernel: Kernel): Sys => kernel.createProcess('system').syscalls;

/** zx_system_get_features(kind): the status, and what was stored (SENTINEL when nothing). */
function feature(sys: Sys, kind: number): [number, number] {
  const out = box(SENTINEL);
  const st = sys.zx_system_get_features(kind, out);
  return [st, out.value];
}

describe('system_get_* with the default values', () => {
  const sys = sysOf(new Kernel());

  it('one CPU, 1 GiB, 64-byte cache lines', () => {
    expect(sys.zx_system_get_num_cpus()).toBe(1);
    expect(sys.zx_system_get_physmem()).toBe(1n << 30n);
    expect(sys.zx_system_get_dcache_line_size()).toBe(64);
  });

  it('version: exactly 64 bytes, "git-" and 40 zeros, zero-padded', () => {
    const buf = new Uint8Array(80).fill(0xaa);
    expect(sys.zx_system_get_version(buf, 64)).toBe(ZX_OK);
    expect(new TextDecoder().decode(buf.subarray(0, 44))).toBe(`git-${'0'.repeat(40)}`);
    expect([...buf.subarray(44, 64)].every((b) => b === 0)).toBe(true);
    expect([...buf.subarray(64)].every((b) => b === 0xaa)).toBe(true);
  });

  it('BUFFER_TOO_SMALL below 64 bytes whatever the string, buffer untouched; INVALID_ARGS for a bad buffer', () => {
    const buf = new Uint8Array(63).fill(0xaa);
    expect(sys.zx_system_get_version(buf, 63)).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect(buf.every((b) => b === 0xaa)).toBe(true);
    expect(sys.zx_system_get_version(null, 0)).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect(sys.zx_system_get_version(new Uint8Array(10), 64)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_system_get_version(null, 64)).toBe(ZX_ERR_INVALID_ARGS);
  });

  it('features as on x86: no CPU word (NOT_SUPPORTED), 4 breakpoints, 4 watchpoints, unknown kinds NOT_SUPPORTED', () => {
    expect(feature(sys, ZX_FEATURE_KIND_CPU)).toEqual([ZX_ERR_NOT_SUPPORTED, SENTINEL]);
    expect(feature(sys, ZX_FEATURE_KIND_HW_BREAKPOINT_COUNT)).toEqual([ZX_OK, 4]);
    expect(feature(sys, ZX_FEATURE_KIND_HW_WATCHPOINT_COUNT)).toEqual([ZX_OK, 4]);
    expect(feature(sys, 3)).toEqual([ZX_ERR_NOT_SUPPORTED, SENTINEL]);
    expect(sys.zx_system_get_features(ZX_FEATURE_KIND_HW_BREAKPOINT_COUNT, bad(null))).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_system_get_features(ZX_FEATURE_KIND_HW_BREAKPOINT_COUNT, Object.freeze({ value: 0 }))).toBe(ZX_ERR_INVALID_ARGS);
  });
});

describe('system_get_* with values given to new Kernel({ system })', () => {
  it('reports what the host configured, arm64-style CPU word included', () => {
    const word = ZX_HAS_CPU_FEATURES | ZX_ARM64_FEATURE_ISA_AES;
    const sys = sysOf(new Kernel({ system: { numCpus: 8, physmem: 1n << 34n, dcacheLineSize: 128, version: 'git-0123456789abcdef0123456789abcdef01234567', cpuFeatures: word, hwBreakpoints: 6, hwWatchpoints: 2 } }));
    expect(sys.zx_system_get_num_cpus()).toBe(8);
    expect(sys.zx_system_get_physmem()).toBe(1n << 34n);
    expect(sys.zx_system_get_dcache_line_size()).toBe(128);
    const buf = new Uint8Array(64);
    expect(sys.zx_system_get_version(buf, 64)).toBe(ZX_OK);
    expect(new TextDecoder().decode(buf).replace(/\0+$/, '')).toBe('git-0123456789abcdef0123456789abcdef01234567');
    expect(feature(sys, ZX_FEATURE_KIND_CPU)).toEqual([ZX_OK, word]);
    expect(feature(sys, ZX_FEATURE_KIND_HW_BREAKPOINT_COUNT)).toEqual([ZX_OK, 6]);
    expect(feature(sys, ZX_FEATURE_KIND_HW_WATCHPOINT_COUNT)).toEqual([ZX_OK, 2]);
  });

  it('refuses values no syscall could return', () => {
    expect(() => new Kernel({ system: { version: 'x'.repeat(64) } })).toThrow(RangeError);
    expect(() => new Kernel({ system: { version: 'é' } })).toThrow(RangeError);
    expect(() => new Kernel({ system: { numCpus: -1 } })).toThrow(RangeError);
    expect(() => new Kernel({ system: { physmem: 1n << 64n } })).toThrow(RangeError);
  });
});

describe('cprng_draw', () => {
  const sys = sysOf(new Kernel());

  it('R1: 256 random bytes have few zeros; only the first buffer_size bytes are written', () => {
    const buf = new Uint8Array(ZX_CPRNG_DRAW_MAX_LEN + 16);
    expect(sys.zx_cprng_draw(buf, ZX_CPRNG_DRAW_MAX_LEN)).toBeUndefined();
    expect(buf.subarray(0, 256).filter((b) => b === 0).length).toBeLessThanOrEqual(16);
    expect([...buf.subarray(256)].every((b) => b === 0)).toBe(true);
  });

  it('any size: 100,000 bytes (beyond Web Crypto\'s 65,536 per call) are all drawn; size 0 writes nothing', () => {
    const big = new Uint8Array(100_000);
    sys.zx_cprng_draw(big, big.length);
    expect(big.subarray(65_536).some((b) => b !== 0)).toBe(true);
    expect(big.subarray(0, 65_536).some((b) => b !== 0)).toBe(true);
    const none = new Uint8Array(4);
    sys.zx_cprng_draw(none, 0);
    expect(none).toEqual(new Uint8Array(4));
    sys.zx_cprng_draw(null, 0);
  });

  it('two draws differ', () => {
    const a = new Uint8Array(32);
    const b = new Uint8Array(32);
    sys.zx_cprng_draw(a, 32);
    sys.zx_cprng_draw(b, 32);
    expect(a).not.toEqual(b);
  });

  // A wasm guest's memory is shared, and browsers' getRandomValues refuses shared views.
  it.skipIf(typeof SharedArrayBuffer === 'undefined')('fills a view of shared memory, as a wasm guest passes', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(4096));
    sys.zx_cprng_draw(shared.subarray(1024, 1024 + 256), 256);
    expect(shared.subarray(1024, 1280).some((x) => x !== 0)).toBe(true);
    expect(shared.subarray(0, 1024).every((x) => x === 0) && shared.subarray(1280).every((x) => x === 0)).toBe(true);
  });

  it('INVALID_ARGS: a bad buffer throws (Zircon ends the process), naming the status', () => {
    expect(() => sys.zx_cprng_draw(new Uint8Array(4), 8)).toThrow(/zx_cprng_draw failed with ZX_ERR_INVALID_ARGS/);
    expect(() => sys.zx_cprng_draw(null, 1)).toThrow(expect.objectContaining({ status: ZX_ERR_INVALID_ARGS }));
  });
});

describe('cprng_add_entropy', () => {
  const sys = sysOf(new Kernel());

  it('accepts up to 256 bytes, 0 included, from any process', () => {
    expect(ZX_CPRNG_ADD_ENTROPY_MAX_LEN).toBe(256);
    expect(sys.zx_cprng_add_entropy(new Uint8Array(256), 256)).toBe(ZX_OK);
    expect(sys.zx_cprng_add_entropy(new Uint8Array(1), 0)).toBe(ZX_OK);
  });

  it('R2, R3 INVALID_ARGS: 257 bytes; a null buffer even with size 0; a buffer shorter than its size', () => {
    expect(sys.zx_cprng_add_entropy(new Uint8Array(257), 257)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_cprng_add_entropy(null, 0)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_cprng_add_entropy(new Uint8Array(4), 8)).toBe(ZX_ERR_INVALID_ARGS);
  });
});
