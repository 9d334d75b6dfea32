// Fuzzing the definitions and the importer: many malformed inputs in memory (loadModel,
// importAbigen), a few hundred through the real CLI, and the write-failure scenarios that
// prove a failed regen leaves the previous output intact.
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCase, everyKeyCases, loadAbigen, loadBases, recipeArbitrary, type Base, type Recipe } from './cases.js';
import { checkCase, checkCaseCli, checkStderr, DefsViolation, runCli, sameSnapshot, snapshot } from './check.js';

export interface DefsFuzzOptions {
  /** Stop once this many malformed inputs (refused with diagnostics) have been checked. */
  readonly inputs: number;
  readonly cliRuns: number;
  readonly seed: number;
  /** Called every 1000 in-memory inputs with the numbers so far. */
  readonly onProgress?: (rejected: number, inputs: number) => void;
  /** Replay one failing in-memory input (`seed` is then the failing batch's seed). */
  readonly path?: string;
  /** Run the generator on one valid-by-accident input in this many (after the first 25). */
  readonly generateEvery?: number;
  /** Include the deterministic every-key sweep (default true). */
  readonly everyKey?: boolean;
}

export interface DefsFuzzResult {
  /** Inputs checked in memory. */
  readonly inputs: number;
  /** Inputs refused with positioned diagnostics (the malformed ones). */
  readonly rejected: number;
  /** Inputs that happened to be valid (then generated without error, for a sample). */
  readonly accepted: number;
  readonly crashes: number;
  readonly cliRuns: number;
  readonly cliRejected: number;
  /** Failed CLI runs that wrote something (partial writes). */
  readonly partialWrites: number;
  /** abigen inputs whose imported YAML did not load (diagnostics, not crashes). */
  readonly importOutputRejected: number;
  readonly maxMs: number;
  readonly byKind: Readonly<Record<string, number>>;
  readonly report?: string;
}

const BATCH = 1000;

export async function runDefsFuzz(o: DefsFuzzOptions): Promise<DefsFuzzResult> {
  const bases = loadBases();
  const abigen = loadAbigen();
  const types = bases[0]!.sources[0]!;
  const generates = (every: number) => (accepted: number) => accepted < 25 || accepted % every === 0;
  const generateThis = generates(o.generateEvery ?? 4);
  let done = 0;
  let rejected = 0;
  let accepted = 0;
  let importOutputRejected = 0;
  let maxMs = 0;
  const byKind: Record<string, number> = {};
  const tally = (kind: string, out: { rejected: boolean; ms: number; importOutputRejected?: boolean }) => {
    done++;
    if (out.rejected) rejected++;
    else accepted++;
    if (out.importOutputRejected) importOutputRejected++;
    maxMs = Math.max(maxMs, out.ms);
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    if (done % 1000 === 0) o.onProgress?.(rejected, done);
  };
  const result = (extra: Partial<DefsFuzzResult> = {}): DefsFuzzResult => ({
    inputs: done, rejected, accepted, importOutputRejected, maxMs, byKind, crashes: 0, cliRuns: 0, cliRejected: 0, partialWrites: 0, ...extra,
  });
  if (o.everyKey !== false && !o.path) {
    // Every key of the format, deterministically, before the random inputs.
    for (const c of everyKeyCases(bases)) {
      try {
        tally('every-key', checkCase(c, generateThis(accepted), types));
      } catch (e) {
        return result({ crashes: 1, report: `${e instanceof Error ? e.message : String(e)}\nInput: ${c.kind}` });
      }
    }
  }
  // Random inputs in batches of 1000 (each batch its own seed) until enough were malformed.
  for (let batch = 0; o.path ? batch < 1 : rejected < o.inputs; batch++) {
    const seed = (o.seed + batch) | 0;
    const details = fc.check(
      fc.property(recipeArbitrary, (r: Recipe) => {
        const c = buildCase(bases, abigen, r);
        tally(c.kind, checkCase(c, generateThis(accepted), types));
      }),
      // About two inputs in three are malformed: size the batch to land near the target.
      { seed, numRuns: o.path ? 1 : Math.min(BATCH, Math.max(50, Math.ceil((o.inputs - rejected) * 1.45))), ...(o.path ? { path: o.path } : {}) },
    );
    if (details.failed) {
      const err = details.errorInstance;
      const msg = err instanceof Error ? (err.name === 'DefsViolation' ? err.message : (err.stack ?? err.message)) : String(err);
      return result({
        crashes: 1,
        report: `${msg}\nCounterexample (recipe): ${stringifyRecipe(details.counterexample?.[0])}\nReplay: npm run fuzz -- --only defs --seed ${seed} --path ${details.counterexamplePath}`,
      });
    }
  }
  const cli = await runCliCases(bases, abigen, o.cliRuns, o.seed);
  return result({ crashes: cli.failure ? 1 : 0, cliRuns: cli.runs, cliRejected: cli.rejected, partialWrites: cli.partial, ...(cli.failure ? { report: cli.failure } : {}) });
}

