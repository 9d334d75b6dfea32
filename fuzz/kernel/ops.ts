// Commands of the model-based kernel test: what fast-check generates (plain data), how each one
// picks its handle arguments from the model's state, runs against the real kernel, and is
// checked by the reference model (model.ts). After every command the kernel's object, handle
// and packet counts and the signals of every object the command touched are compared.
import fc from 'fast-check';
import { runTimerOp, timerOpArbitraries, type TimerOpSpec } from './ops-timer.js';
import { Kernel, type KernelStats } from '../../runtime/kernel.js';
import type { KernelObject } from '../../runtime/kernel-object.js';
import type { Process } from '../../runtime/process.js';
import type { Syscalls } from '../../generated/stubs.js';
import type { zx_handle_info_t } from '../../generated/types.js';
import { hostileSyscalls, type Directions } from './hostile.js';
import {
  CHANNEL_MAX_BYTES,
  CONTROL_CAPACITY,
  Model,
  type MHandle,
  type MObj,
  type ObjType,
  PROP,
  R,
  S,
  SIG,
  SOCKET_CAPACITY,
  SOCKET_CONTROL,
  TOPIC,
  Violation,
  expectEq,
} from './model.js';
import { fifoVmoArbitraries, runFifoVmoOp, type FifoVmoOp } from './ops-fifo-vmo.js';

export const PROCESSES = 3;
const SENTINEL = 0x5eed5eed;

// ---- handle selectors ------------------------------------------------------------------------

/** How a command picks a handle value, resolved against the model when the command runs. */
export type HRef =
  | { readonly k: 'type'; readonly t: ObjType; readonly i: number } // a live handle of that type
  | { readonly k: 'ready'; readonly want: Ready; readonly t: ObjType | null; readonly i: number } // a live handle in that state
  | { readonly k: 'own'; readonly i: number } // any live handle of the process
  | { readonly k: 'foreign'; readonly i: number } // a live handle of another process
  | { readonly k: 'stale'; readonly i: number } // a value this process closed or gave away
  | { readonly k: 'random'; readonly v: number }
  | { readonly k: 'zero' };

/** States worth aiming at: something to read, a socket to share over or accept from, a registration. */
type Ready = 'readable' | 'acceptor' | 'accept' | 'registered';
const READY: Record<Ready, (h: MHandle) => boolean> = {
  readable: (h) => h.obj.rxSize > 0 || h.obj.control !== null || h.obj.msgs.length > 0 || h.obj.queue.length > 0,
  acceptor: (h) => h.obj.type === 'socket' && (h.obj.options & 0x4) !== 0,
  accept: (h) => h.obj.acceptQ !== null,
  registered: (h) => h.obj.regs.some((r) => r.handle === h),
};

const idx = fc.nat({ max: 0xffff });
const ready = (want: Ready, t: ObjType | null, fallback: fc.Arbitrary<HRef>, weight = 1): fc.Arbitrary<HRef> =>
  fc.oneof({ weight, arbitrary: idx.map((i): HRef => ({ k: 'ready', want, t, i })) }, { weight: 1, arbitrary: fallback });
const hrefOf = (t: ObjType): fc.Arbitrary<HRef> =>
  fc.oneof(
    { weight: 16, arbitrary: idx.map((i): HRef => ({ k: 'type', t, i })) },
    { weight: 2, arbitrary: idx.map((i): HRef => ({ k: 'own', i })) },
    { weight: 1, arbitrary: idx.map((i): HRef => ({ k: 'foreign', i })) },
    { weight: 1, arbitrary: idx.map((i): HRef => ({ k: 'stale', i })) },
    { weight: 1, arbitrary: fc.oneof(fc.constant<HRef>({ k: 'zero' }), fc.nat().map((v): HRef => ({ k: 'random', v: v >>> 0 }))) },
  );
const anyHref: fc.Arbitrary<HRef> = fc.oneof(
  fc.constantFrom<ObjType>('socket', 'channel', 'event', 'eventpair', 'port', 'fifo', 'vmo', 'timer').chain(hrefOf),
  { weight: 1, arbitrary: idx.map((i): HRef => ({ k: 'own', i })) },
);

function describeRef(r: HRef): string {
  switch (r.k) {
    case 'type':
      return `${r.t}[${r.i}]`;
    case 'ready':
      return `${r.want}[${r.i}]`;
    case 'own':
      return `own[${r.i}]`;
    case 'foreign':
      return `foreign[${r.i}]`;
    case 'stale':
      return `stale[${r.i}]`;
    case 'random':
      return `0x${r.v.toString(16)}`;
    case 'zero':
      return '0';
  }
}

// ---- command specs ---------------------------------------------------------------------------

type RightsSpec =
  | { readonly k: 'same' }
  | { readonly k: 'subset'; readonly mask: number }
  | { readonly k: 'superset'; readonly bit: number }
  | { readonly k: 'raw'; readonly v: number };

