// Bad arguments at the JavaScript boundary (issue 6): every parameter of every implemented
// syscall, replaced in turn by each ill-typed value below, must give a documented status
// (INVALID_ARGS or BAD_HANDLE, OUT_OF_RANGE for a too-big count, or what the valid call gives
// when the value happens to be acceptable), never an exception, and never leave a handle behind that the call did not make.
// A syscall with no status to return (a value or void) reports a failure by throwing a SyscallFailure that
// carries the status; that is its documented way to fail, so the status it carries is checked instead.
// The list of syscalls comes from the definitions (generated/definitions.json), so a newly implemented
// syscall without a case here fails the first test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DOCUMENTED_STATUSES, Kernel, ZX_CACHE_POLICY_UNCACHED, ZX_CLOCK_MONOTONIC, ZX_ERR_BAD_HANDLE, ZX_ERR_INVALID_ARGS, ZX_ERR_NOT_FOUND, ZX_ERR_OUT_OF_RANGE, ZX_FEATURE_KIND_CPU,
  ZX_INFO_HANDLE_BASIC, ZX_JOB_POL_BASIC, ZX_JOB_POL_RELATIVE, ZX_LOG_FLAG_READABLE, ZX_OK, ZX_POL_ACTION_DENY, ZX_POL_NEW_EVENT,
  ZX_PROP_SOCKET_RX_THRESHOLD, ZX_RIGHT_SAME_RIGHTS,
} from '../../index.js';
import { encode_zx_policy_basic_t } from '../../generated/structs.js';
import { SyscallFailure } from '../../support/wrappers.js';
import { box, enc, handleBasic, mkChannel, mkEvent, mkEventpair, mkPort, mkSocket, userPacket, type Proc, type Sys } from '../conformance/helpers.js';

type Call = (sys: Sys, proc: Proc) => unknown[];

