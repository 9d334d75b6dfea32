// What happens to a process's blocked calls when it dies (task_kill on it, its job killed, or
// process_exit). Waits through its handles end with CANCELED because the death closes the
// handles (spec §2.2). port_wait and nanosleep hold no handle that would end them, so the death
// ends them itself, with CANCELED, and withdraws them: a port waiter of the dead never takes a
// packet from a live process, and no timer stays behind. Every test ends with the kernel's counts
// back where they were and nothing parked.
import { describe, expect, it } from 'vitest';
import {
  Kernel, ZX_CHANNEL_READABLE, ZX_CLOCK_MONOTONIC, ZX_ERR_CANCELED, ZX_ERR_TIMED_OUT, ZX_EVENT_SIGNALED, ZX_FIFO_READABLE,
  ZX_OK, ZX_RIGHT_SAME_RIGHTS, ZX_TIME_INFINITE, ZX_TIMER_SIGNALED,
} from '../../index.js';
import { box, dup, MS, mkChannel, mkEvent, mkPort, track, userPacket, type Proc, type Sys } from '../conformance/helpers.js';
import { since } from '../kernel-stats.js';
import { tick } from '../macrotask.js';

type Death = 'task_kill' | 'job kill' | 'process_exit';
const DEATHS: Death[] = ['task_kill', 'job kill', 'process_exit'];

/** A virtual-clock kernel with a long-lived process `host` and a `victim` in a job of its own. */
function setup() {
  const kernel = new Kernel({ clock: 'virtual', testMode: true });
  const host = kernel.createProcess('host');
  const job = box(0);
  expect(host.syscalls.zx_job_create(host.job, 0, job)).toBe(ZX_OK);
  const victim = kernel.createProcess('victim', { parent: host, job: job.value });
  const base = kernel.stats();
  const killer = box(0);
  expect(host.syscalls.zx_object_get_child(job.value, BigInt(victim.koid), ZX_RIGHT_SAME_RIGHTS, killer)).toBe(ZX_OK);
  /** Ends the victim as `how` says. */
  const die = (how: Death): void => {
    if (how === 'task_kill') expect(host.syscalls.zx_task_kill(killer.value)).toBe(ZX_OK);
    else if (how === 'job kill') expect(host.syscalls.zx_task_kill(job.value)).toBe(ZX_OK);
    else victim.syscalls.zx_process_exit(3n);
  };
  /** After the death: nothing parked, and the counts are the base minus the victim and its startup handles. */
  const clean = (): void => {
    expect(victim.parked.size).toBe(0);
    expect(host.syscalls.zx_handle_close(killer.value)).toBe(ZX_OK);
    expect(since(kernel, base)).toEqual({ objects: -1, handles: -2, userPackets: 0 });
  };
  return { kernel, host, victim, sys: victim.syscalls, die, clean };
}

/** A handle in `to`'s table to the object of `h` in `from`'s. */
function share(from: Proc, h: number, to: Proc): number {
  return from.transferHandle(dup(from.syscalls, h), to);
}

