// The browser build: the package's entries bundle for a page with every Node built-in an error,
// and the bundle runs where there is no `process`, `Buffer` or `require`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleForBrowser, isNodeBuiltin } from '../../playground/bundle.js';
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
