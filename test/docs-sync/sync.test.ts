// Docs sync mode on small synthetic pages: the §3.1 mechanics, each 2018 quirk under
// --compat=2018 and its fix without, --check and hand-edit detection, missing pages,
// orphans, and all-or-nothing writes.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocsStyle } from '../../generator/docs/styles.js';
import { renderPage } from '../../generator/docs/page.js';
import { REFERENCES_MARKER, SECTION_MARKER } from '../../generator/docs/styles.js';
import { runDocsCommand } from '../../generator/docs-sync/command.js';
import { findHandEdits } from '../../generator/docs-sync/hand-edits.js';
import { findBlock, joinLines, splitLines } from '../../generator/docs-sync/lines.js';
import { PageFailure, updatePage } from '../../generator/docs-sync/page-update.js';
import { abigenDescription, stubPage } from '../../generator/docs-sync/regions.js';
import { planSync, syncDocs, type DirEntry, type SyncOptions } from '../../generator/docs-sync/sync.js';
import { FORMAT_VERSION, type Model, type ParamDef, type RightsClause, type SyscallDef } from '../../generator/model.js';
import { POKE } from '../generator/helpers.js';

const POS = { file: 'defs/foo.yaml', line: 7, col: 5 };
const M = SECTION_MARKER;
const R = REFERENCES_MARKER;

function param(name: string, type: string, extra: Partial<ParamDef> = {}): ParamDef {
  return { name, type, dir: 'in', optional: false, source: POS, ...extra };
}

function clause(c: Partial<RightsClause> & { param: string }): RightsClause {
  return { scope: 'self', types: [], rights: [], source: POS, ...c };
}

function syscall(name: string, extra: Partial<SyscallDef> = {}): SyscallDef {
  return {
    kind: 'syscall', implemented: true, name, family: 'foo', summary: `do ${name}`, attributes: [],
    params: [param('handle', 'zx_handle_t'), param('options', 'uint32_t')], returns: 'zx_status_t',
    rights: [clause({ param: 'handle', types: ['ZX_OBJ_TYPE_VMO'], rights: ['ZX_RIGHT_READ'] })],
    checks: [], errors: [], description: '', returnValue: '', seeAlso: [], source: POS, ...extra,
  };
}

const NAMES = ['foo_read', 'foo_write', 'foo_close', 'foo_open'];

function model(overrides: Record<string, Partial<SyscallDef>> = {}): Model {
  return {
    formatVersion: FORMAT_VERSION, types: [], structs: [], constants: [],
    syscalls: NAMES.map((n) => syscall(n, overrides[n] ?? {})),
  };
}

const scOf = (m: Model, name: string): SyscallDef => {
  const sc = m.syscalls.find((s) => s.name === name);
  if (sc === undefined) throw new Error(name);
  return sc;
};

/** A page as the 2018 tool left it for foo_read: generated regions plus hand-written prose. */
function page2018(tail: string[] = ['## SEE ALSO', '', ' - [`zx_foo_write()`]', '', R, '', '[`zx_foo_write()`]: foo_write.md']): string {
  return joinLines([
    '# zx_foo_read', '',
    '## NAME', '', M, '', 'foo_read - do foo_read', '',
    '## SYNOPSIS', '', M, '', '```', '#include <zircon/syscalls.h>', '',
    'zx_status_t zx_foo_read(zx_handle_t handle, uint32_t options);', '```', '',
    '## DESCRIPTION', '', 'Hand-written  prose, with `zx_foo_read()` and trailing spaces.  ', '',
    '## RIGHTS', '', M, '', '*handle* must be of type **ZX_OBJ_TYPE_VMO** and have **ZX_RIGHT_READ**.', '',
    '## RETURN VALUE', '', 'Returns **ZX_OK**.', '',
    '## ERRORS', '', '**ZX_ERR_BAD_HANDLE** *handle* is not valid.', '',
    ...tail,
  ]);
}

const opts = (compat2018: boolean, style: DocsStyle = 'abigen-2018') => ({ style, compat2018, names: NAMES });
const update = (text: string, compat2018: boolean, m = model(), name = 'foo_read') =>
  updatePage(scOf(m, name), text, opts(compat2018)).text;

