// The site's output rules: all-or-nothing writes that never replace a folder zxkit did not
// write, `regen` and `check` touching the site only when given --site, usage errors, --help,
// and a site for an ABI of one's own (the `zxkit init` definitions).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SITE_PATHS } from '../../generator/site/urls.js';
import { writeSite } from '../../generator/site/write-site.js';
import { repoRoot } from '../generator/helpers.js';
import { byId, byTag, find, findAll, parseHtml, text } from './html.js';
import { brokenLinks, filesOf, zxkit } from './site-check.js';

const work = mkdtempSync(join(tmpdir(), 'zxkit-site-out-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file of a folder with its bytes, to show a folder was left exactly as it was. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(filesOf(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

describe('writing the site', () => {
  it('refuses definitions with errors, writing nothing and leaving a previous site as it was', () => {
    const defs = join(work, 'bad-defs');
    mkdirSync(defs);
    writeFileSync(join(defs, 'thing.yaml'), 'syscalls:\n  thing_poke:\n    summary: Poke.\n    params: []\n    errors:\n      - { status: ZX_ERR_NOPE, text: x }\n');
    const fresh = zxkit(['docs', '--html', join(work, 'never'), '--defs', defs]);
    expect(fresh.status).toBe(1);
    expect(fresh.stderr).toMatch(/thing\.yaml:\d+:\d+: /);
    expect(fresh.stderr).toContain('nothing written');
    expect(existsSync(join(work, 'never'))).toBe(false);

    const site = join(work, 'kept');
    writeSite(site, [{ path: 'index.html', content: 'old\n' }, { path: SITE_PATHS.stamp, content: 'x\n' }]);
    const before = snapshot(site);
    expect(zxkit(['docs', '--html', site, '--defs', defs]).status).toBe(1);
    expect(snapshot(site)).toEqual(before);
  });

  it('never replaces a folder that is not empty and is not a site zxkit wrote', () => {
    const mine = join(work, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'keep me\n');
    const r = zxkit(['docs', '--html', mine]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`is not empty and is not a site zxkit wrote (no ${SITE_PATHS.stamp})`);
    expect(snapshot(mine)).toEqual({ 'notes.txt': 'keep me\n' });
  });

  it('leaves the previous site and no temp folder behind when a write fails partway', () => {
    const site = join(work, 'partway');
    writeSite(site, [{ path: 'index.html', content: 'v1\n' }, { path: SITE_PATHS.stamp, content: 'x\n' }]);
    const before = snapshot(site);
    // `a` is written as a file, then `a/b.html` needs it to be a folder: the third file fails.
    const files = [{ path: 'index.html', content: 'v2\n' }, { path: 'a', content: 'file\n' }, { path: 'a/b.html', content: 'x\n' }];
    expect(() => writeSite(site, files)).toThrow();
    expect(snapshot(site)).toEqual(before);
    expect(readdirSync(work).filter((n) => n.includes('partway'))).toEqual(['partway']);
  });

  it('writes nothing when the site is already up to date, and replaces stale files wholesale', () => {
    const site = join(work, 'again');
    const v1 = [{ path: 'index.html', content: 'v1\n' }, { path: 'syscalls/gone.html', content: 'old\n' }, { path: SITE_PATHS.stamp, content: 'x\n' }];
    expect(writeSite(site, v1)).toBe('written');
    expect(writeSite(site, v1)).toBe('unchanged');
    const v2 = [{ path: 'index.html', content: 'v2\n' }, { path: SITE_PATHS.stamp, content: 'x\n' }];
    expect(writeSite(site, v2)).toBe('written');
    expect(snapshot(site)).toEqual({ [SITE_PATHS.stamp]: 'x\n', 'index.html': 'v2\n' });
  });
});

describe('regen and check', () => {
  const defs = join(work, 'defs');
  const out = join(work, 'generated');
  const site = join(work, 'committed-site');
  cpSync(join(repoRoot, 'defs'), defs, { recursive: true });

  it('regen writes no site unless given --site; check ignores one unless given --site', () => {
    expect(zxkit(['regen', '--defs', defs, '--out', out]).status).toBe(0);
    expect(readdirSync(work)).not.toContain('committed-site');
    expect(existsSync(join(out, 'docs', 'socket_share.md'))).toBe(true);
    expect(filesOf(out).some((f) => f.endsWith('.html'))).toBe(false);
  }, 60_000);

  it('regen --site writes the site from the pages it generated; check --site finds drift and names the fix', () => {
    const r = zxkit(['regen', '--defs', defs, '--out', out, '--site', site]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/zxkit regen --site: \d+ pages, \d+ files in .*committed-site\/: written\n$/);
    expect(zxkit(['check', '--defs', defs, '--out', out, '--site', site]).status).toBe(0);
    const page = join(site, 'syscalls', 'socket_share.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('share queue', 'share queues'));
    writeFileSync(join(site, 'stray.html'), '<!doctype html>\n');
    const drift = zxkit(['check', '--defs', defs, '--out', out, '--site', site]);
    expect(drift.status).toBe(1);
    expect(drift.stdout).toContain('syscalls/socket_share.html');
    expect(drift.stdout).toMatch(/^\+<tr id="ZX_ERR_SHOULD_WAIT">.*share queue\.<\/td><\/tr>$/m); // the diff restores the text
    expect(drift.stdout).toMatch(/^not part of the site: .*committed-site\/stray\.html$/m);
    expect(drift.stdout).toMatch(/2 files in .*committed-site\/ differ from the definitions; run `npx zxkit regen .*--site .*committed-site` to update them/);
    // Without --site, check is about generated/ alone.
    expect(zxkit(['check', '--defs', defs, '--out', out]).status).toBe(0);
    expect(zxkit(['regen', '--defs', defs, '--out', out, '--site', site]).status).toBe(0);
    expect(zxkit(['check', '--defs', defs, '--out', out, '--site', site]).status).toBe(0);
  }, 240_000);
});

describe('the command line', () => {
  it('refuses --html with the page-sync options (usage error, nothing written)', () => {
    for (const extra of [['--update', 'pages'], ['--check', 'pages'], ['--compat', '2018']]) {
      const r = zxkit(['docs', '--html', join(work, 'usage'), ...extra]);
      expect(r.status, extra.join(' ')).toBe(2);
      expect(r.stderr).toContain('--html goes with --defs and --docs-style only');
    }
    expect(existsSync(join(work, 'usage'))).toBe(false);
  }, 60_000);

  it('builds the site without loading ts-morph, which only the backends of regen and check need', () => {
    // A hook that names, at exit, every ts-morph or TypeScript module the process loaded.
    const hook = join(work, 'loaded-hook.cjs');
    writeFileSync(hook, `process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache).filter((k) => /[\\\\/](ts-morph|@ts-morph|typescript)[\\\\/]/.test(k))) + '\\n'));\n`);
    const loaded = (args: readonly string[]): string[] => {
      const r = spawnSync(process.execPath, ['-r', hook, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(/^LOADED (.*)$/m.exec(r.stderr)![1]!) as string[];
    };
    // The hook sees ts-morph where it is loaded: the pipeline with its backends.
    const pipeline = pathToFileURL(join(repoRoot, 'dist-gen', 'generator', 'pipeline.js')).href;
    expect(loaded(['--input-type=module', '-e', `await import(${JSON.stringify(pipeline)})`]).some((k) => k.includes('ts-morph'))).toBe(true);
    expect(loaded([join(repoRoot, 'dist-gen', 'generator', 'cli.js'), 'docs', '--html', join(work, 'no-ts-morph')])).toEqual([]);
    expect(brokenLinks(join(work, 'no-ts-morph')).broken).toEqual([]);
  }, 60_000);

  it('--help tells what --html and --site do', () => {
    const docs = zxkit(['docs', '--help']).stdout;
    expect(docs).toMatch(/--html <out>\s+build the static HTML reference site/);
    for (const cmd of ['regen', 'check']) expect(zxkit([cmd, '--help']).stdout).toMatch(/--site <dir>\s+also the HTML reference site/);
    expect(zxkit(['--help']).stdout).toMatch(/docs\b.*build the HTML reference site/s);
  }, 60_000);
});

describe('a site for an ABI of your own', () => {
  it('builds from the `zxkit init` definitions, with a page for its own object type', () => {
    const site = join(work, 'counter-site');
    const r = zxkit(['docs', '--html', site, '--defs', join(repoRoot, 'templates', 'init', 'defs')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(brokenLinks(site).broken).toEqual([]);
    expect(filesOf(join(site, 'syscalls'))).toEqual(['counter_add.html', 'counter_create.html']);
    const counter = parseHtml(readFileSync(join(site, 'objects', 'counter.html'), 'utf8'));
    expect(findAll(find(counter, byId('signals'))!, byTag('th')).map(text)).toContain('ZX_COUNTER_POSITIVE');
    expect(text(find(counter, byId('rights'))!)).toContain('ZX_RIGHT_INCREMENT');
    expect(findAll(find(counter, byId('syscalls'))!, byTag('a')).map(text)).toEqual(['zx_counter_add()', 'zx_counter_create()']);
  });
});
