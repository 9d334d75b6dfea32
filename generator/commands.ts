// The regen and check commands: they print, and return an exit code; program.ts parses the
// arguments and cli.ts owns the process. The work is done by pipeline.ts (pure) and write.ts.
import { join, relative, resolve } from 'node:path';
import type { DocsStyle } from './docs/styles.js';
import { unifiedDiff } from './diff.js';
import { LOCK_FILE, formatLock, updateLock } from './lock.js';
import { readDefsFolder } from './defs-folder.js';
import { generate, loadModel, readLock, withNumbers } from './pipeline.js';
import { EXIT, printDiagnostics } from './report.js';
import { regenCommand, supportModule } from './regen-command.js';
import { compareOutput, writeOutput } from './write.js';
import { reportSiteDrift, siteOfOutput, writeSiteReporting } from './site/site-output.js';

export { EXIT, printDiagnostics };

export interface GenOptions {
  defs: string;
  out: string;
  docsStyle: DocsStyle;
  /** The HTML reference site's folder: written by regen, compared by check; absent, never touched. */
  site?: string;
}

function produce(o: GenOptions) {
  const defsDir = resolve(o.defs);
  const folder = readDefsFolder(o.defs);
  if ('problem' in folder) {
    process.stderr.write(`${folder.problem}zxkit: nothing written\n`);
    return null;
  }
  const { model, diagnostics } = loadModel(folder.sources, o.docsStyle);
  let lockState: ReturnType<typeof readLock> | undefined;
  try {
    lockState = readLock(defsDir);
  } catch (e) {
    diagnostics.push({ file: `${o.defs}/${LOCK_FILE}`, line: 1, col: 1, message: (e as Error).message });
  }
  if (!model || !lockState) {
    printDiagnostics(diagnostics);
    process.stderr.write(`zxkit: ${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'} in definitions; nothing written\n`);
    return null;
  }
  const lock = updateLock(lockState.lock, model);
  const numbered = withNumbers(model, lock);
  const lockFile = { absPath: join(defsDir, LOCK_FILE), content: formatLock(lock), before: lockState.text };
  return { model: numbered, lockFile, files: generate(numbered, { docsStyle: o.docsStyle, command: regenCommand(o), supportModule: supportModule(o), idiomaticSupportModule: supportModule(o, 'idiomatic'), wasmSupportModule: supportModule(o, 'wasm') }) };
}

export function regen(o: GenOptions): number {
  const started = performance.now();
  const result = produce(o);
  if (!result) return EXIT.failed;
  let summary;
  try {
    summary = writeOutput(resolve(o.out), result.files, [result.lockFile]);
  } catch (e) {
    // Every change goes to a temp file first; a failure here has renamed nothing into place.
    process.stderr.write(`zxkit: cannot write ${o.out}/: ${(e as Error).message}; previous output left as it was\n`);
    return EXIT.failed;
  }
  const ms = Math.round(performance.now() - started);
  const n = result.model.syscalls.length;
  process.stdout.write(
    `zxkit regen: ${n} syscalls, ${result.files.length} files in ${o.out}/: ${summary.written.length} written, ` +
    `${summary.unchanged} unchanged${summary.removed.length ? `, ${summary.removed.length} removed` : ''} (${ms} ms)\n`,
  );
  // Name the files when there are few, so a small edit shows what it touched.
  if (summary.written.length <= 12) {
    for (const p of summary.written) process.stdout.write(`  wrote ${o.out}/${p}\n`);
  }
  // The lock is outside the output folder (so not in the counts), and always named.
  for (const p of summary.extraWritten) process.stdout.write(`  wrote ${relative(process.cwd(), p) || p}\n`);
  for (const p of summary.removed) process.stdout.write(`  removed ${o.out}/${p}\n`);
  // The site is its own all-or-nothing write, after generated/ is in place.
  if (o.site !== undefined) return writeSiteReporting(o.site, siteOfOutput(result.model, result.files), 'zxkit regen --site');
  return EXIT.ok;
}

export function check(o: GenOptions): number {
  const result = produce(o);
  if (!result) return EXIT.failed;
  const out = resolve(o.out);
  const drift = compareOutput(out, result.files);
  if (result.lockFile.before !== result.lockFile.content) {
    const lockRel = relative(process.cwd(), result.lockFile.absPath);
    process.stdout.write(unifiedDiff(result.lockFile.before ?? '', result.lockFile.content, result.lockFile.before === null ? '/dev/null' : lockRel, lockRel));
    drift.push({ path: lockRel, actual: result.lockFile.before, expected: result.lockFile.content });
  }
  const siteDrift = o.site === undefined ? 0 : reportSiteDrift(o.site, siteOfOutput(result.model, result.files));
  if (siteDrift > 0) {
    process.stdout.write(`zxkit check: ${siteDrift} file${siteDrift === 1 ? '' : 's'} in ${o.site}/ differ from the definitions; run \`${withSite(regenCommand(o, process.cwd()), o.site)}\` to update them\n`);
  }
  if (drift.length === 0) {
    if (siteDrift > 0) return EXIT.failed;
    process.stdout.write(`zxkit check: ${o.out}/ is up to date (${result.files.length} files)${o.site === undefined ? '' : `, and so is ${o.site}/`}\n`);
    return EXIT.ok;
  }
  const rel = relative(process.cwd(), out) || '.';
  for (const d of drift.filter((x) => !x.path.endsWith(LOCK_FILE))) {
    process.stdout.write(unifiedDiff(d.actual ?? '', d.expected ?? '', d.actual === null ? '/dev/null' : `${rel}/${d.path}`, d.expected === null ? '/dev/null' : `${rel}/${d.path}`));
  }
  // Printed, not written: paths relative to where the user is, so the hint runs as shown.
  const fix = regenCommand(o, process.cwd());
  process.stdout.write(`zxkit check: ${drift.length} file${drift.length === 1 ? '' : 's'} in ${o.out}/ differ from the definitions; run \`${fix}\` to update them\n`);
  return EXIT.failed;
}

/** The regen command with `--site DIR` added (after `--` for an npm script). */
function withSite(command: string, site: string | undefined): string {
  return `${command}${command.startsWith('npm run') ? ' --' : ''} --site ${site}`;
}