export type OpSpec = { readonly p: number } & (
  | { readonly op: 'socket_create'; readonly options: number }
  | { readonly op: 'channel_create' | 'event_create' | 'eventpair_create' | 'port_create'; readonly options: number }
  | { readonly op: 'socket_write'; readonly h: HRef; readonly options: number; readonly size: number; readonly nullBuf: boolean }
  | { readonly op: 'socket_read'; readonly h: HRef; readonly options: number; readonly size: number; readonly nullBuf: boolean }
  | { readonly op: 'socket_share'; readonly h: HRef; readonly s: HRef }
  | { readonly op: 'socket_accept'; readonly h: HRef }
  | { readonly op: 'socket_shutdown'; readonly h: HRef; readonly options: number }
  | { readonly op: 'handle_duplicate' | 'handle_replace'; readonly h: HRef; readonly rights: RightsSpec }
  | { readonly op: 'handle_close'; readonly h: HRef }
  | { readonly op: 'handle_close_many'; readonly hs: readonly HRef[] }
  | { readonly op: 'channel_write'; readonly h: HRef; readonly options: number; readonly size: number; readonly hs: readonly HRef[] }
  | { readonly op: 'channel_read'; readonly h: HRef; readonly options: number; readonly numBytes: number; readonly numHandles: number; readonly etc: boolean }
  | { readonly op: 'transfer'; readonly h: HRef; readonly to: number }
  | { readonly op: 'object_signal' | 'object_signal_peer'; readonly h: HRef; readonly clear: number; readonly set: number }
  | { readonly op: 'set_property'; readonly h: HRef; readonly prop: number; readonly v: number; readonly size: number; readonly nullValue: boolean }
  | { readonly op: 'get_property'; readonly h: HRef; readonly prop: number; readonly size: number; readonly nullValue: boolean }
  | { readonly op: 'get_info'; readonly h: HRef; readonly topic: number; readonly size: number }
  | { readonly op: 'wait_one'; readonly h: HRef; readonly signals: number }
  | { readonly op: 'wait_async'; readonly h: HRef; readonly port: HRef; readonly key: bigint; readonly signals: number; readonly options: number }
  | { readonly op: 'port_queue'; readonly h: HRef; readonly key: bigint; readonly status: number; readonly n: number }
  | { readonly op: 'port_wait'; readonly h: HRef }
  | { readonly op: 'port_cancel'; readonly h: HRef; readonly source: HRef; readonly key: bigint; readonly match: number | null }
  | FifoVmoOp
) | TimerOpSpec;

const proc = fc.nat({ max: PROCESSES - 1 });
const socketOptions = fc.oneof(
  { weight: 12, arbitrary: fc.nat({ max: 7 }) },
  { weight: 1, arbitrary: fc.constantFrom(0x8, 0x10, 0x80000000, 0xffffffff, 0xf) },
);
const createOptions = fc.oneof({ weight: 12, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(1, 2, 0x80000000) });
const ioSize = fc.oneof(
  { weight: 8, arbitrary: fc.nat({ max: 16 }) },
  { weight: 6, arbitrary: fc.integer({ min: 17, max: 2048 }) },
  { weight: 2, arbitrary: fc.integer({ min: 2049, max: 70000 }) },
  { weight: 1, arbitrary: fc.constantFrom(CONTROL_CAPACITY, CONTROL_CAPACITY + 1, SOCKET_CAPACITY, SOCKET_CAPACITY + 1) },
  { weight: 1, arbitrary: fc.integer({ min: 200000, max: 300000 }) },
);
const ioOptions = fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.constant(SOCKET_CONTROL) }, { weight: 1, arbitrary: fc.constantFrom(1, 2, 8, 0x80000000) });
const signalBit = fc.constantFrom(
  SIG.READABLE, SIG.WRITABLE, SIG.PEER_CLOSED, SIG.SIGNALED, SIG.PEER_WRITE_DISABLED, SIG.WRITE_DISABLED,
  SIG.CONTROL_READABLE, SIG.CONTROL_WRITABLE, SIG.ACCEPT, SIG.SHARE, SIG.READ_THRESHOLD, SIG.WRITE_THRESHOLD,
  0x01000000, 0x02000000, 0x80000000,
);
const signalSet = fc.array(signalBit, { maxLength: 3 }).map((bits) => bits.reduce((a, b) => (a | b) >>> 0, 0));
const userMask = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.constantFrom(0x01000000, 0x02000000, 0x40000000, 0x80000000, SIG.SIGNALED), { maxLength: 2 }).map((bits) => bits.reduce((a, b) => (a | b) >>> 0, 0)) },
  { weight: 1, arbitrary: fc.constantFrom(SIG.WRITABLE, SIG.READABLE, 0x10, 0xffffffff) },
);
const rightsSpec: fc.Arbitrary<RightsSpec> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<RightsSpec>({ k: 'same' }) },
  { weight: 6, arbitrary: fc.nat().map((mask): RightsSpec => ({ k: 'subset', mask })) },
  { weight: 3, arbitrary: fc.nat({ max: 19 }).map((bit): RightsSpec => ({ k: 'superset', bit })) },
  { weight: 1, arbitrary: fc.constantFrom(0, 0x80000001, 0xffffffff).map((v): RightsSpec => ({ k: 'raw', v })) },
);
const portKey = fc.constantFrom(1n, 2n, 3n);
const handleList = (max: number) => fc.array(anyHref, { maxLength: max });
/** Mostly live handles of the process (what a program would send), rarely a bad value. */
const goodHref: fc.Arbitrary<HRef> = fc.oneof(
  { weight: 12, arbitrary: idx.map((i): HRef => ({ k: 'own', i })) },
  { weight: 1, arbitrary: anyHref },
);

