// Docs sync mode (`zxkit docs --update DIR` / `--check DIR`): for projects whose pages
// carry hand-written prose, rewrite only the generated regions of existing pages, as
// Zircon's 2018 update-docs-from-abigen did, with its known bugs fixed unless
// `compat2018` asks for them. `planSync` is the pure core over file contents;
// `syncDocs` adds the directory reading and writing.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocsStyle } from '../docs/styles.js';
import { renderPage } from '../docs/page.js';
import type { Model, SyscallDef } from '../model.js';
import { changedRegions, describeHandEdit, findHandEdits, type HandEdit } from './hand-edits.js';
import { splitLines } from './lines.js';
import { PageFailure, updatePage, type UpdateOptions } from './page-update.js';
import { stubPage } from './regions.js';
import { commitFiles } from '../write.js';
import { pageFile } from '../names.js';

export interface SyncOptions {
  readonly mode: 'update' | 'check';
  /** Reproduce the 2018 tool's quirks byte for byte instead of fixing them. */
  readonly compat2018: boolean;
  readonly style: DocsStyle;
  /** `update` only: delete orphan pages (.md files naming no syscall) in the same batch. */
  readonly prune?: boolean;
}

export interface ChangedPage {
  /** File name inside the directory, e.g. `channel_call.md`. */
  readonly file: string;
  readonly name: string;
  readonly old: string;
  readonly new: string;
  /**
   * The generated regions that change, each at its first changed line of the old page,
   * except those already reported as hand edits: such a change is a hand edit or changed
   * definitions, which the page alone cannot tell apart.
   */
  readonly regions: readonly HandEdit[];
}

export interface CreatedPage {
  readonly file: string;
  readonly name: string;
  readonly text: string;
}

export interface Orphan {
  readonly file: string;
  /** `page`: a .md file naming no syscall; `other`: not a .md file at all. */
  readonly kind: 'page' | 'other';
}

export type ProblemKind = 'hand-edit' | 'rights' | 'missing-section' | 'see-also' | 'page' | 'write';

export interface Problem {
  readonly file: string;
  /** 1-based line of the page as it was, when the problem has one. */
  readonly line?: number;
  readonly severity: 'error' | 'warning';
  readonly kind: ProblemKind;
  readonly message: string;
}

export interface SyncResult {
  readonly options: SyncOptions;
  /** Existing pages whose text changes (in definition order). */
  readonly changed: readonly ChangedPage[];
  /** Pages that did not exist, created from the definitions. */
  readonly created: readonly CreatedPage[];
  readonly unchanged: readonly string[];
  readonly orphans: readonly Orphan[];
  readonly problems: readonly Problem[];
  /** compat2018 only: the syscall whose page stopped the run, as 2018's SystemExit(1) did. */
  readonly abortedAt?: string;
  /** Files actually written, in write order (always empty for `check` and for `planSync`). */
  readonly written: readonly string[];
  /** Orphan pages deleted by `prune` (always empty for `check` and for `planSync`). */
  readonly removed: readonly string[];
  readonly exitCode: 0 | 1;
}

/** One directory entry: file name and text; `null` text for anything not read (directories, non-.md files). */
export interface DirEntry {
  readonly file: string;
  readonly text: string | null;
}

