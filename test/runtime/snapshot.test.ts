// kernel.snapshot() and kernel.onSyscall(): the inspector's read-only view. Plain data, a fixed
// shape, what the kernel really holds (tables, queues, handles in transit), and syscall events
// that wrap nothing until someone listens.
import { describe, expect, it } from 'vitest';
import {
  Kernel,
  ZX_ERR_ACCESS_DENIED,
  ZX_ERR_BAD_HANDLE,
  ZX_OBJ_TYPE_CHANNEL,
  ZX_OBJ_TYPE_EVENT,
  ZX_OBJ_TYPE_SOCKET,
  ZX_OBJ_TYPE_PROCESS,
  ZX_OK,
  ZX_PROCESS_TERMINATED,
  ZX_RIGHT_SAME_RIGHTS,
  ZX_RIGHT_TRANSFER,
  ZX_RIGHT_WAIT,
  ZX_SOCKET_ACCEPT,
  ZX_SOCKET_HAS_ACCEPT,
  ZX_SOCKET_READABLE,
  ZX_TIME_INFINITE,
  ZX_USER_SIGNAL_0,
} from '../../index.js';
import type { KernelSnapshot, SyscallEvent } from '../../runtime/index.js';

const box = () => ({ value: 0 });

/** The seed page's story: `a` shares one end of a plain socket over a HAS_ACCEPT pair; `b` holds the other end. */
function shareStory() {
  const kernel = new Kernel();
  const a = kernel.createProcess('first');
  const b = kernel.createProcess('second');
  const c0 = box(), c1 = box(), s0 = box(), s1 = box();
  expect(a.syscalls.zx_socket_create(ZX_SOCKET_HAS_ACCEPT, c0, c1)).toBe(ZX_OK);
  expect(a.syscalls.zx_socket_create(0, s0, s1)).toBe(ZX_OK);
  const listen = a.transferHandle(c1.value, b);
  return { kernel, a, b, c0: c0.value, listen, shared: s0.value, kept: s1.value };
}

const koidsOf = (snap: KernelSnapshot, name: string) => snap.processes.find((p) => p.name === name)!.handles.map((h) => h.koid);

