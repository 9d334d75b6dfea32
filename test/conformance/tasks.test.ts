// Jobs and processes as objects (spec part 2 §8, §9, §13.4-13.5): job_create, job_set_policy,
// process_create, process_exit, task_kill, object_get_child, cookies, ZX_INFO_PROCESS and the
// job koid lists, ZX_PROP_NAME, TERMINATED signals, and what a kill does to handles and waits.
import { describe, expect, it } from 'vitest';
import {
  Kernel, ZX_CHANNEL_PEER_CLOSED, ZX_DEFAULT_JOB_RIGHTS, ZX_DEFAULT_PROCESS_RIGHTS, ZX_ERR_ACCESS_DENIED,
  ZX_ERR_ALREADY_EXISTS, ZX_ERR_BAD_HANDLE, ZX_ERR_BAD_STATE, ZX_ERR_BUFFER_TOO_SMALL, ZX_ERR_CANCELED, ZX_ERR_INVALID_ARGS,
  ZX_ERR_NO_MEMORY, ZX_ERR_NOT_FOUND, ZX_ERR_NOT_SUPPORTED, ZX_ERR_OUT_OF_RANGE, ZX_ERR_WRONG_TYPE, ZX_EVENT_SIGNALED,
  ZX_INFO_JOB_CHILDREN, ZX_INFO_JOB_PROCESSES, ZX_INFO_PROCESS, ZX_JOB_NO_JOBS, ZX_JOB_NO_PROCESSES, ZX_JOB_POL_ABSOLUTE,
  ZX_JOB_POL_BASIC, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_TIMER_SLACK, ZX_OBJ_TYPE_PROCESS, ZX_OBJ_TYPE_VMAR, ZX_OK,
  ZX_POL_ACTION_ALLOW, ZX_POL_ACTION_DENY, ZX_POL_ACTION_KILL, ZX_POL_BAD_HANDLE, ZX_POL_NEW_ANY, ZX_POL_NEW_CHANNEL,
  ZX_POL_NEW_EVENT, ZX_POL_NEW_PROCESS, ZX_PROCESS_TERMINATED, ZX_PROP_NAME, ZX_RIGHT_DESTROY, ZX_RIGHT_ENUMERATE,
  ZX_RIGHT_INSPECT, ZX_RIGHT_SAME_RIGHTS, ZX_RIGHT_WRITE, ZX_ROOT_VMAR_RIGHTS, ZX_TIME_INFINITE,
} from '../../index.js';
import { encode_zx_policy_basic_t, encode_zx_policy_timer_slack_t } from '../../generated/structs.js';
import { otherObject } from './other-object.js';
import { bad, box, dup, enc, getU64, handleBasic, mkChannel, mkEvent, mkEventpair, sig, SENTINEL_H, type Sys } from './helpers.js';

function boot() {
  const kernel = new Kernel({ testMode: true });
  const proc = kernel.createProcess('tasks');
  return { kernel, proc, sys: proc.syscalls };
}
function jobIn(sys: Sys, parent: number): number {
  const out = box(0);
  expect(sys.zx_job_create(parent, 0, out)).toBe(ZX_OK);
  return out.value;
}
function processIn(sys: Sys, job: number, name = 'child'): [number, number] {
  const p = box(0), v = box(0);
  const n = enc(name);
  expect(sys.zx_process_create(job, n, n.length, 0, p, v)).toBe(ZX_OK);
  return [p.value, v.value];
}
function basic(...entries: [number, number][]): Uint8Array {
  const b = new Uint8Array(8 * entries.length);
  entries.forEach(([condition, policy], i) => encode_zx_policy_basic_t({ condition, policy }, b, 8 * i));
  return b;
}
function koids(sys: Sys, job: number, topic: number, room = 16): { list: bigint[]; actual: number; avail: number } {
  const buf = new Uint8Array(8 * room), actual = box(-1), avail = box(-1);
  expect(sys.zx_object_get_info(job, topic, buf, buf.length, actual, avail)).toBe(ZX_OK);
  return { list: Array.from({ length: actual.value }, (_, i) => getU64(buf, 8 * i)), actual: actual.value, avail: avail.value };
}
function processInfo(sys: Sys, h: number): { return_code: bigint; started: boolean; exited: boolean } {
  const buf = new Uint8Array(16);
  expect(sys.zx_object_get_info(h, ZX_INFO_PROCESS, buf, 16, null, null)).toBe(ZX_OK);
  return { return_code: new DataView(buf.buffer).getBigInt64(0, true), started: buf[8] === 1, exited: buf[9] === 1 };
}
const koidOf = (sys: Sys, h: number) => handleBasic(sys, h).koid;

