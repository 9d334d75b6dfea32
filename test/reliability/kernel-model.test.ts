// Model-based testing of the kernel (issue 6): random command sequences over three processes,
// checked command by command against the reference model in fuzz/kernel/model.ts, ending with
// "close everything, nothing may be left". `npm run fuzz` runs the same thing at scale.
import { describe, expect, it } from 'vitest';
import { documentedStatuses } from '../../fuzz/documented.js';
import { runKernelFuzz } from '../../fuzz/kernel/run.js';

// The issue asks for at least 20,000 per npm test; 100,000 take a few seconds.
const COMMANDS = Number(process.env['ZXKIT_MODEL_COMMANDS'] ?? 100_000);
const SEED = Number(process.env['ZXKIT_FUZZ_SEED'] ?? (Date.now() % 0x7fffffff));

describe('kernel model-based test', () => {
  it(`runs ${COMMANDS} random commands with no violation (seed ${SEED})`, async () => {
    const r = await runKernelFuzz({ commands: COMMANDS, seed: SEED, documented: documentedStatuses() });
    if (r.violations > 0) {
      throw new Error(
        `${r.report}\n\nReplay: ZXKIT_FUZZ_SEED=${r.failingSeed} npx vitest run test/reliability/kernel-model.test.ts` +
          ` (or npm run fuzz -- --only kernel --seed ${r.failingSeed} --path ${r.failingPath})`,
      );
    }
    expect(r.commands).toBeGreaterThanOrEqual(COMMANDS);
  }, 180_000);
});
