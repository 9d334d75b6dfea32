// The 170 real 2018 pages (pages/ of the Zircon fixtures, test/fixtures.ts) are a fixed point
// of the 2018 tool: `--update --compat=2018` must change zero bytes. Without compat, only the
// pages the bug fixes touch change. The pages are read from the fixtures at test time and
// copied to a temp folder; their prose never enters the repository.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAbigen } from '../../generator/abigen/import.js';
import { formatDiagnostic } from '../../generator/diagnostics.js';
import { loadModel } from '../../generator/pipeline.js';
import { renderPage } from '../../generator/docs/page.js';
import { findHandEdits } from '../../generator/docs-sync/hand-edits.js';
import { splitLines } from '../../generator/docs-sync/lines.js';
import { updatePage } from '../../generator/docs-sync/page-update.js';
import { planSync, syncDocs, type DirEntry } from '../../generator/docs-sync/sync.js';
import { FORMAT_VERSION, type Attribute, type Model, type ParamDef, type SyscallDef } from '../../generator/model.js';
import { readZirconFixture, ZIRCON_TAG, zirconFixturePath } from '../fixtures.js';
import { sources } from '../generator/helpers.js';
import { abigenRights } from '../rights-text.js';

const PAGES = zirconFixturePath('pages');
const POS = { file: 'syscalls.abigen', line: 1, col: 1 };

// ---- the 170 definitions, from syscalls.abigen --------------------------------------
// Two sources, each run through every test below: zxkit's importer (`zxkit import-abigen`
// then the loader, as a project would get them) and a minimal reader of the file that
// depends on nothing but the docs renderer.

function importedModel(): Model {
  const { files } = importAbigen(readZirconFixture('syscalls.abigen'), 'syscalls.abigen');
  const { model, diagnostics } = loadModel(sources(Object.fromEntries(files.map((f) => [f.path, f.content]))));
  if (model === null) throw new Error(diagnostics.map(formatDiagnostic).join('\n'));
  return model;
}

/** A minimal reader of syscalls.abigen: signatures, `#^` and `#!`, in file order. */
function readAbigen(text: string): SyscallDef[] {
  const defs: SyscallDef[] = [];
  let summary = '';
  let rights: string[] = [];
  let decl = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#^')) summary = line.slice(2).trim();
    else if (line.startsWith('#!')) rights.push(line.slice(2).trim());
    if (line.startsWith('#') || (decl === '' && !line.startsWith('syscall '))) continue;
    decl += ` ${line}`;
    if (!line.includes(';')) continue;
    const sc = parseDecl(decl, summary.split(/\s+/).join(' '));
    defs.push({ ...sc, rights: abigenRights(rights.length === 0 ? null : rights.join(' '), POS) });
    decl = '';
    summary = '';
    rights = [];
  }
  return defs;
}

function syscall(name: string, extra: Partial<SyscallDef>): SyscallDef {
  return {
    kind: 'syscall', implemented: true, name, family: 'abigen', summary: '', attributes: [], params: [], returns: 'zx_status_t',
    rights: undefined, checks: [], errors: [], description: '', returnValue: '', seeAlso: [], source: POS, ...extra,
  };
}

function parseDecl(decl: string, summary: string): SyscallDef {
  const m = /^\s*syscall\s+(\w+)([\w\s]*?)\s*\(([^)]*)\)\s*(?:returns\s*\(([^)]*)\))?\s*;/.exec(decl);
  if (m === null) throw new Error(`cannot parse: ${decl}`);
  const [, name = '', attrs = '', args = '', rets = ''] = m;
  const split = (s: string): string[] => s.split(',').map((x) => x.trim()).filter((x) => x !== '');
  const outs = split(rets);
  const returns = outs.shift() ?? 'void';
  const params = [...split(args).map((a) => parseArg(a, false)), ...outs.map((a) => parseArg(a, true))];
  return syscall(name, { summary, attributes: attrs.split(/\s+/).filter((a) => a !== '') as Attribute[], params, returns });
}

function parseArg(arg: string, isOutput: boolean): ParamDef {
  const m = /^(\w+)\s*:\s*(\w+)(?:\[([^\]]*)\])?\s*(.*)$/.exec(arg);
  if (m === null) throw new Error(`cannot parse argument: ${arg}`);
  const [, name = '', type = '', count, rest = ''] = m;
  const attrs = rest.split(/\s+/);
  const dir = isOutput || attrs.includes('OUT') ? 'out' : attrs.includes('INOUT') ? 'inout' : 'in';
  const extra = count === undefined ? {} : { count: /^\d+$/.test(count) ? Number(count) : count.trim() };
  return { name, type, dir, optional: false, source: POS, ...extra };
}

function readerModel(): Model {
  return { formatVersion: FORMAT_VERSION, types: [], structs: [], constants: [], syscalls: readAbigen(readZirconFixture('syscalls.abigen')) };
}