describe('job_create', () => {
  it('makes a child job: signals, koid lists, related koid, rights', async () => {
    const { sys, proc } = boot();
    const job = jobIn(sys, proc.job);
    expect(handleBasic(sys, job)).toMatchObject({ rights: ZX_DEFAULT_JOB_RIGHTS, related_koid: koidOf(sys, proc.job) });
    expect(await sig(sys, job)).toBe(ZX_JOB_NO_PROCESSES | ZX_JOB_NO_JOBS);
    expect(await sig(sys, proc.job) & ZX_JOB_NO_JOBS).toBe(0);
    expect(koids(sys, proc.job, ZX_INFO_JOB_CHILDREN).list).toEqual([koidOf(sys, job)]);
  });

  it('checks options, then the handle: MANAGE_JOB, else WRITE, and the second answer wins', () => {
    const { sys, proc } = boot();
    const out = box(SENTINEL_H);
    expect(sys.zx_job_create(0x1234, 1, out)).toBe(ZX_ERR_INVALID_ARGS); // options before the handle
    expect(sys.zx_job_create(0x1234, 0, out)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_job_create(dup(sys, proc.job, ZX_RIGHT_INSPECT), 0, out)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_job_create(proc.self, 0, out)).toBe(ZX_ERR_WRONG_TYPE); // a process handle has WRITE
    expect(sys.zx_job_create(mkEvent(sys), 0, out)).toBe(ZX_ERR_ACCESS_DENIED); // no WRITE: ACCESS_DENIED first
    expect(out.value).toBe(SENTINEL_H);
    expect(sys.zx_job_create(dup(sys, proc.job, ZX_RIGHT_WRITE), 0, out)).toBe(ZX_OK);
  });

  it('32 levels of jobs below the root, then OUT_OF_RANGE; a process still fits at the bottom', () => {
    const { sys, proc } = boot();
    let job = proc.job;
    for (let i = 0; i < 32; i++) job = jobIn(sys, job);
    expect(sys.zx_job_create(job, 0, box(0))).toBe(ZX_ERR_OUT_OF_RANGE);
    processIn(sys, job);
  });

  it('a killed job takes no children: BAD_STATE for jobs and processes (J5, J6)', () => {
    const { sys, proc } = boot();
    const job = jobIn(sys, proc.job);
    expect(sys.zx_task_kill(job)).toBe(ZX_OK);
    expect(sys.zx_job_create(job, 0, box(0))).toBe(ZX_ERR_BAD_STATE);
    const n = enc('x');
    expect(sys.zx_process_create(job, n, 1, 0, box(0), box(0))).toBe(ZX_ERR_BAD_STATE);
  });
});