describe('kernel.snapshot()', () => {
  it('shows the shared socket leaving the first process, in the share queue, then in the second after accept', () => {
    const { kernel, a, b, c0, listen, shared } = shareStory();
    const before = kernel.snapshot();
    const sharedKoid = before.processes[0]!.handles.find((h) => h.value === shared)!.koid;
    expect(koidsOf(before, 'first')).toContain(sharedKoid);
    expect(before.inTransit).toEqual([]);

    expect(a.syscalls.zx_socket_share(c0, shared)).toBe(ZX_OK);
    const queued = kernel.snapshot();
    const listenKoid = queued.processes[1]!.handles.find((h) => h.value === listen)!.koid;
    expect(koidsOf(queued, 'first')).not.toContain(sharedKoid);
    expect(koidsOf(queued, 'second')).not.toContain(sharedKoid);
    expect(queued.inTransit).toEqual([{ koid: sharedKoid, type: ZX_OBJ_TYPE_SOCKET, rights: before.processes[0]!.handles.find((h) => h.value === shared)!.rights, holder: listenKoid, via: 'socket share queue' }]);
    expect(queued.objects.find((o) => o.koid === listenKoid)!.signals & ZX_SOCKET_ACCEPT).toBe(ZX_SOCKET_ACCEPT);

    const got = box();
    expect(b.syscalls.zx_socket_accept(listen, got)).toBe(ZX_OK);
    const after = kernel.snapshot();
    expect(after.inTransit).toEqual([]);
    expect(after.processes[1]!.handles).toContainEqual(expect.objectContaining({ value: got.value, koid: sharedKoid, type: ZX_OBJ_TYPE_SOCKET }));
  });

  it('is plain data with the documented shape, and does not change when the kernel does', () => {
    const { kernel, a, c0, shared } = shareStory();
    a.syscalls.zx_socket_share(c0, shared);
    const snap = kernel.snapshot();
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(structuredClone(snap)).toEqual(snap);
    expect(Object.keys(snap).sort()).toEqual(['inTransit', 'objects', 'processes']);
    expect(Object.keys(snap.processes[0]!).sort()).toEqual(['handles', 'koid', 'name']);
    expect(Object.keys(snap.processes[0]!.handles[0]!).sort()).toEqual(['koid', 'rights', 'type', 'value']);
    expect(Object.keys(snap.objects[0]!).sort()).toEqual(['handleCount', 'koid', 'peer', 'queued', 'signals', 'type']);
    expect(Object.keys(snap.inTransit[0]!).sort()).toEqual(['holder', 'koid', 'rights', 'type', 'via']);
    const copy = structuredClone(snap);
    a.syscalls.zx_handle_close(c0);
    expect(snap).toEqual(copy);
  });

  it('shows queues, peers and signals, and channel messages with the handles they carry', () => {
    const kernel = new Kernel();
    const p = kernel.createProcess('p');
    const sys = p.syscalls;
    const ch0 = box(), ch1 = box(), ev = box(), s0 = box(), s1 = box(), port = box(), n = box();
    sys.zx_channel_create(0, ch0, ch1);
    sys.zx_event_create(0, ev);
    sys.zx_socket_create(0, s0, s1);
    sys.zx_port_create(0, port);
    sys.zx_socket_write(s0.value, 0, new Uint8Array(5), 5, n);
    expect(sys.zx_channel_write(ch0.value, 0, new Uint8Array(3), 3, [], 0)).toBe(ZX_OK);
    expect(sys.zx_channel_write(ch0.value, 0, new Uint8Array(2), 2, [ev.value], 1)).toBe(ZX_OK);
    expect(sys.zx_port_queue(port.value, { key: 1n, type: 0, status: 0, payload: new Uint8Array(32) })).toBe(ZX_OK);
    const snap = kernel.snapshot();
    const koid = (v: number) => snap.processes[0]!.handles.find((h) => h.value === v)?.koid;
    const obj = (k: number | undefined) => snap.objects.find((o) => o.koid === k)!;
    const ch1Koid = koid(ch1.value)!;
    expect(koid(ev.value)).toBeUndefined(); // it travels in the second message
    expect(obj(ch1Koid)).toMatchObject({ type: ZX_OBJ_TYPE_CHANNEL, peer: koid(ch0.value), queued: { messages: 2, bytes: 5 } });
    expect(snap.inTransit).toEqual([expect.objectContaining({ type: ZX_OBJ_TYPE_EVENT, holder: ch1Koid, via: 'channel message', message: 1 })]);
    expect(obj(snap.inTransit[0]!.koid)).toMatchObject({ type: ZX_OBJ_TYPE_EVENT, handleCount: 1, peer: null });
    expect(obj(koid(s1.value))).toMatchObject({ queued: { bytes: 5 }, peer: koid(s0.value) });
    expect(obj(koid(s1.value)).signals & ZX_SOCKET_READABLE).toBe(ZX_SOCKET_READABLE);
    expect(obj(koid(port.value)).queued).toEqual({ packets: 1 });
    expect(obj(koid(s0.value)).queued).toEqual({ bytes: 0 });
  });

  it('shows the rights handle_replace leaves, and forgets closed handles', () => {
    const kernel = new Kernel();
    const proc = kernel.createProcess('p');
    const sys = proc.syscalls;
    const ev = box(), weaker = box();
    sys.zx_event_create(0, ev);
    expect(sys.zx_handle_replace(ev.value, ZX_RIGHT_WAIT | ZX_RIGHT_TRANSFER, weaker)).toBe(ZX_OK);
    // Beside its two startup handles (process.self and process.job), only the replacement.
    const startup = (h: { value: number }) => h.value === proc.self || h.value === proc.job;
    const own = () => kernel.snapshot().processes[0]!.handles.filter((h) => !startup(h));
    expect(own()).toEqual([expect.objectContaining({ value: weaker.value, rights: ZX_RIGHT_WAIT | ZX_RIGHT_TRANSFER })]);
    expect(kernel.snapshot().processes[0]!.handles.filter(startup)).toHaveLength(2);
    sys.zx_handle_close(weaker.value);
    expect(own()).toEqual([]);
    const snap = kernel.snapshot();
    expect(snap.objects.map((o) => o.koid).sort()).toEqual([proc.koid, kernel.rootJob.koid].sort());
    expect(snap.inTransit).toEqual([]);
  });
});