describe('§3.1 mechanics', () => {
  it('splitLines is Python splitlines(): CRLF normalised, one trailing newline dropped', () => {
    expect(splitLines('')).toStrictEqual([]);
    expect(splitLines('a')).toStrictEqual(['a']);
    expect(splitLines('a\n')).toStrictEqual(['a']);
    expect(splitLines('a\r\nb\rc\n\n\n')).toStrictEqual(['a', 'b', 'c', '', '']);
    expect(splitLines('\n')).toStrictEqual(['']);
    expect(joinLines(['a', ''])).toBe('a\n\n');
  });

  it('findBlock: exact heading, ends at the next "## " line or the references marker', () => {
    const lines = ['# t', '## NAMES', '## NAME', 'x', '### sub', '## SYNOPSIS', 'y', R, 'z'];
    expect(findBlock(lines, 'NAME')).toStrictEqual({ start: 3, end: 5 });
    expect(findBlock(lines, 'SYNOPSIS')).toStrictEqual({ start: 6, end: 7 });
    expect(findBlock(lines, 'RIGHTS')).toStrictEqual({ start: -1, end: -1 });
    expect(findBlock(['## SEE ALSO', 'a'], 'SEE ALSO')).toStrictEqual({ start: 1, end: -1 });
  });

  it('a page already in sync is a fixed point in both modes', () => {
    expect(update(page2018(), true)).toBe(page2018());
    expect(update(page2018(), false)).toBe(page2018());
  });

  it('rewrites title, NAME, SYNOPSIS and RIGHTS; keeps everything else byte for byte', () => {
    const m = model({
      foo_read: {
        summary: 'read a foo',
        params: [param('handle', 'zx_handle_t'), param('buffer', 'any', { dir: 'out', count: 'len' }), param('len', 'size_t')],
        rights: 'none',
      },
    });
    const old = page2018().replace('# zx_foo_read', '# zx_old_title');
    const got = update(old.replace(/\n/g, '\r\n'), false, m);
    expect(got).toBe(
      page2018()
        .replace('foo_read - do foo_read', 'foo_read - read a foo')
        .replace('(zx_handle_t handle, uint32_t options);', '(zx_handle_t handle, void* buffer, size_t len);')
        .replace('*handle* must be of type **ZX_OBJ_TYPE_VMO** and have **ZX_RIGHT_READ**.', 'None.'),
    );
  });

  it('headings are found wherever they are; extra sections are never touched', () => {
    const text = joinLines([
      '# zx_foo_read', '', '## NOTES', '', '## NAME is not this', '', '## RIGHTS', '', 'old', '',
      '## EXAMPLES', '', '```', '**zx_foo_read()**', '```', '', '## NAME', '', 'old name', '',
      '## BUGS', '', 'none',
    ]);
    const got = splitLines(update(text, false));
    expect(got.slice(0, 6)).toStrictEqual(['# zx_foo_read', '', '## NOTES', '', '## NAME is not this', '']);
    expect(got.slice(6, 12)).toStrictEqual(['## RIGHTS', '', M, '', '*handle* must be of type **ZX_OBJ_TYPE_VMO** and have **ZX_RIGHT_READ**.', '']);
    // §3.6 runs over code fences too; the self-reference loses its link.
    expect(got.slice(12, 16)).toStrictEqual(['## EXAMPLES', '', '```', '`zx_foo_read()`']);
    expect(got.slice(17)).toStrictEqual(['', '## NAME', '', M, '', 'foo_read - do foo_read', '', '## BUGS', '', 'none']);
  });

  it('a missing NAME/SYNOPSIS/RIGHTS section is a warning and is skipped', () => {
    const r = updatePage(scOf(model(), 'foo_read'), '# zx_foo_read\n\n## NAME\n\nx\n', opts(false));
    expect(r.warnings.map((w) => w.message)).toStrictEqual([
      'did not find NAME section, skipping update', // NAME is the last section: no end
      'did not find SYNOPSIS section, skipping update',
      'did not find RIGHTS section, skipping update',
    ]);
    expect(r.text).toBe('# zx_foo_read\n\n## NAME\n\nx\n');
  });
});