export const opArbitrary: fc.Arbitrary<OpSpec> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ p: proc, op: fc.constant('socket_create' as const), options: socketOptions }) },
  { weight: 5, arbitrary: fc.record({ p: proc, op: fc.constant('channel_create' as const), options: createOptions }) },
  { weight: 2, arbitrary: fc.record({ p: proc, op: fc.constant('event_create' as const), options: createOptions }) },
  { weight: 2, arbitrary: fc.record({ p: proc, op: fc.constant('eventpair_create' as const), options: createOptions }) },
  { weight: 3, arbitrary: fc.record({ p: proc, op: fc.constant('port_create' as const), options: fc.constantFrom(0, 0, 0, 1, 2) }) },
  { weight: 14, arbitrary: fc.record({ p: proc, op: fc.constant('socket_write' as const), h: hrefOf('socket'), options: ioOptions, size: ioSize, nullBuf: fc.nat({ max: 19 }).map((n) => n === 0) }) },
  { weight: 12, arbitrary: fc.record({ p: proc, op: fc.constant('socket_read' as const), h: ready('readable', 'socket', hrefOf('socket')), options: ioOptions, size: ioSize, nullBuf: fc.nat({ max: 19 }).map((n) => n === 0) }) },
  { weight: 5, arbitrary: fc.record({ p: proc, op: fc.constant('socket_share' as const), h: ready('acceptor', 'socket', hrefOf('socket'), 2), s: hrefOf('socket') }) },
  { weight: 5, arbitrary: fc.record({ p: proc, op: fc.constant('socket_accept' as const), h: ready('accept', 'socket', hrefOf('socket'), 2) }) },
  { weight: 3, arbitrary: fc.record({ p: proc, op: fc.constant('socket_shutdown' as const), h: hrefOf('socket'), options: fc.oneof({ weight: 8, arbitrary: fc.nat({ max: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(4, 0xffffffff) }) }) },
  { weight: 5, arbitrary: fc.record({ p: proc, op: fc.constant('handle_duplicate' as const), h: anyHref, rights: rightsSpec }) },
  { weight: 3, arbitrary: fc.record({ p: proc, op: fc.constant('handle_replace' as const), h: anyHref, rights: rightsSpec }) },
  { weight: 3, arbitrary: fc.record({ p: proc, op: fc.constant('handle_close' as const), h: anyHref }) },
  { weight: 2, arbitrary: fc.record({ p: proc, op: fc.constant('handle_close_many' as const), hs: handleList(5) }) },
  {
    weight: 10,
    arbitrary: fc.record({
      p: proc,
      op: fc.constant('channel_write' as const),
      h: hrefOf('channel'),
      options: fc.oneof({ weight: 20, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(1) }),
      size: fc.oneof({ weight: 10, arbitrary: fc.nat({ max: 64 }) }, { weight: 2, arbitrary: fc.integer({ min: 65, max: CHANNEL_MAX_BYTES }) }, { weight: 1, arbitrary: fc.constant(CHANNEL_MAX_BYTES + 1) }),
      hs: fc.oneof(
        { weight: 10, arbitrary: fc.constant([]) },
        { weight: 8, arbitrary: fc.array(goodHref, { minLength: 1, maxLength: 2 }) },
        { weight: 2, arbitrary: handleList(4) },
        { weight: 1, arbitrary: fc.array(goodHref, { minLength: 65, maxLength: 66 }) },
      ),
    }),
  },
  {
    weight: 12,
    arbitrary: fc.record({
      p: proc,
      op: fc.constant('channel_read' as const),
      h: ready('readable', 'channel', hrefOf('channel'), 2),
      options: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) }),
      numBytes: fc.oneof({ weight: 6, arbitrary: fc.constant(CHANNEL_MAX_BYTES) }, { weight: 2, arbitrary: fc.nat({ max: 40 }) }),
      numHandles: fc.oneof({ weight: 6, arbitrary: fc.constant(64) }, { weight: 2, arbitrary: fc.nat({ max: 2 }) }),
      etc: fc.boolean(),
    }),
  },
  { weight: 4, arbitrary: fc.record({ p: proc, op: fc.constant('transfer' as const), h: anyHref, to: proc }) },
  { weight: 3, arbitrary: fc.record({ p: proc, op: fc.constant('object_signal' as const), h: anyHref, clear: userMask, set: userMask }) },
  { weight: 3, arbitrary: fc.record({ p: proc, op: fc.constant('object_signal_peer' as const), h: anyHref, clear: userMask, set: userMask }) },
  {
    weight: 4,
    arbitrary: fc.record({
      p: proc,
      op: fc.constant('set_property' as const),
      h: hrefOf('socket'),
      prop: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(PROP.RX, PROP.TX) }, { weight: 1, arbitrary: fc.constantFrom(PROP.NAME, PROP.PROCESS_DEBUG_ADDR, PROP.PROCESS_VDSO_BASE, PROP.JOB_KILL_ON_OOM, 99) }),
      v: fc.oneof({ weight: 4, arbitrary: fc.nat({ max: 300 }) }, { weight: 2, arbitrary: fc.integer({ min: 250000, max: SOCKET_CAPACITY + 10 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 0xefffffff) }),
      size: fc.oneof({ weight: 10, arbitrary: fc.constant(8) }, { weight: 1, arbitrary: fc.constantFrom(0, 4, 16) }),
      nullValue: fc.nat({ max: 29 }).map((n) => n === 0),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      p: proc,
      op: fc.constant('get_property' as const),
      h: anyHref,
      prop: fc.constantFrom(PROP.RX, PROP.TX, PROP.RX, PROP.TX, PROP.NAME, PROP.PROCESS_DEBUG_ADDR, 99),
      size: fc.constantFrom(8, 8, 32, 4, 0),
      nullValue: fc.nat({ max: 29 }).map((n) => n === 0),
    }),
  },
  { weight: 3, arbitrary: fc.record({ p: proc, op: fc.constant('get_info' as const), h: anyHref, topic: fc.constantFrom(TOPIC.BASIC, TOPIC.BASIC, TOPIC.COUNT, TOPIC.SOCKET, TOPIC.SOCKET, TOPIC.VALID, TOPIC.PROCESS, TOPIC.CPU_STATS, TOPIC.NONE, 99, TOPIC.VMO), size: fc.constantFrom(48, 48, 48, 32, 4, 0, 112) }) },
  { weight: 5, arbitrary: fc.record({ p: proc, op: fc.constant('wait_one' as const), h: anyHref, signals: signalSet }) },
  { weight: 8, arbitrary: fc.record({ p: proc, op: fc.constant('wait_async' as const), h: goodHref, port: hrefOf('port'), key: portKey, signals: signalSet, options: fc.constantFrom(0, 0, 1, 1, 2) }) },
  { weight: 3, arbitrary: fc.record({ p: proc, op: fc.constant('port_queue' as const), h: hrefOf('port'), key: portKey, status: fc.integer({ min: -5, max: 5 }), n: fc.oneof({ weight: 30, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2051) }) }) },
  { weight: 6, arbitrary: fc.record({ p: proc, op: fc.constant('port_wait' as const), h: ready('readable', 'port', hrefOf('port'), 2) }) },
  { weight: 2, arbitrary: fc.record({ p: proc, op: fc.constant('port_cancel' as const), h: hrefOf('port'), source: ready('registered', null, anyHref, 3), key: portKey, match: fc.option(idx, { freq: 2 }) }) },
  ...fifoVmoArbitraries({ proc, hrefOf, anyHref }),
  ...timerOpArbitraries(proc, hrefOf('timer')),
) as fc.Arbitrary<OpSpec>;

