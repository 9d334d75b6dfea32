// The command-line grammar: every command and option zxkit has, in one place, so --help
// and the README can be checked against it.
import { Command, Option } from 'commander';
import { dirname, resolve } from 'node:path';
import { exportAbigen } from './abigen/export.js';
import { importAbigenToDir } from './abigen/import.js';
import type { DocsStyle } from './backends/backend.js';
import { check, EXIT, printDiagnostics, regen, type GenOptions } from './commands.js';
import { runDocsCommand } from './docs-sync/index.js';
import { InitError, initProject } from './init.js';
import { defsSources, loadModel } from './pipeline.js';
import { watchRegen } from './watch.js';
import { writeOutput } from './write.js';

export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  definition errors, drift found by check, or a failed write
  2  usage error (unknown command or option)

Colour is used only on a terminal; set NO_COLOR to turn it off.`;

export function buildProgram(): Command {
  const program = new Command('zxkit')
    .description('Generate TypeScript stubs, rights-checking wrappers and reference pages from YAML syscall definitions.')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .addHelpText('after', EXIT_CODES_HELP);
  const genOptions = (cmd: Command) => cmd
    .option('--defs <dir>', 'folder of YAML definitions', 'defs')
    .option('--out <dir>', 'output folder', 'generated')
    .addOption(new Option('--docs-style <style>', 'reference page style').choices(['seed', 'abigen-2018']).default('seed'));
  genOptions(program.command('regen').description('regenerate every output file; writes only files whose bytes changed'))
    .option('--watch', 'regenerate whenever the definitions or templates change; print diagnostics and keep watching')
    .action((o: GenOptions & { watch?: boolean }) => {
      if (o.watch) watchRegen(o);
      else process.exitCode = regen(o);
    });
  genOptions(program.command('check').description('regenerate in memory and compare with the output folder; exit 1 with a diff on drift'))
    .action((o: GenOptions) => { process.exitCode = check(o); });
  program.command('import-abigen')
    .description('convert a legacy .abigen definitions file into zxkit YAML definitions')
    .argument('<file>', 'the .abigen file')
    .requiredOption('--out <dir>', 'folder to write the YAML definitions into')
    .action((file: string, o: { out: string }) => {
      const diagnostics = importAbigenToDir(file, o.out);
      printDiagnostics(diagnostics);
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
        printDiagnostics(diagnostics);
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
  program.command('init')
    .description('start a project for an ABI of your own: defs/ with an object type, a right and two syscalls, a kernel core on zxkit/runtime, a test')
    .argument('<dir>', 'folder to create (it must not exist, or be empty)')
    .action((dir: string) => {
      try {
        const { files } = initProject(dir);
        process.stdout.write(`zxkit init: wrote ${files.length} files in ${dir}/\nNext: cd ${dir} && npm install && npm run regen && npm test\n`);
        process.exitCode = EXIT.ok;
      } catch (e) {
        // A refusal, or a filesystem failure (commitFiles has undone its writes): a message, no stack.
        const why = e instanceof InitError ? e.message : `cannot write ${dir}: ${(e as Error).message}`;
        process.stderr.write(`zxkit init: ${why}; nothing was written\n`);
        process.exitCode = EXIT.failed;
      }
    });
  return program;
}