/** The pure core: what a sync would do to `entries`, writing nothing. */
export function planSync(model: Model, entries: readonly DirEntry[], options: SyncOptions): SyncResult {
  const { compat2018, mode } = options;
  const update: UpdateOptions = { style: options.style, compat2018, names: model.syscalls.map((sc) => sc.name) };
  const known = new Set(update.names);
  const byFile = new Map(entries.map((e) => [e.file, e]));
  const changed: ChangedPage[] = [];
  const created: CreatedPage[] = [];
  const unchanged: string[] = [];
  const problems: Problem[] = [];
  let abortedAt: string | undefined;

  // 2018 processed pages in JSON (definition) order and stopped at the first failure.
  for (const sc of model.syscalls) {
    const file = pageFile(sc);
    const old = byFile.get(file)?.text ?? null;
    // An empty page has nothing to keep; 2018 crashed on it (see updatePage).
    const fresh = old === null || (old === '' && !compat2018);
    let before: string | undefined;
    let handEdits: readonly HandEdit[] = [];
    try {
      before = old === null || fresh ? initialPage(sc, options, known) : old;
      if (!fresh) {
        const summaryLines = splitLines(sc.summary.trim()).length || 1;
        handEdits = findHandEdits(sc.name, splitLines(before), summaryLines);
        for (const edit of handEdits) {
          problems.push({
            file,
            line: edit.line,
            severity: mode === 'check' ? 'error' : 'warning',
            kind: 'hand-edit',
            message: mode === 'check' ? describeHandEdit(edit) : `${describeHandEdit(edit)} (overwritten)`,
          });
        }
      }
      const result = updatePage(sc, before, update);
      for (const w of result.warnings) problems.push({ file, severity: 'warning', kind: w.kind, message: w.message });
      if (old === null) created.push({ file, name: sc.name, text: result.text });
      else if (result.text !== old) {
        const named = new Set(handEdits.map((e) => e.region));
        const regions = changedRegions(splitLines(old), splitLines(result.text)).filter((r) => !named.has(r.region));
        changed.push({ file, name: sc.name, old, new: result.text, regions });
      }
      else unchanged.push(file);
    } catch (e) {
      if (!(e instanceof PageFailure)) throw e;
      problems.push({ file, severity: 'error', kind: e.kind, message: e.message });
      if (compat2018) {
        // The stub was already on disk when the update pass failed on it.
        if (old === null && before !== undefined) created.push({ file, name: sc.name, text: before });
        abortedAt = sc.name;
        break;
      }
    }
  }

  const pages = new Set(model.syscalls.map((sc) => pageFile(sc)));
  const orphans: Orphan[] = entries
    .filter((e) => !pages.has(e.file))
    .map((e): Orphan => ({ file: e.file, kind: e.file.endsWith('.md') ? 'page' : 'other' }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  const failed = problems.some((p) => p.severity === 'error');
  const stale = changed.length > 0 || created.length > 0;
  let exitCode: 0 | 1;
  if (mode === 'check') exitCode = failed || stale || orphans.some((o) => o.kind === 'page' || compat2018) ? 1 : 0;
  // 2018's exit status counted orphans (and missing pages, which --update creates).
  else exitCode = failed || (compat2018 && orphans.length > 0) ? 1 : 0;

  return {
    options,
    changed,
    created,
    unchanged,
    orphans,
    problems,
    ...(abortedAt === undefined ? {} : { abortedAt }),
    written: [],
    removed: [],
    exitCode,
  };
}

/** What a missing page starts as: the full rendered page, or 2018's stub. */
function initialPage(sc: SyscallDef, options: SyncOptions, known: ReadonlySet<string>): string {
  if (options.compat2018) return stubPage(sc.name);
  try {
    return renderPage(sc, { style: options.style, known });
  } catch (e) {
    throw new PageFailure((e as Error).message, 'rights');
  }
}

/** Reads `dir`, plans the sync and, for `update`, writes the result. */
export function syncDocs(model: Model, dir: string, options: SyncOptions): SyncResult {
  const result = planSync(model, readEntries(dir), options);
  if (options.mode === 'check') return result;
  const pages = [...result.created.map((c) => ({ file: c.file, text: c.text })), ...result.changed.map((c) => ({ file: c.file, text: c.new }))];
  if (options.compat2018) {
    // 2018 wrote each page in place as soon as it was processed, so a failure part-way
    // leaves the earlier pages rewritten. Definition order, as it processed them.
    const order = new Map(model.syscalls.map((sc, i) => [pageFile(sc), i]));
    pages.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0));
    const written: string[] = [];
    for (const p of pages) {
      writeFileSync(join(dir, p.file), p.text);
      written.push(p.file);
    }
    return { ...result, written };
  }
  // Nothing is written unless every page could be computed.
  if (result.problems.some((p) => p.severity === 'error')) return result;
  // Only regular files: a folder named like a page is the user's, whatever its name.
  const removed = options.prune ? result.orphans.filter((o) => o.kind === 'page' && statSync(join(dir, o.file)).isFile()).map((o) => o.file) : [];
  try {
    writeAtomically(dir, pages, removed);
  } catch (e) {
    return {
      ...result,
      problems: [...result.problems, { file: '', severity: 'error', kind: 'write', message: `cannot write: ${(e as Error).message}; no page changed` }],
      exitCode: 1,
    };
  }
  return { ...result, written: pages.map((p) => p.file), removed };
}

function readEntries(dir: string): DirEntry[] {
  return readdirSync(dir)
    .sort()
    .map((file): DirEntry => {
      const path = join(dir, file);
      const readable = file.endsWith('.md') && statSync(path).isFile();
      return { file, text: readable ? readFileSync(path, 'utf8') : null };
    });
}

/** Every page to a temp file first, then all renamed into place and the pruned ones deleted, or none (see commitFiles). */
function writeAtomically(dir: string, pages: readonly { file: string; text: string }[], removals: readonly string[]): void {
  commitFiles(pages.map((p) => ({ dest: join(dir, p.file), content: p.text })), removals.map((f) => join(dir, f)));
}