// ---- the system under test -------------------------------------------------------------------

export interface Env {
  readonly kernel: Kernel;
  readonly procs: Process[];
  readonly sys: Syscalls[];
  readonly model: Model;
  /**
   * kernel.stats() right after the processes were made: the root job, the processes and their
   * startup handles (process.self, process.job). The model counts what the commands make.
   */
  readonly base: KernelStats;
  /** Commands run since this environment was made. */
  ops: number;
  /** Counter for picking byte windows. */
  seq: number;
  readonly onCommand?: () => void;
}


export type { Documented } from "../documented.js";
import type { Documented } from "../documented.js";

/** `hostile`: disguise object arguments with kinds that must not change a call (fuzz/kernel/hostile.ts). */
export function makeEnv(documented: Documented, onCommand?: () => void, hostile?: Directions): Env {
  const kernel = new Kernel({ testMode: false, clock: 'virtual' });
  const onStatus = (name: string, st: number): void => {
    if (!documented.get(name)?.has(st)) throw new Violation(`${name} returned ${st}, which its definition does not document`);
  };
  const procs = Array.from({ length: PROCESSES }, (_, i) => kernel.createProcess(`p${i}`, { onStatus }));
  const sys = procs.map((p, i) => (hostile ? hostileSyscalls(p.syscalls, hostile, i + 1) : p.syscalls));
  const base = kernel.stats();
  return { kernel, procs, sys, model: new Model(PROCESSES), base, ops: 0, seq: 0, ...(onCommand ? { onCommand } : {}) };
}

// Byte sources: one random block; each write takes a window at a different offset, so
// consecutive writes carry different bytes and any loss, duplication or reordering shows.
const SOURCE = (() => {
  const b = new Uint8Array(SOCKET_CAPACITY + 50000 + 8192);
  let s = 0x12345678;
  for (let i = 0; i < b.length; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    b[i] = (t ^ (t >>> 14)) & 0xff;
  }
  return b;
})();
const SCRATCH = new Uint8Array(SOURCE.length);
function bytesOf(env: Env, size: number): Uint8Array {
  const at = (env.seq++ * 4099) % 8192;
  return SOURCE.subarray(at, at + size);
}

