// The edges of the zxkit command, run as users run it (a separate process over real folders):
// import-abigen warnings and --strict, the README's import-then-regen chain, docs without a
// defs folder, orphan pages and --prune, every edit of a generated region named, --version,
// and the regen summary's counts. (regen --watch over replace-saves and new files: watch.test.ts.)
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitLines } from '../../generator/docs-sync/lines.js';
import { installedCopy } from './cli-process.js';
import { ZIRCON_TAG, zirconFixturePath } from '../fixtures.js';
import { POKE, repoRoot } from './helpers.js';

const cli = join(repoRoot, 'dist-gen', 'generator', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'zxkit-cli-edges-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The real Zircon fixtures (not part of the repository).
/** Each test runs zxkit several times as a process; a bound for a busy machine, not a speed check. */
const SLOW = 300_000;

function zxkit(args: readonly string[], cwd: string, bin = cli) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function folder(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A second syscall, so pages have a SEE ALSO link and a references block. */
const PEEK = POKE.replaceAll('thing_poke', 'thing_peek').replace('Poke a thing.', 'Peek at a thing.');

/** A project whose definitions are in `defsName` (not the default `defs`), with two syscalls. */
function smallProject(name: string, defsName = 'mydefs'): { root: string; defs: string } {
  const root = folder(name);
  const defs = join(root, defsName);
  mkdirSync(defs);
  writeFileSync(join(defs, 'thing.yaml'), POKE.replace('see_also: [thing_poke]', 'see_also: [thing_peek]'));
  writeFileSync(join(defs, 'peek.yaml'), PEEK);
  return { root, defs };
}

// ---- import-abigen ----------------------------------------------------------------------

describe('zxkit import-abigen: warnings, --strict, errors', () => {
  // `features` is no parameter attribute: a defect that loses nothing (the 2018 file has it).
  const STRAY = '#^ Make a thing.\nsyscall thing_make\n    (options: uint32_t features)\n    returns (zx_status_t);\n';
  const strayAt = `3:${splitLines(STRAY)[2].indexOf('features') + 1}`;

  it('a stray word is a warning with its position; the output is written and the exit code is 0', () => {
    const dir = folder('import-warn');
    writeFileSync(join(dir, 'stray.abigen'), STRAY);
    const r = zxkit(['import-abigen', 'stray.abigen', '--out', 'D'], dir);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(new RegExp(`^stray\\.abigen:${strayAt}: warning: unknown attribute "features" on parameter "options"`, 'm'));
    expect(r.out).toContain('wrote D/ (1 warning; --strict makes them errors)');
    expect(readFileSync(join(dir, 'D', 'thing.yaml'), 'utf8')).toContain('thing_make:');
    // What was written loads: regen over it succeeds.
    expect(zxkit(['regen', '--defs', 'D', '--out', 'O'], dir).code).toBe(0);
    expect(existsSync(join(dir, 'O', 'docs', 'thing_make.md'))).toBe(true);
  }, SLOW);

  it('--strict makes the warning an error: exit 1 and nothing written', () => {
    const dir = folder('import-strict');
    writeFileSync(join(dir, 'stray.abigen'), STRAY);
    const r = zxkit(['import-abigen', 'stray.abigen', '--out', 'D', '--strict'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^stray\\.abigen:${strayAt}: unknown attribute "features"`, 'm'));
    expect(r.err).not.toContain('warning:');
    expect(r.err).toContain('nothing written to D');
    expect(existsSync(join(dir, 'D'))).toBe(false);
  });

  it('an error that skips a declaration exits 1 and writes nothing, warnings or not', () => {
    const dir = folder('import-error');
    writeFileSync(join(dir, 'broken.abigen'), `${STRAY}syscall thing_break (x uint32_t) returns (zx_status_t);\n`);
    const r = zxkit(['import-abigen', 'broken.abigen', '--out', 'D'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^broken\\.abigen:${strayAt}: warning: unknown attribute "features"`, 'm'));
    expect(r.err).toMatch(/^broken\.abigen:5:\d+: expected ":" after "x"/m);
    expect(r.err).toContain('nothing written to D');
    expect(existsSync(join(dir, 'D'))).toBe(false);
  });

  it('the README chain runs as written on the real 2018 file', { tags: [ZIRCON_TAG], timeout: SLOW }, () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const line = /`(zxkit import-abigen FILE --out D && zxkit regen [^`]*)`/.exec(readme)?.[1];
    expect(line).toBe('zxkit import-abigen FILE --out D && zxkit regen --defs D --out O --docs-style abigen-2018');
    const dir = folder('readme-chain');
    // `zxkit` on PATH is the built CLI, as after `npm install zxkit`.
    const bin = folder('readme-chain-bin');
    writeFileSync(join(bin, 'zxkit'), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`);
    chmodSync(join(bin, 'zxkit'), 0o755);
    const quoted = `'${zirconFixturePath('syscalls.abigen').replace(/'/g, `'\\''`)}'`;
    const r = spawnSync('sh', ['-c', (line ?? '').replace('FILE', quoted)], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', PATH: `${bin}:${process.env['PATH'] ?? ''}` },
    });
    expect(r.status, r.stderr).toBe(0);
    // The file's stray words, as warnings with positions.
    expect(r.stderr.match(/^\S*syscalls\.abigen:\d+:\d+: warning: unknown attribute "(features|pager|out_pager_vmo)"/gm)).toHaveLength(3);
    expect(r.stdout).toMatch(/zxkit regen: 170 syscalls, \d+ files in O\//);
    expect(readdirSync(join(dir, 'O', 'docs')).filter((n) => n.endsWith('.md'))).toHaveLength(170);
    expect(readFileSync(join(dir, 'O', 'docs', 'channel_call.md'), 'utf8')).toMatch(/^channel_call - /m);
  });
});

// ---- docs --check / --update --------------------------------------------------------------

describe('zxkit docs: the definitions folder, fix hints, orphans and --prune', () => {
  it('without a defs/ folder: a diagnostic naming --defs, no stack trace', () => {
    const dir = folder('docs-nodefs');
    mkdirSync(join(dir, 'pages'));
    const runs: [string, string[]][] = [
      ['docs', ['docs', '--check', 'pages']],
      ['docs', ['docs', '--update', 'pages']],
      ['export-abigen', ['export-abigen']],
    ];
    for (const [, args] of runs) {
      const r = zxkit(args, dir);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err, args.join(' ')).toBe(`zxkit: no definitions folder defs (${join(dir, 'defs')})\nzxkit: point to yours with --defs DIR, or start a new project with \`zxkit init DIR\`\n`);
      expect(r.err, args.join(' ')).not.toMatch(/^\s+at /m);
    }
    expect(readdirSync(join(dir, 'pages'))).toStrictEqual([]);
  }, SLOW);

  it('every fix hint repeats --defs; an orphan page has a hint; --prune deletes it, and only it', () => {
    const { root } = smallProject('docs-orphans');
    mkdirSync(join(root, 'pages'));
    const check = () => zxkit(['docs', '--check', 'pages', '--defs', 'mydefs'], root);

    const missing = check();
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('run `zxkit docs --update pages --defs mydefs` to update them');
    expect(zxkit(['docs', '--update', 'pages', '--defs', 'mydefs'], root).code).toBe(0);
    expect(check().code).toBe(0);

    writeFileSync(join(root, 'pages', 'gone.md'), '# zx_gone\n\nA page of mine.\n');
    writeFileSync(join(root, 'pages', 'notes.txt'), 'not a page\n');
    const hint = 'delete it, or run `zxkit docs --update pages --prune --defs mydefs`';
    const orphan = check();
    expect(orphan.code).toBe(1);
    expect(orphan.err).toContain('pages/gone.md: names no syscall (orphan page)');
    expect(orphan.err).toContain(hint);
    // --update alone leaves it (and says so): --check still fails, with the same hint.
    const update = zxkit(['docs', '--update', 'pages', '--defs', 'mydefs'], root);
    expect(update.code).toBe(0);
    expect(update.err).toContain(hint);
    expect(existsSync(join(root, 'pages', 'gone.md'))).toBe(true);
    expect(check().err).toContain(hint);

    expect(zxkit(['docs', '--check', 'pages', '--prune', '--defs', 'mydefs'], root).code).toBe(2);
    const pruned = zxkit(['docs', '--update', 'pages', '--prune', '--defs', 'mydefs'], root);
    expect(pruned.code).toBe(0);
    expect(pruned.out).toContain('1 orphan removed');
    expect(pruned.out).toContain('removed pages/gone.md');
    expect(readdirSync(join(root, 'pages')).sort()).toStrictEqual(['notes.txt', 'thing_peek.md', 'thing_poke.md']);
    const clean = check();
    expect(clean.code).toBe(0);
    expect(clean.err).toBe('pages/notes.txt: not a reference page (not .md)\n'); // reported, never deleted
  }, SLOW);

  it('--prune deletes nothing when the write fails', () => {
    const { root } = smallProject('docs-prune-atomic');
    mkdirSync(join(root, 'pages'));
    writeFileSync(join(root, 'pages', 'gone.md'), '# zx_gone\n');
    // A folder where a page must go: the batch fails before anything is touched.
    mkdirSync(join(root, 'pages', 'thing_poke.md'));
    const r = zxkit(['docs', '--update', 'pages', '--prune', '--defs', 'mydefs'], root);
    expect(r.code).toBe(1);
    expect(r.err).toContain('cannot write');
    expect(readdirSync(join(root, 'pages')).sort()).toStrictEqual(['gone.md', 'thing_poke.md']);
  }, SLOW);

  it('--check names an edit in every generated region, each with its line', () => {
    const { root } = smallProject('docs-edits');
    mkdirSync(join(root, 'pages'));
    expect(zxkit(['docs', '--update', 'pages', '--defs', 'mydefs'], root).code).toBe(0);
    const file = join(root, 'pages', 'thing_poke.md');
    const page = readFileSync(file, 'utf8');
    const lineOf = (text: string, needle: string) => splitLines(text).findIndex((l) => l.includes(needle)) + 1;
    // One edit per region: [region, the edit, the text that marks the edited line].
    const edits: [string, (p: string) => string, string][] = [
      ['title', (p) => p.replace('# zx_thing_poke\n', '# zx_thing_poke (new)\n'), '# zx_thing_poke'],
      ['NAME', (p) => p.replace('\nPoke a thing.\n', '\nPoke a thing, firmly.\n'), 'Poke a thing'],
      ['SYNOPSIS', (p) => p.replace('uint32_t options);', 'uint32_t flags);'), 'zx_thing_poke('],
      ['RIGHTS', (p) => p.replace('have **ZX_RIGHT_WRITE**', 'have **ZX_RIGHT_READ**'), 'must be of type'],
      ['SEE ALSO', (p) => p.replace('- [`zx_thing_peek()`]', '- [thing_peek](thing_peek.md)'), '[thing_peek]'],
      ['references', (p) => p.replace(']: thing_peek.md', ']: peek.md'), ']: peek.md'],
    ];
    // All at once (the edits change no line count), then one --check must name each of them.
    const edited = edits.reduce((text, [region, edit]) => {
      const next = edit(text);
      expect(next, region).not.toBe(text);
      return next;
    }, page);
    writeFileSync(file, edited);
    const r = zxkit(['docs', '--check', 'pages', '--defs', 'mydefs'], root);
    expect(r.code).toBe(1);
    for (const [region, , marker] of edits) {
      const what = region === 'title' ? 'title line' : `${region} block`;
      expect(r.err, region).toMatch(new RegExp(`^pages/thing_poke\\.md:${lineOf(edited, marker)}: .*generated ${what}`, 'm'));
    }
    expect(r.err.trim().split('\n')).toHaveLength(edits.length); // each named once
  }, SLOW);
});

