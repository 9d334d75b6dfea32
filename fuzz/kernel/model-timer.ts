// The reference model of timers and of the virtual clock (spec part 2 §4), for the model-based
// kernel test: which timers are armed, when they fire, and the statuses of timer_create,
// timer_set and timer_cancel. Its state hangs off the Model it extends, one per run.
import { type Acquired, expectEq, expectStatus, type Model, type MObj, R, S, SIG } from './model.js';

/** Where a fresh VirtualClock starts (runtime/clock.ts). */
const VIRTUAL_START = 1_000_000n;
const TIME_INFINITE = 0x7fffffffffffffffn;
const CLOCK_MONOTONIC = 0;
const SLACK_LATE = 2;

interface Armed {
  readonly obj: MObj;
  readonly deadline: bigint;
  /** Arming order: timers due at the same time fire in it, as the kernel's clock runs them. */
  readonly seq: number;
}

/** The virtual clock and the armed timers of one model. */
export class TimerModel {
  now = VIRTUAL_START;
  private seq = 0;
  private armed: Armed[] = [];

  constructor(private readonly m: Model) {}

  create(p: number, options: number, clockId: number, st: number, out: () => Acquired): void {
    const what = `timer_create(${options}, clock ${clockId})`;
    // The clock first, then the job policy (none is set here), then the options.
    expectStatus(what, st, clockId !== CLOCK_MONOTONIC || options > SLACK_LATE ? S.INVALID_ARGS : S.OK);
    if (st === S.OK) this.m.adoptCreated(p, 'timer', out(), 0, what);
  }

  set(p: number, value: number, deadline: bigint, slack: bigint, st: number): void {
    const what = `timer_set(deadline ${deadline}, slack ${slack})`;
    if (slack < 0n) return expectStatus(what, st, S.OUT_OF_RANGE);
    const h = this.m.resolve(p, value, R.WRITE, 'timer');
    if (typeof h === 'number') return expectStatus(what, st, h);
    expectStatus(what, st, S.OK);
    this.disarm(h.obj);
    if (deadline === 0n || deadline <= this.now) this.m.update(h.obj, 0, SIG.SIGNALED);
    else if (deadline !== TIME_INFINITE) this.armed.push({ obj: h.obj, deadline, seq: this.seq++ });
  }

  cancel(p: number, value: number, st: number): void {
    const h = this.m.resolve(p, value, R.WRITE, 'timer');
    if (typeof h === 'number') return expectStatus('timer_cancel', st, h);
    expectStatus('timer_cancel', st, S.OK);
    this.disarm(h.obj);
  }

  /** Move the clock to `now + ns`, firing what falls due in (deadline, arming) order; compare with the kernel's clock. */
  advance(ns: bigint, kernelNow: bigint): void {
    const to = this.now + ns;
    for (;;) {
      const due = this.armed.filter((a) => a.deadline <= to && !a.obj.destroyed);
      if (due.length === 0) break;
      const next = due.reduce((x, y) => (y.deadline < x.deadline || (y.deadline === x.deadline && y.seq < x.seq) ? y : x));
      this.armed = this.armed.filter((a) => a !== next);
      this.now = next.deadline > this.now ? next.deadline : this.now;
      this.m.update(next.obj, 0, SIG.SIGNALED);
    }
    this.armed = this.armed.filter((a) => !a.obj.destroyed);
    this.now = to;
    expectEq('kernel.now() after advanceTime', kernelNow, this.now);
  }

  /** Disarm and clear SIGNALED: what every set and cancel does first. */
  private disarm(obj: MObj): void {
    this.armed = this.armed.filter((a) => a.obj !== obj);
    this.m.update(obj, SIG.SIGNALED, 0);
  }
}

const byModel = new WeakMap<Model, TimerModel>();

/** The timer model of `m`, made on first use. */
export function timersOf(m: Model): TimerModel {
  let t = byModel.get(m);
  if (t === undefined) byModel.set(m, (t = new TimerModel(m)));
  return t;
}