function pickValue(env: Env, p: number, r: HRef): number {
  const m = env.model;
  switch (r.k) {
    case 'zero':
      return 0;
    case 'random':
      return r.v;
    case 'type': {
      const t = m.procs[p]!.table;
      let n = 0;
      for (const h of t.values()) if (h.obj.type === r.t) n++;
      if (n === 0) return pickValue(env, p, { k: 'own', i: r.i });
      let k = r.i % n;
      for (const [v, h] of t) if (h.obj.type === r.t && k-- === 0) return v;
      throw new Error('unreachable');
    }
    case 'ready': {
      const t = m.procs[p]!.table;
      const ok = (h: MHandle) => READY[r.want](h) && (r.t === null || h.obj.type === r.t);
      let n = 0;
      for (const h of t.values()) if (ok(h)) n++;
      if (n === 0) return pickValue(env, p, r.t === null ? { k: 'own', i: r.i } : { k: 'type', t: r.t, i: r.i });
      let k = r.i % n;
      for (const [v, h] of t) if (ok(h) && k-- === 0) return v;
      throw new Error('unreachable');
    }
    case 'own': {
      const t = m.procs[p]!.table;
      if (t.size === 0) return pickValue(env, p, { k: 'stale', i: r.i });
      let k = r.i % t.size;
      for (const v of t.keys()) if (k-- === 0) return v;
      throw new Error('unreachable');
    }
    case 'foreign': {
      const all: number[] = [];
      m.procs.forEach((st, q) => {
        if (q !== p) for (const v of st.table.keys()) all.push(v);
      });
      return all.length === 0 ? (r.i * 2 + 1) >>> 0 : all[r.i % all.length]!;
    }
    case 'stale': {
      const s = m.procs[p]!.stale;
      return s.length === 0 ? (r.i * 4 + 3) >>> 0 : s[r.i % s.length]!;
    }
  }
}

/** The `i`-th (port value, source value, key) of a registration or signal packet process `p` can name. */
function registrationOf(env: Env, p: number, i: number): { port: number; source: number; key: bigint } | undefined {
  const t = env.model.procs[p]!.table;
  const valueOf = (h: MHandle) => (h.where.kind === 'table' && h.where.proc === p ? h.where.value : undefined);
  const portValue = (port: MObj) => {
    for (const [v, h] of t) if (h.obj === port) return v;
    return undefined;
  };
  const found: { port: number; source: number; key: bigint }[] = [];
  for (const h of t.values()) {
    for (const r of h.obj.regs) {
      const pv = portValue(r.port);
      if (r.handle === h && pv !== undefined) found.push({ port: pv, source: valueOf(h)!, key: r.key });
    }
    if (h.obj.type === 'port') {
      for (const pk of h.obj.queue) {
        const sv = pk.reg ? valueOf(pk.reg.handle) : undefined;
        if (sv !== undefined) found.push({ port: valueOf(h)!, source: sv, key: pk.key });
      }
    }
  }
  return found.length === 0 ? undefined : found[i % found.length];
}

function realObjectOf(env: Env, p: number, value: number): KernelObject {
  const h = env.procs[p]!.table.lookup(value);
  if (h === null) throw new Violation(`handle value 0x${value.toString(16)} returned to process ${p} is not live there`);
  return h.object;
}

function rightsOf(env: Env, p: number, value: number, spec: RightsSpec): number {
  const have = env.model.lookup(p, value)?.rights ?? 0xffff;
  switch (spec.k) {
    case 'same':
      return R.SAME_RIGHTS;
    case 'subset':
      return (spec.mask & have) >>> 0;
    case 'superset': {
      for (let b = spec.bit; b < spec.bit + 20; b++) {
        const bit = (1 << (b % 20)) >>> 0;
        if ((have & bit) === 0) return (have | bit) >>> 0;
      }
      return (have | 0x100000) >>> 0;
    }
    case 'raw':
      return spec.v;
  }
}

// ---- running a command -----------------------------------------------------------------------

