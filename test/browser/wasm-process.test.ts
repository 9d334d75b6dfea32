// Wasm processes in the page (issue 15): a C program compiled to wasm32 runs as a process of a
// kernel that lives in the page, its thread a module Web Worker (runtime/browser/), its WASI our
// own (runtime/browser/wasi.ts). The page is cross-origin isolated by the browser project's
// headers. Programs are compiled in Node and reach the page through a server command.
import { commands } from 'vitest/browser';
import { describe, expect, it } from 'vitest';
import { ZX_CHANNEL_PEER_CLOSED, ZX_OK, ZX_TIME_INFINITE } from '../../generated/constants.js';
import { browserThreadHost, EXIT_FAULT, EXIT_KILLED } from '../../runtime/index.js';
import { collect, freshKernel, pair, readMessage, startup, WASI_BASICS } from '../wasm/helpers.js';
import { handlesBothWays, parkedUntilSignalled } from '../wasm/scenarios.js';

// test/toolchain.ts's TOOLCHAIN_TAG; that module probes the toolchain with Node APIs, so the page cannot import it.
const TOOLCHAIN_TAG = 'wasm-toolchain';

const programs = new Map<string, Uint8Array>();

/** test/wasm/c/NAME.c as module bytes, compiled in Node. */
async function program(name: string): Promise<Uint8Array> {
  let bytes = programs.get(name);
  if (bytes === undefined) {
    const text = await commands.wasmProgram(name);
    if (text === null) throw new Error(`no wasm32-wasi toolchain to compile ${name}.c`);
    bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    programs.set(name, bytes);
  }
  return bytes;
}

const encoder = new TextEncoder();

/** The page's globals this file uses (the project compiles without the DOM library). */
const page = globalThis as unknown as {
  crossOriginIsolated: boolean;
  Worker: new (url: string) => { onmessage: ((e: { data: unknown }) => void) | null; postMessage(data: unknown): void; terminate(): void };
};