// ---- the pages -----------------------------------------------------------------------

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** A private copy of the 2018 pages. */
function copyPages(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zxkit-docs-sync-'));
  temps.push(dir);
  cpSync(PAGES, dir, { recursive: true });
  return dir;
}

function originals(): Map<string, string> {
  return new Map(readdirSync(PAGES).map((f) => [f, readFileSync(join(PAGES, f), 'utf8')]));
}

function entries(): DirEntry[] {
  return [...originals()].map(([file, text]) => ({ file, text }));
}

/** Last line of each SEE ALSO block 2018 left unprocessed: the page's last line (§3.7). */
const LAST_LINE_LINKS = [
  'deadline_after.md', // [ticks_get](ticks_get.md)
  'futex_get_owner.md', // [futex objects](../objects/futex.md): a concept
  'object_get_property.md',
  'process_read_memory.md',
  'process_write_memory.md',
  'system_get_num_cpus.md',
  'system_get_physmem.md',
  'system_mexec.md',
  'thread_read_state.md',
  'ticks_get.md',
];

describe.each([
  ['importAbigen', importedModel],
  ['the minimal reader', readerModel],
])('the 170 pages of 2018 (Zircon fixtures), definitions from %s', { tags: [ZIRCON_TAG] }, (_source, makeModel) => {
  let model: Model;
  let syscalls: readonly SyscallDef[];
  beforeAll(() => {
    model = makeModel();
    syscalls = model.syscalls;
  });
  const syncAll = (dir: string): void => {
    const r = syncDocs(model, dir, { mode: 'update', compat2018: false, style: 'abigen-2018' });
    expect(r.exitCode).toBe(0);
  };

  it('one page per syscall, 170 of them', () => {
    expect(syscalls.length).toBe(170);
    expect(readdirSync(PAGES).sort()).toStrictEqual(syscalls.map((sc) => `${sc.name}.md`).sort());
  });

  it('--update --compat=2018 changes zero bytes on all 170 pages', () => {
    const dir = copyPages();
    const result = syncDocs(model, dir, { mode: 'update', compat2018: true, style: 'abigen-2018' });
    expect(result.problems.filter((p) => p.severity === 'error')).toStrictEqual([]);
    expect(result.changed.map((c) => c.file)).toStrictEqual([]);
    expect(result.created).toStrictEqual([]);
    expect(result.orphans).toStrictEqual([]);
    expect(result.unchanged.length).toBe(170);
    expect(result.written).toStrictEqual([]);
    expect(result.exitCode).toBe(0);
    for (const [file, text] of originals()) expect(readFileSync(join(dir, file), 'utf8'), file).toBe(text);
  });

  it('--check --compat=2018 passes and finds no hand edit', () => {
    const result = planSync(model, entries(), { mode: 'check', compat2018: true, style: 'abigen-2018' });
    expect(result.problems.filter((p) => p.kind === 'hand-edit')).toStrictEqual([]);
    expect(result.exitCode).toBe(0);
  });

  it('the only compat warnings are the 2018 ones for pages without SEE ALSO', () => {
    const result = planSync(model, entries(), { mode: 'check', compat2018: true, style: 'abigen-2018' });
    // The stub's "TODO(ZX-3106)" is each page's unprocessed last line, so 2018 never saw it.
    expect(result.problems.map((p) => `${p.file}: ${p.message}`).sort()).toStrictEqual(
      ['cache_flush', 'clock_get', 'clock_get_monotonic', 'clock_get_new', 'cprng_add_entropy', 'cprng_draw', 'smc_call',
        'task_suspend', 'task_suspend_token'].map((n) => `${n}.md: did not find SEE ALSO section, skipping update`),
    );
  });

  it('without compat, only the pages the bug fixes touch change, and exactly as expected', () => {
    const before = originals();
    const dir = copyPages();
    const result = syncDocs(model, dir, { mode: 'update', compat2018: false, style: 'abigen-2018' });
    expect(result.problems.filter((p) => p.severity === 'error')).toStrictEqual([]);
    expect(result.created).toStrictEqual([]);

    // Which pages: SEE ALSO is the last section and there is no references block, so 2018
    // never processed the page's last line (fix 2). No 2018 page has a stale reference
    // (fix 1) or a SEE ALSO line naming two syscalls (fix 3).
    const eofSeeAlso = [...before].filter(([, text]) => {
      const lines = splitLines(text);
      const at = lines.indexOf('## SEE ALSO');
      return at !== -1 && !lines.slice(at + 1).some((l) => l.startsWith('## ') || l.startsWith('<!-- References'));
    });
    const changed = result.changed.map((c) => c.file);
    expect(new Set(changed)).toStrictEqual(new Set(eofSeeAlso.map(([f]) => f)));
    expect(changed.length).toBe(66);

    const why = new Map<string, string>();
    for (const c of result.changed) {
      const lastLine = splitLines(c.old).at(-1) ?? '';
      why.set(c.file, lastLine === 'TODO(ZX-3106)' ? 'todo' : lastLine === '' ? 'blank' : 'link');
    }
    const by = (w: string): string[] => [...why].filter(([, v]) => v === w).map(([f]) => f).sort();
    // (a) the unprocessed last line was a link: it is canonicalised and gets a reference.
    expect(by('link')).toStrictEqual(LAST_LINE_LINKS);
    // (b) the 2018 stub's "TODO(ZX-3106)": kept as prose; the extra blank line the
    //     [start:-1] slice put in front of it goes.
    expect(by('todo').length).toBe(55);
    // (c) system_get_version ends in an empty SEE ALSO with blank lines.
    expect(by('blank')).toStrictEqual(['system_get_version.md']);

    const page = (f: string): string => readFileSync(join(dir, f), 'utf8');
    expect(page('deadline_after.md').endsWith(
      '## SEE ALSO\n\n - [`zx_ticks_get()`]\n\n' +
        '<!-- References updated by update-docs-from-abigen, do not edit. -->\n\n[`zx_ticks_get()`]: ticks_get.md\n',
    )).toBe(true);
    expect(page('futex_get_owner.md').endsWith('## SEE ALSO\n\n - [futex objects](../objects/futex.md)\n')).toBe(true);
    expect(page('channel_call_finish.md').endsWith('## SEE ALSO\n\nTODO(ZX-3106)\n')).toBe(true);
    expect(page('system_get_version.md').endsWith('## NOTES\n\n## SEE ALSO\n')).toBe(true);

    // Only the SEE ALSO tail and the references block differ: everything before the
    // SEE ALSO heading is byte for byte the 2018 page.
    for (const c of result.changed) {
      const head = (t: string): string => t.slice(0, t.indexOf('## SEE ALSO'));
      expect(head(c.new), c.file).toBe(head(c.old));
    }
    // Every other page is untouched.
    for (const [file, text] of before) if (!changed.includes(file)) expect(page(file), file).toBe(text);
  });

  it('without compat the result is itself a fixed point: a second run changes nothing', () => {
    const dir = copyPages();
    syncAll(dir);
    const again = syncDocs(model, dir, { mode: 'update', compat2018: false, style: 'abigen-2018' });
    expect(again.changed.map((c) => c.file)).toStrictEqual([]);
    const check = syncDocs(model, dir, { mode: 'check', compat2018: false, style: 'abigen-2018' });
    expect(check.exitCode).toBe(0);
  });

  it('--check without compat reports the 66 stale pages and no hand edit', () => {
    const result = planSync(model, entries(), { mode: 'check', compat2018: false, style: 'abigen-2018' });
    expect(result.problems).toStrictEqual([]);
    expect(result.changed.length).toBe(66);
    expect(result.exitCode).toBe(1);
  });

  it('renderPage output is a fixed point of the sync (a created page never looks stale)', () => {
    const known = new Set(syscalls.map((sc) => sc.name));
    const names = syscalls.map((sc) => sc.name);
    for (const style of ['abigen-2018', 'seed'] as const) {
      for (const sc of syscalls) {
        const page = renderPage(sc, { style, known });
        expect(updatePage(sc, page, { style, compat2018: false, names }).text, `${style} ${sc.name}`).toBe(page);
        expect(findHandEdits(sc.name, splitLines(page)), `${style} ${sc.name}`).toStrictEqual([]);
      }
    }
  });

  it('missing pages: created in full without compat, from the 2018 stub with compat', () => {
    const some = entries().filter((e) => e.file !== 'vmar_map.md' && e.file !== 'nanosleep.md');
    const fixed = planSync(model, some, { mode: 'update', compat2018: false, style: 'abigen-2018' });
    expect(fixed.created.map((c) => c.file)).toStrictEqual(['nanosleep.md', 'vmar_map.md']);
    const compat = planSync(model, some, { mode: 'update', compat2018: true, style: 'abigen-2018' });
    const nanosleep = compat.created.find((c) => c.file === 'nanosleep.md')?.text ?? '';
    // §3.7: the stub's SEE ALSO ends with two blank lines and the unprocessed TODO.
    expect(nanosleep.endsWith('## ERRORS\n\nTODO(ZX-3106)\n\n## SEE ALSO\n\n\nTODO(ZX-3106)\n')).toBe(true);
    expect(nanosleep).toContain('## NAME\n\n<!-- Updated by update-docs-from-abigen, do not edit. -->\n\nnanosleep - high resolution sleep\n\n## SYNOPSIS');
    expect(nanosleep).toContain('## RIGHTS\n\n<!-- Updated by update-docs-from-abigen, do not edit. -->\n\nNone.\n\n## RETURN VALUE');
  });
});