function stringifyRecipe(r: Recipe | undefined): string {
  return JSON.stringify(r, (_k, v: unknown) => (v instanceof Uint8Array ? `bytes(${Buffer.from(v).toString('hex')})` : v));
}

/** A few hundred inputs through the real CLI, two at a time, each in its own work folder. */
async function runCliCases(bases: readonly Base[], abigen: string, runs: number, seed: number): Promise<{ runs: number; rejected: number; partial: number; failure?: string }> {
  if (runs === 0) return { runs: 0, rejected: 0, partial: 0 };
  const recipes = fc.sample(recipeArbitrary, { seed, numRuns: runs });
  const root = mkdtempSync(join(tmpdir(), 'zxkit-fuzz-'));
  try {
    const template = await previousOutput(bases[0]!, join(root, 'template'));
    let next = 0;
    let rejected = 0;
    let partial = 0;
    let failure: string | undefined;
    const worker = async (w: number): Promise<void> => {
      const work = join(root, `w${w}`);
      mkdirSync(work, { recursive: true });
      while (failure === undefined && next < recipes.length) {
        const r = recipes[next++]!;
        try {
          if ((await checkCaseCli(buildCase(bases, abigen, r), work, template)) === 'rejected') rejected++;
        } catch (e) {
          if (e instanceof DefsViolation && /failed yet (touched|wrote)/.test(e.message)) partial++;
          failure = `${e instanceof Error ? e.message : String(e)}\nCounterexample (recipe): ${stringifyRecipe(r)}`;
        }
      }
    };
    await Promise.all([worker(0), worker(1)]);
    return { runs: next, rejected, partial, ...(failure ? { failure } : {}) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** A real previous output: `zxkit regen` of a clean base, as a snapshot. */
export async function previousOutput(base: Base, dir: string): Promise<Map<string, string>> {
  mkdirSync(join(dir, 'defs'), { recursive: true });
  for (const s of base.sources) writeFileSync(join(dir, 'defs', `${s.stem}.yaml`), s.text);
  const r = await runCli(['regen', '--defs', 'defs', '--out', 'out'], dir);
  if (r.code !== 0) throw new Error(`cannot build the previous output: ${r.stderr}`);
  return snapshot(join(dir, 'out'));
}

/**
 * A write that fails partway must change nothing. As root, permissions do not stop writes, so
 * the failures are made by putting the wrong kind of thing in the way: a file where a folder
 * must go, a folder where a file must go, a folder for the lock file, a file for the output
 * folder. Each scenario starts from an out/ whose files all differ from what regen produces.
 */
export async function writeFailureScenarios(base: Base): Promise<{ scenario: string; intact: boolean }[]> {
  const root = mkdtempSync(join(tmpdir(), 'zxkit-atomic-'));
  try {
    const fresh = await previousOutput(base, join(root, 'fresh'));
    const stale = new Map([...fresh].map(([k, v]) => [k, k.endsWith('/') ? v : `${v}\n<!-- previous -->\n`]));
    const scenarios: [string, (work: string) => void][] = [
      ['a file where the docs/ folder must go', (w) => { rmSync(join(w, 'out', 'docs'), { recursive: true }); writeFileSync(join(w, 'out', 'docs'), 'in the way'); }],
      ['a folder where types.ts must go (late in the batch)', (w) => { rmSync(join(w, 'out', 'types.ts')); mkdirSync(join(w, 'out', 'types.ts')); }],
      ['a folder where the first file must go', (w) => { rmSync(join(w, 'out', 'binding.ts')); mkdirSync(join(w, 'out', 'binding.ts')); }],
      ['a folder where the lock file must go', (w) => mkdirSync(join(w, 'defs', 'syscalls.lock.json'))],
      ['a file where the output folder must go', (w) => { rmSync(join(w, 'out'), { recursive: true }); writeFileSync(join(w, 'out'), 'in the way'); }],
    ];
    const results: { scenario: string; intact: boolean }[] = [];
    for (const [name, block] of scenarios) {
      const work = join(root, name.replace(/\W+/g, '-'));
      mkdirSync(join(work, 'defs'), { recursive: true });
      for (const s of base.sources) writeFileSync(join(work, 'defs', `${s.stem}.yaml`), s.text);
      for (const [k, v] of stale) {
        const p = join(work, 'out', k);
        if (k.endsWith('/')) mkdirSync(p, { recursive: true });
        else {
          mkdirSync(join(p, '..'), { recursive: true });
          writeFileSync(p, v, 'latin1');
        }
      }
      block(work);
      const before = snapshot(work);
      const r = await runCli(['regen', '--defs', 'defs', '--out', 'out'], work);
      if (r.code === 0) throw new DefsViolation(`${name}: regen succeeded`);
      if (/^\s+at .+[:(]\d+/m.test(r.stderr)) checkStderr(name, r);
      results.push({ scenario: name, intact: sameSnapshot(before, snapshot(work)) === null });
    }
    return results;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Definition folders that are odd as folders: a symlink loop, a dangling symlink, --defs naming
 * a file, a FIFO or a folder named *.yaml, bytes that are not UTF-8. Each must end with exit 0
 * or with exit 1, a positioned diagnostic and nothing written; never hang, never crash.
 */
export async function folderScenarios(base: Base): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'zxkit-folders-'));
  const scenarios: [string, (defs: string) => void][] = [
    ['a symlink loop named loop.yaml', (d) => symlinkSync('loop.yaml', join(d, 'loop.yaml'))],
    ['a dangling symlink', (d) => symlinkSync('nowhere.yaml', join(d, 'dangling.yaml'))],
    ['--defs names a file', (d) => { rmSync(d, { recursive: true }); writeFileSync(d, 'syscalls: {}\n'); }],
    ['a FIFO named fifo.yaml', (d) => execFileSync('mkfifo', [join(d, 'fifo.yaml')])],
    ['a folder named dir.yaml', (d) => mkdirSync(join(d, 'dir.yaml'))],
    ['bytes that are not UTF-8', (d) => writeFileSync(join(d, 'bad.yaml'), Buffer.from([0xff, 0xfe, 0x00, 0x73, 0x3a, 0x0a, 0xc3, 0x28]))],
    ['a file named .yaml', (d) => writeFileSync(join(d, '.yaml'), 'syscalls: {}\n')],
  ];
  const done: string[] = [];
  try {
    for (const [name, make] of scenarios) {
      const work = join(root, name.replace(/\W+/g, '-'));
      const defs = join(work, 'defs');
      mkdirSync(defs, { recursive: true });
      for (const s of base.sources) writeFileSync(join(defs, `${s.stem}.yaml`), s.text);
      make(defs);
      const before = snapshot(work);
      const r = await runCli(['regen', '--defs', 'defs', '--out', 'out'], work);
      if (r.code !== 0) {
        checkStderr(name, r);
        const diff = sameSnapshot(before, snapshot(work));
        if (diff) throw new DefsViolation(`${name}: regen failed yet ${diff}`);
      }
      done.push(name);
    }
    return done;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
