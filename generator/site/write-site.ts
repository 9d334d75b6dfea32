// Writing the site is all-or-nothing: every file goes into a temp folder beside OUT, which
// then takes OUT's place in two renames (the old folder is kept aside until the new one is in).
// A failure at any step leaves OUT as it was and no temp folder behind. OUT is only ever
// replaced when it is missing, empty, or a site zxkit wrote (it holds the stamp file), so a
// mistyped path never loses somebody's folder.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readOrNull, type Drift } from '../write.js';
import type { SiteFile } from './build.js';
import { SITE_PATHS } from './urls.js';

/** OUT exists and is not something zxkit may replace; nothing was written. */
export class SiteRefusal extends Error {}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]);
}

/** How the folder on disk differs from the site: changed, missing and extra files, by path. */
export function compareSite(outDir: string, files: readonly SiteFile[]): Drift[] {
  const drift: Drift[] = [];
  for (const f of files) {
    const actual = readOrNull(join(outDir, f.path));
    if (actual !== f.content) drift.push({ path: f.path, actual, expected: f.content });
  }
  if (existsSync(outDir) && statSync(outDir).isDirectory()) {
    const produced = new Set(files.map((f) => f.path));
    for (const p of filesUnder(outDir).sort()) if (!produced.has(p)) drift.push({ path: p, actual: readOrNull(join(outDir, p)), expected: null });
  }
  return drift;
}

function assertReplaceable(outDir: string): void {
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) throw new SiteRefusal(`${outDir} exists and is not a folder`);
  if (readdirSync(outDir).length > 0 && !existsSync(join(outDir, SITE_PATHS.stamp))) {
    throw new SiteRefusal(`${outDir} is not empty and is not a site zxkit wrote (no ${SITE_PATHS.stamp}); choose a new or empty folder`);
  }
}

/** Writes the site into `outDir`; 'unchanged' (writing nothing) when it is already there byte for byte. */
export function writeSite(outDir: string, files: readonly SiteFile[]): 'written' | 'unchanged' {
  assertReplaceable(outDir);
  if (existsSync(outDir) && compareSite(outDir, files).length === 0) return 'unchanged';
  const tmp = join(dirname(outDir), `.${basename(outDir)}.${process.pid}.tmp`);
  const old = join(dirname(outDir), `.${basename(outDir)}.${process.pid}.old`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    // The stamp goes last: a folder holding it was written completely.
    const stampLast = [...files].sort((a, b) => Number(a.path === SITE_PATHS.stamp) - Number(b.path === SITE_PATHS.stamp));
    for (const f of stampLast) {
      mkdirSync(dirname(join(tmp, f.path)), { recursive: true });
      writeFileSync(join(tmp, f.path), f.content);
    }
    if (!existsSync(outDir)) {
      renameSync(tmp, outDir);
      return 'written';
    }
    renameSync(outDir, old);
    try {
      renameSync(tmp, outDir);
    } catch (e) {
      renameSync(old, outDir);
      throw e;
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
  return 'written';
}
