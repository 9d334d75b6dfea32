// Runs the model-based kernel test in batches of fast-check runs until a number of commands
// has executed. Each run is a fresh kernel with PROCESSES processes and up to `perRun` random
// commands, ended by closing everything and checking that nothing is left. A failure is
// shrunk by fast-check and reported with the seed (and path) that replays it.
import fc from 'fast-check';
import type { Documented } from '../documented.js';
import type { Directions } from './hostile.js';
import { closeEverything, commandsArbitrary, makeEnv, type Env } from './ops.js';

export interface KernelFuzzOptions {
  /** Stop once this many commands have run (shrinking included). */
  readonly commands: number;
  readonly seed: number;
  /** Commands per run (one kernel). */
  readonly perRun?: number;
  readonly documented: Documented;
  /** Called after every command with the running total. */
  readonly onCommand?: (total: number) => void;
  /** Replays one failing run (`path` from a report). */
  readonly path?: string;
  /** Disguise object arguments with hostile values that must not change a call (hostile.ts). */
  readonly hostile?: Directions;
}

export interface KernelFuzzResult {
  readonly commands: number;
  readonly runs: number;
  readonly violations: number;
  readonly seed: number;
  /** The shrunk counterexample and how to replay it. */
  readonly report?: string;
  readonly failingSeed?: number;
  readonly failingPath?: string;
}

export async function runKernelFuzz(o: KernelFuzzOptions): Promise<KernelFuzzResult> {
  const perRun = o.perRun ?? 1000;
  let total = 0;
  const onCommand = () => {
    total++;
    o.onCommand?.(total);
  };
  const property = fc.asyncProperty(commandsArbitrary(perRun), async (cmds) => {
    const env: Env = makeEnv(o.documented, onCommand, o.hostile);
    await fc.asyncModelRun(() => ({ model: env.model, real: env }), cmds);
    closeEverything(env);
  });
  const b = await checkInBatches(property, { ...o, perRun }, () => total);
  if (b.failed) {
    const { details, seed } = b.failed;
    // Run the shrunk sequence once more so each command's note (the handle it hit) is from it.
    const cmds = details.counterexample?.[0];
    if (cmds) {
      const env: Env = makeEnv(o.documented, undefined, o.hostile);
      try {
        await fc.asyncModelRun(() => ({ model: env.model, real: env }), cmds);
        closeEverything(env);
      } catch {
        // expected: it is the failing run
      }
    }
    return {
      commands: total,
      runs: b.runs,
      violations: 1,
      seed: o.seed,
      failingSeed: seed,
      failingPath: details.counterexamplePath ?? '',
      report: `${describeError(details.errorInstance)}\n${fc.defaultReportMessage(details) ?? ''}`,
    };
  }
  return { commands: total, runs: b.runs, violations: 0, seed: o.seed };
}

/** Where batched checking stopped: the runs made and, on a failure, its details and seed. */
export interface Batched<Ts extends [unknown]> {
  readonly runs: number;
  readonly failed?: { readonly details: fc.RunDetails<Ts>; readonly seed: number };
}

/**
 * Check `property` in batches of fast-check runs (seeds o.seed, o.seed + 1, ...) until `total()`
 * commands have run or one fails; `path` replays one failing run.
 */
export async function checkInBatches<Ts extends [unknown]>(
  property: fc.IAsyncProperty<Ts>,
  o: { readonly commands: number; readonly seed: number; readonly perRun: number; readonly path?: string },
  total: () => number,
): Promise<Batched<Ts>> {
  let runs = 0;
  for (let batch = 0; total() < o.commands; batch++) {
    const seed = (o.seed + batch) | 0;
    // Sized so a batch stays short: progress and the stop condition are checked between them.
    const numRuns = o.path ? 1 : Math.max(1, Math.min(20, Math.ceil((o.commands - total()) / o.perRun)));
    const details = await fc.check(property, { seed, numRuns, ...(o.path ? { path: o.path } : {}) });
    runs += details.numRuns;
    if (details.failed) return { runs, failed: { details, seed } };
    if (o.path) break;
  }
  return { runs };
}

function describeError(e: unknown): string {
  if (e instanceof Error) return e.name === 'Violation' ? `Violation: ${e.message}` : (e.stack ?? e.message);
  return String(e);
}
