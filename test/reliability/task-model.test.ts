// The job tree and kills against the reference model of fuzz/kernel/model-tasks.ts.
import { expect, it } from 'vitest';
import { runTaskFuzz } from '../../fuzz/kernel/model-tasks.js';

const SEED = Number(process.env['ZXKIT_FUZZ_SEED'] ?? (Date.now() % 0x7fffffff));

it(`20,000 random job, process, kill and close commands match the model (seed ${SEED})`, () => {
  expect(runTaskFuzz(20_000, SEED)).toBeGreaterThanOrEqual(20_000);
}, 120_000);