describe('SEE ALSO (§3.5)', () => {
  const seeAlso = (lines: string[], compat = false): string[] => {
    const got = splitLines(update(page2018(['## SEE ALSO', ...lines, '', '## NOTES', '', 'n']), compat));
    const at = got.indexOf('## SEE ALSO');
    return got.slice(at + 1, got.indexOf('## NOTES'));
  };

  it('concepts first, then syscalls, each sorted; prose kept before them; blank lines dropped', () => {
    expect(
      seeAlso(['', 'See [`zx_foo_write()`] too.', '', '[futex objects](x)', 'Some prose.', '[rights](r) and [exceptions](e)', '- [foo_close](foo_close.md)', M]),
    ).toStrictEqual([
      '', 'Some prose.', '',
      ' - [exceptions](../exceptions.md)', ' - [futex objects](../objects/futex.md)', ' - [rights](../rights.md)',
      ' - [`zx_foo_close()`]', ' - [`zx_foo_write()`]', '',
    ]);
  });

  it('seed style uses "- " bullets', () => {
    const got = updatePage(scOf(model(), 'foo_read'), page2018(['## SEE ALSO', '', '[foo_open](foo_open.md)']), opts(false, 'seed')).text;
    expect(got).toContain('## SEE ALSO\n\n- [`zx_foo_open()`]\n\n');
  });

  it('fix 3: a line naming two syscalls keeps both; --compat=2018 keeps one', () => {
    const line = 'Compare [`zx_foo_write()`] with [foo_close](foo_close.md).';
    expect(seeAlso(['', line])).toStrictEqual(['', ' - [`zx_foo_close()`]', ' - [`zx_foo_write()`]', '']);
    // 2018 stopped at the first name in Python set order; definition order stands in
    // (foo_write comes before foo_close in NAMES).
    expect(seeAlso(['', line], true)).toStrictEqual(['', ' - [`zx_foo_write()`]', '']);
  });

  it('fix 2: at the end of the file the last line is processed; --compat=2018 leaves it alone', () => {
    const old = page2018(['## SEE ALSO', '', '', '[foo_open](foo_open.md)']);
    expect(update(old, true)).toBe(old);
    const fixed = update(old, false);
    expect(fixed.endsWith(`## SEE ALSO\n\n - [\`zx_foo_open()\`]\n\n${R}\n\n[\`zx_foo_open()\`]: foo_open.md\n`)).toBe(true);
    expect(update(fixed, false)).toBe(fixed);
  });

  it('fix 2 with prose last: kept once, no pile of blank lines', () => {
    const old = page2018(['## SEE ALSO', '', '', 'TODO(ZX-3106)']);
    expect(update(old, true)).toBe(old);
    expect(update(old, false).endsWith('## SEE ALSO\n\nTODO(ZX-3106)\n')).toBe(true);
  });

  it('quirk: 2018 put an extra blank line before the stub\'s TODO on every first run', () => {
    const old = page2018(['## SEE ALSO', '', 'TODO(ZX-3106)']);
    expect(update(old, true).endsWith('## SEE ALSO\n\n\nTODO(ZX-3106)\n')).toBe(true);
    expect(update(old, false)).toBe(old);
  });
});

describe('references (§3.6)', () => {
  it('links bold and bracket forms, unlinks the page itself, leaves plain `zx_x()` alone', () => {
    const got = update(page2018(['## NOTES', '', '**zx_foo_open()**, [`foo_close`](), `zx_foo_write()`, **foo_read**.']), false);
    expect(got.endsWith(
      `## NOTES\n\n[\`zx_foo_open()\`], [\`zx_foo_close()\`], \`zx_foo_write()\`, \`zx_foo_read()\`.\n\n${R}\n\n` +
        '[`zx_foo_close()`]: foo_close.md\n[`zx_foo_open()`]: foo_open.md\n',
    )).toBe(true);
  });

  it('anything after the marker is replaced; an empty block is dropped', () => {
    const old = page2018(['## NOTES', '', 'n', '', R, '', 'hand-written note', '[`zx_foo_read()`]: foo_read.md']);
    expect(update(old, true).endsWith('## NOTES\n\nn\n')).toBe(true);
  });

  it('fix 1: a stale reference definition no longer keeps itself alive', () => {
    // foo_close is no longer mentioned anywhere but in the references block.
    const old = page2018(['## SEE ALSO', '', ' - [`zx_foo_write()`]', '', R, '', '[`zx_foo_close()`]: foo_close.md', '[`zx_foo_write()`]: foo_write.md']);
    expect(update(old, true)).toBe(old);
    expect(update(old, false)).toBe(page2018());
  });

  it('fix 1: the last stale reference goes with its block', () => {
    const old = page2018(['## NOTES', '', 'n', '', R, '', '[`zx_foo_close()`]: foo_close.md']);
    expect(update(old, true)).toBe(old);
    expect(update(old, false)).toBe(page2018(['## NOTES', '', 'n']));
  });

  it('quirk: 2018 lost one trailing blank line per run (splitlines round trip); zxkit keeps them', () => {
    const old = page2018(['## NOTES', '', 'n', '', '']);
    expect(old.endsWith('n\n\n\n')).toBe(true);
    expect(update(old, true).endsWith('n\n\n')).toBe(true);
    expect(update(update(old, true), true).endsWith('n\n')).toBe(true);
    expect(update(old, false)).toBe(old);
  });
});

