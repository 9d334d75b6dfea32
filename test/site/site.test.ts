// `zxkit docs --html OUT` on zxkit's own definitions: the site against the committed Markdown
// pages (generated/docs/, which `npm run check` keeps equal to what the definitions render),
// its links, index, object pages, search index and reproducibility.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../generator/helpers.js';
import { byClass, byId, byTag, find, findAll, parseHtml, text } from './html.js';
import { brokenLinks, filesOf, pageMismatches, zxkit } from './site-check.js';

const work = mkdtempSync(join(tmpdir(), 'zxkit-site-'));
const site = join(work, 'site');
const docs = join(repoRoot, 'generated', 'docs');
const names = readdirSync(docs).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
const model = JSON.parse(readFileSync(join(repoRoot, 'generated', 'definitions.json'), 'utf8')) as {
  syscalls: { name: string; family: string; implemented: boolean; summary: string }[];
};

const read = (p: string) => readFileSync(join(site, p), 'utf8');

beforeAll(() => {
  const r = zxkit(['docs', '--html', site]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^zxkit docs --html: \d+ pages, \d+ files in .*: written\n$/);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('syscall pages', () => {
  it('has one page per Markdown page, at syscalls/<name>.html', () => {
    expect(names.length).toBe(model.syscalls.length);
    expect(filesOf(join(site, 'syscalls'))).toEqual(names.map((n) => `${n}.html`));
  });

  it("every page carries its Markdown page's sections, synopsis, parameters, error statuses and see-also", () => {
    const mismatches = names.flatMap((n) => pageMismatches(n, readFileSync(join(docs, `${n}.md`), 'utf8'), read(`syscalls/${n}.html`)));
    expect(mismatches).toEqual([]);
    // Not vacuous: the pages do have errors and parameters to compare.
    const share = read('syscalls/socket_share.html');
    expect(findAll(find(parseHtml(share), byClass('errors'))!, byTag('tr')).length).toBe(1 + 7);
  });

  it('shows each error status as a table row that is its own anchor, with the page text', () => {
    const doc = parseHtml(read('syscalls/socket_share.html'));
    const row = find(doc, byId('ZX_ERR_SHOULD_WAIT'))!;
    expect(row.tag).toBe('tr');
    expect(text(row)).toBe('ZX_ERR_SHOULD_WAITThere is already a socket in the share queue.');
  });

  it('shows the RIGHTS as a table: handle, object type linked to its page, rights, and the sentence', () => {
    const doc = parseHtml(read('syscalls/socket_share.html'));
    const rows = findAll(find(find(doc, byId('rights'))!, byTag('tbody'))!, byTag('tr'));
    expect(rows.map((r) => findAll(r, (e) => e.tag === 'th' || e.tag === 'td').map(text))).toEqual([
      ['handle', 'always', 'ZX_OBJ_TYPE_SOCKET', 'ZX_RIGHT_WRITE', 'handle must be of type ZX_OBJ_TYPE_SOCKET and have ZX_RIGHT_WRITE.'],
      ['socket_to_share', 'always', 'ZX_OBJ_TYPE_SOCKET', 'ZX_RIGHT_TRANSFER', 'socket_to_share must be of type ZX_OBJ_TYPE_SOCKET and have ZX_RIGHT_TRANSFER.'],
    ]);
    expect(find(rows[0]!, byTag('a'))!.attrs.get('href')).toBe('../objects/socket.html');
  });

  it('links syscalls mentioned in the prose, which the Markdown leaves unlinked, but never the page itself', () => {
    const description = find(parseHtml(read('syscalls/channel_call.html')), byId('description'))!;
    const links = findAll(description, byTag('a')).map((a) => [text(a), a.attrs.get('href')]);
    expect(links).toContainEqual(['zx_channel_write()', 'channel_write.html']);
    expect(readFileSync(join(docs, 'channel_call.md'), 'utf8')).toContain('As with `zx_channel_write()`');
    expect(links.map(([t]) => t)).not.toContain('zx_channel_call()');
    // In plain text too (a summary), where only the full call form is a mention.
    const name = find(parseHtml(read('syscalls/log_read.html')), byId('name'))!;
    expect(findAll(name, byTag('a')).map((a) => [text(a), a.attrs.get('href')])).toEqual([['zx_debuglog_read()', 'debuglog_read.html']]);
  });

  it('says whether each syscall is implemented', () => {
    for (const sc of [model.syscalls.find((s) => s.implemented)!, model.syscalls.find((s) => !s.implemented)!]) {
      const badge = find(parseHtml(read(`syscalls/${sc.name}.html`)), byClass('badge'))!;
      expect(badge.attrs.get('class')).toBe(`badge ${sc.implemented ? 'implemented' : 'unimplemented'}`);
    }
  });
});

describe('the site as a whole', () => {
  it('resolves every internal link and anchor, and links nowhere outside itself', () => {
    const { broken, checked } = brokenLinks(site);
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(names.length * 10);
  });

  it('indexes every syscall by family, with its summary and whether it is implemented', () => {
    const doc = parseHtml(read('index.html'));
    const families = [...new Set(model.syscalls.map((s) => s.family))].sort();
    expect(findAll(doc, (e) => (e.attrs.get('id') ?? '').startsWith('family-') && e.tag === 'section').map((e) => e.attrs.get('id'))).toEqual(families.map((f) => `family-${f}`));
    for (const sc of model.syscalls) {
      const section = find(doc, byId(`family-${sc.family}`))!;
      const row = findAll(section, byTag('tr')).find((tr) => find(tr, byTag('a'))?.attrs.get('href') === `syscalls/${sc.name}.html`);
      expect(row, sc.name).toBeDefined();
      const cells = findAll(row!, byTag('td')).map(text);
      expect(cells, sc.name).toEqual([sc.summary.trim() || '—', sc.implemented ? 'implemented' : 'not implemented']);
    }
  });

  it('has a page per object type with its signals, rights and syscalls', () => {
    const doc = parseHtml(read('objects/socket.html'));
    const signals = findAll(find(doc, byId('signals'))!, byTag('th')).map(text);
    expect(signals).toEqual(expect.arrayContaining(['ZX_SOCKET_READABLE', 'ZX_SOCKET_SHARE', 'ZX_SOCKET_ACCEPT']));
    const rights = find(doc, byId('rights'))!;
    expect(text(rights)).toContain('ZX_DEFAULT_SOCKET_RIGHTS');
    const writers = findAll(rights, byTag('tr')).find((tr) => text(find(tr, byTag('th'))!) === 'ZX_RIGHT_WRITE')!;
    expect(findAll(writers, byTag('a')).map(text)).toEqual(['zx_socket_share()', 'zx_socket_shutdown()', 'zx_socket_write()']);
    const syscalls = findAll(find(doc, byId('syscalls'))!, byTag('a')).map(text);
    expect(syscalls).toEqual(expect.arrayContaining(['zx_socket_create()', 'zx_socket_share()', 'zx_object_get_info()']));
    expect(syscalls).not.toContain('zx_channel_write()');
    expect(filesOf(join(site, 'objects'))).toEqual(expect.arrayContaining(['channel.html', 'event.html', 'eventpair.html', 'port.html', 'socket.html', 'vmo.html']));
  });

  it('has a search index of every syscall and object type whose pages exist', () => {
    const entries = JSON.parse(read('search-index.json')) as { name: string; kind: string; summary: string; url: string }[];
    expect(entries.filter((e) => e.kind === 'syscall').map((e) => e.url).sort()).toEqual(names.map((n) => `syscalls/${n}.html`));
    expect(entries.filter((e) => e.kind === 'object type').map((e) => e.url).sort()).toEqual(filesOf(join(site, 'objects')).map((f) => `objects/${f}`));
    const share = entries.find((e) => e.name === 'zx_socket_share()')!;
    expect(share.summary).toBe('Send another socket object via a socket.');
    // The script form carries the same data, for pages opened from file://.
    const script = read('search-index.js');
    expect(JSON.parse(/^window\.ZXKIT_SEARCH_INDEX = (.*);\n$/s.exec(script)![1]!.replace(/<\\\//g, '</'))).toEqual(entries);
  });

  it('is byte-identical when built again from another folder into another path, and names no path of the machine', () => {
    const other = join(work, 'elsewhere', 'copy');
    const r = zxkit(['docs', '--html', other, '--defs', join(repoRoot, 'defs')], tmpdir());
    expect(r.status).toBe(0);
    const files = filesOf(site);
    expect(filesOf(other)).toEqual(files);
    for (const f of files) expect(readFileSync(join(other, f), 'utf8'), f).toBe(read(f));
    for (const f of files) {
      const body = read(f);
      expect(body.includes(work) || body.includes(repoRoot) || body.includes(tmpdir()), f).toBe(false);
    }
  }, 120_000);
});