describe('job_set_policy', () => {
  it('NEW_* policies deny creation in processes created later, in that job only', () => {
    const { kernel, sys, proc } = boot();
    const job = jobIn(sys, proc.job);
    expect(sys.zx_job_set_policy(job, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, basic([ZX_POL_NEW_ANY, ZX_POL_ACTION_DENY], [ZX_POL_NEW_EVENT, ZX_POL_ACTION_ALLOW]), 2)).toBe(ZX_OK);
    const child = kernel.createProcess('child', { parent: proc, job });
    expect(child.syscalls.zx_event_create(0, box(0))).toBe(ZX_OK); // the later entry wins
    expect(child.syscalls.zx_channel_create(0, box(0), box(0))).toBe(ZX_ERR_ACCESS_DENIED);
    expect(child.syscalls.zx_job_create(child.job, 0, box(0))).toBe(ZX_OK); // job_create consults no policy
    expect(proc.syscalls.zx_channel_create(0, box(0), box(0))).toBe(ZX_OK);
  });

  it('the job of a process cannot change; a process keeps the policy it copied', () => {
    const { kernel, sys, proc } = boot();
    const job = jobIn(sys, proc.job);
    const child = kernel.createProcess('child', { parent: proc, job });
    const deny = basic([ZX_POL_NEW_CHANNEL, ZX_POL_ACTION_DENY]);
    expect(sys.zx_job_set_policy(job, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, deny, 1)).toBe(ZX_ERR_BAD_STATE);
    expect(child.syscalls.zx_task_kill(child.self)).toBe(ZX_OK);
    expect(sys.zx_job_set_policy(job, ZX_JOB_POL_RELATIVE, ZX_JOB_POL_BASIC, deny, 1)).toBe(ZX_OK); // childless again
  });

  it('ABSOLUTE conflicts are ALREADY_EXISTS, RELATIVE ones are skipped; KILL only denies', () => {
    const { kernel, sys, proc } = boot();
    const job = jobIn(sys, proc.job);
    const set = (mode: number, ...e: [number, number][]) => sys.zx_job_set_policy(job, mode, ZX_JOB_POL_BASIC, basic(...e), e.length);
    expect(set(ZX_JOB_POL_ABSOLUTE, [ZX_POL_BAD_HANDLE, ZX_POL_ACTION_KILL])).toBe(ZX_OK);
    expect(set(ZX_JOB_POL_ABSOLUTE, [ZX_POL_BAD_HANDLE, ZX_POL_ACTION_DENY])).toBe(ZX_ERR_ALREADY_EXISTS);
    expect(set(ZX_JOB_POL_ABSOLUTE, [ZX_POL_BAD_HANDLE, ZX_POL_ACTION_KILL])).toBe(ZX_OK);
    expect(set(ZX_JOB_POL_RELATIVE, [ZX_POL_BAD_HANDLE, ZX_POL_ACTION_ALLOW], [ZX_POL_NEW_EVENT, ZX_POL_ACTION_KILL])).toBe(ZX_OK);
    const child = kernel.createProcess('child', { parent: proc, job });
    expect(child.syscalls.zx_event_create(0, box(0))).toBe(ZX_ERR_ACCESS_DENIED);
    expect(child.syscalls.zx_handle_close(0x1234)).toBe(ZX_ERR_BAD_HANDLE); // BAD_HANDLE:KILL kills nothing
    expect(child.object.state).toBe('running');
  });

  it('errors in the kernel order: topic, mode, array, handle, children, count, entries', () => {
    const { sys, proc } = boot();
    const job = jobIn(sys, proc.job);
    const one = basic([ZX_POL_NEW_EVENT, ZX_POL_ACTION_DENY]);
    expect(sys.zx_job_set_policy(0x1234, 0, 2, one, 1)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_job_set_policy(0x1234, 2, ZX_JOB_POL_BASIC, one, 1)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_job_set_policy(0x1234, 0, ZX_JOB_POL_BASIC, one, 0)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_job_set_policy(0x1234, 0, ZX_JOB_POL_BASIC, one, 2)).toBe(ZX_ERR_INVALID_ARGS); // shorter than count
    expect(sys.zx_job_set_policy(0x1234, 0, ZX_JOB_POL_BASIC, null as never, 1)).toBe(ZX_ERR_INVALID_ARGS); // no array at all
    expect(sys.zx_job_set_policy(job, 0, ZX_JOB_POL_TIMER_SLACK, null as never, 1)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_job_set_policy(0x1234, 0, ZX_JOB_POL_BASIC, one, 1)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_job_set_policy(dup(sys, job, ZX_RIGHT_INSPECT), 0, ZX_JOB_POL_BASIC, one, 1)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_job_set_policy(mkEvent(sys), 0, ZX_JOB_POL_BASIC, one, 1)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_job_set_policy(proc.self, 0, ZX_JOB_POL_BASIC, one, 1)).toBe(ZX_ERR_ACCESS_DENIED); // processes lack SET_POLICY
    const fourteen = basic(...Array.from({ length: 14 }, (): [number, number] => [ZX_POL_NEW_EVENT, ZX_POL_ACTION_DENY]));
    expect(sys.zx_job_set_policy(job, 0, ZX_JOB_POL_BASIC, fourteen, 14)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(sys.zx_job_set_policy(job, 0, ZX_JOB_POL_BASIC, basic([100001, ZX_POL_ACTION_DENY]), 1)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_job_set_policy(job, 0, ZX_JOB_POL_BASIC, basic([ZX_POL_NEW_EVENT, 100001]), 1)).toBe(ZX_ERR_NOT_SUPPORTED);
    expect(sys.zx_job_set_policy(proc.job, 0, ZX_JOB_POL_BASIC, one, 1)).toBe(ZX_ERR_BAD_STATE);
  });

  it('a WRONG_TYPE handle: SET_POLICY on something that is not a job', () => {
    const { sys, proc } = boot();
    const job = jobIn(sys, proc.job);
    // Only jobs carry SET_POLICY by default; a job's rights on a process handle come from object_get_child.
    const [p] = processIn(sys, job);
    const viaJob = box(0);
    expect(sys.zx_object_get_child(job, koidOf(sys, p), ZX_RIGHT_SAME_RIGHTS, viaJob)).toBe(ZX_OK);
    expect(sys.zx_job_set_policy(viaJob.value, 0, ZX_JOB_POL_BASIC, basic([ZX_POL_NEW_EVENT, 1]), 1)).toBe(ZX_ERR_WRONG_TYPE);
  });

  it('timer slack: RELATIVE only, one entry, a non-negative amount that only grows, a known mode', () => {
    const { kernel, sys, proc } = boot();
    const job = jobIn(sys, proc.job);
    const slack = (min_slack: bigint, default_mode: number) => encode_zx_policy_timer_slack_t({ min_slack, default_mode });
    expect(sys.zx_job_set_policy(job, ZX_JOB_POL_ABSOLUTE, ZX_JOB_POL_TIMER_SLACK, slack(10n, 0), 1)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_job_set_policy(job, 0, ZX_JOB_POL_TIMER_SLACK, slack(10n, 0), 2)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_job_set_policy(job, 0, ZX_JOB_POL_TIMER_SLACK, slack(-10n, 0), 1)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_job_set_policy(job, 0, ZX_JOB_POL_TIMER_SLACK, slack(10n, 3), 1)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_job_set_policy(job, 0, ZX_JOB_POL_TIMER_SLACK, slack(10_000n, 2), 1)).toBe(ZX_OK);
    expect(sys.zx_job_set_policy(job, 0, ZX_JOB_POL_TIMER_SLACK, slack(5n, 1), 1)).toBe(ZX_OK);
    const child = kernel.createProcess('c', { parent: proc, job });
    expect([child.object.policy.slack, child.object.policy.slackMode]).toEqual([10_000n, 1]);
  });
});

describe('process_create', () => {
  it('makes an unstarted process and its root VMAR, named, in the job; it dies with its last handle', async () => {
    const { sys, proc } = boot();
    const job = jobIn(sys, proc.job);
    const [p, vmar] = processIn(sys, job, 'a name longer than thirty-one bytes');
    expect(handleBasic(sys, p)).toMatchObject({ type: ZX_OBJ_TYPE_PROCESS, rights: ZX_DEFAULT_PROCESS_RIGHTS, related_koid: koidOf(sys, job) });
    expect(handleBasic(sys, vmar)).toMatchObject({ type: ZX_OBJ_TYPE_VMAR, rights: ZX_ROOT_VMAR_RIGHTS, koid: koidOf(sys, p) + 1n });
    expect(sys.zx_vmar_unmap(vmar, 0n, 0n)).toBe(ZX_ERR_NOT_SUPPORTED); // mapping is not supported
    const name = new Uint8Array(32);
    expect(sys.zx_object_get_property(p, ZX_PROP_NAME, name, 32)).toBe(ZX_OK);
    expect(new TextDecoder().decode(name.subarray(0, 31))).toBe('a name longer than thirty-one b');
    expect(name[31]).toBe(0);
    expect(processInfo(sys, p)).toEqual({ return_code: 0n, started: false, exited: false });
    expect(koids(sys, job, ZX_INFO_JOB_PROCESSES).list).toEqual([koidOf(sys, p)]);
    expect(await sig(sys, job) & ZX_JOB_NO_PROCESSES).toBe(0);
    expect(sys.zx_handle_close(p)).toBe(ZX_OK); // the VMAR handle does not keep it alive
    expect(await sig(sys, job) & ZX_JOB_NO_PROCESSES).toBe(ZX_JOB_NO_PROCESSES);
    expect(koids(sys, job, ZX_INFO_JOB_PROCESSES).avail).toBe(0);
  });

  it('checks options, policy, name, then the job (MANAGE_PROCESS, else WRITE)', () => {
    const { kernel, sys, proc } = boot();
    const n = enc('x');
    const p = box(SENTINEL_H), v = box(SENTINEL_H);
    expect(sys.zx_process_create(proc.job, n, 1, 1, p, v)).toBe(ZX_ERR_INVALID_ARGS);
    const denied = kernel.createProcess('denied', { denyNew: [ZX_OBJ_TYPE_PROCESS] });
    expect(denied.syscalls.zx_process_create(0x1234, null, 0, 0, p, v)).toBe(ZX_ERR_ACCESS_DENIED); // policy first
    expect(sys.zx_process_create(0x1234, null, 0, 0, p, v)).toBe(ZX_ERR_INVALID_ARGS); // a null name, even of size 0
    expect(sys.zx_process_create(0x1234, n, 1, 0, p, v)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_process_create(dup(sys, proc.job, ZX_RIGHT_INSPECT), n, 1, 0, p, v)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_process_create(proc.self, n, 1, 0, p, v)).toBe(ZX_ERR_WRONG_TYPE);
    expect([p.value, v.value]).toEqual([SENTINEL_H, SENTINEL_H]);
    expect(sys.zx_process_create(dup(sys, proc.job, ZX_RIGHT_WRITE), n, 1, 0, p, v)).toBe(ZX_OK);
  });

  it('the job policy of the calling process, ZX_POL_NEW_PROCESS, is the one consulted', () => {
    const { kernel, sys, proc } = boot();
    const job = jobIn(sys, proc.job);
    expect(sys.zx_job_set_policy(job, 0, ZX_JOB_POL_BASIC, basic([ZX_POL_NEW_PROCESS, ZX_POL_ACTION_DENY]), 1)).toBe(ZX_OK);
    const inner = kernel.createProcess('inner', { parent: proc, job });
    const n = enc('x');
    expect(inner.syscalls.zx_process_create(inner.job, n, 1, 0, box(0), box(0))).toBe(ZX_ERR_ACCESS_DENIED);
    processIn(sys, job); // the caller's own policy allows it, whatever the target job's is
  });
});

/** A handle with DESTROY and ENUMERATE to an object that is not a task, not a job. */
const gadget = (kernel: Kernel, proc: ReturnType<Kernel['createProcess']>) => otherObject(kernel, proc, ZX_RIGHT_DESTROY | ZX_RIGHT_ENUMERATE);

describe('task_kill', () => {
  it('a killed process: handles closed, peers see PEER_CLOSED, waits CANCELED, TERMINATED, return code -1', async () => {
    const { kernel, sys, proc } = boot();
    const base = kernel.stats();
    const victim = kernel.createProcess('victim');
    const peer = kernel.createProcess('peer');
    const [a, b] = mkChannel(victim.syscalls);
    const far = victim.transferHandle(b, peer);
    const ev = mkEvent(victim.syscalls);
    const wait = victim.syscalls.zx_object_wait_one(ev, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, null);
    const vh = box(0);
    expect(sys.zx_object_get_child(proc.job, BigInt(victim.koid), ZX_RIGHT_SAME_RIGHTS, vh)).toBe(ZX_OK);
    expect(await sig(sys, vh.value)).toBe(0);
    expect(sys.zx_task_kill(vh.value)).toBe(ZX_OK);
    expect(await wait).toBe(ZX_ERR_CANCELED);
    expect(await sig(peer.syscalls, far) & ZX_CHANNEL_PEER_CLOSED).toBe(ZX_CHANNEL_PEER_CLOSED);
    expect(await sig(sys, vh.value)).toBe(ZX_PROCESS_TERMINATED);
    expect(processInfo(sys, vh.value)).toEqual({ return_code: -1n, started: true, exited: true });
    expect(victim.table.count).toBe(0);
    expect(victim.syscalls.zx_handle_close(a)).toBe(ZX_ERR_BAD_HANDLE);
    expect(await victim.exited).toBe(-1);
    expect(sys.zx_task_kill(vh.value)).toBe(ZX_OK); // killing the dead again is fine
    expect(koids(sys, proc.job, ZX_INFO_JOB_PROCESSES).list).not.toContain(BigInt(victim.koid));
    expect(peer.syscalls.zx_handle_close(far)).toBe(ZX_OK);
    expect(sys.zx_handle_close(vh.value)).toBe(ZX_OK);
    // The victim's process object is gone; the peer and its startup handles remain.
    expect(kernel.stats()).toEqual({ ...base, objects: base.objects + 1, handles: base.handles + 2 });
  });

  it('killing a job kills its subtree, children first; the job then shows NO_PROCESSES (J5, J8)', async () => {
    const { kernel, sys, proc } = boot();
    const job = jobIn(sys, proc.job);
    const inner = jobIn(sys, job);
    const p1 = kernel.createProcess('p1', { parent: proc, job });
    const p2 = kernel.createProcess('p2', { parent: proc, job: inner });
    expect(await sig(sys, job)).toBe(0);
    expect(sys.zx_task_kill(job)).toBe(ZX_OK);
    expect([p1.object.state, p2.object.state]).toEqual(['dead', 'dead']);
    expect(await sig(sys, job) & ZX_JOB_NO_PROCESSES).toBe(ZX_JOB_NO_PROCESSES);
    expect(await sig(sys, inner)).toBe(ZX_JOB_NO_PROCESSES | ZX_JOB_NO_JOBS);
    expect(sys.zx_handle_close(inner)).toBe(ZX_OK); // the child job now goes, and the parent gets NO_JOBS
    expect(await sig(sys, job)).toBe(ZX_JOB_NO_PROCESSES | ZX_JOB_NO_JOBS);
  });

  it('a process that exits records its code; one that kills itself is dead on return', async () => {
    const { kernel } = boot();
    const p = kernel.createProcess('exits');
    // Not a bigint: INVALID_ARGS, which test mode reports by throwing, and the process goes on.
    expect(() => p.syscalls.zx_process_exit(bad(7))).toThrow(/ZX_ERR_INVALID_ARGS/);
    expect(p.object.state).toBe('running');
    p.syscalls.zx_process_exit(42n);
    expect(await p.exited).toBe(42);
    expect(p.syscalls.zx_event_create(0, box(0))).toBe(ZX_OK); // a dead process's new handles close at once
    expect(p.table.count).toBe(0);
    const q = kernel.createProcess('suicide');
    expect(q.syscalls.zx_task_kill(q.self)).toBe(ZX_OK);
    expect(q.object.state).toBe('dead');
  });

  it('errors: BAD_HANDLE, ACCESS_DENIED without DESTROY, WRONG_TYPE for other objects', () => {
    const { kernel, sys, proc } = boot();
    expect(sys.zx_task_kill(0x1234)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_task_kill(dup(sys, proc.job, ZX_RIGHT_INSPECT))).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_task_kill(gadget(kernel, proc))).toBe(ZX_ERR_WRONG_TYPE);
  });
});

