// `zxkit run OUT.wasm [args...]` through the real CLI: output passed through, the program's exit
// code as the command's, a trap reported on stderr with exit 1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../generator/helpers.js';
import { compileC } from './compile.js';
import { TOOLCHAIN_TAG } from '../toolchain.js';

const cli = join(repoRoot, 'dist-gen', 'generator', 'cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'run', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('zxkit run', { tags: [TOOLCHAIN_TAG] }, () => {
  it('passes stdout, stderr and arguments through and exits with the program\'s code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zxkit-run-test-'));
    try {
      const prog = join(dir, 'args.wasm');
      writeFileSync(prog, compileC('args'));
      const r = run(prog, '3', '-x', 'last word');
      expect(r.stdout).toBe('3\n-x\nlast word\n');
      expect(r.stderr).toBe('on stderr\n');
      expect(r.status).toBe(3);
      const trap = run(prog, 'trap');
      expect(trap.status).toBe(1);
      expect(trap.stderr).toMatch(/^on stderr\nzxkit run: args\.wasm: RuntimeError: unreachable/);
      const missing = run(join(dir, 'nothing.wasm'));
      expect(missing.status).toBe(1);
      expect(missing.stderr).toMatch(/cannot read .*nothing\.wasm/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
