// The site builds from the definitions of an imported abigen file too: the README's chain
// (`import-abigen FILE --out D`, then `--defs D --docs-style abigen-2018`) on Zircon's real 2018
// file, each of its 170 pages against the Markdown `regen` writes from the same definitions.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ZIRCON_TAG, zirconFixturePath } from '../fixtures.js';
import { byClass, find, parseHtml } from './html.js';
import { brokenLinks, filesOf, pageMismatches, zxkit } from './site-check.js';

const work = mkdtempSync(join(tmpdir(), 'zxkit-site-abigen-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('builds from an imported abigen file: every page matches its Markdown, every link resolves', { tags: [ZIRCON_TAG], timeout: 240_000 }, () => {
  const defs = join(work, 'defs');
  const out = join(work, 'out');
  const site = join(work, 'site');
  expect(zxkit(['import-abigen', zirconFixturePath('syscalls.abigen'), '--out', defs]).status).toBe(0);
  expect(zxkit(['regen', '--defs', defs, '--out', out, '--docs-style', 'abigen-2018']).status).toBe(0);
  const r = zxkit(['docs', '--html', site, '--defs', defs, '--docs-style', 'abigen-2018']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);

  const pages = filesOf(join(out, 'docs')).map((f) => f.slice(0, -3));
  expect(pages).toHaveLength(170);
  expect(filesOf(join(site, 'syscalls'))).toEqual(pages.map((n) => `${n}.html`));
  const mismatches = pages.flatMap((n) => pageMismatches(n, readFileSync(join(out, 'docs', `${n}.md`), 'utf8'), readFileSync(join(site, 'syscalls', `${n}.html`), 'utf8')));
  expect(mismatches).toEqual([]);
  const { broken, checked } = brokenLinks(site);
  expect(broken).toEqual([]);
  expect(checked).toBeGreaterThan(pages.length * 10);
  // Imported syscalls are not implemented by zxkit's kernel core, and the index says so.
  const badge = find(parseHtml(readFileSync(join(site, 'syscalls', 'vmo_create.html'), 'utf8')), byClass('badge'))!;
  expect(badge.attrs.get('class')).toBe('badge unimplemented');
});