describe.each(DEATHS)('a process that dies (%s) while blocked', (how) => {
  it('port_wait on its own port (the death closes the last handle) ends with CANCELED', async () => {
    const t = setup();
    const port = mkPort(t.sys);
    const w = track(t.sys.zx_port_wait(port, ZX_TIME_INFINITE, userPacket(0n)));
    await tick();
    expect(w.done()).toBe(false);
    t.die(how);
    expect(await w.promise).toBe(ZX_ERR_CANCELED);
    t.clean();
  });

  it('port_wait on a port another process keeps: CANCELED, and the next packet goes to the living', async () => {
    const t = setup();
    const port = mkPort(t.sys);
    const hostPort = share(t.victim, port, t.host);
    const dead = track(t.sys.zx_port_wait(port, t.kernel.now() + 10n * MS, userPacket(0n)));
    const live = t.host.syscalls.zx_port_wait(hostPort, ZX_TIME_INFINITE, userPacket(0n)); // queued behind the victim's
    await tick();
    t.die(how);
    expect(await dead.promise).toBe(ZX_ERR_CANCELED);
    const got = userPacket(0n);
    expect(t.host.syscalls.zx_port_queue(hostPort, userPacket(42n))).toBe(ZX_OK);
    expect(await live).toBe(ZX_OK);
    expect(t.host.syscalls.zx_port_queue(hostPort, userPacket(43n))).toBe(ZX_OK);
    expect(await t.host.syscalls.zx_port_wait(hostPort, 0n, got)).toBe(ZX_OK);
    expect(got.key).toBe(43n);
    t.kernel.advanceTime(20n * MS); // the dead waiter's deadline: nothing left to fire
    expect(t.host.syscalls.zx_handle_close(hostPort)).toBe(ZX_OK);
    t.clean();
  });

  it('nanosleep, finite or infinite, ends with CANCELED; a dead process cannot sleep', async () => {
    const t = setup();
    const finite = track(t.sys.zx_nanosleep(t.kernel.now() + 5n * MS));
    const forever = track(t.sys.zx_nanosleep(ZX_TIME_INFINITE));
    await tick();
    expect([finite.done(), forever.done()]).toEqual([false, false]);
    t.die(how);
    expect(await finite.promise).toBe(ZX_ERR_CANCELED);
    expect(await forever.promise).toBe(ZX_ERR_CANCELED);
    expect(await t.sys.zx_nanosleep(t.kernel.now() + MS)).toBe(ZX_ERR_CANCELED);
    t.clean();
  });

  it('wait_one, wait_many and channel_call end with CANCELED (their handles close)', async () => {
    const t = setup();
    const ev = mkEvent(t.sys);
    const fifo = box(0), fifoPeer = box(0);
    expect(t.sys.zx_fifo_create(4, 8, 0, fifo, fifoPeer)).toBe(ZX_OK);
    const timer = box(0);
    expect(t.sys.zx_timer_create(0, ZX_CLOCK_MONOTONIC, timer)).toBe(ZX_OK);
    const [mine, theirs] = mkChannel(t.sys);
    const server = t.victim.transferHandle(theirs, t.host);
    const calls = [
      t.sys.zx_object_wait_one(ev, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, null),
      t.sys.zx_object_wait_one(fifo.value, ZX_FIFO_READABLE, ZX_TIME_INFINITE, null),
      t.sys.zx_object_wait_one(timer.value, ZX_TIMER_SIGNALED, ZX_TIME_INFINITE, null),
      t.sys.zx_object_wait_many([{ handle: ev, waitfor: ZX_EVENT_SIGNALED, pending: 0 }, { handle: fifo.value, waitfor: ZX_FIFO_READABLE, pending: 0 }], 2, ZX_TIME_INFINITE),
      t.sys.zx_channel_call(mine, 0, ZX_TIME_INFINITE, {
        wr_bytes: new Uint8Array(8), wr_handles: null, rd_bytes: new Uint8Array(8), rd_handles: null,
        wr_num_bytes: 8, wr_num_handles: 0, rd_num_bytes: 8, rd_num_handles: 0,
      }, box(0), box(0)),
    ].map(track);
    await tick();
    expect(calls.map((c) => c.done())).toEqual([false, false, false, false, false]);
    t.die(how);
    expect(await Promise.all(calls.map((c) => c.promise))).toEqual(Array(5).fill(ZX_ERR_CANCELED));
    // The server's end saw the request, then the caller go.
    expect(await t.host.syscalls.zx_object_wait_one(server, ZX_CHANNEL_READABLE, 0n, null)).toBe(ZX_OK);
    expect(t.host.syscalls.zx_handle_close(server)).toBe(ZX_OK);
    t.clean();
  });
});

describe('closing a port without a death', () => {
  it("does not end a port_wait: it lasts until its deadline (Zircon's waiter holds the port)", async () => {
    const kernel = new Kernel({ clock: 'virtual', testMode: true });
    const p = kernel.createProcess('p');
    const base = kernel.stats();
    const port = mkPort(p.syscalls);
    const w = track(p.syscalls.zx_port_wait(port, kernel.now() + MS, userPacket(0n)));
    expect(p.syscalls.zx_handle_close(port)).toBe(ZX_OK);
    await tick();
    expect(w.done()).toBe(false);
    kernel.advanceTime(MS);
    expect(await w.promise).toBe(ZX_ERR_TIMED_OUT);
    expect(p.parked.size).toBe(0);
    expect(since(kernel, base)).toEqual({ objects: 0, handles: 0, userPackets: 0 });
  });

  it('a living process is not disturbed: its sleep still ends with OK at the deadline', async () => {
    const kernel = new Kernel({ clock: 'virtual', testMode: true });
    const p = kernel.createProcess('p');
    const s: Sys = p.syscalls;
    const sleep = track(s.zx_nanosleep(kernel.now() + MS));
    kernel.advanceTime(MS);
    expect(await sleep.promise).toBe(ZX_OK);
    expect(p.parked.size).toBe(0);
  });
});
