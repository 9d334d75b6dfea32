// The command-line grammar: every command and option zxkit has, in one place, so --help
// and the README can be checked against it.
import { Command, Option } from 'commander';
import { basename, dirname, resolve } from 'node:path';
import { exportAbigen } from './abigen/export.js';
import { runImportCommand } from './abigen/command.js';
import type { DocsStyle } from './docs/styles.js';
import { runCc } from './cc.js';
import { C_PACKAGES, CXX_PACKAGES } from './toolchain.js';
import type { GenOptions } from './commands.js';
import { EXIT, printDiagnostics } from './report.js';
import { runDocsCommand } from './docs-sync/index.js';
import { runHtmlDocs } from './site/command.js';
import { readDefsFolder } from './defs-folder.js';
import { loadModel, packageRoot } from './load-model.js';
import { packageVersion } from './version.js';
import { GEN_DEFAULTS } from './regen-command.js';
import { InitError, initProject } from './init.js';
import { writeOutput } from './write.js';
import { runCommand } from './run-command.js';

export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  definition errors, drift found by check, or a failed write
  2  usage error (unknown command or option)

Colour is used only on a terminal; set NO_COLOR to turn it off.`;

export function buildProgram(): Command {
  const program = new Command('zxkit')
    .description('Generate TypeScript stubs, rights-checking wrappers and reference pages from YAML syscall definitions.')
    .version(packageVersion(), '-V, --version', 'print the zxkit version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .addHelpText('after', EXIT_CODES_HELP);
  const genOptions = (cmd: Command) => cmd
    .option('--defs <dir>', 'folder of YAML definitions', GEN_DEFAULTS.defs)
    .option('--out <dir>', 'output folder', GEN_DEFAULTS.out)
    .addOption(new Option('--docs-style <style>', 'reference page style').choices(['seed', 'abigen-2018']).default(GEN_DEFAULTS.docsStyle))
    .option('--site <dir>', 'also the HTML reference site in <dir> (regen writes it, check compares it); never unless given');
  genOptions(program.command('regen').description('regenerate every output file; writes only files whose bytes changed'))
    .option('--watch', 'regenerate whenever the definitions or templates change; print diagnostics and keep watching')
    .action(async (o: GenOptions & { watch?: boolean }) => {
      // regen and check load the backends (and ts-morph) here, not at the top: `docs --html` and
      // the other commands that need only the model never pay for them.
      if (o.watch) (await import('./watch.js')).watchRegen(o);
      else process.exitCode = (await import('./commands.js')).regen(o);
    });
  genOptions(program.command('check').description('regenerate in memory and compare with the output folder; exit 1 with a diff on drift'))
    .action(async (o: GenOptions) => { process.exitCode = (await import('./commands.js')).check(o); });
  program.command('import-abigen')
    .description('convert a legacy .abigen definitions file into zxkit YAML definitions')
    .argument('<file>', 'the .abigen file')
    .requiredOption('--out <dir>', 'folder to write the YAML definitions into')
    .option('--strict', 'treat warnings (defects that lose nothing, such as stray attribute words) as errors: exit 1 and write nothing')
    .action((file: string, o: { out: string; strict?: boolean }) => {
      process.exitCode = runImportCommand(file, o.out, o.strict === true);
    });
  program.command('export-abigen')
    .description('write zxkit YAML definitions back in the legacy .abigen format')
    .option('--defs <dir>', 'folder of YAML definitions', 'defs')
    .option('--out <file>', 'file to write (default: standard output)')
    .action((o: { defs: string; out?: string }) => {
      const folder = readDefsFolder(o.defs);
      if ('problem' in folder) {
        process.stderr.write(folder.problem);
        process.exitCode = EXIT.failed;
        return;
      }
      const { model, diagnostics } = loadModel(folder.sources);
      if (!model) {
        printDiagnostics(diagnostics);
        process.exitCode = EXIT.failed;
        return;
      }
      // The folder's name, not the path as typed: the file must not depend on the cwd or the spelling.
      const text = exportAbigen(model, { source: basename(resolve(o.defs)) });
      if (o.out === undefined) process.stdout.write(text);
      else writeOutput(dirname(resolve(o.out)), [], [{ absPath: resolve(o.out), content: text }]);
      process.exitCode = EXIT.ok;
    });
  program.command('docs')
    .description('sync hand-edited reference pages: rewrite only their generated regions (title, NAME, SYNOPSIS, RIGHTS, SEE ALSO, references); or build the HTML reference site (--html)')
    .option('--html <out>', 'build the static HTML reference site from the definitions into <out> (replaced whole; never half-written)')
    .option('--update <dir>', 'rewrite stale regions of the pages in <dir> and create missing pages')
    .option('--check <dir>', 'write nothing; exit 1 with a diff if a region is stale or was edited by hand, or a page is an orphan')
    .option('--prune', 'with --update: delete orphan pages (pages naming no syscall), in the same all-or-nothing write')
    .addOption(new Option('--compat <year>', 'reproduce the 2018 docs tool, quirks included').choices(['2018']))
    .option('--defs <dir>', 'folder of YAML definitions', 'defs')
    .addOption(new Option('--docs-style <style>', 'page style (default: abigen-2018 with --compat=2018, else seed)').choices(['seed', 'abigen-2018']))
    .action((o: { html?: string; update?: string; check?: string; prune?: boolean; compat?: string; defs: string; docsStyle?: DocsStyle }) => {
      if (o.html !== undefined) {
        process.exitCode = runHtmlDocs(o.html, o);
        return;
      }
      process.exitCode = runDocsCommand({
        dir: o.update ?? o.check ?? '',
        defs: o.defs,
        update: o.update !== undefined,
        check: o.check !== undefined,
        compat2018: o.compat === '2018',
        ...(o.prune ? { prune: true } : {}),
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
  program.command('playground')
    .description('serve a page to edit and run TypeScript against a kernel in the page, with a live kernel inspector; prints the URL')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '8023')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--site <dir|url>', 'reference site for failing calls: a folder built by `zxkit docs --html` (served under /site/) or its URL')
    .action(async (o: { port: string; host: string; site?: string }) => {
      process.exitCode = await runPlayground(o);
    });
  program.command('cc')
    .description('compile C or C++ to a wasm32-wasi program against the Zircon headers: clang --target=wasm32-wasi -I <the headers> [clang args]')
    .usage('[clang args] FILE... -o OUT.wasm')
    .argument('[clang-args...]', 'passed to clang (clang++ for C++ sources) as given')
    .allowUnknownOption()
    .helpOption('--help', 'display help for command')
    .addHelpText('after', `
