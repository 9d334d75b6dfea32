// `zxkit regen --watch` as a user runs it: edits regenerate, bad edits print diagnostics and
// the watcher keeps running, a fixed edit regenerates again; saves that replace the file and
// new files are seen, in the definitions and in templates/ (templates/site/ with --site).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { installedCopy, startWatch } from './cli-process.js';
import { POKE, repoRoot } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'zxkit-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('regenerates on edits and survives a bad edit', async () => {
  cpSync(join(repoRoot, 'defs'), join(dir, 'defs'), { recursive: true });
  const w = startWatch(join(repoRoot, 'dist-gen', 'generator', 'cli.js'), [], dir);
  try {
    await w.until(() => w.rounds() >= 1, 'the first regeneration');
    const page = join(dir, 'generated', 'docs', 'event_create.md');
    const yaml = join(dir, 'defs', 'event.yaml');
    const original = readFileSync(yaml, 'utf8');
    const summary = /event_create:\n\s+summary: (.*)\n/.exec(original)?.[1] ?? '';
    expect(summary).not.toBe('');

    writeFileSync(yaml, original.replace(summary, 'Make a brand new event.'));
    await w.until(() => readFileSync(page, 'utf8').includes('Make a brand new event.'), 'the edited page');

    writeFileSync(yaml, original.replace('type: uint32_t', 'type: uint32'));
    await w.until(() => w.err().includes('unknown type "uint32"'), 'the diagnostic');
    expect(w.err()).toMatch(/defs\/event\.yaml:\d+:\d+: unknown type "uint32" \(did you mean uint32_t\?\)/);
    expect(w.exitCode()).toBeNull(); // still watching
    expect(readFileSync(page, 'utf8')).toContain('Make a brand new event.'); // previous output intact

    writeFileSync(yaml, original);
    await w.until(() => readFileSync(page, 'utf8').includes(summary), 'the restored page');
  } finally {
    w.kill();
  }
});

it('follows rename-and-replace saves and new files, in the definitions, in templates/ and, with --site, in templates/site/', async () => {
  // An installed copy of zxkit, so that the test can change its templates/.
  const cli = installedCopy(join(dir, 'pkg'), '0.0.0-watch');
  const root = join(dir, 'replace');
  const defs = join(root, 'defs');
  mkdirSync(defs, { recursive: true });
  writeFileSync(join(defs, 'thing.yaml'), POKE);
  const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '');
  /** A save as `sed -i` and many editors make it: a temp file renamed over the old one. */
  const replaceSave = (path: string, text: string) => {
    writeFileSync(`${path}.zxkit-save`, text);
    renameSync(`${path}.zxkit-save`, path);
  };
  const page = join(root, 'generated', 'docs', 'thing_poke.md');
  const site = join(root, 'site');
  const w = startWatch(cli, ['--site', site], root);
  try {
    await w.until(() => read(page).includes('Poke a thing.'), 'the first regeneration');
    await w.until(() => read(join(site, 'syscalls', 'thing_poke.html')).includes('Poke a thing.'), 'the first site');

    replaceSave(join(defs, 'thing.yaml'), POKE.replace('Poke a thing.', 'Prod a thing.'));
    await w.until(() => read(page).includes('Prod a thing.'), 'the first replace-save');
    // The file is a new inode now: a watcher that followed the old one misses this save.
    replaceSave(join(defs, 'thing.yaml'), POKE.replace('Poke a thing.', 'Nudge a thing.'));
    await w.until(() => read(page).includes('Nudge a thing.'), 'the second replace-save');

    writeFileSync(join(defs, 'zap.yaml'), POKE.replaceAll('thing_poke', 'thing_zap'));
    await w.until(() => read(join(root, 'generated', 'docs', 'thing_zap.md')).includes('# zx_thing_zap'), 'the new definitions file');

    const template = join(dir, 'pkg', 'templates', 'reference-page.md.hbs');
    replaceSave(template, `${readFileSync(template, 'utf8')}\nA line from the edited template.\n`);
    await w.until(() => read(page).includes('A line from the edited template.'), 'the replaced template');

    // The site's stylesheet lives in a folder of its own, templates/site/.
    const style = join(dir, 'pkg', 'templates', 'site', 'style.css');
    replaceSave(style, `${readFileSync(style, 'utf8')}\n/* from the edited stylesheet */\n`);
    await w.until(() => read(join(site, 'assets', 'style.css')).includes('from the edited stylesheet'), 'the replaced site stylesheet');

    const before = w.rounds();
    writeFileSync(join(dir, 'pkg', 'templates', 'extra.md.hbs'), 'new\n');
    await w.until(() => w.rounds() > before, 'a regeneration after a new template file');
    expect(w.exitCode()).toBeNull(); // still watching
    expect(w.err()).toBe('');
  } finally {
    w.kill();
  }
}, 300_000);