describe('compat2018 details', () => {
  it('NAME description is rebuilt from abigen tokens', () => {
    expect(abigenDescription('send a message to a channel and await a reply')).toBe('send a message to a channel and await a reply');
    expect(abigenDescription("Read  the thread's (current) state - x/y, z.")).toBe("Read the thread's (current) state-x/y, z.");
    expect(abigenDescription('a: b')).toBe('a : b');
    const m = model({ foo_read: { summary: 'a: b' } });
    expect(update(page2018(), true, m)).toContain('\nfoo_read - a : b\n');
    expect(update(page2018(), false, m)).toContain('\nfoo_read - a: b\n');
  });

  it('an empty existing page stops a 2018 run (IndexError); zxkit writes the full page', () => {
    expect(() => update('', true)).toThrow(PageFailure);
    const r = planSync(model(), [{ file: 'foo_read.md', text: '' }], { mode: 'update', compat2018: false, style: 'seed' });
    const m = model();
    expect(r.changed.map((c) => [c.file, c.new])).toStrictEqual([
      ['foo_read.md', renderPage(scOf(m, 'foo_read'), { style: 'seed', known: new Set(NAMES) })],
    ]);
  });

  it('stub page is the 2018 --generate-missing text', () => {
    expect(stubPage('xyz')).toBe(
      '# zx_xyz\n\n## NAME\n\n## SYNOPSIS\n\n## DESCRIPTION\n\nTODO(ZX-3106)\n\n## RIGHTS\n\n## RETURN VALUE\n\n' +
        'TODO(ZX-3106)\n\n## ERRORS\n\nTODO(ZX-3106)\n\n## SEE ALSO\n\nTODO(ZX-3106)\n',
    );
  });
});

// ---- hand edits --------------------------------------------------------------------

describe('hand edits inside generated regions', () => {
  const lines = (t: string) => splitLines(t);
  const edits = (t: string) => findHandEdits('foo_read', lines(t)).map((e) => `${e.line} ${e.region}`);

  it('none on a generated page, nor when regions are merely stale', () => {
    expect(edits(page2018())).toStrictEqual([]);
    // Different summary, prototype and rights: what changed definitions give, not hand edits.
    const stale = page2018()
      .replace('do foo_read', 'something else')
      .replace('(zx_handle_t handle, uint32_t options);', '(zx_handle_t handle,\n                        uint32_t options,\n                        uint64_t a_rather_long_parameter_name);')
      .replace('**ZX_RIGHT_READ**.', '**ZX_RIGHT_WRITE**.');
    expect(edits(stale)).toStrictEqual([]);
  });

  it('names the region and the line', () => {
    const text = page2018()
      .replace('# zx_foo_read', '# zx_foo_read (deprecated)')
      .replace('foo_read - do foo_read\n', 'foo_read - do foo_read\nsee also below\n')
      .replace('zx_status_t zx_foo_read(zx_handle_t handle, uint32_t options);', 'zx_status_t zx_foo_read(zx_handle_t handle,  // the handle\n                         uint32_t options);')
      .replace('**ZX_RIGHT_READ**.', '**ZX_RIGHT_READ**, usually.')
      .replace('[`zx_foo_write()`]: foo_write.md', '[`zx_foo_write()`]: foo_write.md\nThanks to Alice.');
    const l = lines(text);
    expect(edits(text)).toStrictEqual([
      '1 title',
      `${l.indexOf('see also below') + 1} NAME`,
      `${l.findIndex((x) => x.includes('// the handle')) + 1} SYNOPSIS`,
      `${l.findIndex((x) => x.includes('usually')) + 1} RIGHTS`,
      `${l.indexOf('Thanks to Alice.') + 1} references`,
    ]);
  });

  it('a reflowed prototype or unsorted includes are hand edits', () => {
    const reflowed = page2018().replace('zx_status_t zx_foo_read(zx_handle_t handle, uint32_t options);', 'zx_status_t zx_foo_read(\n    zx_handle_t handle, uint32_t options);');
    expect(edits(reflowed)).toStrictEqual([`${lines(reflowed).indexOf('zx_status_t zx_foo_read(') + 1} SYNOPSIS`]);
    const includes = page2018().replace('#include <zircon/syscalls.h>', '#include <zircon/syscalls/port.h>\n#include <zircon/syscalls.h>');
    expect(edits(includes)).toStrictEqual([`${lines(includes).indexOf('#include <zircon/syscalls.h>') + 1} SYNOPSIS`]);
  });

  it('regions without a marker were never generated: no hand edit', () => {
    expect(edits('# My page\n\n## NAME\n\nfoo_read - whatever\n\n## SYNOPSIS\n\nanything\n')).toStrictEqual([]);
  });
});