Needs clang with the wasm32-wasi sysroot; on Debian: apt-get install ${C_PACKAGES.join(' ')}
(for C++ also ${CXX_PACKAGES.join(' ')}). Exit code: clang's; 2 without input files.`)
    .action((_args: string[], _o: unknown, cmd: Command) => { process.exitCode = runCc(cmd.args); });
  program.command('run')
    .description('run a wasm32-wasi program (from zxkit cc) as a process on a fresh kernel; its stdout and stderr pass through')
    .usage('OUT.wasm [args...]')
    .argument('<program>', 'the .wasm file')
    .argument('[args...]', 'the program\'s arguments (argv[1] on)')
    .allowUnknownOption()
    .addHelpText('after', `
Exit code: the program's (what main returns or exit() gives, 0-255); 1 when it traps, is
killed or exits with a code outside 0-255 (the reason goes to stderr).`)
    .action(async (_file: string, _args: string[], _o: unknown, cmd: Command) => {
      const [file, ...args] = cmd.args;
      try {
        process.exitCode = await runCommand(file!, args);
      } catch (e) {
        process.stderr.write(`zxkit run: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = EXIT.failed;
      }
    });
  return program;
}

/** Start the playground server and keep it running; 2 on a bad port, 1 when it cannot listen. */
async function runPlayground(o: { port: string; host: string; site?: string }): Promise<number> {
  const port = Number(o.port);
  if (!/^\d+$/.test(o.port) || port > 65535) {
    process.stderr.write(`zxkit playground: --port must be a number from 0 to 65535, got "${o.port}"\n`);
    return EXIT.usage;
  }
  // Loaded here, not at the top: the other commands never pay for esbuild.
  const { startPlayground } = await import('../playground/server.js');
  try {
    const pg = await startPlayground({ port, host: o.host, root: packageRoot(), ...(o.site === undefined ? {} : { site: o.site }) });
    process.stdout.write(`zxkit playground: serving on ${pg.url} (Ctrl+C to stop)\n`);
    return EXIT.ok;
  } catch (e) {
    process.stderr.write(`zxkit playground: cannot serve on ${o.host}:${port}: ${(e as Error).message}\n`);
    return EXIT.failed;
  }
}

