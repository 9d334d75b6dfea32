// regen partial write, the rollback half: commitFiles (generator/write.ts) when a rename fails
// after others succeeded. As root nothing on disk makes a rename fail midway, so node:fs is
// wrapped to fail the n-th rename; every earlier swap must be undone.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { sameSnapshot, snapshot } from '../../fuzz/defs/check.js';

const fail = vi.hoisted(() => ({ atRename: -1, renames: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    renameSync: (from: string, to: string) => {
      if (fail.renames++ === fail.atRename) throw Object.assign(new Error(`injected rename failure: ${from}`), { code: 'EIO' });
      return fs.renameSync(from, to);
    },
  };
});
const { commitFiles } = await import('../../generator/write.js');

const root = mkdtempSync(join(tmpdir(), 'zxkit-rollback-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('regen partial write (rollback): a rename failing midway undoes every earlier one', () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8])('rename %i fails: the folder is exactly as before', (n) => {
    const dir = join(root, `case${n}`);
    mkdirSync(join(dir, 'docs'), { recursive: true });
    writeFileSync(join(dir, 'a.ts'), 'old a');
    writeFileSync(join(dir, 'docs', 'b.md'), 'old b');
    writeFileSync(join(dir, 'docs', 'stale.md'), 'stale');
    const before = snapshot(dir);
    fail.renames = 0;
    fail.atRename = n;
    const files = [
      { dest: join(dir, 'a.ts'), content: 'new a' },
      { dest: join(dir, 'docs', 'b.md'), content: 'new b' },
      { dest: join(dir, 'c.ts'), content: 'new c' },
      { dest: join(dir, 'new', 'd.ts'), content: 'new d' },
    ];
    let threw = false;
    try {
      commitFiles(files, [join(dir, 'docs', 'stale.md')]);
    } catch {
      threw = true;
    }
    fail.atRename = -1;
    if (threw) {
      expect(sameSnapshot(before, snapshot(dir))).toBeNull();
    } else {
      // Past the last rename: everything applied, nothing left over.
      expect(snapshot(dir).get('a.ts')).toBe('new a');
      expect(snapshot(dir).has('docs/stale.md')).toBe(false);
      expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    }
  });
});