describe('object_get_child', () => {
  it('finds child jobs and processes by koid, not grandchildren; rights come from the parent handle (I2)', () => {
    const { sys, proc } = boot();
    const job = jobIn(sys, proc.job);
    const inner = jobIn(sys, job);
    const [p] = processIn(sys, job);
    const [grandchild] = processIn(sys, inner);
    const out = box(SENTINEL_H);
    expect(sys.zx_object_get_child(job, koidOf(sys, inner), ZX_RIGHT_SAME_RIGHTS, out)).toBe(ZX_OK);
    expect(handleBasic(sys, out.value).koid).toBe(koidOf(sys, inner));
    expect(sys.zx_object_get_child(job, koidOf(sys, p), ZX_RIGHT_INSPECT, out)).toBe(ZX_OK);
    expect(handleBasic(sys, out.value)).toMatchObject({ type: ZX_OBJ_TYPE_PROCESS, rights: ZX_RIGHT_INSPECT });
    expect(sys.zx_object_get_child(job, koidOf(sys, p), ZX_RIGHT_SAME_RIGHTS, out)).toBe(ZX_OK);
    expect(handleBasic(sys, out.value).rights).toBe(ZX_DEFAULT_JOB_RIGHTS);
    const missing = box(SENTINEL_H);
    expect(sys.zx_object_get_child(job, koidOf(sys, grandchild), ZX_RIGHT_SAME_RIGHTS, missing)).toBe(ZX_ERR_NOT_FOUND);
    expect(sys.zx_object_get_child(p, 1n, ZX_RIGHT_SAME_RIGHTS, missing)).toBe(ZX_ERR_NOT_FOUND); // no threads
    expect(missing.value).toBe(SENTINEL_H);
  });

  it('errors: BAD_HANDLE, ACCESS_DENIED (ENUMERATE, then rights), WRONG_TYPE, INVALID_ARGS', () => {
    const { kernel, sys, proc } = boot();
    const out = box(SENTINEL_H);
    expect(sys.zx_object_get_child(0, 1n, ZX_RIGHT_SAME_RIGHTS, out)).toBe(ZX_ERR_BAD_HANDLE); // C1
    expect(sys.zx_object_get_child(dup(sys, proc.job, ZX_RIGHT_INSPECT), 1n, ZX_RIGHT_SAME_RIGHTS, out)).toBe(ZX_ERR_ACCESS_DENIED);
    const enumOnly = dup(sys, proc.job, ZX_RIGHT_ENUMERATE);
    expect(sys.zx_object_get_child(enumOnly, BigInt(proc.koid), ZX_RIGHT_INSPECT, out)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_object_get_child(gadget(kernel, proc), 1n, ZX_RIGHT_SAME_RIGHTS, out)).toBe(ZX_ERR_WRONG_TYPE);
    expect(out.value).toBe(SENTINEL_H);
    expect(sys.zx_object_get_child(proc.job, BigInt(proc.koid), ZX_RIGHT_SAME_RIGHTS, bad(null))).toBe(ZX_ERR_INVALID_ARGS);
  });
});