it('serves the page cross-origin isolated: SharedArrayBuffer and Atomics.wait in a worker', async () => {
  expect(page.crossOriginIsolated).toBe(true);
  const sab = new SharedArrayBuffer(8);
  const worker = new page.Worker(URL.createObjectURL(new Blob([
    'onmessage = (e) => { const a = new Int32Array(e.data); const r = Atomics.wait(a, 0, 0, 5000); postMessage([r, a[1]]); };',
  ], { type: 'text/javascript' })));
  let replied = false;
  const reply = new Promise((r) => (worker.onmessage = (e) => { replied = true; r(e.data); }));
  worker.postMessage(sab);
  const a = new Int32Array(sab);
  a[1] = 7;
  // The value never changes, so only a notify can end the wait with 'ok'; notify until one lands.
  while (!replied) {
    Atomics.notify(a, 0);
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(await reply).toEqual(['ok', 7]);
  worker.terminate();
});

describe('a C process in the page', { tags: [TOOLCHAIN_TAG] }, () => {
  it('echoes what a TypeScript process sends over a startup channel, and exits 0 when the peer closes', async () => {
    const { kernel, host, base } = freshKernel();
    const [mine, theirs] = pair(host);
    const out = collect();
    const server = kernel.spawn(await program('echo-server'), { name: 'server', handles: startup(host, theirs), stdout: out.out });
    expect(host.syscalls.zx_channel_write(mine, 0, encoder.encode('hello'), 5, null, 0)).toBe(ZX_OK);
    expect((await readMessage(host, mine)).text).toBe('echo:hello');
    expect(host.syscalls.zx_handle_close(mine)).toBe(ZX_OK);
    expect(await server.exited).toBe(0);
    expect(out.text()).toBe('server: served 1\n');
    expect(kernel.stats()).toEqual(base);
  });

  it('moves handles both ways between a TypeScript process and a C process', () => handlesBothWays(program));

  it('parks a C process in zx_object_wait_one until the page signals its event', () => parkedUntilSignalled(program));

  it('kill() ends a parked process: its peer sees PEER_CLOSED, the counts come back, the kernel goes on', async () => {
    const { kernel, host, base } = freshKernel();
    const [mine, theirs] = pair(host);
    const before = kernel.stats();
    const p = kernel.spawn(await program('faults'), { name: 'block', args: ['block'], handles: startup(host, theirs) });
    expect((await readMessage(host, mine)).text).toBe('ready');
    // Its own event and channel pair, its startup channel end, and its self and job handles.
    expect(kernel.stats().handles).toBe(before.handles + 3 + 2);
    await new Promise((r) => setTimeout(r, 50)); // let it park
    p.kill();
    expect(await p.exited).toBe(EXIT_KILLED);
    const seen = { value: 0 };
    expect(await host.syscalls.zx_object_wait_one(mine, ZX_CHANNEL_PEER_CLOSED, ZX_TIME_INFINITE, seen)).toBe(ZX_OK);
    expect(host.syscalls.zx_handle_close(mine)).toBe(ZX_OK);
    expect(kernel.stats()).toEqual(base);
    // The kernel serves the next process as before.
    const [a, b] = pair(host);
    const echo = kernel.spawn(await program('echo-server'), { name: 'after', handles: startup(host, a) });
    expect(host.syscalls.zx_channel_write(b, 0, encoder.encode('hi'), 2, null, 0)).toBe(ZX_OK);
    expect((await readMessage(host, b)).text).toBe('echo:hi');
    expect(host.syscalls.zx_handle_close(b)).toBe(ZX_OK);
    expect(await echo.exited).toBe(0);
    expect(kernel.stats()).toEqual(base);
  });

  it('a trap ends the process with EXIT_FAULT and the trap in .fault', async () => {
    const { kernel, base } = freshKernel();
    const err = collect();
    const p = kernel.spawn(await program('args'), { name: 'args', args: ['trap'], stdout: () => {}, stderr: err.out });
    expect(await p.exited).toBe(EXIT_FAULT);
    expect(p.fault).toMatch(/unreachable/);
    expect(err.text()).toBe('on stderr\n');
    expect(kernel.stats()).toEqual(base);
  });

  it('gives the program arguments, environment, clocks, a sleep and randomness, and no files', async () => {
    const { kernel, base } = freshKernel();
    const out = collect();
    const p = kernel.spawn(await program('wasi-basics'), { name: 'wasi', args: WASI_BASICS.args, env: WASI_BASICS.env, stdout: out.out });
    expect(await p.exited).toBe(0);
    expect(out.text().trim().split('\n')).toEqual(WASI_BASICS.lines);
    expect(kernel.stats()).toEqual(base);
  });

  it('kill() ends a process asleep in nanosleep', async () => {
    const { kernel, base } = freshKernel();
    const out = collect();
    const p = kernel.spawn(await program('wasi-basics'), { name: 'sleeper', args: ['sleep'], stdout: out.out });
    while (out.text() === '') await new Promise((r) => setTimeout(r, 10));
    expect(out.text()).toBe('sleeping\n');
    p.kill();
    expect(await p.exited).toBe(EXIT_KILLED);
    expect(kernel.stats()).toEqual(base);
  });

  it('ends the process with EXIT_FAULT when its worker cannot start', async () => {
    const { kernel, host, base } = freshKernel();
    const [mine, theirs] = pair(host);
    const p = kernel.spawn(await program('echo-server'), { name: 'lost', handles: startup(host, theirs), host: browserThreadHost('/no-such-worker.js') });
    expect(await p.exited).toBe(EXIT_FAULT);
    expect(p.fault).toBeTruthy();
    const seen = { value: 0 };
    expect(await host.syscalls.zx_object_wait_one(mine, ZX_CHANNEL_PEER_CLOSED, ZX_TIME_INFINITE, seen)).toBe(ZX_OK);
    expect(host.syscalls.zx_handle_close(mine)).toBe(ZX_OK);
    expect(kernel.stats()).toEqual(base);
  });
});
