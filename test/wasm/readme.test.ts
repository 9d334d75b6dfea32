// The README's C-talks-to-TypeScript example, run as written: upper.c compiled with the
// generated headers, app.mjs run against this repository's zxkit (its imports resolve to the
// sources), its two console.log lines checked against their trailing comments.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { codeBlocks, expectedLogs, readmeSection } from '../readme-examples.js';
import { compileFile } from './compile.js';
import { TOOLCHAIN_TAG } from '../toolchain.js';

const section = readmeSection('Running C programs as processes');

describe('README: a C program talking to a TypeScript one', { tags: [TOOLCHAIN_TAG] }, () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it('prints what the README says it prints', async () => {
    const [c] = codeBlocks(section, 'c');
    const [js] = codeBlocks(section, 'js');
    expect(c).toContain('zx_take_startup_handle');
    // Inside the repository, so that the test runner resolves 'zxkit' to the sources.
    const dir = mkdtempSync(join(import.meta.dirname, '.readme-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'upper.c'), c!);
    const wasm = join(dir, 'upper.wasm');
    writeFileSync(wasm, compileFile(join(dir, 'upper.c')));
    writeFileSync(join(dir, 'app.mjs'), js!.replace("readFileSync('upper.wasm')", `readFileSync(${JSON.stringify(wasm)})`));
    const logs: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.map((v) => (typeof v === 'bigint' ? `${v}n` : String(v))).join(' ')));
    await import(pathToFileURL(join(dir, 'app.mjs')).href);
    expect(logs).toEqual(expectedLogs(js!));
    expect(logs).toEqual(['HELLO FROM TYPESCRIPT', '0']);
  });
});
