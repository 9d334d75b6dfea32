// FIFO and VMO commands of the model-based kernel test: how they are generated, how they pick
// their arguments from the model's state, run against the real kernel and are checked by the
// reference models (model-fifo.ts, model-vmo.ts). ops.ts registers them and lends its handle
// selectors, so this module imports only its types.
import fc from 'fast-check';
import type { Acquired, ObjType } from './model.js';
import { expectEq, S } from './model.js';
import { fifoCreate, fifoRead, fifoWrite } from './model-fifo.js';
import { vmoClone, vmoCreate, vmoGetSize, vmoOpRange, vmoRead, vmoReplaceAsExecutable, vmoSetCachePolicy, vmoSetSize, vmoWrite } from './model-vmo.js';
import type { Env, HRef } from './ops.js';

const SENTINEL = 0x5eed5eed;
const PAGE = 4096n;
const U64_MAX = (1n << 64n) - 1n;
const MAX_VMO = (1n << 64n) - 65536n;

/**
 * An offset or size relative to the VMO's current size, resolved when the command runs: `in:F`
 * (that fraction of the size), `end:D` (the size plus D) or `raw:N`. A string, so that a
 * counterexample prints it.
 */
type Place = `in:${number}` | `end:${number}` | `raw:${bigint}`;

export type FifoVmoOp =
  | { readonly op: 'fifo_create'; readonly count: number; readonly size: number }
  | { readonly op: 'fifo_write'; readonly h: HRef; readonly wrongSize: boolean; readonly count: number; readonly nullBuf: boolean }
  | { readonly op: 'fifo_read'; readonly h: HRef; readonly wrongSize: boolean; readonly count: number }
  | { readonly op: 'vmo_create'; readonly size: bigint; readonly options: number }
  | { readonly op: 'vmo_write' | 'vmo_read'; readonly h: HRef; readonly offset: Place; readonly len: number }
  | { readonly op: 'vmo_set_size'; readonly h: HRef; readonly size: bigint }
  | { readonly op: 'vmo_get_size'; readonly h: HRef }
  | { readonly op: 'vmo_op_range'; readonly h: HRef; readonly rop: number; readonly offset: Place; readonly size: Place }
  | { readonly op: 'vmo_clone'; readonly h: HRef; readonly options: number; readonly offset: bigint; readonly size: bigint }
  | { readonly op: 'vmo_replace_as_executable'; readonly h: HRef; readonly vmex: HRef | null }
  | { readonly op: 'vmo_set_cache_policy'; readonly h: HRef; readonly policy: number };

/** What ops.ts lends for generating commands. */
export interface ArbTools {
  readonly proc: fc.Arbitrary<number>;
  readonly hrefOf: (t: ObjType) => fc.Arbitrary<HRef>;
  readonly anyHref: fc.Arbitrary<HRef>;
}

/** What ops.ts lends for running one. */
export interface RunTools {
  readonly v: (r: HRef) => number;
  readonly acquired: (box: { value: number }) => () => Acquired;
  readonly noted: (note: string) => void;
  readonly label: (value: number) => string;
  readonly bytes: (n: number) => Uint8Array;
}

const vmoSize = fc.oneof(
  { weight: 10, arbitrary: fc.nat({ max: 6 * 4096 }).map(BigInt) },
  { weight: 2, arbitrary: fc.nat({ max: 64 }).map((n) => BigInt(n) * PAGE) },
  { weight: 1, arbitrary: fc.constantFrom(1n << 40n, MAX_VMO, MAX_VMO + 1n, U64_MAX, U64_MAX - 4095n) },
);
const place: fc.Arbitrary<Place> = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((at): Place => `in:${at}`) },
  { weight: 3, arbitrary: fc.integer({ min: -5000, max: 5 }).map((delta): Place => `end:${delta}`) },
  { weight: 1, arbitrary: fc.constantFrom(0n, 1n, 4096n, U64_MAX, U64_MAX - 10n, 1n << 63n).map((v): Place => `raw:${v}`) },
);
const ioLen = fc.oneof({ weight: 6, arbitrary: fc.nat({ max: 64 }) }, { weight: 3, arbitrary: fc.integer({ min: 65, max: 9000 }) });

