// The site as an output of a command: written with one line of report (`docs --html`,
// `regen --site DIR`), or compared with what is on disk (`check --site DIR`). Process output
// only; the work is in build.ts and write-site.ts.
import { relative, resolve } from 'node:path';
import type { OutputFile } from '../backends/backend.js';
import { unifiedDiff } from '../diff.js';
import type { Model } from '../model.js';
import { paths } from '../names.js';
import { buildSite, type SiteFile } from './build.js';
import { compareSite, SiteRefusal, writeSite } from './write-site.js';

/** The site of a regen run, built from the Markdown pages among its output files. */
export function siteOfOutput(model: Model, files: readonly OutputFile[]): SiteFile[] {
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  return buildSite(model, new Map(model.syscalls.map((sc) => [sc.name, byPath.get(paths.doc(sc)) ?? ''])));
}

/** Writes a built site, printing one line; returns the exit code. */
export function writeSiteReporting(out: string, files: readonly SiteFile[], who: string): number {
  let outcome;
  try {
    outcome = writeSite(resolve(out), files);
  } catch (e) {
    const why = e instanceof SiteRefusal ? e.message : `cannot write ${out}/: ${(e as Error).message}`;
    process.stderr.write(`${who}: ${why}; ${out}/ left as it was\n`);
    return 1;
  }
  const pages = files.filter((f) => f.path.endsWith('.html')).length;
  process.stdout.write(`${who}: ${pages} pages, ${files.length} files in ${out}/: ${outcome === 'written' ? 'written' : 'unchanged'}\n`);
  return 0;
}

/**
 * For `check --site DIR`: a diff per changed file, one line per missing or extra file (a whole
 * page as a diff would bury the rest); returns how many files differ.
 */
export function reportSiteDrift(out: string, files: readonly SiteFile[]): number {
  const drift = compareSite(resolve(out), files);
  const rel = relative(process.cwd(), resolve(out)) || '.';
  for (const d of drift) {
    if (d.actual === null) process.stdout.write(`missing: ${rel}/${d.path}\n`);
    else if (d.expected === null) process.stdout.write(`not part of the site: ${rel}/${d.path}\n`);
    else process.stdout.write(unifiedDiff(d.actual, d.expected, `${rel}/${d.path}`, `${rel}/${d.path}`));
  }
  return drift.length;
}