/** A valid call of every implemented syscall (arguments in C order). */
const VALID: Record<string, Call> = {
  zx_channel_create: () => [0, box(0), box(0)],
  zx_channel_write: (s) => [mkChannel(s)[0], 0, new Uint8Array(4), 4, [mkEvent(s)], 1],
  zx_channel_read: (s) => {
    const [a, b] = mkChannel(s);
    s.zx_channel_write(a, 0, new Uint8Array(4), 4, null, 0);
    return [b, 0, new Uint8Array(8), new Uint32Array(2), 8, 2, box(0), box(0)];
  },
  zx_channel_read_etc: (s) => {
    const [a, b] = mkChannel(s);
    s.zx_channel_write(a, 0, new Uint8Array(4), 4, null, 0);
    return [b, 0, new Uint8Array(8), [{ handle: 0, type: 0, rights: 0, unused: 0 }], 8, 1, box(0), box(0)];
  },
  zx_channel_call: (s) => [
    mkChannel(s)[0], 0, 0n,
    { wr_bytes: new Uint8Array(8), wr_handles: null, rd_bytes: new Uint8Array(8), rd_handles: null, wr_num_bytes: 8, wr_num_handles: 0, rd_num_bytes: 8, rd_num_handles: 0 },
    box(0), box(0),
  ],
  zx_event_create: () => [0, box(0)],
  zx_eventpair_create: () => [0, box(0), box(0)],
  zx_handle_close: (s) => [mkEvent(s)],
  zx_handle_close_many: (s) => [[mkEvent(s), mkEvent(s)], 2],
  zx_handle_duplicate: (s) => [mkEvent(s), 0x80000000, box(0)],
  zx_handle_replace: (s) => [mkEvent(s), 0x80000000, box(0)],
  zx_object_wait_one: (s) => [mkEvent(s), 0x8, 0n, box(0)],
  zx_object_wait_many: (s) => [[{ handle: mkEvent(s), waitfor: 0x8, pending: 0 }], 1, 0n],
  zx_object_wait_async: (s) => [mkEvent(s), mkPort(s), 1n, 0x8, 0],
  zx_object_signal: (s) => [mkEvent(s), 0, 0x8],
  zx_object_signal_peer: (s) => [mkSocket(s)[0], 0, 0x01000000],
  zx_object_get_info: (s) => [mkEvent(s), ZX_INFO_HANDLE_BASIC, new Uint8Array(32), 32, box(0), box(0)],
  zx_object_get_property: (s) => [mkSocket(s)[0], ZX_PROP_SOCKET_RX_THRESHOLD, new Uint8Array(8), 8],
  zx_object_set_property: (s) => [mkSocket(s)[0], ZX_PROP_SOCKET_RX_THRESHOLD, new Uint8Array(8), 8],
  zx_port_create: () => [0, box(0)],
  zx_port_queue: (s) => [mkPort(s), userPacket(1n)],
  zx_port_wait: (s) => [mkPort(s), 0n, userPacket(0n)],
  zx_port_cancel: (s) => {
    const port = mkPort(s);
    const ev = mkEvent(s);
    s.zx_object_wait_async(ev, port, 1n, 0x8, 0);
    return [port, ev, 1n];
  },
  zx_socket_create: () => [0, box(0), box(0)],
  zx_socket_write: (s) => [mkSocket(s)[0], 0, new Uint8Array(4), 4, box(0)],
  zx_socket_read: (s) => {
    const [a, b] = mkSocket(s);
    s.zx_socket_write(a, 0, new Uint8Array(4), 4, null);
    return [b, 0, new Uint8Array(8), 8, box(0)];
  },
  zx_socket_share: (s) => [mkSocket(s, 4)[0], mkSocket(s)[0]],
  zx_socket_accept: (s) => {
    const [a, b] = mkSocket(s, 4);
    s.zx_socket_share(a, mkSocket(s)[0]);
    return [b, box(0)];
  },
  zx_socket_shutdown: (s) => [mkSocket(s)[0], 1],
  zx_fifo_create: () => [8, 8, 0, box(0), box(0)],
  zx_fifo_write: (s) => [mkFifo(s)[0], 8, new Uint8Array(8), 1, box(0)],
  zx_fifo_read: (s) => {
    const [a, b] = mkFifo(s);
    s.zx_fifo_write(a, 8, new Uint8Array(8), 1, null);
    return [b, 8, new Uint8Array(16), 2, box(0)];
  },
  zx_vmo_create: () => [4096n, 0, box(0)],
  zx_vmo_read: (s) => [mkVmo(s), new Uint8Array(8), 0n, 8],
  zx_vmo_write: (s) => [mkVmo(s), new Uint8Array(8), 0n, 8],
  zx_vmo_get_size: (s) => [mkVmo(s), box(0n)],
  zx_vmo_set_size: (s) => [mkVmo(s), 8192n],
  zx_vmo_op_range: (s) => [mkVmo(s), 1, 0n, 4096n, null, 0],
  zx_vmo_clone: (s) => [mkVmo(s), 1, 0n, 4096n, box(0)],
  zx_vmo_replace_as_executable: (s) => [mkVmo(s), 0, box(0)],
  zx_vmo_set_cache_policy: (s) => [mkVmo(s), ZX_CACHE_POLICY_UNCACHED],
  zx_clock_get: () => [ZX_CLOCK_MONOTONIC],
  zx_clock_get_new: () => [ZX_CLOCK_MONOTONIC, box(0n)],
  zx_clock_get_monotonic: () => [],
  zx_cprng_draw: () => [new Uint8Array(16), 16],
  zx_cprng_add_entropy: () => [new Uint8Array(16), 16],
  zx_deadline_after: () => [1000n],
  zx_nanosleep: () => [0n],
  zx_ticks_get: () => [],
  zx_ticks_per_second: () => [],
  zx_debuglog_create: () => [0, ZX_LOG_FLAG_READABLE, box(0)],
  zx_debuglog_write: (s) => [mkLog(s), 0, new Uint8Array(4), 4],
  zx_debuglog_read: (s) => {
    const log = mkLog(s);
    s.zx_debuglog_write(log, 0, new Uint8Array(4), 4);
    return [log, 0, new Uint8Array(256), 256];
  },
  zx_system_get_dcache_line_size: () => [],
  zx_system_get_num_cpus: () => [],
  zx_system_get_version: () => [new Uint8Array(64), 64],
  zx_system_get_physmem: () => [],
  zx_system_get_features: () => [ZX_FEATURE_KIND_CPU, box(0)],
  zx_timer_create: () => [0, ZX_CLOCK_MONOTONIC, box(0)],
  zx_timer_set: (s) => [mkTimer(s), 1000n, 0n],
  zx_timer_cancel: (s) => {
    const t = mkTimer(s);
    s.zx_timer_set(t, 1000n, 0n);
    return [t];
  },
  zx_job_create: (s, p) => [p.job, 0, box(0)],
  zx_job_set_policy: (s, p) => {
    const policy = new Uint8Array(8);
    encode_zx_policy_basic_t({ condition: ZX_POL_NEW_EVENT, policy: ZX_POL_ACTION_DENY }, policy, 0);
    return [mkJob(s, p), ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, policy, 1];
  },
  zx_process_create: (s, p) => [p.job, enc('child'), 5, 0, box(0), box(0)],
  zx_process_exit: () => [3n],
  zx_task_kill: (s, p) => [mkProcess(s, p)],
  zx_object_get_child: (s, p) => [p.job, handleBasic(s, mkProcess(s, p)).koid, ZX_RIGHT_SAME_RIGHTS, box(0)],
  zx_object_set_cookie: (s) => [mkEventpair(s)[0], mkEvent(s), 7n],
  zx_object_get_cookie: (s) => {
    const [a] = mkEventpair(s);
    const scope = mkEvent(s);
    s.zx_object_set_cookie(a, scope, 7n);
    return [a, scope, box(0n)];
  },
};