export function fifoVmoArbitraries({ proc, hrefOf, anyHref }: ArbTools): fc.WeightedArbitrary<{ readonly p: number } & FifoVmoOp>[] {
  const rec = <T extends FifoVmoOp>(weight: number, a: fc.Arbitrary<T>) => ({ weight, arbitrary: fc.tuple(proc, a).map(([p, o]) => ({ p, ...o })) });
  const fifo = hrefOf('fifo');
  const vmo = hrefOf('vmo');
  return [
    rec(3, fc.record({ op: fc.constant('fifo_create' as const), count: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(1, 2, 4, 8, 16) }, { weight: 1, arbitrary: fc.constantFrom(0, 3, 4096, 8192) }), size: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(1, 4, 8, 24, 256) }, { weight: 1, arbitrary: fc.constantFrom(0, 4096, 4097) }) })),
    rec(8, fc.record({ op: fc.constant('fifo_write' as const), h: fifo, wrongSize: fc.nat({ max: 19 }).map((n) => n === 0), count: fc.nat({ max: 20 }), nullBuf: fc.nat({ max: 29 }).map((n) => n === 0) })),
    rec(8, fc.record({ op: fc.constant('fifo_read' as const), h: fifo, wrongSize: fc.nat({ max: 19 }).map((n) => n === 0), count: fc.nat({ max: 20 }) })),
    rec(3, fc.record({ op: fc.constant('vmo_create' as const), size: vmoSize, options: fc.constantFrom(0, 0, 0, 1, 2) })),
    rec(8, fc.record({ op: fc.constant('vmo_write' as const), h: vmo, offset: place, len: ioLen })),
    rec(8, fc.record({ op: fc.constant('vmo_read' as const), h: vmo, offset: place, len: ioLen })),
    rec(3, fc.record({ op: fc.constant('vmo_set_size' as const), h: vmo, size: vmoSize })),
    rec(1, fc.record({ op: fc.constant('vmo_get_size' as const), h: vmo })),
    rec(4, fc.record({ op: fc.constant('vmo_op_range' as const), h: vmo, rop: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(1, 2) }, { weight: 2, arbitrary: fc.nat({ max: 10 }) }), offset: place, size: place })),
    rec(4, fc.record({ op: fc.constant('vmo_clone' as const), h: vmo, options: fc.constantFrom(1, 1, 3, 0, 5), offset: fc.oneof({ weight: 6, arbitrary: fc.nat({ max: 4 }).map((n) => BigInt(n) * PAGE) }, { weight: 1, arbitrary: fc.constantFrom(1n, U64_MAX - 4095n) }), size: vmoSize })),
    // Mostly CACHED, so that VMOs made uncached come back; 4 and 0x80000000 are refused.
    rec(1, fc.record({ op: fc.constant('vmo_set_cache_policy' as const), h: vmo, policy: fc.constantFrom(0, 0, 0, 1, 2, 3, 4, 0x80000000) })),
    rec(1, fc.record({ op: fc.constant('vmo_replace_as_executable' as const), h: fc.oneof({ weight: 6, arbitrary: vmo }, { weight: 1, arbitrary: anyHref }), vmex: fc.option(anyHref, { freq: 6, nil: null }) })),
  ];
}

function resolvePlace(pl: Place, size: bigint): bigint {
  const [k, n] = pl.split(':') as [string, string];
  if (k === 'raw') return BigInt(n);
  if (k === 'in') return BigInt(Math.floor(Number(n) * Number(size)));
  const v = size + BigInt(n);
  return v < 0n ? 0n : v;
}