export async function runOp(env: Env, spec: OpSpec, noted: (note: string) => void = () => {}): Promise<void> {
  const m = env.model;
  const p = spec.p;
  const sys = env.sys[p]!;
  const v = (r: HRef) => pickValue(env, p, r);
  const acquired = (box: { value: number }) => () => ({ value: box.value, real: realObjectOf(env, p, box.value) });
  const label = (value: number): string => {
    const h = m.lookup(p, value);
    return h ? `${h.obj}/0x${h.rights.toString(16)}` : 'not live';
  };
  switch (spec.op) {
    case 'socket_create':
    case 'channel_create':
    case 'eventpair_create': {
      const a = { value: SENTINEL };
      const b = { value: SENTINEL };
      const call = spec.op === 'socket_create' ? sys.zx_socket_create : spec.op === 'channel_create' ? sys.zx_channel_create : sys.zx_eventpair_create;
      const st = call(spec.options, a, b);
      if (st !== S.OK) {
        expectEq(`${spec.op} out0 (untouched)`, a.value, SENTINEL);
        expectEq(`${spec.op} out1 (untouched)`, b.value, SENTINEL);
      }
      const outs = () => [acquired(a)(), acquired(b)()];
      if (spec.op === 'socket_create') m.socketCreate(p, spec.options, st, outs);
      else if (spec.op === 'channel_create') m.channelCreate(p, spec.options, st, outs);
      else m.eventpairCreate(p, spec.options, st, outs);
      if (st === S.OK) {
        const ka = m.lookup(p, a.value)!.obj.koid;
        expectEq(`${spec.op}: koid of endpoint 1`, m.lookup(p, b.value)!.obj.koid, ka + 1);
      }
      break;
    }
    case 'event_create':
    case 'port_create': {
      const a = { value: SENTINEL };
      const st = (spec.op === 'event_create' ? sys.zx_event_create : sys.zx_port_create)(spec.options, a);
      if (st !== S.OK) expectEq(`${spec.op} out (untouched)`, a.value, SENTINEL);
      if (spec.op === 'event_create') m.eventCreate(p, spec.options, st, acquired(a));
      else m.portCreate(p, spec.options, st, acquired(a));
      break;
    }
    case 'socket_write': {
      const h = v(spec.h);
      noted(label(h));
      const data = spec.nullBuf ? null : bytesOf(env, spec.size);
      const actual = { value: SENTINEL };
      const st = sys.zx_socket_write(h, spec.options, data, spec.size, actual);
      if (st !== S.OK) expectEq('socket_write actual (untouched)', actual.value, SENTINEL);
      m.socketWrite(p, h, spec.options, data, spec.size, st, actual.value);
      break;
    }
    case 'socket_read': {
      const h = v(spec.h);
      noted(label(h));
      const buf = spec.nullBuf ? null : SCRATCH.subarray(0, spec.size);
      const actual = { value: SENTINEL };
      const st = sys.zx_socket_read(h, spec.options, buf, spec.size, actual);
      if (st !== S.OK) expectEq('socket_read actual (untouched)', actual.value, SENTINEL);
      m.socketRead(p, h, spec.options, spec.size, spec.nullBuf, st, st === S.OK ? (buf ?? new Uint8Array(0)).subarray(0, actual.value) : null);
      break;
    }
    case 'socket_share': {
      const h = v(spec.h);
      const s = v(spec.s);
      noted(`${label(h)} <- ${label(s)}`);
      const st = sys.zx_socket_share(h, s);
      m.socketShare(p, h, s, st);
      break;
    }
    case 'socket_accept': {
      const h = v(spec.h);
      noted(label(h));
      const out = { value: SENTINEL };
      const st = sys.zx_socket_accept(h, out);
      if (st !== S.OK) expectEq('socket_accept out (untouched)', out.value, SENTINEL);
      m.socketAccept(p, h, st, acquired(out));
      break;
    }
    case 'socket_shutdown': {
      const h = v(spec.h);
      noted(label(h));
      m.socketShutdown(p, h, spec.options, sys.zx_socket_shutdown(h, spec.options));
      break;
    }
    case 'handle_duplicate':
    case 'handle_replace': {
      const h = v(spec.h);
      noted(label(h));
      const rights = rightsOf(env, p, h, spec.rights);
      const out = { value: SENTINEL };
      const st = (spec.op === 'handle_duplicate' ? sys.zx_handle_duplicate : sys.zx_handle_replace)(h, rights, out);
      if (st !== S.OK) expectEq(`${spec.op} out (untouched)`, out.value, SENTINEL);
      if (spec.op === 'handle_duplicate') m.handleDuplicate(p, h, rights, st, acquired(out));
      else m.handleReplace(p, h, rights, st, acquired(out));
      break;
    }
    case 'handle_close': {
      const h = v(spec.h);
      noted(label(h));
      m.handleClose(p, h, sys.zx_handle_close(h));
      break;
    }
    case 'handle_close_many': {
      const hs = spec.hs.map(v);
      noted(hs.map(label).join(', '));
      m.handleCloseMany(p, hs, sys.zx_handle_close_many(Uint32Array.from(hs), hs.length));
      break;
    }
    case 'channel_write': {
      const h = v(spec.h);
      const hs = spec.hs.map(v);
      noted(`${label(h)} with [${hs.map(label).join(', ')}]`);
      const bytes = bytesOf(env, spec.size);
      const st = sys.zx_channel_write(h, spec.options, bytes, spec.size, hs, hs.length);
      m.channelWrite(p, h, spec.options, bytes, spec.size, hs, st);
      // Transfer is a move: whatever the outcome, no value sent stays live in the sender.
      for (const x of hs) {
        if (env.procs[p]!.table.lookup(x) !== null) throw new Violation(`channel_write left sent value 0x${x.toString(16)} live`);
      }
      break;
    }
    case 'channel_read': {
      const h = v(spec.h);
      noted(label(h));
      const bytes = SCRATCH.subarray(0, spec.numBytes);
      const ab = { value: SENTINEL };
      const ah = { value: SENTINEL };
      let st: number;
      let values: number[];
      let infos: zx_handle_info_t[] | undefined;
      if (spec.etc) {
        const all = Array.from({ length: spec.numHandles }, () => ({ handle: 0, type: 0, rights: 0, unused: 0 }));
        st = sys.zx_channel_read_etc(h, spec.options, bytes, all, spec.numBytes, spec.numHandles, ab, ah);
        infos = all.slice(0, st === S.OK ? ah.value : 0);
        values = infos.map((x) => x.handle);
      } else {
        const hs = new Uint32Array(spec.numHandles);
        st = sys.zx_channel_read(h, spec.options, bytes, hs, spec.numBytes, spec.numHandles, ab, ah);
        values = Array.from(hs.subarray(0, st === S.OK ? ah.value : 0));
      }
      m.channelRead(p, h, spec.options, spec.numBytes, spec.numHandles, st, {
        actualBytes: ab.value,
        actualHandles: ah.value,
        bytes,
        handles: values,
        ...(infos ? { infos } : {}),
        untouched: SENTINEL,
        realObjects: () => values.map((x) => env.procs[p]!.table.lookup(x)?.object),
      });
      break;
    }
    case 'transfer': {
      const h = v(spec.h);
      noted(label(h));
      let threw = false;
      let nv = 0;
      try {
        nv = env.procs[p]!.transferHandle(h, env.procs[spec.to]!);
      } catch {
        threw = true;
      }
      m.transfer(p, h, spec.to, threw, nv);
      break;
    }
    case 'object_signal':
    case 'object_signal_peer': {
      const h = v(spec.h);
      noted(label(h));
      const st = (spec.op === 'object_signal' ? sys.zx_object_signal : sys.zx_object_signal_peer)(h, spec.clear, spec.set);
      if (spec.op === 'object_signal') m.objectSignal(p, h, spec.clear, spec.set, st);
      else m.objectSignalPeer(p, h, spec.clear, spec.set, st);
      break;
    }
    case 'set_property': {
      const h = v(spec.h);
      noted(label(h));
      const value = spec.nullValue ? null : new Uint8Array(Math.max(spec.size, 8));
      if (value) new DataView(value.buffer).setBigUint64(0, BigInt(spec.v), true);
      const st = sys.zx_object_set_property(h, spec.prop, value, spec.nullValue ? 0 : spec.size);
      m.setProperty(p, h, spec.prop, spec.v, spec.size, spec.nullValue, st);
      break;
    }
    case 'get_property': {
      const h = v(spec.h);
      noted(label(h));
      const value = spec.nullValue ? null : new Uint8Array(Math.max(spec.size, 32)).fill(0xcc);
      const st = sys.zx_object_get_property(h, spec.prop, value, spec.nullValue ? 0 : spec.size);
      m.getProperty(p, h, spec.prop, spec.size, spec.nullValue, st, value);
      break;
    }
    case 'get_info': {
      const h = v(spec.h);
      noted(label(h));
      const buf = new Uint8Array(spec.size);
      const actual = { value: SENTINEL };
      const avail = { value: SENTINEL };
      const st = sys.zx_object_get_info(h, spec.topic, buf, spec.size, actual, avail);
      m.getInfo(p, h, spec.topic, spec.size, st, { buf, actual: actual.value, avail: avail.value, untouched: SENTINEL });
      break;
    }
    case 'wait_one': {
      const h = v(spec.h);
      noted(label(h));
      const observed = { value: SENTINEL };
      const st = await sys.zx_object_wait_one(h, spec.signals, 0n, observed);
      m.waitOne(p, h, spec.signals, st, observed.value, SENTINEL);
      break;
    }
    case 'wait_async': {
      const h = v(spec.h);
      const port = v(spec.port);
      noted(`${label(h)} -> ${label(port)}`);
      const st = sys.zx_object_wait_async(h, port, spec.key, spec.signals, spec.options);
      m.objectWaitAsync(p, h, port, spec.key, spec.signals, spec.options, st);
      break;
    }
    case 'port_queue': {
      const h = v(spec.h);
      noted(label(h));
      // A flood stops at the first refusal (SHOULD_WAIT once the port holds 2049 packets).
      for (let i = 0, st: number = S.OK; i < spec.n && st === S.OK; i++) {
        const payload = bytesOf(env, 32).slice();
        st = sys.zx_port_queue(h, { key: spec.key, type: 0x55, status: spec.status, payload });
        m.portQueue(p, h, spec.key, spec.status, payload, st);
      }
      break;
    }
    case 'port_wait': {
      const h = v(spec.h);
      noted(label(h));
      const packet = { key: 0xdeadn, type: 0xee, status: 0x77, payload: new Uint8Array(32).fill(0xab) };
      const st = await sys.zx_port_wait(h, 0n, packet);
      m.portWait(p, h, st, packet);
      break;
    }
    case 'port_cancel': {
      // `match` aims at a live registration or queued signal packet: its port, handle and key.
      const aim = spec.match === null ? undefined : registrationOf(env, p, spec.match);
      const h = aim?.port ?? v(spec.h);
      const s = aim?.source ?? v(spec.source);
      const key = aim?.key ?? spec.key;
      noted(`${label(h)} source ${label(s)}`);
      m.portCancel(p, h, s, key, sys.zx_port_cancel(h, s, key));
      break;
    }
    case 'timer_create':
    case 'timer_set':
    case 'timer_cancel':
    case 'advance_time':
      runTimerOp(env, spec, { v, noted, label, acquired, sentinel: SENTINEL });
      break;
    default:
      await runFifoVmoOp(env, spec, { v, acquired, noted, label, bytes: (n) => bytesOf(env, n) });
  }
  afterCommand(env);
}

