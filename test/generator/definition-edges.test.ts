// Definition edges seen from the command line: what a user who points zxkit at the wrong
// place, or at definitions without summaries, is told.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

const cli = join(repoRoot, 'dist-gen', 'generator', 'cli.js');
const work = realpathSync(mkdtempSync(join(tmpdir(), 'zxkit-edges-')));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function zxkit(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('a definitions folder that does not exist', () => {
  it('names the folder as given and as resolved, and the ways on, with no made-up position', () => {
    const dir = join(work, 'empty');
    mkdirSync(dir);
    for (const cmd of ['regen', 'check']) {
      const r = zxkit([cmd, '--defs', 'my-defs', '--out', 'out'], dir);
      expect(r.code, cmd).toBe(1);
      expect(r.err, cmd).toBe(
        `zxkit: no definitions folder my-defs (${join(dir, 'my-defs')})\n` +
          'zxkit: point to yours with --defs DIR, or start a new project with `zxkit init DIR`\n' +
          'zxkit: nothing written\n',
      );
    }
  });

  it('says the same for the default folder, and an absolute path is not repeated', () => {
    const dir = join(work, 'bare');
    mkdirSync(dir);
    expect(zxkit(['regen'], dir).err.split('\n')[0]).toBe(`zxkit: no definitions folder defs (${join(dir, 'defs')})`);
    const abs = join(dir, 'nowhere');
    expect(zxkit(['regen', '--defs', abs], dir).err.split('\n')[0]).toBe(`zxkit: no definitions folder ${abs}`);
  });
});
