// A wasm process that traps, is killed (parked in a syscall, or spinning), exits with handles
// open, or whose thread dies: its handles close, its peers see PEER_CLOSED, .exited gives the
// documented code, the counts return to what they were, and the kernel keeps serving others.
import { describe, expect, it } from 'vitest';
import { ZX_CHANNEL_PEER_CLOSED, ZX_OK, ZX_RIGHT_SAME_RIGHTS, ZX_TIME_INFINITE } from '../../generated/constants.js';
import { EXIT_FAULT, EXIT_KILLED, type ProcessThread, type ThreadHost } from '../../runtime/index.js';
import { nodeThreads } from '../../runtime/node/worker-host.js';
import { compileC } from './compile.js';
import { TOOLCHAIN_TAG } from '../toolchain.js';
import { freshKernel, pair, readMessage, startup } from './helpers.js';

/** Spawns faults.c doing `what`, waits for its "ready", and returns what the test needs. */
async function misbehave(what: string, host?: ThreadHost) {
  const { kernel, host: ts, base } = freshKernel();
  // Another process pair that must keep working whatever happens to the faulty one.
  const [x, y] = pair(ts);
  const before = kernel.stats();
  const [mine, theirs] = pair(ts);
  const p = kernel.spawn(compileC('faults'), { name: what, args: [what], handles: startup(ts, theirs), ...(host ? { host } : {}) });
  expect((await readMessage(ts, mine)).text).toBe('ready');
  // The process made an event and a channel pair of its own (3 handles), and holds its startup
  // channel end and its own self and job handles.
  expect(kernel.stats().handles).toBe(before.handles + 1 + 3 + 1 + 2);
  return { kernel, ts, p, mine, before, x, y, base };
}

/** After the end: the peer saw PEER_CLOSED, the counts are back, the kernel still works. */
async function afterEnd({ kernel, ts, mine, before, x, y, base }: Awaited<ReturnType<typeof misbehave>>) {
  const seen = { value: 0 };
  expect(await ts.syscalls.zx_object_wait_one(mine, ZX_CHANNEL_PEER_CLOSED, ZX_TIME_INFINITE, seen)).toBe(ZX_OK);
  expect(ts.syscalls.zx_handle_close(mine)).toBe(ZX_OK);
  expect(kernel.stats()).toEqual(before);
  expect(ts.syscalls.zx_channel_write(x, 0, new Uint8Array(3), 3, null, 0)).toBe(ZX_OK);
  expect((await readMessage(ts, y)).text).toHaveLength(3);
  const [a, b] = pair(ts);
  const echo = kernel.spawn(compileC('echo-server'), { name: 'after', handles: startup(ts, a) });
  expect(ts.syscalls.zx_channel_write(b, 0, new TextEncoder().encode('hi'), 2, null, 0)).toBe(ZX_OK);
  expect((await readMessage(ts, b)).text).toBe('echo:hi');
  expect(ts.syscalls.zx_handle_close(b)).toBe(ZX_OK);
  expect(await echo.exited).toBe(0);
  for (const h of [x, y]) expect(ts.syscalls.zx_handle_close(h)).toBe(ZX_OK);
  expect(kernel.stats()).toEqual(base);
}

describe('wasm process faults', { tags: [TOOLCHAIN_TAG] }, () => {
  it('a trap ends the process with EXIT_FAULT and the trap in .fault', async () => {
    const t = await misbehave('trap');
    expect(await t.p.exited).toBe(EXIT_FAULT);
    expect(t.p.fault).toMatch(/unreachable/);
    await afterEnd(t);
  });

  it('kill() stops a process parked in zx_object_wait_one', async () => {
    const t = await misbehave('block');
    await new Promise((r) => setTimeout(r, 50)); // let it park
    t.p.kill();
    expect(await t.p.exited).toBe(EXIT_KILLED);
    await afterEnd(t);
  });

  it('kill() stops a process spinning in an infinite loop', async () => {
    const t = await misbehave('loop');
    await new Promise((r) => setTimeout(r, 50));
    t.p.kill();
    expect(await t.p.exited).toBe(EXIT_KILLED);
    await afterEnd(t);
  });

  it('zx_process_exit with handles open closes them all', async () => {
    const t = await misbehave('exit');
    expect(await t.p.exited).toBe(7);
    expect(t.p.fault).toBeUndefined();
    await afterEnd(t);
  });

  it('zx_task_kill from a TypeScript process stops a wasm process parked in a syscall', async () => {
    const t = await misbehave('block');
    const proc = { value: 0 };
    expect(t.ts.syscalls.zx_object_get_child(t.ts.job, BigInt(t.p.koid), ZX_RIGHT_SAME_RIGHTS, proc)).toBe(ZX_OK);
    expect(t.ts.syscalls.zx_task_kill(proc.value)).toBe(ZX_OK);
    expect(await t.p.exited).toBe(-1); // task_kill's return code, as for any process
    expect(t.ts.syscalls.zx_handle_close(proc.value)).toBe(ZX_OK);
    await afterEnd(t);
  });

  it('a thread that dies under the process ends it with EXIT_FAULT', async () => {
    let thread: ProcessThread | undefined;
    const host: ThreadHost = {
      start: async (data, onReport, onGone) => (thread = await nodeThreads.start(data, onReport, onGone)),
      yieldToEvents: nodeThreads.yieldToEvents,
    };
    const t = await misbehave('block', host);
    thread!.terminate(); // from outside: the kernel did not ask for it
    expect(await t.p.exited).toBe(EXIT_FAULT);
    await afterEnd(t);
  });
});
