// Measurement primitives. Every figure is timed against its baseline in the same process, in
// alternating rounds (figure, baseline, baseline, figure, ...), so machine noise hits both.
// Sub-microsecond work is timed with mitata (batched samples, warm-up, GC before each round);
// fresh-process figures are timed with spawnSync wall clock.
import { spawnSync } from 'node:child_process';
import { measure } from 'mitata';

/** A benchmarked body: sync, or returning a promise that the timer awaits. */
export type Body = () => unknown;

export interface Case {
  readonly name: string;
  readonly body: Body;
  /** Operations per call of `body`; timings are reported per operation. */
  readonly ops?: number;
}

export interface Timing {
  /** Per-round medians (ns per operation), in round order. */
  readonly rounds: number[];
}

export interface PairTiming {
  readonly figure: Timing;
  readonly baseline: Timing;
  /** figure / baseline for each round pair (adjacent in time, so noise mostly cancels). */
  readonly ratios: number[];
}

export interface Plan {
  /** Timed rounds per case (after one untimed warm-up round each). */
  readonly rounds: number;
  /** CPU time mitata spends on one case in one round, in ms. */
  readonly roundMs: number;
}

/** BENCH_DEBUG=1 prints every round. */
const DEBUG = process.env['BENCH_DEBUG'] === '1';

/** Let timers, immediates and nextTick queues run (stream and port baselines queue work there). */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function timeRound(c: Case, roundMs: number): Promise<number> {
  const stats = await measure(c.body, { min_cpu_time: roundMs * 1e6, min_samples: 12 });
  await yieldToLoop();
  return stats.p50 / (c.ops ?? 1);
}

/** Time `figure` and `baseline` in alternating rounds; the order flips every round. */
export async function interleave(figure: Case, baseline: Case, plan: Plan): Promise<PairTiming> {
  // Warm-up: lets V8 optimise both bodies before anything is recorded.
  await timeRound(figure, plan.roundMs / 2);
  await timeRound(baseline, plan.roundMs / 2);
  const f: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < plan.rounds; r++) {
    let tf: number;
    let tb: number;
    if (r % 2 === 0) {
      tf = await timeRound(figure, plan.roundMs);
      tb = await timeRound(baseline, plan.roundMs);
    } else {
      tb = await timeRound(baseline, plan.roundMs);
      tf = await timeRound(figure, plan.roundMs);
    }
    f.push(tf);
    b.push(tb);
    ratios.push(tf / tb);
    if (DEBUG) console.log(`    round ${r}: ${figure.name} ${tf.toFixed(2)} ns, ${baseline.name} ${tb.toFixed(2)} ns`);
  }
  return { figure: { rounds: f }, baseline: { rounds: b }, ratios };
}

/** Wall-clock ns of one fresh process; throws if it does not exit 0. */
export function wallOnce(argv: readonly string[], cwd?: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const t1 = process.hrtime.bigint();
  if (r.status !== 0) {
    throw new Error(`${argv.join(' ')} exited ${r.status ?? r.signal}\n${r.stdout}\n${r.stderr}`);
  }
  return Number(t1 - t0);
}

/** Fresh-process figure against a fresh-process baseline, alternating. */
export function interleaveWall(
  figure: () => number,
  baseline: () => number,
  rounds: number,
): PairTiming {
  figure(); // warm the file cache
  baseline();
  const f: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let tf: number;
    let tb: number;
    if (r % 2 === 0) {
      tf = figure();
      tb = baseline();
    } else {
      tb = baseline();
      tf = figure();
    }
    f.push(tf);
    b.push(tb);
    ratios.push(tf / tb);
  }
  return { figure: { rounds: f }, baseline: { rounds: b }, ratios };
}

export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((x, y) => x - y);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export const median = (v: readonly number[]): number => quantile(v, 0.5);

/** A blocking check used by every figure's setup: a benchmark of a failing call is worthless. */
export function expectOk(what: string, status: unknown): void {
  if (status !== 0) throw new Error(`bench setup: ${what} returned ${String(status)}`);
}
