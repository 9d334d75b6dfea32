// `zxkit docs --update DIR` / `zxkit docs --check DIR`: loads the definitions, runs the
// sync and prints what happened. All process output of the docs sync lives here.
import { join, resolve } from 'node:path';
import type { DocsStyle } from '../docs/styles.js';
import { formatDiagnostic } from '../diagnostics.js';
import { unifiedDiff } from '../diff.js';
import { readDefsFolder } from '../defs-folder.js';
import { loadModel } from '../load-model.js';
import { describeChangedRegion } from './hand-edits.js';
import { syncDocs, type Problem, type SyncResult } from './sync.js';

export interface DocsCommandArgs {
  /** The pages' folder, as the user typed it (used in messages). */
  readonly dir: string;
  /** The definitions folder. */
  readonly defs: string;
  readonly update: boolean;
  readonly check: boolean;
  readonly compat2018: boolean;
  /** Page style; undefined picks abigen-2018 with compat2018, seed otherwise. */
  readonly style?: DocsStyle;
  /** With update: delete orphan pages. */
  readonly prune?: boolean;
}

export interface DocsCommandIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

const processIO: DocsCommandIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

/** Runs the command; returns the exit status (0 ok, 1 stale/failed, 2 usage). */
export function runDocsCommand(args: DocsCommandArgs, io: DocsCommandIO = processIO): number {
  if (args.update === args.check) {
    io.stderr('zxkit docs: give exactly one of --update DIR or --check DIR\n');
    return 2;
  }
  if (args.prune && (!args.update || args.compat2018)) {
    io.stderr('zxkit docs: --prune goes with --update, and not with --compat 2018 (the 2018 tool deleted nothing)\n');
    return 2;
  }
  const folder = readDefsFolder(args.defs);
  if ('problem' in folder) {
    io.stderr(folder.problem);
    return 1;
  }
  const style = args.style ?? (args.compat2018 ? 'abigen-2018' : 'seed');
  const { model, diagnostics } = loadModel(folder.sources, style);
  if (model === null) {
    for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
    io.stderr(`zxkit docs: ${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'} in definitions; no page read\n`);
    return 1;
  }
  let result: SyncResult;
  try {
    result = syncDocs(model, resolve(args.dir), {
      mode: args.update ? 'update' : 'check',
      compat2018: args.compat2018,
      style,
      ...(args.prune ? { prune: true } : {}),
    });
  } catch (e) {
    io.stderr(`zxkit docs: ${args.dir}: ${(e as Error).message}\n`);
    return 1;
  }
  report(result, args, style, io);
  return result.exitCode;
}

function report(result: SyncResult, args: DocsCommandArgs, style: DocsStyle, io: DocsCommandIO): void {
  const path = (file: string): string => (file === '' ? args.dir : join(args.dir, file));
  // Every fix hint repeats the options that chose the definitions and the style.
  const flags = `${args.defs === 'defs' ? '' : ` --defs ${args.defs}`}${args.compat2018 ? ' --compat=2018' : ''}` +
    `${args.style === undefined ? '' : ` --docs-style ${style}`}`;
  for (const p of result.problems) io.stderr(`${formatProblem(p, path)}\n`);
  if (result.options.mode === 'check') {
    for (const c of result.changed) for (const r of c.regions) io.stderr(`${path(c.file)}:${r.line}: ${describeChangedRegion(r)}\n`);
  }
  const pruned = new Set(result.removed);
  for (const o of result.orphans.filter((x) => !pruned.has(x.file))) {
    io.stderr(`${path(o.file)}: ${o.kind === 'page' ? 'names no syscall (orphan page)' : 'not a reference page (not .md)'}\n`);
  }
  const orphanPages = result.orphans.filter((o) => o.kind === 'page' && !pruned.has(o.file)).length;
  if (orphanPages > 0 && !args.compat2018) {
    const them = orphanPages === 1 ? 'it' : 'them';
    io.stderr(`zxkit docs: ${orphanPages} orphan page${orphanPages === 1 ? '' : 's'} in ${args.dir}/ (--check fails on ${them}): ` +
      `delete ${them}, or run \`zxkit docs --update ${args.dir} --prune${flags}\`\n`);
  }
  if (result.abortedAt !== undefined) {
    io.stderr(`zxkit docs: stopped at ${result.abortedAt} as the 2018 tool did; earlier pages were already rewritten\n`);
  }
  const total = result.changed.length + result.created.length + result.unchanged.length;
  if (result.options.mode === 'check') {
    for (const c of result.created) io.stdout(unifiedDiff('', c.text, '/dev/null', path(c.file)));
    for (const c of result.changed) io.stdout(unifiedDiff(c.old, c.new, path(c.file), path(c.file)));
    const stale = result.changed.length + result.created.length;
    if (result.exitCode === 0) io.stdout(`zxkit docs --check: ${args.dir}/ is up to date (${total} pages)\n`);
    else if (stale > 0) {
      io.stdout(`zxkit docs --check: ${stale} page${stale === 1 ? ' differs' : 's differ'} in ${args.dir}/ from the definitions; ` +
        `run \`zxkit docs --update ${args.dir}${flags}\` to update them\n`);
    }
    return;
  }
  const errors = result.problems.some((p) => p.severity === 'error');
  if (errors && !result.options.compat2018) {
    io.stderr(`zxkit docs --update: nothing written to ${args.dir}/\n`);
    return;
  }
  io.stdout(`zxkit docs --update: ${total} pages in ${args.dir}/: ${result.changed.length} updated, ` +
    `${result.created.length} created, ${result.unchanged.length} unchanged` +
    `${result.removed.length > 0 ? `, ${result.removed.length} orphan${result.removed.length === 1 ? '' : 's'} removed` : ''}\n`);
  for (const file of result.written) io.stdout(`  wrote ${path(file)}\n`);
  for (const file of result.removed) io.stdout(`  removed ${path(file)}\n`);
}

export function formatProblem(p: Problem, path: (file: string) => string): string {
  return `${path(p.file)}${p.line === undefined ? '' : `:${p.line}`}: ${p.message}`;
}
