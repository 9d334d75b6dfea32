#!/usr/bin/env node
// The zxkit command line: all process I/O (arguments, stdout/stderr, exit codes) lives here;
// the work is done by pipeline.ts (pure) and write.ts (disk).
import { Command, CommanderError, Option } from 'commander';
import { dirname, join, relative, resolve } from 'node:path';
import type { DocsStyle } from './backends/backend.js';
import { formatDiagnostic } from './diagnostics.js';
import { exportAbigen } from './abigen/export.js';
import { importAbigenToDir } from './abigen/import.js';
import { runDocsCommand } from './docs-sync/index.js';
import { unifiedDiff } from './diff.js';
import { LOCK_FILE, formatLock, updateLock } from './lock.js';
import { defsSources, generate, loadModel, readLock, withNumbers } from './pipeline.js';
import { compareOutput, writeOutput } from './write.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

interface GenOptions {
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
  const sources = defsSources(defsDir);
  const { model, diagnostics } = loadModel(sources);
  let lockState: ReturnType<typeof readLock> | undefined;
  try {
    lockState = readLock(defsDir);
  } catch (e) {
    diagnostics.push({ file: `${o.defs}/${LOCK_FILE}`, line: 1, col: 1, message: (e as Error).message });
  }
  if (!model || !lockState) {
    for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    process.stderr.write(`zxkit: ${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'} in definitions; nothing written\n`);
    return null;
  }
  const lock = updateLock(lockState.lock, model);
  const numbered = withNumbers(model, lock);
  const lockFile = { absPath: join(defsDir, LOCK_FILE), content: formatLock(lock), before: lockState.text };
  return { model: numbered, lockFile, files: generate(numbered, { docsStyle: o.docsStyle, command: commandFor('regen', o) }) };
}

function regen(o: GenOptions): number {
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

function check(o: GenOptions): number {
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

export function buildProgram(): Command {
  const program = new Command('zxkit')
    .description('Generate TypeScript stubs, rights-checking wrappers and reference pages from YAML syscall definitions.')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const genOptions = (cmd: Command) => cmd
    .option('--defs <dir>', 'folder of YAML definitions', 'defs')
    .option('--out <dir>', 'output folder', 'generated')
    .addOption(new Option('--docs-style <style>', 'reference page style').choices(['seed', 'abigen-2018']).default('seed'));
  genOptions(program.command('regen').description('regenerate every output file; writes only files whose bytes changed'))
    .action((o: GenOptions) => { process.exitCode = regen(o); });
  genOptions(program.command('check').description('regenerate in memory and compare with the output folder; exit 1 with a diff on drift'))
    .action((o: GenOptions) => { process.exitCode = check(o); });
  program.command('import-abigen')
    .description('convert a legacy .abigen definitions file into zxkit YAML definitions')
    .argument('<file>', 'the .abigen file')
    .requiredOption('--out <dir>', 'folder to write the YAML definitions into')
    .action((file: string, o: { out: string }) => {
      const diagnostics = importAbigenToDir(file, o.out);
      for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
      if (diagnostics.length === 0) process.stdout.write(`zxkit import-abigen: wrote ${o.out}/\n`);
      process.exitCode = diagnostics.length === 0 ? EXIT.ok : EXIT.failed;
    });
  program.command('export-abigen')
    .description('write zxkit YAML definitions back in the legacy .abigen format')
    .option('--defs <dir>', 'folder of YAML definitions', 'defs')
    .option('--out <file>', 'file to write (default: standard output)')
    .action((o: { defs: string; out?: string }) => {
      const { model, diagnostics } = loadModel(defsSources(resolve(o.defs)));
      if (!model) {
        for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
        process.exitCode = EXIT.failed;
        return;
      }
      const text = exportAbigen(model, { source: o.defs });
      if (o.out === undefined) process.stdout.write(text);
      else writeOutput(dirname(resolve(o.out)), [], [{ absPath: resolve(o.out), content: text }]);
      process.exitCode = EXIT.ok;
    });
  program.command('docs')
    .description('sync hand-edited reference pages: rewrite only their generated regions (title, NAME, SYNOPSIS, RIGHTS, SEE ALSO, references)')
    .option('--update <dir>', 'rewrite stale regions of the pages in <dir> and create missing pages')
    .option('--check <dir>', 'write nothing; exit 1 with a diff if a region is stale or was edited by hand')
    .addOption(new Option('--compat <year>', 'reproduce the 2018 docs tool, quirks included').choices(['2018']))
    .option('--defs <dir>', 'folder of YAML definitions', 'defs')
    .addOption(new Option('--docs-style <style>', 'page style (default: abigen-2018 with --compat=2018, else seed)').choices(['seed', 'abigen-2018']))
    .action((o: { update?: string; check?: string; compat?: string; defs: string; docsStyle?: DocsStyle }) => {
      process.exitCode = runDocsCommand({
        dir: o.update ?? o.check ?? '',
        defs: o.defs,
        update: o.update !== undefined,
        check: o.check !== undefined,
        compat2018: o.compat === '2018',
        ...(o.docsStyle ? { style: o.docsStyle } : {}),
      });
    });
  return program;
}

export function main(argv: string[]): void {
  const program = buildProgram();
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0 through here; real usage errors are exit 2.
      process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    throw e;
  }
}

// A closed pipe (`zxkit check | head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2));
