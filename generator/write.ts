// The only module that touches the output folder. Writes are all-or-nothing (commitFiles):
// every changed file goes to a temp file first, the old files are kept aside until every new
// one is in place, and any failure puts the old ones back, so the previous output survives.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OutputFile } from './backends/backend.js';

export interface Drift {
  readonly path: string;
  /** What is on disk now; null when the file is missing. */
  readonly actual: string | null;
  /** What the generator produces; null when the file should not exist. */
  readonly expected: string | null;
}

/** A file's text, or null when it cannot be read (missing, a folder). */
export function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Generated pages on disk that no syscall produces any more. */
function staleFiles(outDir: string, files: readonly OutputFile[]): string[] {
  const produced = new Set(files.map((f) => f.path));
  const docsDir = join(outDir, 'docs');
  if (!existsSync(docsDir) || !statSync(docsDir).isDirectory()) return [];
  return readdirSync(docsDir)
    .filter((n) => n.endsWith('.md'))
    .map((n) => `docs/${n}`)
    .filter((p) => !produced.has(p))
    .sort();
}

export function compareOutput(outDir: string, files: readonly OutputFile[]): Drift[] {
  const drift: Drift[] = [];
  for (const f of files) {
    const actual = readOrNull(join(outDir, f.path));
    if (actual !== f.content) drift.push({ path: f.path, actual, expected: f.content });
  }
  for (const p of staleFiles(outDir, files)) drift.push({ path: p, actual: readOrNull(join(outDir, p)), expected: null });
  return drift;
}

/** What a write did. The counts are of `files` only (written + unchanged = files.length); the
 *  extra files, which live outside the output folder, are listed on their own. */
export interface WriteSummary {
  /** Paths inside the output folder. */
  readonly written: string[];
  readonly unchanged: number;
  readonly removed: string[];
  /** Absolute paths of the extra files that changed. */
  readonly extraWritten: string[];
}

/** A file outside the output folder written in the same all-or-nothing batch (the lock file). */
export interface ExtraFile {
  readonly absPath: string;
  readonly content: string;
}

export function writeOutput(outDir: string, files: readonly OutputFile[], extra: readonly ExtraFile[] = []): WriteSummary {
  const drift = [
    ...compareOutput(outDir, files),
    ...extra.filter((x) => readOrNull(x.absPath) !== x.content).map((x) => ({ path: x.absPath, actual: null, expected: x.content, abs: true })),
  ];
  const changes = drift.filter((d) => d.expected !== null);
  const removed = drift.filter((d) => d.expected === null).map((d) => d.path);
  commitFiles(
    changes.map((d) => ({ dest: 'abs' in d ? d.path : join(outDir, d.path), content: d.expected ?? '' })),
    removed.map((p) => join(outDir, p)),
  );
  const written = changes.filter((d) => !('abs' in d)).map((d) => d.path);
  const extraWritten = changes.filter((d) => 'abs' in d).map((d) => d.path);
  return { written, unchanged: files.length - written.length, removed, extraWritten };
}

/**
 * Write `files` and delete `removals` as one batch: either all of it happens or none of it
 * does, and a failure throws. A destination that exists but is not a regular file (a folder
 * in the way) fails the batch before anything is touched. Contents go to temp files beside
 * their destinations; then each old file is moved aside and the new one renamed in, and only
 * when every rename has succeeded are the old files deleted. Any failure on the way removes
 * what was put in place, moves the old files back, and deletes the temp files and any folder
 * the batch created.
 */
export function commitFiles(files: readonly { dest: string; content: string }[], removals: readonly string[] = []): void {
  for (const f of files) {
    const st = lstatOrNull(f.dest);
    if (st !== null && st !== undefined && !st.isFile()) throw new Error(`${f.dest} exists and is not a regular file`);
  }
  const aside = (path: string) => join(dirname(path), `.${path.split('/').pop()}.${process.pid}.old`);
  const made: string[] = [];
  const temps: { tmp: string; dest: string }[] = [];
  const undo: { dest: string; old: string | null; placed: boolean }[] = [];
  try {
    for (const f of files) {
      const dir = mkdirSync(dirname(f.dest), { recursive: true });
      if (dir !== undefined) made.push(dir);
      const tmp = join(dirname(f.dest), `.${f.dest.split('/').pop()}.${process.pid}.tmp`);
      temps.push({ tmp, dest: f.dest });
      writeFileSync(tmp, f.content);
    }
    for (const t of temps) {
      const entry = { dest: t.dest, old: existsSync(t.dest) ? aside(t.dest) : null, placed: false };
      undo.push(entry);
      if (entry.old !== null) renameSync(t.dest, entry.old);
      renameSync(t.tmp, t.dest);
      entry.placed = true;
    }
    for (const r of removals) {
      const entry = { dest: r, old: aside(r), placed: false };
      undo.push(entry);
      renameSync(r, entry.old);
    }
  } catch (e) {
    for (const u of undo.reverse()) {
      if (u.placed) rmSync(u.dest, { force: true });
      if (u.old !== null && existsSync(u.old)) renameSync(u.old, u.dest);
    }
    for (const t of temps) rmSync(t.tmp, { force: true });
    for (const dir of made.reverse()) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  for (const u of undo) if (u.old !== null) rmSync(u.old, { force: true });
}

function lstatOrNull(path: string): ReturnType<typeof lstatSync> | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}
