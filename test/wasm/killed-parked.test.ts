// A wasm process killed while its thread is parked in port_wait or nanosleep (calls that no
// handle close ends): the thread stops, the parked call is withdrawn, so a packet queued later on
// a port that lives on in another process goes to that process and not to the dead waiter, and
// the counts return to what they were.
import { describe, expect, it } from 'vitest';
import { ZX_OK, ZX_RIGHT_SAME_RIGHTS } from '../../generated/constants.js';
import { EXIT_KILLED, type WasmProcess } from '../../runtime/index.js';
import { tick } from '../macrotask.js';
import { compileC } from './compile.js';
import { TOOLCHAIN_TAG } from '../toolchain.js';
import { freshKernel, pair, readMessage, startup } from './helpers.js';

const packet = (key: bigint) => ({ key, type: 0, status: 0, payload: new Uint8Array(32) });

/** Spawns parked.c doing `what`; returns once its thread is parked in the call. */
async function parked(what: 'port' | 'sleep') {
  const { kernel, host, base } = freshKernel();
  const [mine, theirs] = pair(host);
  const p = kernel.spawn(compileC('parked'), { name: what, args: [what], handles: startup(host, theirs) });
  const ready = await readMessage(host, mine, 1);
  expect(ready.text).toBe('ready');
  while (!p.pending) await tick(); // the kernel holds its call
  return { kernel, host, base, p, mine, handles: ready.handles };
}

/** Kill as `how` says, and wait for the end. */
async function kill(host: ReturnType<typeof freshKernel>['host'], p: WasmProcess, how: 'kill()' | 'task_kill'): Promise<void> {
  if (how === 'kill()') p.kill();
  else {
    const h = { value: 0 };
    expect(host.syscalls.zx_object_get_child(host.job, BigInt(p.koid), ZX_RIGHT_SAME_RIGHTS, h)).toBe(ZX_OK);
    expect(host.syscalls.zx_task_kill(h.value)).toBe(ZX_OK);
    expect(host.syscalls.zx_handle_close(h.value)).toBe(ZX_OK);
  }
  expect(await p.exited).toBe(how === 'kill()' ? EXIT_KILLED : -1);
  expect(p.parked.size).toBe(0);
}

describe('a wasm process killed while parked', { tags: [TOOLCHAIN_TAG] }, () => {
  it.each(['kill()', 'task_kill'] as const)('in port_wait (%s): the next packet goes to the living holder of the port', async (how) => {
    const t = await parked('port');
    const [port] = t.handles;
    await kill(t.host, t.p, how);
    expect(t.host.syscalls.zx_port_queue(port!, packet(42n))).toBe(ZX_OK);
    const got = packet(0n);
    expect(await t.host.syscalls.zx_port_wait(port!, 0n, got)).toBe(ZX_OK);
    expect(got.key).toBe(42n);
    for (const h of [port!, t.mine]) expect(t.host.syscalls.zx_handle_close(h)).toBe(ZX_OK);
    expect(t.kernel.stats()).toEqual(t.base);
  });

  it.each(['kill()', 'task_kill'] as const)('in nanosleep(ZX_TIME_INFINITE) (%s): nothing stays behind', async (how) => {
    const t = await parked('sleep');
    await kill(t.host, t.p, how);
    expect(t.host.syscalls.zx_handle_close(t.mine)).toBe(ZX_OK);
    expect(t.kernel.stats()).toEqual(t.base);
  });
});