describe('handle arena exhausted', () => {
  it('NO_MEMORY from job_create, process_create and object_get_child', () => {
    const { sys, proc } = boot();
    const ev = mkEvent(sys);
    const out = box(0);
    while (sys.zx_handle_duplicate(ev, ZX_RIGHT_SAME_RIGHTS, out) === ZX_OK);
    const n = enc('x');
    expect(sys.zx_job_create(proc.job, 0, out)).toBe(ZX_ERR_NO_MEMORY);
    expect(sys.zx_process_create(proc.job, n, 1, 0, box(0), box(0))).toBe(ZX_ERR_NO_MEMORY);
    expect(sys.zx_object_get_child(proc.job, BigInt(proc.koid), ZX_RIGHT_SAME_RIGHTS, out)).toBe(ZX_ERR_NO_MEMORY);
  });
});

describe('cookies (K1, K2)', () => {
  it('set and get under one scope; another scope is ACCESS_DENIED; only events, eventpairs and VMOs hold one', () => {
    const { sys, proc } = boot();
    const e = mkEvent(sys), scope1 = mkEvent(sys), scope2 = mkEvent(sys);
    const got = box(0n);
    expect(sys.zx_object_get_cookie(e, scope1, got)).toBe(ZX_ERR_ACCESS_DENIED); // never set
    expect(sys.zx_object_set_cookie(e, scope1, 0x1122334455667788n)).toBe(ZX_OK);
    expect(sys.zx_object_get_cookie(e, dup(sys, scope1), got)).toBe(ZX_OK); // any handle to the scope
    expect(got.value).toBe(0x1122334455667788n);
    expect(sys.zx_object_set_cookie(e, scope2, 1n)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_object_get_cookie(e, scope2, got)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_object_set_cookie(e, scope1, 5n)).toBe(ZX_OK);
    expect(sys.zx_object_set_cookie(proc.self, scope1, 5n)).toBe(ZX_ERR_NOT_SUPPORTED);
    expect(sys.zx_object_get_cookie(proc.self, scope1, got)).toBe(ZX_ERR_NOT_SUPPORTED);
    expect(sys.zx_object_set_cookie(0, scope1, 5n)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_object_get_cookie(e, 0, got)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_object_set_cookie(e, scope1, bad(5))).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_get_cookie(e, scope1, bad(null))).toBe(ZX_ERR_INVALID_ARGS);
  });

  it('an event pair cookie is unreachable once the peer is gone', () => {
    const { sys } = boot();
    const [a, b] = mkEventpair(sys);
    const scope = mkEvent(sys);
    expect(sys.zx_object_set_cookie(a, scope, 9n)).toBe(ZX_OK);
    expect(sys.zx_handle_close(b)).toBe(ZX_OK);
    expect(sys.zx_object_get_cookie(a, scope, box(0n))).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_object_set_cookie(a, scope, 9n)).toBe(ZX_ERR_ACCESS_DENIED);
  });
});

