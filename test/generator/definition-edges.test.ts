// Definition edges seen from the command line: what a user who points zxkit at the wrong
// place, or at definitions without summaries, is told.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { POKE, repoRoot } from './helpers.js';

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

  it('export-abigen says the same instead of crashing', () => {
    const r = zxkit(['export-abigen', '--defs', 'gone'], work);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `zxkit: no definitions folder gone (${join(work, 'gone')})\n` +
        'zxkit: point to yours with --defs DIR, or start a new project with `zxkit init DIR`\n',
    );
  });
});

describe('a syscall without a summary, through the CLI', () => {
  it('stops a seed-style regen with the position, and passes in the abigen-2018 style', () => {
    const dir = join(work, 'no-summary');
    mkdirSync(join(dir, 'defs'), { recursive: true });
    writeFileSync(join(dir, 'defs', 'thing.yaml'), POKE.replace('    summary: Poke a thing.\n', ''));
    const seed = zxkit(['regen', '--defs', 'defs', '--out', 'out'], dir);
    expect(seed.code).toBe(1);
    expect(seed.err).toContain('defs/thing.yaml:2:3: syscall thing_poke has no "summary"');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    const old = zxkit(['regen', '--defs', 'defs', '--out', 'out', '--docs-style', 'abigen-2018'], dir);
    expect(old.code, old.err).toBe(0);
    expect(readFileSync(join(dir, 'out', 'docs', 'thing_poke.md'), 'utf8')).toContain('\nthing_poke - TODO(ZX-3106)\n');
  });
});