// ---- planSync / syncDocs --------------------------------------------------------------

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'zxkit-docs-sync-unit-'));
  temps.push(dir);
  for (const [f, t] of Object.entries(files)) writeFileSync(join(dir, f), t);
  return dir;
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

const U: SyncOptions = { mode: 'update', compat2018: false, style: 'abigen-2018' };
const C: SyncOptions = { mode: 'check', compat2018: false, style: 'abigen-2018' };

/** In-sync pages for every syscall but `except`. */
function inSync(m: Model, except: string[] = []): Record<string, string> {
  const known = new Set(NAMES);
  return Object.fromEntries(
    m.syscalls.filter((sc) => !except.includes(sc.name)).map((sc) => [`${sc.name}.md`, renderPage(sc, { style: 'abigen-2018', known })]),
  );
}

describe('syncDocs', () => {
  it('missing pages are created in full; orphans are reported, both kinds', () => {
    const m = model();
    const dir = tempDir({ ...inSync(m, ['foo_open']), 'old_call.md': '# zx_old_call\n', 'notes.txt': 'x' });
    const r = syncDocs(m, dir, U);
    expect(r.created.map((c) => c.file)).toStrictEqual(['foo_open.md']);
    expect(r.created[0]?.text).toBe(renderPage(scOf(m, 'foo_open'), { style: 'abigen-2018', known: new Set(NAMES) }));
    expect(r.orphans).toStrictEqual([{ file: 'notes.txt', kind: 'other' }, { file: 'old_call.md', kind: 'page' }]);
    expect(r.written).toStrictEqual(['foo_open.md']);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'old_call.md'), 'utf8')).toBe('# zx_old_call\n');
    // The orphan page fails --check, the non-.md file does not (it does with compat, as in 2018).
    expect(syncDocs(m, dir, C).exitCode).toBe(1);
    rmSync(join(dir, 'old_call.md'));
    expect(syncDocs(m, dir, C).exitCode).toBe(0);
    expect(syncDocs(m, dir, { ...C, compat2018: true }).exitCode).toBe(1);
  });

  it('--compat=2018 creates a missing page from the stub, then the update pass', () => {
    const m = model();
    const r = planSync(m, [], { ...U, compat2018: true });
    const text = r.created.find((c) => c.file === 'foo_open.md')?.text;
    expect(text).toBe(update(stubPage('foo_open'), true, m, 'foo_open'));
    expect(text?.endsWith('## SEE ALSO\n\n\nTODO(ZX-3106)\n')).toBe(true);
  });

  it('--check writes nothing, exits 1 on a stale region, 0 once updated', () => {
    const m = model({ foo_read: { summary: 'read a foo' } });
    const dir = tempDir({ ...inSync(model()) });
    const before = snapshot(dir);
    const r = syncDocs(m, dir, C);
    expect(r.exitCode).toBe(1);
    expect(r.changed.map((c) => c.file)).toStrictEqual(['foo_read.md']);
    expect(r.problems).toStrictEqual([]);
    expect(snapshot(dir)).toStrictEqual(before);
    expect(syncDocs(m, dir, U).written).toStrictEqual(['foo_read.md']);
    expect(syncDocs(m, dir, C).exitCode).toBe(0);
  });

  it('a hand edit is an error for --check and an overwritten-warning for --update', () => {
    const m = model();
    const pages = inSync(m);
    pages['foo_close.md'] = (pages['foo_close.md'] ?? '').replace('foo_close - do foo_close\n', 'foo_close - do foo_close\nextra\n');
    const entries: DirEntry[] = Object.entries(pages).map(([file, text]) => ({ file, text }));
    const check = planSync(m, entries, C);
    expect(check.problems).toStrictEqual([
      { file: 'foo_close.md', line: 8, severity: 'error', kind: 'hand-edit', message: 'hand edit inside the generated NAME block' },
    ]);
    expect(check.exitCode).toBe(1);
    const upd = planSync(m, entries, U);
    expect(upd.problems.map((p) => [p.severity, p.message])).toStrictEqual([
      ['warning', 'hand edit inside the generated NAME block (overwritten)'],
    ]);
    expect(upd.exitCode).toBe(0);
  });

  it('atomic: a page whose rights fit no sentence form means nothing is written', () => {
    const bad = clause({ param: 'handle', scope: 'field', field: 'f', rights: ['ZX_RIGHT_READ'], types: ['ZX_OBJ_TYPE_VMO'] });
    const good = model();
    const m = model({ foo_read: { summary: 'changed' }, foo_close: { rights: [bad] } });
    const dir = tempDir(inSync(good, ['foo_open']));
    const before = snapshot(dir);
    const r = syncDocs(m, dir, U);
    expect(r.problems).toStrictEqual([
      {
        file: 'foo_close.md', severity: 'error', kind: 'rights',
        message: 'defs/foo.yaml:7:5: rights clause of foo_close for "handle" fits no RIGHTS sentence form',
      },
    ]);
    expect(r.exitCode).toBe(1);
    expect(r.written).toStrictEqual([]);
    expect(snapshot(dir)).toStrictEqual(before);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toStrictEqual([]);
  });

  it('a missing page whose rights fit no form is an error, not a crash, and nothing is written', () => {
    const bad = clause({ param: 'handle', scope: 'field', field: 'f', rights: ['ZX_RIGHT_READ'], types: ['ZX_OBJ_TYPE_VMO'] });
    const m = model({ foo_open: { rights: [bad] } });
    const dir = tempDir(inSync(model(), ['foo_open', 'foo_close']));
    const r = syncDocs(m, dir, U);
    expect(r.problems.map((p) => [p.file, p.severity, p.kind])).toStrictEqual([['foo_open.md', 'error', 'rights']]);
    expect(r.created.map((c) => c.file)).toStrictEqual(['foo_close.md']);
    expect(r.written).toStrictEqual([]);
    expect(existsSync(join(dir, 'foo_close.md'))).toBe(false);
  });

  it('--compat=2018 is not atomic: pages before the failure are rewritten, later ones not', () => {
    const bad = clause({ param: 'handle', scope: 'field', field: 'f', rights: ['ZX_RIGHT_READ'], types: ['ZX_OBJ_TYPE_VMO'] });
    // Processing order is definition order: foo_read, foo_write, foo_close, foo_open.
    const m = model({ foo_read: { summary: 'changed' }, foo_close: { rights: [bad] }, foo_open: { summary: 'changed too' } });
    const dir = tempDir(inSync(model(), ['foo_write']));
    const before = snapshot(dir);
    const r = syncDocs(m, dir, { ...U, compat2018: true });
    expect(r.abortedAt).toBe('foo_close');
    expect(r.exitCode).toBe(1);
    // foo_read rewritten, foo_write created from the stub; foo_open never reached.
    expect(r.written).toStrictEqual(['foo_read.md', 'foo_write.md']);
    const after = snapshot(dir);
    expect(after['foo_read.md']).toContain('foo_read - changed\n');
    expect(after['foo_close.md']).toBe(before['foo_close.md']);
    expect(after['foo_open.md']).toBe(before['foo_open.md']);
  });

  it('--compat=2018 leaves the stub on disk when the update of a missing page fails', () => {
    const bad = clause({ param: 'handle', scope: 'field', field: 'f', rights: ['ZX_RIGHT_READ'], types: ['ZX_OBJ_TYPE_VMO'] });
    const m = model({ foo_read: { rights: [bad] } });
    const dir = tempDir({});
    const r = syncDocs(m, dir, { ...U, compat2018: true });
    expect(r.written).toStrictEqual(['foo_read.md']);
    expect(readFileSync(join(dir, 'foo_read.md'), 'utf8')).toBe(stubPage('foo_read'));
  });
});