// ---- --version ---------------------------------------------------------------------------

describe('zxkit --version', () => {
  it('prints the version of the package it runs from: the repository, or an installed copy', () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(zxkit(['--version'], work)).toMatchObject({ code: 0, out: `${version}\n` });
    // Read at run time from the package's own package.json, not built in.
    const copy = installedCopy(folder('version-pkg'), '9.8.7-copy');
    expect(zxkit(['--version'], work, copy)).toMatchObject({ code: 0, out: '9.8.7-copy\n' });
  }, SLOW);
});

// ---- regen: counts --------------------------------------------------------------

describe('zxkit regen', () => {
  const summary = (out: string) => {
    const m = /(\d+) files in O\/: (\d+) written, (\d+) unchanged/.exec(out);
    if (m === null) throw new Error(`no summary line in: ${out}`);
    return { total: Number(m[1]), written: Number(m[2]), unchanged: Number(m[3]) };
  };

  it('the summary counts agree: written + unchanged = files; the lock is named apart', () => {
    const { root } = smallProject('counts');
    const first = zxkit(['regen', '--defs', 'mydefs', '--out', 'O'], root);
    expect(first.code).toBe(0);
    const a = summary(first.out);
    expect(a.written).toBe(a.total);
    expect(a.unchanged).toBe(0);
    expect(first.out).toContain('wrote mydefs/syscalls.lock.json');

    writeFileSync(join(root, 'mydefs', 'peek.yaml'), PEEK.replace('Peek at a thing.', 'Look at a thing.'));
    const second = zxkit(['regen', '--defs', 'mydefs', '--out', 'O'], root);
    const b = summary(second.out);
    expect(b.total).toBe(a.total);
    expect(b.written).toBeGreaterThan(0);
    expect(b.written + b.unchanged).toBe(b.total);
    expect(second.out).not.toContain('syscalls.lock.json'); // no new syscall: the lock is unchanged

    const third = summary(zxkit(['regen', '--defs', 'mydefs', '--out', 'O'], root).out);
    expect(third).toStrictEqual({ total: a.total, written: 0, unchanged: a.total });
  }, SLOW);
});
