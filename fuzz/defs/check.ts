// What every malformed input must get: a diagnostic that carries a position, never an uncaught
// exception; and, through the real CLI, exit code 1 with nothing written (the previous output
// folder and the lock file byte for byte as they were, no temp files left).
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importAbigen } from '../../generator/abigen/import.js';
import type { Diagnostic } from '../../generator/diagnostics.js';
import type { SourceFile } from '../../generator/load.js';
import { generate, loadModel, packageRoot } from '../../generator/pipeline.js';
import type { DefsCase } from './cases.js';

export class DefsViolation extends Error {
  override name = 'DefsViolation';
}

export interface Outcome {
  /** The input was refused with diagnostics (a malformed input). */
  readonly rejected: boolean;
  readonly ms: number;
  /** abigen cases: the importer's output did not load (reported, not a crash). */
  readonly importOutputRejected?: boolean;
}

const HANG_MS = 20_000;

function checkPositions(diags: readonly Diagnostic[], files: ReadonlyMap<string, string>, what: string): void {
  if (diags.length === 0) throw new DefsViolation(`${what}: rejected without any diagnostic`);
  for (const d of diags) {
    const text = files.get(d.file);
    const ok =
      typeof d.message === 'string' && d.message.length > 0 &&
      Number.isInteger(d.line) && Number.isInteger(d.col) && d.line >= 1 && d.col >= 1 &&
      text !== undefined && d.line <= text.split('\n').length + 1;
    if (!ok) throw new DefsViolation(`${what}: diagnostic without a valid position: ${JSON.stringify(d)}`);
  }
}

const crash = (what: string, e: unknown): DefsViolation =>
  new DefsViolation(`${what} threw instead of reporting a diagnostic: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);

/** In memory: loadModel (and generate, when `generateAccepted` and the input loads). */
export function checkCase(c: DefsCase, generateAccepted: boolean, typesSource: SourceFile): Outcome {
  const t0 = performance.now();
  let rejected: boolean;
  let importOutputRejected: boolean | undefined;
  if (c.abigen !== undefined) {
    let r: ReturnType<typeof importAbigen>;
    try {
      r = importAbigen(c.abigen, 'fuzz.abigen');
    } catch (e) {
      throw crash('importAbigen', e);
    }
    rejected = r.diagnostics.length > 0;
    if (rejected) checkPositions(r.diagnostics, new Map([['fuzz.abigen', c.abigen]]), 'importAbigen');
    if (r.files.length > 0) {
      const sources = [typesSource, ...r.files.map((f) => ({ path: `imported/${f.path}`, stem: f.path.replace(/\.yaml$/, ''), text: f.content }))];
      let loaded: ReturnType<typeof loadModel>;
      try {
        loaded = loadModel(sources);
      } catch (e) {
        throw crash('loadModel of the importer output', e);
      }
      if (!loaded.model) {
        checkPositions(loaded.diagnostics, new Map(sources.map((s) => [s.path, s.text])), 'loadModel of the importer output');
        // A clean import must produce definitions zxkit loads; a damaged input may not (and
        // import-abigen then writes nothing).
        if (!rejected) throw new DefsViolation(`importAbigen reported nothing, yet its output does not load: ${loaded.diagnostics.slice(0, 3).map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`).join('; ')}`);
      }
      importOutputRejected = !loaded.model;
    }
  } else {
    let r: ReturnType<typeof loadModel>;
    try {
      r = loadModel(c.sources);
    } catch (e) {
      throw crash('loadModel', e);
    }
    rejected = r.model === null;
    if (rejected) checkPositions(r.diagnostics, new Map(c.sources.map((s) => [s.path, s.text])), 'loadModel');
    else if (r.diagnostics.length > 0) throw new DefsViolation(`loadModel returned a model and ${r.diagnostics.length} diagnostics`);
    else if (generateAccepted) {
      try {
        generate(r.model!, { docsStyle: 'seed', command: 'zxkit regen' });
      } catch (e) {
        throw crash('generate (the input loaded)', e);
      }
    }
  }
  const ms = performance.now() - t0;
  if (ms > HANG_MS) throw new DefsViolation(`${c.kind}: took ${Math.round(ms)} ms`);
  return { rejected, ms, ...(importOutputRejected !== undefined ? { importOutputRejected } : {}) };
}

// ---- the real CLI ----------------------------------------------------------------------------

