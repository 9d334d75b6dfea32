// The zxkit command as users run it: a separate process over real folders.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

const cli = join(repoRoot, 'dist-gen', 'generator', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'zxkit-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function zxkit(args: string[], cwd = work) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Every file under dir with its bytes and mtime, to prove what a command did or did not touch. */
function snapshot(dir: string): Map<string, { text: string; mtime: number }> {
  const out = new Map<string, { text: string; mtime: number }>();
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(p.slice(dir.length), { text: readFileSync(p, 'utf8'), mtime: statSync(p).mtimeMs });
    }
  };
  walk(dir);
  return out;
}

/** A copy of the repository's definitions and package.json, whose `regen` script the headers name. */
function freshProject(name: string): string {
  const dir = join(work, name);
  cpSync(join(repoRoot, 'defs'), join(dir, 'defs'), { recursive: true });
  cpSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));
  // zxkit's own layout, so the generated files import support/ by the same relative path.
  cpSync(join(repoRoot, 'support'), join(dir, 'support'), { recursive: true });
  return dir;
}

describe('zxkit regen and check', () => {
  it('regenerates, then changes nothing on a second run', () => {
    const dir = freshProject('twice');
    const first = zxkit(['regen'], dir);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/\d{3} syscalls, \d+ files in generated\/: \d+ written, \d+ unchanged/);
    const before = snapshot(join(dir, 'generated'));
    const second = zxkit(['regen'], dir);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/: 0 written, \d+ unchanged/);
    expect(snapshot(join(dir, 'generated'))).toEqual(before);
  });

  it('produces the same bytes as the committed generated/ folder', () => {
    const dir = freshProject('same');
    expect(zxkit(['regen'], dir).code).toBe(0);
    const ours = snapshot(join(dir, 'generated'));
    const committed = snapshot(join(repoRoot, 'generated'));
    expect([...ours.keys()].sort()).toEqual([...committed.keys()].sort());
    for (const [k, v] of ours) expect(v.text, k).toBe(committed.get(k)?.text);
  });

  it('check exits 1 with a diff after a hand edit, and 0 after regen', () => {
    const dir = freshProject('drift');
    expect(zxkit(['regen'], dir).code).toBe(0);
    expect(zxkit(['check'], dir).code).toBe(0);
    const page = join(dir, 'generated', 'docs', 'event_create.md');
    writeFileSync(page, readFileSync(page, 'utf8').replace('## ERRORS', '## ERRORS\n\nhand edit'));
    const before = snapshot(join(dir, 'generated'));
    const drift = zxkit(['check'], dir);
    expect(drift.code).toBe(1);
    expect(drift.out).toContain('--- generated/docs/event_create.md');
    expect(drift.out).toContain('-hand edit');
    expect(drift.out).toContain('run `npm run regen` to update them');
    expect(snapshot(join(dir, 'generated'))).toEqual(before); // check writes nothing
    expect(zxkit(['regen'], dir).code).toBe(0);
    expect(zxkit(['check'], dir).code).toBe(0);
  });

  it('check reports a page whose syscall no longer exists, and regen removes it', () => {
    const dir = freshProject('orphan');
    expect(zxkit(['regen'], dir).code).toBe(0);
    writeFileSync(join(dir, 'generated', 'docs', 'gone.md'), '# zx_gone\n');
    const drift = zxkit(['check'], dir);
    expect(drift.code).toBe(1);
    expect(drift.out).toContain('+++ /dev/null');
    expect(zxkit(['regen'], dir).out).toContain('removed generated/docs/gone.md');
  });

  it('writes nothing when a definition has an error, and says where', () => {
    const dir = freshProject('bad');
    expect(zxkit(['regen'], dir).code).toBe(0);
    const before = snapshot(join(dir, 'generated'));
    const sock = join(dir, 'defs', 'socket.yaml');
    writeFileSync(sock, readFileSync(sock, 'utf8').replace('rights: [ZX_RIGHT_WRITE] }', 'rights: [ZX_RIGHT_WRTE] }'));
    const r = zxkit(['regen'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^defs\/socket\.yaml:\d+:\d+: unknown right "ZX_RIGHT_WRTE" \(did you mean ZX_RIGHT_WRITE\?\)$/m);
    expect(r.err).toContain('nothing written');
    expect(snapshot(join(dir, 'generated'))).toEqual(before);
  });

  it('fails cleanly and writes nothing when the output path is blocked by a file', () => {
    const dir = freshProject('blocked');
    expect(zxkit(['regen'], dir).code).toBe(0);
    const sock = join(dir, 'defs', 'socket.yaml');
    writeFileSync(sock, readFileSync(sock, 'utf8').replace('Create a connected pair of socket endpoints.', 'Create two joined socket endpoints.'));
    // generated/types.ts changes on no edit, but docs/socket_create.md does; block its folder.
    rmSync(join(dir, 'generated', 'docs'), { recursive: true });
    writeFileSync(join(dir, 'generated', 'docs'), 'not a folder');
    const before = snapshot(join(dir, 'generated'));
    const r = zxkit(['regen'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/zxkit: cannot write/);
    expect(snapshot(join(dir, 'generated'))).toEqual(before);
  });

  it('documents its commands in --help and rejects unknown options with exit 2', () => {
    const help = zxkit(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('regen');
    expect(help.out).toContain('check');
    const bad = zxkit(['regen', '--no-such-option']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("unknown option '--no-such-option'");
  });
});