/** process.self and process.job, which every table holds from the start and the commands never name. */
const STARTUP_HANDLES = 2;

/** Cheap checks after every command; a full sweep every SWEEP commands. */
const SWEEP = 64;

export function afterCommand(env: Env): void {
  const m = env.model;
  const stats = env.kernel.stats();
  expectEq('kernel.stats().objects', stats.objects - env.base.objects, m.objects.size);
  expectEq('kernel.stats().handles', stats.handles - env.base.handles, m.liveHandles);
  expectEq('kernel.stats().userPackets', stats.userPackets - env.base.userPackets, m.userPackets);
  for (const o of m.dirty) if (!o.destroyed) checkObject(m, o);
  m.dirty.clear();
  m.batch++;
  env.ops++;
  env.onCommand?.();
  if (env.ops % SWEEP === 0) sweep(env);
}

function checkObject(m: Model, o: MObj): void {
  const real = o.real.signals >>> 0;
  expectEq(`${o} signals`, real, o.signals);
  expectEq(`${o} handle count`, o.real.handleCount, o.handles.size);
  m.checkDerivedSignals(o, real);
  // No syscall reports how many packets a port holds; the core's own count is compared so that
  // a packet queued or lost by mistake shows at once, not only when a port_wait reaches it.
  const queued = (o.real as unknown as { queuedCount?: unknown }).queuedCount;
  if (o.type === 'port' && typeof queued === 'number') expectEq(`${o} queued packets`, queued, o.queue.length);
}

