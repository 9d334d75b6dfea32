// Wasm processes in the page (issue 15): a C program compiled to wasm32 runs as a process of a
// kernel that lives in the page, its thread a module Web Worker (runtime/browser/), its WASI our
// own (runtime/browser/wasi.ts). The page is cross-origin isolated by the browser project's
// headers. Programs are compiled in Node and reach the page through a server command.
import { commands } from 'vitest/browser';
import { describe, expect, it } from 'vitest';
import { ZX_OK } from '../../generated/constants.js';
import { collect, freshKernel, pair, readMessage, startup } from '../wasm/helpers.js';

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

it('serves the page cross-origin isolated: SharedArrayBuffer and Atomics.wait in a worker', async () => {
  expect(globalThis.crossOriginIsolated).toBe(true);
  const sab = new SharedArrayBuffer(8);
  const worker = new Worker(URL.createObjectURL(new Blob([
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
});
