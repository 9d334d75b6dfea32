// A table row: one figure, its baseline, and the goal from issue 5.
import { median, quantile, type PairTiming, type Plan } from './harness.js';

export interface Settings {
  readonly quick: boolean;
  /** Rounds and round length for sub-microsecond and microsecond figures. */
  readonly micro: Plan;
  /** Rounds for fresh-process figures. */
  readonly processRounds: number;
}

export type Unit = 'ns' | 'B';

export interface RowResult {
  readonly name: string;
  readonly unit: Unit;
  /** Median per operation (ns), or bytes for the memory row. */
  readonly median: number;
  /** p25..p75 of the per-round medians (the spread column). */
  readonly spread: readonly [number, number];
  readonly baselineName: string | null;
  readonly baselineMedian: number | null;
  readonly baselineSpread: readonly [number, number] | null;
  /** Median of the per-round figure/baseline time ratios (lower is faster). */
  readonly ratio: number | null;
  readonly ratioSpread: readonly [number, number] | null;
  readonly goal: string;
  readonly met: boolean;
  readonly rounds: number;
}

export interface Row {
  readonly name: string;
  /** Extra context, printed in a second table and kept out of the goal count. */
  readonly informational?: boolean;
  readonly run: (s: Settings) => Promise<RowResult>;
}

/** Goal checks take the median figure (ns or B) and the median time ratio. */
export interface Goal {
  readonly text: string;
  readonly check: (median: number, ratio: number | null) => boolean;
}

export const goals = {
  /** figure time / baseline time <= r, optionally with an absolute cap in ns. */
  ratioAtMost(r: number, ns?: number): Goal {
    return {
      text: `ratio ≤ ${r}` + (ns === undefined ? '' : `, ≤ ${ns} ns`),
      check: (m, ratio) => ratio !== null && ratio <= r && (ns === undefined || m <= ns),
    };
  },
  /** baseline time / figure time >= x ("x times faster"), optionally with an absolute cap. */
  fasterBy(x: number, ns?: number): Goal {
    return {
      text: `≥ ${x}× faster (ratio ≤ ${round(1 / x, 3)})` + (ns === undefined ? '' : `, ≤ ${ns} ns`),
      check: (m, ratio) => ratio !== null && 1 / ratio >= x && (ns === undefined || m <= ns),
    };
  },
  /** figure throughput >= f of the baseline's (same bytes moved, so a time ratio <= 1/f). */
  throughputAtLeast(f: number): Goal {
    return {
      text: `≥ ${f} of its throughput (ratio ≤ ${round(1 / f, 3)})`,
      check: (_m, ratio) => ratio !== null && 1 / ratio >= f,
    };
  },
  /** No goal: an informational row. */
  none(): Goal {
    return { text: '— (informational)', check: () => true };
  },
  /** Absolute cap only (memory in B, or wall time in ns). */
  atMost(limit: number, text: string): Goal {
    return { text, check: (m) => m <= limit };
  },
};

function round(v: number, digits: number): number {
  const p = 10 ** digits;
  return Math.round(v * p) / p;
}

const iqr = (v: readonly number[]): [number, number] => [quantile(v, 0.25), quantile(v, 0.75)];

/** Turn an interleaved timing into a row result. */
export function pairResult(
  name: string,
  baselineName: string,
  goal: Goal,
  t: PairTiming,
): RowResult {
  const m = median(t.figure.rounds);
  const ratio = median(t.ratios);
  return {
    name,
    unit: 'ns',
    median: m,
    spread: iqr(t.figure.rounds),
    baselineName,
    baselineMedian: median(t.baseline.rounds),
    baselineSpread: iqr(t.baseline.rounds),
    ratio,
    ratioSpread: iqr(t.ratios),
    goal: goal.text,
    met: goal.check(m, ratio),
    rounds: t.ratios.length,
  };
}

/** A row with no baseline (memory per handle). */
export function soloResult(name: string, unit: Unit, goal: Goal, samples: readonly number[]): RowResult {
  const m = median(samples);
  return {
    name,
    unit,
    median: m,
    spread: iqr(samples),
    baselineName: null,
    baselineMedian: null,
    baselineSpread: null,
    ratio: null,
    ratioSpread: null,
    goal: goal.text,
    met: goal.check(m, null),
    rounds: samples.length,
  };
}