describe('ZX_INFO_PROCESS, job koid lists and ZX_PROP_NAME', () => {
  it('koid lists follow the multi-record rule: as many as fit, all counted, OK', () => {
    const { sys, proc } = boot();
    const job = jobIn(sys, proc.job);
    const ps = [processIn(sys, job)[0], processIn(sys, job)[0], processIn(sys, job)[0]];
    const all = koids(sys, job, ZX_INFO_JOB_PROCESSES);
    expect(all).toEqual({ list: ps.map((p) => koidOf(sys, p)), actual: 3, avail: 3 });
    expect(koids(sys, job, ZX_INFO_JOB_PROCESSES, 1)).toMatchObject({ actual: 1, avail: 3 });
    const actual = box(-1), avail = box(-1);
    expect(sys.zx_object_get_info(job, ZX_INFO_JOB_CHILDREN, null, 0, actual, avail)).toBe(ZX_OK);
    expect([actual.value, avail.value]).toEqual([0, 0]);
    expect(sys.zx_object_get_info(proc.self, ZX_INFO_PROCESS, new Uint8Array(8), 8, null, null)).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect(sys.zx_object_get_info(proc.job, ZX_INFO_PROCESS, new Uint8Array(16), 16, null, null)).toBe(ZX_ERR_WRONG_TYPE);
    expect(processInfo(sys, proc.self)).toEqual({ return_code: 0n, started: true, exited: false });
  });

  it('names of jobs and processes: set cuts at NUL and 31 bytes, get returns 32 bytes', () => {
    const { kernel, sys, proc } = boot();
    const name = new Uint8Array(32);
    expect(sys.zx_object_get_property(proc.self, ZX_PROP_NAME, name, 32)).toBe(ZX_OK);
    expect(new TextDecoder().decode(name.subarray(0, 5))).toBe('tasks');
    expect(sys.zx_object_get_property(proc.job, ZX_PROP_NAME, name, 32)).toBe(ZX_OK);
    expect(new TextDecoder().decode(name.subarray(0, 11))).toBe('<superroot>');
    const job = jobIn(sys, proc.job);
    expect(sys.zx_object_set_property(job, ZX_PROP_NAME, enc('jobby\0tail'), 10)).toBe(ZX_OK);
    expect(sys.zx_object_get_property(job, ZX_PROP_NAME, name, 32)).toBe(ZX_OK);
    expect([...name]).toEqual([...enc('jobby'), ...new Uint8Array(27)]);
    expect(sys.zx_object_set_property(proc.self, ZX_PROP_NAME, enc('renamed'), 7)).toBe(ZX_OK);
    expect(proc.name).toBe('renamed');
    expect(sys.zx_object_set_property(proc.self, ZX_PROP_NAME, new Uint8Array(0), 0)).toBe(ZX_OK);
    expect(proc.name).toBe('');
    void kernel;
  });
});