describe('kernel.snapshot() and dead processes', () => {
  const names = (k: Kernel) => k.snapshot().processes.map((p) => p.name);

  it('drops a process when it dies, however it dies, so creating and killing without end stays bounded', () => {
    const kernel = new Kernel();
    const keeper = kernel.createProcess('keeper');
    const baseline = kernel.stats();
    for (let i = 0; i < 2000; i++) {
      const p = kernel.createProcess(`p${i}`);
      const ev = box();
      p.syscalls.zx_event_create(0, ev);
      if (i % 2 === 0) expect(p.syscalls.zx_task_kill(p.self)).toBe(ZX_OK);
      else expect(p.syscalls.zx_process_exit(BigInt(i))).toBeUndefined();
      expect(kernel.snapshot().processes).toHaveLength(1);
    }
    expect(names(kernel)).toEqual(['keeper']);
    expect(kernel.stats()).toEqual(baseline);
    expect(kernel.snapshot().processes[0]!.handles.map((h) => h.value).sort()).toEqual([keeper.self, keeper.job].sort());
  });

  it('drops the processes of a killed job, and an unstarted process whose last handle closes', () => {
    const kernel = new Kernel();
    const host = kernel.createProcess('host');
    const job = box(), proc = box(), vmar = box();
    expect(host.syscalls.zx_job_create(host.job, 0, job)).toBe(ZX_OK);
    kernel.createProcess('a', { parent: host, job: job.value });
    kernel.createProcess('b', { parent: host, job: job.value });
    expect(host.syscalls.zx_process_create(host.job, new TextEncoder().encode('unstarted'), 9, 0, proc, vmar)).toBe(ZX_OK);
    expect(names(kernel)).toEqual(['host', 'a', 'b', 'unstarted']);
    expect(host.syscalls.zx_task_kill(job.value)).toBe(ZX_OK);
    expect(names(kernel)).toEqual(['host', 'unstarted']);
    expect(host.syscalls.zx_handle_close(vmar.value)).toBe(ZX_OK);
    expect(host.syscalls.zx_handle_close(proc.value)).toBe(ZX_OK);
    expect(names(kernel)).toEqual(['host']);
  });

  it('keeps a dead process\'s object among the objects, TERMINATED, while a handle refers to it', () => {
    const kernel = new Kernel();
    const parent = kernel.createProcess('parent');
    const child = kernel.createProcess('child');
    const mine = box();
    expect(child.syscalls.zx_handle_duplicate(child.self, ZX_RIGHT_SAME_RIGHTS, mine)).toBe(ZX_OK);
    const held = child.transferHandle(mine.value, parent);
    expect(parent.syscalls.zx_task_kill(held)).toBe(ZX_OK);
    const snap = kernel.snapshot();
    expect(snap.processes.map((p) => p.name)).toEqual(['parent']);
    expect(snap.objects.find((o) => o.koid === child.koid)).toMatchObject({ type: ZX_OBJ_TYPE_PROCESS, signals: ZX_PROCESS_TERMINATED, handleCount: 1 });
    expect(parent.syscalls.zx_handle_close(held)).toBe(ZX_OK);
    expect(kernel.snapshot().objects.map((o) => o.koid)).not.toContain(child.koid);
  });

  it('lets go of a dead process while listening: its own functions are back, the call that killed it still reported', () => {
    const kernel = new Kernel();
    const p = kernel.createProcess('doomed');
    const original = p.syscalls.zx_handle_close;
    const events: SyscallEvent[] = [];
    const off = kernel.onSyscall((e) => events.push(e));
    expect(p.syscalls.zx_handle_close).not.toBe(original);
    expect(p.syscalls.zx_task_kill(p.self)).toBe(ZX_OK);
    expect(p.syscalls.zx_handle_close).toBe(original);
    expect(events.map((e) => [e.process.name, e.syscall, e.statusName])).toEqual([['doomed', 'zx_task_kill', 'ZX_OK']]);
    expect(p.syscalls.zx_handle_close(p.self)).toBe(ZX_ERR_BAD_HANDLE);
    expect(events).toHaveLength(1);
    off();
  });
});

