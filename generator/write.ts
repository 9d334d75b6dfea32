// The only module that touches the output folder. Writes are all-or-nothing in practice:
// every changed file goes to a temp file first, and only when all of them are written are
// they renamed into place, so a failure leaves the previous output intact.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OutputFile } from './backends/backend.js';

export interface Drift {
  readonly path: string;
  /** What is on disk now; null when the file is missing. */
  readonly actual: string | null;
  /** What the generator produces; null when the file should not exist. */
  readonly expected: string | null;
}

function readOrNull(path: string): string | null {
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

export interface WriteSummary {
  readonly written: string[];
  readonly unchanged: number;
  readonly removed: string[];
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
  const temps: { tmp: string; dest: string }[] = [];
  try {
    for (const d of changes) {
      const dest = 'abs' in d ? d.path : join(outDir, d.path);
      mkdirSync(dirname(dest), { recursive: true });
      const tmp = join(dirname(dest), `.${d.path.split('/').pop()}.${process.pid}.tmp`);
      temps.push({ tmp, dest });
      writeFileSync(tmp, d.expected ?? '');
    }
  } catch (e) {
    for (const t of temps) rmSync(t.tmp, { force: true });
    throw e;
  }
  for (const t of temps) renameSync(t.tmp, t.dest);
  const removed = drift.filter((d) => d.expected === null).map((d) => d.path);
  for (const p of removed) unlinkSync(join(outDir, p));
  return { written: changes.map((d) => d.path), unchanged: files.length + extra.length - changes.length, removed };
}
