// Commands of the model-based kernel test for timers and the virtual clock: what fast-check
// generates, and how each runs against the kernel and the timer model (model-timer.ts).
import fc from 'fast-check';
import { type Acquired, Violation } from './model.js';
import { timersOf } from './model-timer.js';
import type { Env, HRef } from './ops.js';

const TIME_INFINITE = 0x7fffffffffffffffn;
const TIME_INFINITE_PAST = -0x8000000000000000n;

export type TimerOpSpec =
  | { readonly p: number; readonly op: 'timer_create'; readonly options: number; readonly clock: number }
  | { readonly p: number; readonly op: 'timer_set'; readonly h: HRef; readonly deadline: bigint; readonly relative: boolean; readonly slack: bigint }
  | { readonly p: number; readonly op: 'timer_cancel'; readonly h: HRef }
  | { readonly p: number; readonly op: 'advance_time'; readonly ns: bigint };

/** A deadline relative to the model's clock (past, now or soon), or an absolute special value. */
const deadline = fc.oneof(
  { weight: 12, arbitrary: fc.record({ deadline: fc.bigInt({ min: -20n, max: 2000n }), relative: fc.constant(true) }) },
  { weight: 1, arbitrary: fc.record({ deadline: fc.constantFrom(0n, -1n, TIME_INFINITE, TIME_INFINITE_PAST), relative: fc.constant(false) }) },
);
const step = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0n, 1n) },
  { weight: 8, arbitrary: fc.bigInt({ min: 2n, max: 500n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 501n, max: 1n << 40n }) },
);

/** The weighted arbitraries of the timer commands, given the shared process and handle pickers. */
export function timerOpArbitraries(proc: fc.Arbitrary<number>, timerRef: fc.Arbitrary<HRef>): fc.WeightedArbitrary<TimerOpSpec>[] {
  return [
    { weight: 3, arbitrary: fc.record({ p: proc, op: fc.constant('timer_create' as const), options: fc.oneof({ weight: 8, arbitrary: fc.nat({ max: 2 }) }, { weight: 1, arbitrary: fc.constantFrom(3, 0xffffffff) }), clock: fc.oneof({ weight: 10, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(1, 2, 7) }) }) },
    { weight: 6, arbitrary: fc.tuple(deadline, fc.record({ p: proc, op: fc.constant('timer_set' as const), h: timerRef, slack: fc.oneof({ weight: 10, arbitrary: fc.bigInt({ min: 0n, max: 1000n }) }, { weight: 1, arbitrary: fc.constantFrom(-1n, TIME_INFINITE_PAST) }) })).map(([d, r]): TimerOpSpec => ({ ...r, ...d })) },
    { weight: 2, arbitrary: fc.record({ p: proc, op: fc.constant('timer_cancel' as const), h: timerRef }) },
    { weight: 5, arbitrary: fc.record({ p: proc, op: fc.constant('advance_time' as const), ns: step }) },
  ];
}

export interface OpTools {
  /** The handle value a selector picks. */
  readonly v: (r: HRef) => number;
  readonly noted: (note: string) => void;
  readonly label: (value: number) => string;
  readonly acquired: (box: { value: number }) => () => Acquired;
  readonly sentinel: number;
}

export function runTimerOp(env: Env, spec: TimerOpSpec, t: OpTools): void {
  const timers = timersOf(env.model);
  const sys = env.sys[spec.p]!;
  switch (spec.op) {
    case 'timer_create': {
      const out = { value: t.sentinel };
      const st = sys.zx_timer_create(spec.options, spec.clock, out);
      if (st !== 0) expectUntouched(out.value, t.sentinel);
      timers.create(spec.p, spec.options, spec.clock, st, t.acquired(out));
      break;
    }
    case 'timer_set': {
      const h = t.v(spec.h);
      t.noted(t.label(h));
      const d = spec.relative ? timers.now + spec.deadline : spec.deadline;
      timers.set(spec.p, h, d, spec.slack, sys.zx_timer_set(h, d, spec.slack));
      break;
    }
    case 'timer_cancel': {
      const h = t.v(spec.h);
      t.noted(t.label(h));
      timers.cancel(spec.p, h, sys.zx_timer_cancel(h));
      break;
    }
    case 'advance_time':
      env.kernel.advanceTime(spec.ns);
      timers.advance(spec.ns, env.kernel.now());
      break;
  }
}

function expectUntouched(got: number, sentinel: number): void {
  if (got !== sentinel) throw new Violation(`timer_create wrote out (0x${got.toString(16)}) on failure`);
}