describe('kernel.onSyscall()', () => {
  it('wraps nothing until a listener subscribes, and puts the very same functions back after', () => {
    const kernel = new Kernel();
    const sys = kernel.createProcess('p').syscalls;
    const original = sys.zx_handle_close;
    const off = kernel.onSyscall(() => {});
    expect(sys.zx_handle_close).not.toBe(original);
    off();
    expect(sys.zx_handle_close).toBe(original);
  });

  it('reports name, argument summaries and status, out-parameters as written, failures by name', () => {
    const { kernel, a, b, c0, listen, shared } = shareStory();
    const events: SyscallEvent[] = [];
    const off = kernel.onSyscall((e) => events.push(e));
    const sys = a.syscalls; // taken before: reports too
    expect(sys.zx_socket_share(c0, shared)).toBe(ZX_OK);
    const got = box();
    expect(b.syscalls.zx_socket_accept(listen, got)).toBe(ZX_OK);
    expect(b.syscalls.zx_handle_close(0x7ffffff1)).toBe(ZX_ERR_BAD_HANDLE);
    off();
    sys.zx_handle_close(c0);
    expect(events.map((e) => [e.process.name, e.syscall, e.phase, e.statusName])).toEqual([
      ['first', 'zx_socket_share', 'returned', 'ZX_OK'],
      ['second', 'zx_socket_accept', 'returned', 'ZX_OK'],
      ['second', 'zx_handle_close', 'returned', 'ZX_ERR_BAD_HANDLE'],
    ]);
    expect(events[0]!.args).toEqual([`0x${c0.toString(16)}`, `0x${shared.toString(16)}`]);
    expect(events[1]!.args).toEqual([`0x${listen.toString(16)}`, `&0x${got.value.toString(16)}`]);
    expect(events[2]!.status).toBe(ZX_ERR_BAD_HANDLE);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(JSON.parse(JSON.stringify(events))).toEqual(events);
  });

  it('reports a blocking call twice, blocked then returned, and processes created while listening', async () => {
    const kernel = new Kernel();
    const events: SyscallEvent[] = [];
    kernel.onSyscall((e) => events.push(e));
    const sys = kernel.createProcess('late').syscalls;
    const ev = box(), seen = box();
    sys.zx_event_create(0, ev);
    const waiting = sys.zx_object_wait_one(ev.value, ZX_USER_SIGNAL_0, ZX_TIME_INFINITE, seen);
    sys.zx_object_signal(ev.value, 0, ZX_USER_SIGNAL_0);
    expect(await waiting).toBe(ZX_OK);
    const waits = events.filter((e) => e.syscall === 'zx_object_wait_one');
    expect(waits.map((e) => [e.phase, e.status])).toEqual([['blocked', null], ['returned', ZX_OK]]);
    expect(waits[0]!.call).toBe(waits[1]!.call);
    expect(waits[0]!.args[2]).toBe('ZX_TIME_INFINITE');
    expect(events.map((e) => e.syscall)).toEqual(['zx_event_create', 'zx_object_wait_one', 'zx_object_signal', 'zx_object_wait_one']);
  });

  it('keeps the status when a listener throws', () => {
    const kernel = new Kernel({ testMode: true });
    const sys = kernel.createProcess('p', { denyNew: [ZX_OBJ_TYPE_EVENT] }).syscalls;
    kernel.onSyscall(() => {
      throw new Error('listener bug');
    });
    const ev = box();
    expect(sys.zx_event_create(0, ev)).toBe(ZX_ERR_ACCESS_DENIED);
  });
});