/** The built zxkit CLI (dist-gen when running from source, the sibling build when compiled). */
export function cliPath(): string {
  const here = fileURLToPath(import.meta.url);
  const cli = here.endsWith('.ts') ? join(packageRoot(), 'dist-gen', 'generator', 'cli.js') : join(dirname(here), '..', '..', 'generator', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build:gen`);
  return cli;
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath(), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every file under `dir` (relative path -> content), folders marked, for before/after checks. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const rel = relative(dir, p);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out.set(rel, `<link ${readlinkSync(p)}>`);
      else if (st.isDirectory()) {
        out.set(`${rel}/`, '<dir>');
        walk(p);
      } else if (st.isFile()) out.set(rel, readFileSync(p, 'latin1'));
      else out.set(rel, '<special>');
    }
  };
  walk(dir);
  return out;
}

export function sameSnapshot(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): string | null {
  for (const [k, v] of a) {
    if (!b.has(k)) return `${k} was removed`;
    if (b.get(k) !== v) return `${k} changed`;
  }
  for (const k of b.keys()) if (!a.has(k)) return `${k} appeared`;
  return null;
}

/** stderr of a failed run: positioned diagnostics and zxkit's summary lines, never a stack trace. */
export function checkStderr(what: string, r: CliResult): void {
  // A stack trace, or an error that is not a positioned diagnostic, means an uncaught exception.
  if (/^\s+at .+[:(]\d+/m.test(r.stderr) || /^(\w*Error|Uncaught)\b/m.test(r.stderr)) {
    throw new DefsViolation(`${what}: uncaught exception (exit ${r.code}):\n${r.stderr.slice(0, 3000)}`);
  }
  if (r.code !== 1) throw new DefsViolation(`${what}: exit code ${r.code}, expected 1:\n${r.stderr.slice(0, 2000)}`);
  const lines = r.stderr.split('\n').filter((l) => l.length > 0);
  if (!lines.some((l) => /^[^\s:][^:]*:\d+:\d+: \S/.test(l))) throw new DefsViolation(`${what}: no positioned diagnostic in:\n${r.stderr.slice(0, 2000)}`);
  for (const l of lines) {
    if (!/^[^\s:][^:]*:\d+:\d+: /.test(l) && !/^zxkit: /.test(l)) throw new DefsViolation(`${what}: unexpected stderr line: ${JSON.stringify(l.slice(0, 300))}`);
  }
}

/**
 * Runs `zxkit regen` (or `import-abigen`) on one case in `work`, whose `out/` holds a previous
 * output. A rejected input must leave out/ and the lock file exactly as they were.
 */
export async function checkCaseCli(c: DefsCase, work: string, template: ReadonlyMap<string, string>): Promise<'rejected' | 'accepted'> {
  const defs = join(work, 'defs');
  const out = join(work, 'out');
  restore(out, template);
  rmSync(defs, { recursive: true, force: true });
  mkdirSync(defs, { recursive: true });
  if (c.abigen !== undefined) {
    const input = join(work, 'in.abigen');
    writeFileSync(input, c.abigen);
    const before = snapshot(out);
    const r = await runCli(['import-abigen', 'in.abigen', '--out', 'out'], work);
    if (r.code === 0) return 'accepted';
    checkStderr(`import-abigen (${c.kind})`, r);
    if (/nothing written/.test(r.stderr)) {
      const diff = sameSnapshot(before, snapshot(out));
      if (diff) throw new DefsViolation(`import-abigen (${c.kind}) failed yet wrote: ${diff}`);
    }
    return 'rejected';
  }
  for (const s of c.sources) writeFileSync(join(defs, basename(s.path)), s.text);
  // The case's own types.yaml stands in for zxkit's; keep it so the folder is self-contained.
  const beforeOut = snapshot(out);
  const beforeDefs = snapshot(defs);
  const r = await runCli(['regen', '--defs', 'defs', '--out', 'out'], work);
  if (r.code === 0) return 'accepted';
  checkStderr(`regen (${c.kind})`, r);
  const d1 = sameSnapshot(beforeOut, snapshot(out));
  if (d1) throw new DefsViolation(`regen (${c.kind}) failed yet touched out/: ${d1}`);
  const d2 = sameSnapshot(beforeDefs, snapshot(defs));
  if (d2) throw new DefsViolation(`regen (${c.kind}) failed yet touched defs/: ${d2}`);
  return 'rejected';
}

/** Make `dir` hold exactly the snapshot's files. */
export function restore(dir: string, snap: ReadonlyMap<string, string>): void {
  if (sameSnapshot(snap, snapshot(dir)) === null) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [k, v] of snap) {
    if (k.endsWith('/')) mkdirSync(join(dir, k), { recursive: true });
    else {
      mkdirSync(dirname(join(dir, k)), { recursive: true });
      writeFileSync(join(dir, k), v, 'latin1');
    }
  }
}