function mkLog(s: Sys): number {
  const out = box(0);
  s.zx_debuglog_create(0, ZX_LOG_FLAG_READABLE, out);
  return out.value;
}
function mkTimer(s: Sys): number {
  const out = box(0);
  s.zx_timer_create(0, ZX_CLOCK_MONOTONIC, out);
  return out.value;
}
function mkJob(s: Sys, p: Proc): number {
  const out = box(0);
  s.zx_job_create(p.job, 0, out);
  return out.value;
}
function mkProcess(s: Sys, p: Proc): number {
  const out = box(0);
  s.zx_process_create(p.job, enc('child'), 5, 0, out, box(0));
  return out.value;
}

function mkFifo(s: Sys): [number, number] {
  const a = box(0), b = box(0);
  s.zx_fifo_create(4, 8, 0, a, b);
  return [a.value, b.value];
}
function mkVmo(s: Sys): number {
  const v = box(0);
  s.zx_vmo_create(4096n, 0, v);
  return v.value;
}

/** Statuses a well-formed but wrong value gives, beyond the shape statuses (why, per syscall). */
const WRONG_VALUE: Record<string, number[]> = {
  // A koid that is a well-formed u64 (1n) but names no child of the job.
  zx_object_get_child: [ZX_ERR_NOT_FOUND],
};

const BAD: [string, unknown][] = [
  ['undefined', undefined], ['null', null], ["'x'", 'x'], ['1.5', 1.5], ['-1', -1], ['2^32', 2 ** 32], ['NaN', NaN],
  ['{}', {}], ['[]', []], ['1n', 1n], ['-1n', -1n], ['2n^64', 2n ** 64n], ['Uint8Array(0)', new Uint8Array(0)],
  ['a function', () => 0], ['a symbol', Symbol('x')],
];

/** The implemented syscalls, as the definitions say (the JSON form of defs/). */
const model = JSON.parse(readFileSync(new URL('../../generated/definitions.json', import.meta.url), 'utf8')) as {
  syscalls: { name: string; implemented: boolean; returns: string }[];
};
const implemented = model.syscalls.filter((sc) => sc.implemented).map((sc) => `zx_${sc.name}`).sort();
/** Syscalls without a status to return: they throw a SyscallFailure instead. */
const valueReturning = new Set(model.syscalls.filter((sc) => sc.returns !== 'zx_status_t').map((sc) => `zx_${sc.name}`));

describe('every parameter of every implemented syscall, with ill-typed values', () => {
  it('has a case for every implemented syscall, and none for another', () => {
    expect(Object.keys(VALID).sort()).toEqual(implemented);
    expect(implemented.length).toBeGreaterThanOrEqual(69);
    for (const name of implemented) expect(DOCUMENTED_STATUSES, name).toHaveProperty(name);
  });

  it.each(implemented)('%s', async (name) => {
    // The status a call gives: its return value, or for a syscall with no status to return, ZX_OK
    // when it returns and the status its SyscallFailure carries when it throws one.
    const call = async (sys: Sys, args: unknown[]): Promise<number> => {
      const fn = (sys as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
      // debuglog_read returns a record's length on success.
      if (!valueReturning.has(name)) return Math.min(ZX_OK, (await fn(...args)) as number);
      try {
        await fn(...args);
        return ZX_OK;
      } catch (e) {
        if (e instanceof SyscallFailure && e.syscall === name) return e.status;
        throw e;
      }
    };
    // What the valid call gives, and how many handles it leaves.
    const k0 = new Kernel();
    const p0 = k0.createProcess();
    const s0 = p0.syscalls;
    const args0 = VALID[name]!(s0, p0);
    const before0 = k0.stats().handles;
    const valid = await call(s0, args0);
    const grew = k0.stats().handles - before0;
    expect(DOCUMENTED_STATUSES[name as keyof typeof DOCUMENTED_STATUSES], `${name}: the valid call`).toContain(valid);
    for (let i = 0; i < args0.length; i++) {
      for (const [label, bad] of BAD) {
        const kernel = new Kernel();
        const proc = kernel.createProcess();
        const sys = proc.syscalls;
        const args = VALID[name]!(sys, proc);
        args[i] = bad;
        const before = kernel.stats().handles;
        let st: number;
        try {
          st = await call(sys, args);
        } catch (e) {
          throw new Error(`${name}: argument ${i} = ${label} threw: ${String(e)}`);
        }
        // OUT_OF_RANGE: a count that is a well-formed size, just too big (wait_many's 2^32 items).
        expect([ZX_ERR_INVALID_ARGS, ZX_ERR_BAD_HANDLE, ZX_ERR_OUT_OF_RANGE, valid, ...(WRONG_VALUE[name] ?? [])], `${name}: argument ${i} = ${label}`).toContain(st);
        expect(DOCUMENTED_STATUSES[name as keyof typeof DOCUMENTED_STATUSES]).toContain(st);
        // A refused call makes no handle (consuming ones is allowed); an accepted one no more than the valid call.
        expect(kernel.stats().handles - before, `${name}: argument ${i} = ${label}: handles made`).toBeLessThanOrEqual(st === valid ? Math.max(0, grew) : 0);
      }
    }
  });
});