export async function runFifoVmoOp(env: Env, spec: { readonly p: number } & FifoVmoOp, t: RunTools): Promise<void> {
  const m = env.model;
  const p = spec.p;
  const sys = env.sys[p]!;
  /** The current size of the VMO a value names, or 0 if it names none (for placing offsets). */
  const sizeOf = (value: number): bigint => {
    const vm = m.lookup(p, value)?.obj.vmo;
    return vm ? BigInt(vm.sizePages) * PAGE : 0n;
  };
  const elemSizeOf = (value: number, wrong: boolean): number => {
    const f = m.lookup(p, value)?.obj.fifo;
    const size = f?.elemSize ?? 8;
    return wrong ? size + 1 : size;
  };
  switch (spec.op) {
    case 'fifo_create': {
      const a = { value: SENTINEL }, b = { value: SENTINEL };
      const st = sys.zx_fifo_create(spec.count, spec.size, 0, a, b);
      if (st !== S.OK) expectEq('fifo_create outs (untouched)', a.value + b.value, 2 * SENTINEL);
      fifoCreate(m, p, spec.count, spec.size, st, () => [t.acquired(a)(), t.acquired(b)()]);
      break;
    }
    case 'fifo_write': {
      const h = t.v(spec.h);
      t.noted(t.label(h));
      const es = elemSizeOf(h, spec.wrongSize);
      const data = spec.nullBuf ? null : t.bytes(spec.count * es).slice();
      const actual = { value: SENTINEL };
      const st = sys.zx_fifo_write(h, es, data, spec.count, actual);
      fifoWrite(m, p, h, es, data, spec.count, st, actual.value);
      break;
    }
    case 'fifo_read': {
      const h = t.v(spec.h);
      t.noted(t.label(h));
      const es = elemSizeOf(h, spec.wrongSize);
      const buf = new Uint8Array(spec.count * es);
      const actual = { value: SENTINEL };
      const st = sys.zx_fifo_read(h, es, buf, spec.count, actual);
      fifoRead(m, p, h, es, spec.count, st, buf, actual.value);
      break;
    }
    case 'vmo_create': {
      const a = { value: SENTINEL };
      const st = sys.zx_vmo_create(spec.size, spec.options, a);
      vmoCreate(m, p, spec.size, spec.options, st, t.acquired(a));
      break;
    }
    case 'vmo_write': {
      const h = t.v(spec.h);
      t.noted(t.label(h));
      const offset = resolvePlace(spec.offset, sizeOf(h));
      const data = t.bytes(spec.len).slice();
      vmoWrite(m, p, h, offset, data, sys.zx_vmo_write(h, data, offset, data.length));
      break;
    }
    case 'vmo_read': {
      const h = t.v(spec.h);
      t.noted(t.label(h));
      const offset = resolvePlace(spec.offset, sizeOf(h));
      const buf = new Uint8Array(spec.len).fill(0xcc);
      vmoRead(m, p, h, offset, spec.len, sys.zx_vmo_read(h, buf, offset, spec.len), buf);
      break;
    }
    case 'vmo_set_size': {
      const h = t.v(spec.h);
      t.noted(t.label(h));
      vmoSetSize(m, p, h, spec.size, sys.zx_vmo_set_size(h, spec.size));
      break;
    }
    case 'vmo_get_size': {
      const h = t.v(spec.h);
      t.noted(t.label(h));
      const size = { value: 0xdeadn };
      const st = sys.zx_vmo_get_size(h, size);
      vmoGetSize(m, p, h, st, size.value);
      break;
    }
    case 'vmo_op_range': {
      const h = t.v(spec.h);
      t.noted(t.label(h));
      const s = sizeOf(h);
      const offset = resolvePlace(spec.offset, s);
      const len = resolvePlace(spec.size, s);
      vmoOpRange(m, p, h, spec.rop, offset, len, sys.zx_vmo_op_range(h, spec.rop, offset, len, null, 0));
      break;
    }
    case 'vmo_clone': {
      const h = t.v(spec.h);
      t.noted(t.label(h));
      const out = { value: SENTINEL };
      const st = sys.zx_vmo_clone(h, spec.options, spec.offset, spec.size, out);
      vmoClone(m, p, h, spec.options, spec.offset, spec.size, st, t.acquired(out));
      break;
    }
    case 'vmo_set_cache_policy': {
      const h = t.v(spec.h);
      t.noted(t.label(h));
      vmoSetCachePolicy(m, p, h, spec.policy, sys.zx_vmo_set_cache_policy(h, spec.policy));
      break;
    }
    case 'vmo_replace_as_executable': {
      const h = t.v(spec.h);
      // The same value as both arguments is left out: Zircon checks vmex before taking the
      // handle, this kernel after, so only that case differs (noted in defs/vmo.yaml).
      const picked = spec.vmex === null ? 0 : t.v(spec.vmex);
      const vmex = picked === h ? 0 : picked;
      t.noted(t.label(h));
      const out = { value: SENTINEL };
      const st = sys.zx_vmo_replace_as_executable(h, vmex, out);
      vmoReplaceAsExecutable(m, p, h, vmex, st, t.acquired(out));
      break;
    }
  }
}
