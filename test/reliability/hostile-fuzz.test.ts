// Issue 12: the kernel fuzzers with hostile values for every object-typed parameter (frozen,
// sealed, getter, setter, Proxy, throwing element reads, detached and SharedArrayBuffer views;
// fuzz/kernel/hostile.ts). The model-based run disguises arguments with the kinds that must not
// change a call and the model checks each outcome exactly; the hostile run uses every kind and
// checks what must hold whatever the outcome. `npm run fuzz` runs both at scale.
import { describe, expect, it } from 'vitest';
import { documentedStatuses } from '../../fuzz/documented.js';
import { directions, runHostileFuzz } from '../../fuzz/kernel/hostile.js';
import { runKernelFuzz } from '../../fuzz/kernel/run.js';

const COMMANDS = Number(process.env['ZXKIT_HOSTILE_COMMANDS'] ?? 20_000);
const SEED = Number(process.env['ZXKIT_FUZZ_SEED'] ?? (Date.now() % 0x7fffffff));

describe('hostile-value fuzzing', () => {
  it(`model-based run with disguised arguments: ${COMMANDS} commands, no violation (seed ${SEED})`, async () => {
    const r = await runKernelFuzz({ commands: COMMANDS, seed: SEED, documented: documentedStatuses(), hostile: directions() });
    if (r.violations > 0) {
      throw new Error(`${r.report}\n\nReplay: npm run fuzz -- --only kernel --seed ${r.failingSeed} --path ${r.failingPath}`);
    }
    expect(r.commands).toBeGreaterThanOrEqual(COMMANDS);
  }, 180_000);

  it(`hostile run with every kind: ${COMMANDS} commands, no exception, documented statuses, signals match, nothing leaks (seed ${SEED})`, async () => {
    const r = await runHostileFuzz({ commands: COMMANDS, seed: SEED, documented: documentedStatuses() });
    if (r.violations > 0) {
      throw new Error(`${r.report}\n\nReplay: npm run fuzz -- --only hostile --seed ${r.failingSeed} --path ${r.failingPath}`);
    }
    expect(r.commands).toBeGreaterThanOrEqual(COMMANDS);
  }, 180_000);
});