// ---- runDocsCommand -----------------------------------------------------------------

describe('runDocsCommand', () => {
  function run(args: Partial<Parameters<typeof runDocsCommand>[0]> & { dir: string; defs: string }) {
    const out: string[] = [];
    const err: string[] = [];
    const code = runDocsCommand(
      { update: false, check: false, compat2018: false, ...args },
      { stdout: (s) => out.push(s), stderr: (s) => err.push(s) },
    );
    return { code, out: out.join(''), err: err.join('') };
  }

  function project(): { defs: string; docs: string } {
    const root = mkdtempSync(join(tmpdir(), 'zxkit-docs-cmd-'));
    temps.push(root);
    mkdirSync(join(root, 'defs'));
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'defs', 'thing.yaml'), POKE);
    return { defs: join(root, 'defs'), docs: join(root, 'docs') };
  }

  it('--update creates the pages, --check then passes; a hand edit fails --check with its line', () => {
    const { defs, docs } = project();
    const created = run({ dir: docs, defs, update: true });
    expect(created.code).toBe(0);
    expect(created.out).toContain('0 updated, 1 created, 0 unchanged');
    expect(existsSync(join(docs, 'thing_poke.md'))).toBe(true);
    const page = readFileSync(join(docs, 'thing_poke.md'), 'utf8');
    expect(page).toContain('\nPoke a thing.\n'); // seed style by default
    expect(run({ dir: docs, defs, check: true })).toMatchObject({ code: 0, err: '' });

    const edited = page.replace('zx_status_t zx_thing_poke(', 'zx_status_t  zx_thing_poke(');
    writeFileSync(join(docs, 'thing_poke.md'), edited);
    const line = splitLines(edited).findIndex((l) => l.includes('zx_thing_poke(')) + 1;
    const check = run({ dir: docs, defs, check: true });
    expect(check.code).toBe(1);
    expect(check.err).toBe(`${join(docs, 'thing_poke.md')}:${line}: hand edit inside the generated SYNOPSIS block\n`);
    expect(check.out).toContain(`--- ${join(docs, 'thing_poke.md')}\n+++ ${join(docs, 'thing_poke.md')}\n`);
    expect(check.out).toContain('-zx_status_t  zx_thing_poke(');
    expect(check.out).toContain(`run \`zxkit docs --update ${docs} --defs ${defs}\``); // the fix names the same definitions
    expect(readFileSync(join(docs, 'thing_poke.md'), 'utf8')).toBe(edited);

    expect(run({ dir: docs, defs, update: true }).code).toBe(0);
    expect(readFileSync(join(docs, 'thing_poke.md'), 'utf8')).toBe(page);
  });

  it('exactly one of --update and --check; definition errors stop before any page is read', () => {
    const { defs, docs } = project();
    expect(run({ dir: docs, defs }).code).toBe(2);
    expect(run({ dir: docs, defs, update: true, check: true }).code).toBe(2);
    writeFileSync(join(defs, 'thing.yaml'), 'syscalls: [');
    const r = run({ dir: docs, defs, update: true });
    expect(r.code).toBe(1);
    expect(r.err).toContain('error');
    expect(readdirSync(docs)).toStrictEqual([]);
  });

  it('--compat=2018 defaults to the abigen-2018 style', () => {
    const { defs, docs } = project();
    expect(run({ dir: docs, defs, update: true, compat2018: true }).code).toBe(0);
    expect(readFileSync(join(docs, 'thing_poke.md'), 'utf8')).toContain('\nthing_poke - Poke a thing.\n');
  });
});
