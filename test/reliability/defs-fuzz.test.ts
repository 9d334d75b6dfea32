// Fuzzing the definitions and the importer (issue 6), CI size: 1,000 generated malformed inputs
// in memory (inputs that happen to be valid come on top; plus every key of the format once), a
// dozen real CLI runs, the write-failure scenarios and odd definition folders. `npm run fuzz`
// runs 10,000 malformed inputs and 300 CLI runs.
import { describe, expect, it } from 'vitest';
import { loadBases } from '../../fuzz/defs/cases.js';
import { folderScenarios, runDefsFuzz, writeFailureScenarios } from '../../fuzz/defs/run.js';

const INPUTS = Number(process.env['ZXKIT_DEFS_INPUTS'] ?? 1000);
const CLI_RUNS = Number(process.env['ZXKIT_DEFS_CLI_RUNS'] ?? 12);
const SEED = Number(process.env['ZXKIT_FUZZ_SEED'] ?? (Date.now() % 0x7fffffff));

describe('malformed definitions and .abigen files', () => {
  it(`${INPUTS} generated inputs and ${CLI_RUNS} CLI runs: positioned diagnostics, no crash, no partial write (seed ${SEED})`, async () => {
    const r = await runDefsFuzz({ inputs: INPUTS, cliRuns: CLI_RUNS, seed: SEED, generateEvery: 20 });
    if (r.report) throw new Error(`${r.report}\n\nReplay: ZXKIT_FUZZ_SEED=${SEED} npx vitest run test/reliability/defs-fuzz.test.ts`);
    expect(r.crashes).toBe(0);
    expect(r.partialWrites).toBe(0);
    // INPUTS malformed ones: refused, each with positioned diagnostics (valid ones come on top).
    expect(r.rejected).toBeGreaterThanOrEqual(INPUTS);
    expect(r.cliRuns).toBe(CLI_RUNS);
  }, 180_000);

  it('a write that fails partway leaves the previous output and the lock file intact', async () => {
    const results = await writeFailureScenarios(loadBases()[0]!);
    expect(results.filter((s) => !s.intact)).toEqual([]);
    expect(results).toHaveLength(5);
  }, 60_000);

  it('odd definition folders end in a diagnostic or a clean run, never a crash or a hang', async () => {
    expect(await folderScenarios(loadBases()[0]!)).toHaveLength(7);
  }, 60_000);
});
