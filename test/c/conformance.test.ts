// The C conformance suite (test/c/conformance/*.c): the implemented syscalls through the real
// ABI, each program compiled with `zxkit cc` (cached by content hash) and run as a process on a
// fresh kernel. Every check prints a FAIL line when it fails; each test prints "ok NAME".
// Programs about time run on a VirtualClock that the test moves to the next deadline whenever
// the program is parked in a blocking call, so no test waits for real time to pass.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_FAULT, Kernel, VirtualClock, type KernelOptions, type WasmProcess } from '../../runtime/index.js';
import { repoRoot } from '../generator/helpers.js';
import { since } from '../kernel-stats.js';
import { TOOLCHAIN_TAG } from '../toolchain.js';
import { buildCached, clang } from './compile.js';

const DIR = join(repoRoot, 'test', 'c', 'conformance');

interface Program {
  readonly name: string;
  /** What the program's checks expect of the kernel (the values it reads back). */
  readonly options?: KernelOptions;
  /** Run on a VirtualClock driven by {@link driveClock}. */
  readonly virtualClock?: boolean;
  /** The int64 the program ends with through zx_process_exit, when it does not return 0. */
  readonly exitCode?: bigint;
  /** Checks of what the host sees once the program has ended. */
  readonly after?: (kernel: Kernel, p: WasmProcess) => void;
}

const PROGRAMS: readonly Program[] = [
  { name: 'sockets' },
  { name: 'channels' },
  { name: 'waits' },
  { name: 'info-and-errors' },
  { name: 'time', virtualClock: true, options: { utcOffset: 5000n } },
  { name: 'timers', virtualClock: true },
  {
    name: 'system',
    options: { system: { numCpus: 3, physmem: 1n << 34n, dcacheLineSize: 128, version: 'git-0123456789abcdef0123456789abcdef01234567', hwBreakpoints: 6, hwWatchpoints: 2 } },
  },
  {
    name: 'debuglog',
    virtualClock: true,
    // The host sees what the program wrote, each record carrying the writer's koid.
    after: (kernel, p) => {
      const records = kernel.log();
      expect(records.map((r) => new TextDecoder().decode(r.data))).toContain('ping');
      expect(new Set(records.map((r) => r.pid))).toEqual(new Set([p.koid]));
    },
  },
  { name: 'fifos' },
  { name: 'vmos' },
  // Renames itself, and ends through zx_process_exit with a code wider than 32 bits.
  { name: 'tasks', exitCode: 0x123456789n, after: (_, p) => expect(p.name).toBe('renamed') },
];

/**
 * Moves `clock` to its next deadline whenever `p` is parked in a blocking call, until `p` ends.
 * Time jumps exactly to each deadline, so the program can check the time it woke at.
 */
async function driveClock(clock: VirtualClock, p: WasmProcess): Promise<void> {
  let ended = false;
  void p.exited.then(() => (ended = true));
  while (!ended) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    const next = clock.nextDeadline();
    if (p.pending && next !== null) clock.advanceTo(next);
  }
}

/** The tests a program runs, read off its main (each `RUN(name);`). */
const testsOf = (source: string) => [...source.matchAll(/^\s*RUN\((\w+)\);/gm)].map((m) => m[1]);

describe('the C conformance suite', { tags: [TOOLCHAIN_TAG] }, () => {
  it('compiles warning-free for wasm32 and for the LP64 host (whose layout checks differ)', () => {
    for (const target of ['--target=wasm32-wasi', '--target=x86_64-linux-gnu']) {
      const r = clang([target, '-std=c11', '-fsyntax-only', ...PROGRAMS.map((p) => join(DIR, `${p.name}.c`)), join(DIR, 'cprng-draw-fault.c')]);
      expect(r.stderr, target).toBe('');
      expect(r.status, target).toBe(0);
    }
  });

  for (const { name, options, virtualClock, exitCode, after } of PROGRAMS) {
    it(`${name}.c passes every check as a process, and leaves nothing behind`, async () => {
      const source = join(DIR, `${name}.c`);
      const tests = testsOf(readFileSync(source, 'utf8'));
      expect(tests.length).toBeGreaterThan(2);
      const wasm = readFileSync(buildCached([source], ['-O2'], [join(DIR, 'check.h')]));
      const clock = virtualClock ? new VirtualClock() : undefined;
      const kernel = new Kernel({ ...options, ...(clock && { clock }) });
      const base = kernel.stats();
      let out = '';
      const decoder = new TextDecoder();
      const p = kernel.spawn(wasm, { name, stdout: (b: Uint8Array) => (out += decoder.decode(b)), stderr: (b: Uint8Array) => (out += decoder.decode(b)) });
      if (clock) void driveClock(clock, p);
      const code = await p.object.exited;
      expect(out.split('\n').filter((l) => !l.startsWith('ok '))).toEqual(['']);
      expect(out).toBe(tests.map((t) => `ok ${t}\n`).join(''));
      expect(code).toBe(exitCode ?? 0n);
      after?.(kernel, p);
      expect(since(kernel, base)).toEqual({ objects: 0, handles: 0, userPackets: 0 });
    });
  }

  it('a bad buffer given to zx_cprng_draw ends the process with EXIT_FAULT, as Zircon ends it', async () => {
    const wasm = readFileSync(buildCached([join(DIR, 'cprng-draw-fault.c')], ['-O2']));
    const kernel = new Kernel();
    const base = kernel.stats();
    let out = '';
    const p = kernel.spawn(wasm, { name: 'cprng-draw-fault', stdout: (b: Uint8Array) => (out += new TextDecoder().decode(b)) });
    expect(await p.exited).toBe(EXIT_FAULT);
    expect(p.fault).toBe('zx_cprng_draw: zx_cprng_draw failed with ZX_ERR_INVALID_ARGS');
    expect(out).toBe('drew\n');
    expect(since(kernel, base)).toEqual({ objects: 0, handles: 0, userPackets: 0 });
  });
});
