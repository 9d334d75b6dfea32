// The published package as a user gets it: `npm pack` (prepack builds dist/), then installed into
// a fresh project. The build runs in a copy of the repository, so no dist/ is left in it.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { repoRoot } from '../generator/helpers.js';

export const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Git's data and what .gitignore lists (builds, and files other tests create while this copies). */
const NOT_COPIED = new Set(['.git', 'node_modules', 'dist', 'dist-gen', 'dist-bench', 'dist-fuzz', 'coverage', 'test/.readme-snippets']);
const copied = (from: string): boolean => {
  const parts = relative(repoRoot, from).split(/[\\/]/);
  return !NOT_COPIED.has(parts[0] ?? '') && !NOT_COPIED.has(parts.slice(0, 2).join('/'));
};

export interface Packed {
  /** Absolute path of the .tgz. */
  tarball: string;
  /** Paths inside the package, as `npm pack --json` lists them. */
  files: string[];
}

/** Packs the package into `work`, building it in `work/src` (a copy of the repository). */
export function packPackage(work: string): Packed {
  const src = join(work, 'src');
  cpSync(repoRoot, src, { recursive: true, filter: copied });
  symlinkSync(join(repoRoot, 'node_modules'), join(src, 'node_modules'), 'dir');
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], src)) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(work, packed[0].filename), files: packed[0].files.map((f) => f.path) };
}

/** A fresh ESM project in `dir` with the packed package (and `extra` packages) installed from npm. */
export function installInto(dir: string, tarball: string, extra: string[] = []): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', type: 'module', private: true }));
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, ...extra], dir);
}

/**
 * The folder holding `node_modules/<name>` at exactly `version`, installed from the registry once
 * per machine (kept in the OS temp folder, keyed by name and version) so reruns are fast.
 */
export function cachedPackage(name: string, version: string): string {
  const dir = join(tmpdir(), 'zxkit-npm-cache', `${name.replace('/', '+')}@${version}`);
  if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return dir;
  // Installed beside, then renamed into place: an interrupted install is never taken for a cache hit.
  const partial = `${dir}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  writeFileSync(join(partial, 'package.json'), JSON.stringify({ name: 'cache', version: '1.0.0', private: true }));
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-exact', `${name}@${version}`], partial);
  try {
    renameSync(partial, dir);
  } catch (e) {
    // Another run finished the same install first: use its copy.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(join(dir, 'node_modules', name, 'package.json'))) throw e;
  }
  return dir;
}
