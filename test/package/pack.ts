// `npm pack` without touching the repository. prepack builds dist/ in the folder being packed,
// so the package is packed from a copy of the repository in a temp folder (node_modules linked,
// not copied): the tarball is the same, and the working tree keeps no dist/ behind.
import { execFileSync } from 'node:child_process';
import { cpSync, symlinkSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { repoRoot } from '../generator/helpers.js';

/** Git's data and what .gitignore lists (builds, and files other tests create while this copies). */
const NOT_COPIED = new Set(['.git', 'node_modules', 'dist', 'dist-gen', 'dist-bench', 'dist-fuzz', 'coverage', 'test/.readme-snippets']);
const copied = (from: string): boolean => {
  const parts = relative(repoRoot, from).split(/[\\/]/);
  return !NOT_COPIED.has(parts[0] ?? '') && !NOT_COPIED.has(parts.slice(0, 2).join('/'));
};

export interface Packed {
  /** Absolute path of the tarball, in `work`. */
  readonly tarball: string;
  /** Paths inside the package, as `npm pack` lists them. */
  readonly files: readonly string[];
}

/** Packs zxkit into `work` (the copy it builds from goes to `work/source`). */
export function packPackage(work: string): Packed {
  const source = join(work, 'source');
  cpSync(repoRoot, source, { recursive: true, filter: copied });
  symlinkSync(join(repoRoot, 'node_modules'), join(source, 'node_modules'), 'dir');
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: source, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  if (packed === undefined) throw new Error(`npm pack reported nothing: ${out}`);
  return { tarball: join(work, basename(packed.filename)), files: packed.files.map((f) => f.path) };
}
