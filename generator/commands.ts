// The regen and check commands: they print, and return an exit code; program.ts parses the
// arguments and cli.ts owns the process. The work is done by pipeline.ts (pure) and write.ts.
import { join, relative, resolve } from 'node:path';
import type { DocsStyle } from './backends/backend.js';
import { formatDiagnostic, type Diagnostic } from './diagnostics.js';
import { paint } from './output.js';
import { unifiedDiff } from './diff.js';
import { LOCK_FILE, formatLock, updateLock } from './lock.js';
import { defsSources, generate, loadModel, missingDefsFolder, readLock, withNumbers } from './pipeline.js';
import { compareOutput, writeOutput } from './write.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface GenOptions {
  defs: string;
  out: string;
  docsStyle: DocsStyle;
}

/** The command quoted in generated headers: stable, so regen and check agree byte for byte. */
function commandFor(name: string, o: GenOptions): string {
  const isDefault = o.defs === 'defs' && o.out === 'generated' && o.docsStyle === 'seed';
  if (isDefault) return `npm run regen`;
  const style = o.docsStyle === 'seed' ? '' : ` --docs-style ${o.docsStyle}`;
  return `zxkit ${name} --defs ${o.defs} --out ${o.out}${style}`;
}

function produce(o: GenOptions) {
  const defsDir = resolve(o.defs);
  const missing = missingDefsFolder(o.defs);
  if (missing) {
    process.stderr.write(`${missing}zxkit: nothing written\n`);
    return null;
  }
  let sources;
  try {
    sources = defsSources(defsDir);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (e as Error).message;
    printDiagnostics([{ file: o.defs, line: 1, col: 1, message: `cannot read the definitions folder: ${reason}` }]);
    process.stderr.write('zxkit: nothing written\n');
    return null;
  }
  const { model, diagnostics } = loadModel(sources, o.docsStyle);
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
  return { model: numbered, lockFile, files: generate(numbered, { docsStyle: o.docsStyle, command: commandFor('regen', o) }) };
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
    for (const p of summary.written) process.stdout.write(`  wrote ${p.startsWith('/') ? relative(process.cwd(), p) : `${o.out}/${p}`}\n`);
  }
  for (const p of summary.removed) process.stdout.write(`  removed ${o.out}/${p}\n`);
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
  if (drift.length === 0) {
    process.stdout.write(`zxkit check: ${o.out}/ is up to date (${result.files.length} files)\n`);
    return EXIT.ok;
  }
  const rel = relative(process.cwd(), out) || '.';
  for (const d of drift.filter((x) => !x.path.endsWith(LOCK_FILE))) {
    process.stdout.write(unifiedDiff(d.actual ?? '', d.expected ?? '', d.actual === null ? '/dev/null' : `${rel}/${d.path}`, d.expected === null ? '/dev/null' : `${rel}/${d.path}`));
  }
  const fix = commandFor('regen', o);
  process.stdout.write(`zxkit check: ${drift.length} file${drift.length === 1 ? '' : 's'} in ${o.out}/ differ from the definitions; run \`${fix}\` to update them\n`);
  return EXIT.failed;
}

/** Diagnostics to stderr, the position in bold and the message in red when colour is on. */
export function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  const c = paint(process.stderr);
  for (const d of diagnostics) {
    const text = formatDiagnostic(d);
    const at = `${d.file}:${d.line}:${d.col}:`;
    process.stderr.write(`${c.bold(at)}${c.red(text.slice(at.length))}\n`);
  }
}
