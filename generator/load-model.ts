// Definition sources to a model (or diagnostics), and where they come from: the first half of
// the pipeline. It loads no backend, so commands that need only the model (`docs --html`,
// `docs --update`, `export-abigen`) never load ts-morph; pipeline.ts adds the backends.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocsStyle } from './docs/styles.js';
import { buildModel, type ParsedFile } from './build-model.js';
import { sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { lint, lintForStyle } from './lint.js';
import { EMPTY_LOCK, LOCK_FILE, parseLock, type SyscallLock } from './lock.js';
import { parseSource, readDefsDir, readSource, type SourceFile } from './load.js';
import type { Model } from './model.js';
import { validateShape } from './validate.js';

export interface LoadResult {
  readonly model: Model | null;
  readonly diagnostics: Diagnostic[];
}

/** zxkit's own folder (where package.json is), found from this module in src or dist. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'defs', 'types.yaml'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('zxkit: cannot find its own defs/types.yaml');
    dir = up;
  }
  return dir;
}

/**
 * What to print when the definitions folder does not exist, or null when it does. A missing
 * folder has no line to point at, so this names the folder as given and as resolved, and the
 * two ways on: point elsewhere, or start a project.
 */
export function missingDefsFolder(spelled: string): string | null {
  const abs = resolve(spelled);
  if (existsSync(abs)) return null;
  const where = abs === spelled ? abs : `${spelled} (${abs})`;
  return `zxkit: no definitions folder ${where}\n` +
    'zxkit: point to yours with --defs DIR, or start a new project with `zxkit init DIR`\n';
}

/** The sources of a defs folder, plus zxkit's shared types when the folder has none of its own. */
export function defsSources(defsDir: string): SourceFile[] {
  const own = readDefsDir(defsDir);
  if (own.some((f) => f.stem === 'types')) return own;
  return [readSource(join(packageRoot(), 'defs', 'types.yaml')), ...own];
}

/**
 * Sources to a model, or to diagnostics. With `docsStyle`, also what that page style needs
 * of the definitions (the seed style needs a summary per syscall); without it, only the model.
 */
export function loadModel(sources: readonly SourceFile[], docsStyle?: DocsStyle): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const parsed: ParsedFile[] = [];
  for (const src of sources) {
    const file = parseSource(src, diagnostics);
    if (!file) continue;
    const data = validateShape(file, diagnostics);
    if (data) parsed.push({ file, data });
  }
  // Names are resolved only when every file has a valid shape: a file dropped for a shape
  // error would otherwise make every name it declares look unknown elsewhere.
  if (diagnostics.length) return { model: null, diagnostics: sortDiagnostics(diagnostics) };
  const model = buildModel(parsed, diagnostics);
  if (diagnostics.length === 0) {
    lint(model, diagnostics);
    if (docsStyle !== undefined) lintForStyle(model, docsStyle, diagnostics);
  }
  return { model: diagnostics.length ? null : model, diagnostics: sortDiagnostics(diagnostics) };
}

/** The model with each syscall's stable number from the (already updated) lock. */
export function withNumbers(model: Model, lock: SyscallLock): Model {
  return { ...model, syscalls: model.syscalls.map((sc) => ({ ...sc, number: lock.numbers[sc.name] })) };
}

/** The lock of a defs folder, or an empty one when the folder has none yet. */
export function readLock(defsDir: string): { lock: SyscallLock; text: string | null } {
  const path = join(defsDir, LOCK_FILE);
  if (!existsSync(path)) return { lock: EMPTY_LOCK, text: null };
  const text = readFileSync(path, 'utf8');
  return { lock: parseLock(text), text };
}
