// The browser build: the package's entries bundle for a page with every Node built-in an error,
// and the bundle runs where there is no `process`, `Buffer` or `require`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleForBrowser, isNodeBuiltin } from '../../playground/bundle.js';
import { EXIT_FAULT } from '../../runtime/index.js';
import { repoRoot } from '../generator/helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'zxkit-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function entry(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

describe('the browser bundle', () => {
  it('builds zxkit and zxkit/runtime with Node built-ins refused', async () => {
    const code = await bundleForBrowser(repoRoot, entry('both.ts', "export * from 'zxkit';\nexport * as runtime from 'zxkit/runtime';\n"));
    expect(code).toContain('zx_socket_share');
    expect(code).not.toMatch(/from\s*["']node:/);
  });

  it('runs in a context without process, Buffer or require: a kernel moves a socket between processes', async () => {
    const code = await bundleForBrowser(repoRoot, entry('run.ts', `
      import { Kernel, ZX_OK, ZX_SOCKET_HAS_ACCEPT } from 'zxkit';
      const kernel = new Kernel();
      const a = kernel.createProcess('a'), b = kernel.createProcess('b');
      const base = kernel.stats(); // the root job, two processes and their startup handles
      const s0 = { value: 0 }, s1 = { value: 0 }, t0 = { value: 0 }, t1 = { value: 0 }, got = { value: 0 };
      const ok = [
        a.syscalls.zx_socket_create(ZX_SOCKET_HAS_ACCEPT, s0, s1),
        a.syscalls.zx_socket_create(0, t0, t1),
        a.syscalls.zx_socket_share(s0.value, t0.value),
      ];
      const moved = a.transferHandle(s1.value, b);
      ok.push(b.syscalls.zx_socket_accept(moved, got));
      (globalThis as Record<string, unknown>).result = { ok: ok.every((s) => s === ZX_OK), now: typeof kernel.now(), stats: { objects: kernel.stats().objects - base.objects, handles: kernel.stats().handles - base.handles } };
    `), { format: 'iife' });
    const sandbox: Record<string, unknown> = { crypto: globalThis.crypto, performance, TextEncoder, TextDecoder, DOMException, AbortController, setTimeout, clearTimeout, queueMicrotask };
    runInNewContext(code, sandbox);
    expect(sandbox['process']).toBeUndefined();
    expect(sandbox['result']).toEqual({ ok: true, now: 'bigint', stats: { objects: 4, handles: 4 } });
  });

  it('builds the page\'s thread host and its worker entry with Node built-ins refused', async () => {
    const host = await bundleForBrowser(repoRoot, entry('host.ts', "export { browserThreadHost } from 'zxkit/runtime';\n"));
    // The form bundlers follow to emit the worker entry beside the page's script (Vite, webpack, Parcel).
    expect(host).toMatch(/new Worker\(new URL\("\.\/wasm-worker\.js", import\.meta\.url\)/);
    const worker = await bundleForBrowser(repoRoot, join(repoRoot, 'runtime', 'browser', 'wasm-worker.ts'));
    expect(worker).toContain('wasi_snapshot_preview1');
    expect(worker).not.toMatch(/from\s*["']node:/);
  });

  it('spawns through the page\'s thread host where there is no `process`: without Web Workers the process faults, saying so', async () => {
    const code = await bundleForBrowser(repoRoot, entry('spawn.ts', `
      import { Kernel } from 'zxkit';
      const kernel = new Kernel();
      const base = kernel.stats();
      // The smallest module a process can be: one memory, no code.
      const p = kernel.spawn(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 3, 1, 0, 1]), { name: 'nothing' });
      (globalThis as Record<string, unknown>).result = p.exited.then((code) => ({ code, fault: p.fault, back: JSON.stringify(kernel.stats()) === JSON.stringify(base) }));
    `), { format: 'iife' });
    const sandbox: Record<string, unknown> = { crypto: globalThis.crypto, performance, TextEncoder, TextDecoder, DOMException, AbortController, setTimeout, clearTimeout, queueMicrotask };
    runInNewContext(code, sandbox);
    expect(sandbox['process']).toBeUndefined();
    expect(await sandbox['result']).toEqual({ code: EXIT_FAULT, fault: 'kernel.spawn: this page has no Web Workers', back: true });
  });

  it('refuses to spawn, naming the headers, where there is no SharedArrayBuffer (a page that is not cross-origin isolated)', async () => {
    const code = await bundleForBrowser(repoRoot, entry('no-sab.ts', `
      import { Kernel } from 'zxkit';
      const kernel = new Kernel();
      const base = JSON.stringify(kernel.stats());
      try {
        kernel.spawn(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 3, 1, 0, 1]), { name: 'nothing' });
      } catch (e) {
        (globalThis as Record<string, unknown>).result = { message: (e as Error).message, unchanged: JSON.stringify(kernel.stats()) === base };
      }
    `), { format: 'iife' });
    const sandbox: Record<string, unknown> = { SharedArrayBuffer: undefined, crypto: globalThis.crypto, performance, TextEncoder, TextDecoder, DOMException, AbortController, setTimeout, clearTimeout, queueMicrotask };
    runInNewContext(code, sandbox);
    expect(sandbox['result']).toEqual({ message: expect.stringMatching(/cross-origin isolated.*Cross-Origin-Embedder-Policy: require-corp/), unchanged: true });
  });

  it('fails on a node: import and on a bare built-in name, naming it', async () => {
    for (const spec of ['node:crypto', 'fs', 'fs/promises']) {
      const file = entry(`bad-${spec.replace(/\W/g, '_')}.ts`, `import * as m from '${spec}';\nconsole.log(m);\n`);
      await expect(bundleForBrowser(repoRoot, file)).rejects.toThrow(`"${spec}" is a Node built-in`);
    }
  });

  it('tells built-ins from packages of similar names', () => {
    expect(['node:fs', 'crypto', 'path/posix'].map(isNodeBuiltin)).toEqual([true, true, true]);
    expect(['esbuild', 'zxkit', 'fsevents-like', './fs.js'].map(isNodeBuiltin)).toEqual([false, false, false, false]);
  });
});