/** Every object, every live value of every process, stale and foreign values, rights. */
export function sweep(env: Env): void {
  const m = env.model;
  for (const o of m.objects) checkObject(m, o);
  m.procs.forEach((st, p) => {
    const table = env.procs[p]!.table;
    expectEq(`process ${p} handle count`, table.count - STARTUP_HANDLES, st.table.size);
    for (const [value, h] of st.table) checkLive(env, p, value, h);
    for (const value of st.stale) {
      if (table.lookup(value) !== null) throw new Violation(`process ${p}: closed value 0x${value.toString(16)} is live again`);
    }
    m.procs.forEach((other, q) => {
      if (q === p) return;
      for (const value of other.table.keys()) {
        if (!st.table.has(value) && table.lookup(value) !== null) {
          throw new Violation(`process ${q}'s handle value 0x${value.toString(16)} is valid in process ${p}`);
        }
      }
    });
  });
}

function checkLive(env: Env, p: number, value: number, h: MHandle): void {
  const real = env.procs[p]!.table.lookup(value);
  if (real === null) throw new Violation(`process ${p}: live value 0x${value.toString(16)} (${h.obj}) does not resolve`);
  if (real.object !== h.obj.real) throw new Violation(`process ${p}: value 0x${value.toString(16)} resolves to another object than ${h.obj}`);
  expectEq(`process ${p}: rights of 0x${value.toString(16)} (${h.obj})`, real.rights, h.rights);
  if ((h.rights & ~h.parentRights) >>> 0 !== 0) {
    throw new Violation(`${h.obj}: a handle has rights 0x${h.rights.toString(16)} beyond its parent's 0x${h.parentRights.toString(16)}`);
  }
}

/**
 * End of a run: close every handle every process holds (through the syscalls, checked by the
 * model), then the kernel must hold what it held before the first command: the processes,
 * their startup handles and the root job; no other objects, handles or user packets.
 */
export function closeEverything(env: Env): void {
  sweep(env);
  const m = env.model;
  m.procs.forEach((st, p) => {
    const values = [...st.table.keys()];
    for (let i = 0; i < values.length; i += 7) {
      const chunk = values.slice(i, i + 7);
      if (chunk.length === 1) m.handleClose(p, chunk[0]!, env.sys[p]!.zx_handle_close(chunk[0]!));
      else m.handleCloseMany(p, chunk, env.sys[p]!.zx_handle_close_many(chunk, chunk.length));
      afterCommand(env);
    }
  });
  const stats = env.kernel.stats();
  if (stats.objects !== env.base.objects || stats.handles !== env.base.handles || stats.userPackets !== env.base.userPackets) {
    const left = [...m.objects].map((o) => `${o} (handles: ${[...o.handles].map(whereOf).join(', ')})`);
    throw new Violation(
      `leak after closing everything: ${stats.objects} objects, ${stats.handles} handles, ${stats.userPackets} user packets remain` +
        (left.length ? `: ${left.slice(0, 6).join('; ')}` : ''),
    );
  }
}

function whereOf(h: MHandle): string {
  const w = h.where;
  return w.kind === 'transit' ? `inside ${w.holder}` : w.kind === 'table' ? `process ${w.proc}` : 'closed';
}

// ---- fast-check glue -------------------------------------------------------------------------

export class Op implements fc.AsyncCommand<Model, Env> {
  private note = '';
  constructor(readonly spec: OpSpec) {}
  check(): boolean {
    return true;
  }
  async run(_m: Model, env: Env): Promise<void> {
    this.note = '';
    await runOp(env, this.spec, (n) => (this.note = n));
  }
  toString(): string {
    const { p, op, ...args } = this.spec;
    const parts = Object.entries(args).map(([k, x]) => `${k}=${fmtArg(x)}`);
    return `P${p}.${op}(${parts.join(', ')})${this.note ? ` [${this.note}]` : ''}`;
  }
}

function fmtArg(x: unknown): string {
  if (typeof x === 'bigint') return `${x}n`;
  if (typeof x === 'number') return x > 0xffff ? `0x${x.toString(16)}` : String(x);
  if (Array.isArray(x)) return `[${x.map(fmtArg).join(' ')}]`;
  if (typeof x === 'object' && x !== null && 'k' in x) {
    const r = x as HRef | RightsSpec;
    if (r.k === 'same' || r.k === 'subset' || r.k === 'superset' || r.k === 'raw') return JSON.stringify(r);
    return describeRef(r);
  }
  return String(x);
}

export const commandsArbitrary = (maxCommands: number) => fc.commands([opArbitrary.map((s) => new Op(s))], { maxCommands, size: 'max' });
