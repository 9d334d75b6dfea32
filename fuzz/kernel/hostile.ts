// Hostile JavaScript values for the kernel fuzzers (issue 12): every object a syscall takes (out
// boxes, structs, arrays, byte and handle views) can be handed over frozen, sealed, with getters
// or setters, as a Proxy, with element reads that throw, or as a detached or SharedArrayBuffer
// view. Two uses:
// - the model-based run (ops.ts) wraps each process's syscalls with `hostileSyscalls`, which
//   disguises one object argument of some calls with a kind that must not change what the call
//   does (a sealed out-box, a forwarding Proxy, an array read once however often its getter
//   would answer...): the reference model then checks the outcome exactly;
// - `runHostileFuzz` runs random calls whose object arguments may be disguised with any kind,
//   including those the kernel refuses (INVALID_ARGS), and checks what holds whatever the outcome:
//   no exception escapes, every status is documented, signals match the state the syscalls
//   report, and closing every handle the caller can see leaves the kernel empty.
import fc from 'fast-check';
import { join } from 'node:path';
import { defsSources, loadModel, packageRoot } from '../../generator/pipeline.js';
import type { Syscalls } from '../../generated/stubs.js';
import type { zx_channel_call_args_t, zx_port_packet_t, zx_wait_item_t } from '../../generated/types.js';
import { decode_zx_info_handle_basic_t, decode_zx_info_socket_t } from '../../generated/structs.js';
import { Kernel, type KernelStats } from '../../runtime/kernel.js';
import type { Process } from '../../runtime/process.js';
import type { Documented } from '../documented.js';
import { Violation } from './model.js';
import { checkInBatches } from './run.js';

export const HOSTILE_KINDS = ['frozen', 'sealed', 'getter', 'setter', 'proxy', 'throwing-read', 'second-read', 'detached', 'shared'] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

/** Which way a parameter's object goes: read by the kernel, written by it, or both. */
export type Direction = 'in' | 'out' | 'inout';

/** A value handed to the kernel in place of the caller's own, and what to do once the call is over. */
export interface Disguised {
  readonly value: unknown;
  /** Copies what the kernel wrote into a stand-in back to the caller's object (shared views). */
  readonly after: () => void;
}

const nothing = (): void => {};
const hostile = (): never => {
  throw new Error('hostile value');
};

const isView = (v: object): v is Uint8Array | Uint32Array => ArrayBuffer.isView(v) && !(v instanceof DataView);

/** `value` disguised as `kind`; a kind that does not apply to the value's category falls back to a close one. */
export function disguise(value: unknown, kind: HostileKind): Disguised {
  if (typeof value !== 'object' || value === null) return { value, after: nothing };
  if (isView(value)) return disguiseView(value, kind);
  if (Array.isArray(value)) return disguiseArray(value as unknown[], kind);
  return disguiseObject(value as Record<string, unknown>, kind);
}

function disguiseView(v: Uint8Array | Uint32Array, kind: HostileKind): Disguised {
  switch (kind) {
    case 'shared': {
      const buf = new SharedArrayBuffer(v.byteLength);
      const s = v instanceof Uint32Array ? new Uint32Array(buf) : new Uint8Array(buf);
      s.set(v as never);
      return { value: s, after: () => v.set(s as never) };
    }
    case 'detached': {
      const c = v.slice();
      structuredClone(c.buffer, { transfer: [c.buffer as ArrayBuffer] });
      return { value: c, after: nothing };
    }
    case 'proxy':
      return { value: new Proxy(v, {}), after: nothing };
    case 'throwing-read':
      return { value: new Proxy(v, { get: hostile, getPrototypeOf: hostile }), after: nothing };
    default: {
      // A typed array's elements cannot be accessors and a non-empty one cannot be frozen or
      // sealed: these kinds become an own `length` accessor telling the truth on a non-extensible view.
      const length = v.length;
      Object.defineProperty(v, 'length', { get: () => length, configurable: true });
      Object.preventExtensions(v);
      return { value: v, after: nothing };
    }
  }
}

function disguiseArray(a: unknown[], kind: HostileKind): Disguised {
  switch (kind) {
    case 'frozen':
      return { value: Object.freeze([...a]), after: nothing };
    case 'sealed':
      return { value: Object.seal(a), after: nothing };
    case 'proxy':
    case 'shared':
      return { value: new Proxy(a, {}), after: nothing };
    case 'throwing-read':
    case 'detached':
      return { value: a.length === 0 ? new Proxy(a, { get: hostile }) : withAccessor([...a], 0, hostile), after: nothing };
    default:
      return { value: accessors(a, [], a.map((_, i) => i), kind), after: nothing };
  }
}

/**
 * `out` with an accessor for each of `keys` standing for that entry of `src`: reads forward
 * (a 'second-read' throws from its second read on), writes forward (a 'setter' throws).
 */
function accessors<T extends object>(src: T, out: T, keys: readonly (string | number)[], kind: HostileKind): T {
  const from = src as Record<string | number, unknown>;
  for (const k of keys) {
    let reads = 0;
    Object.defineProperty(out, k, {
      get: () => (kind === 'second-read' && reads++ > 0 ? hostile() : from[k]),
      set: kind === 'setter' ? hostile : (x: unknown) => void (from[k] = x),
      enumerable: true,
    });
  }
  return out;
}

function withAccessor(a: unknown[], i: number, get: () => unknown): unknown[] {
  return Object.defineProperty(a, i, { get, enumerable: true });
}

function disguiseObject(o: Record<string, unknown>, kind: HostileKind): Disguised {
  switch (kind) {
    case 'frozen':
      return { value: Object.freeze({ ...o }), after: nothing };
    case 'sealed':
      return { value: Object.seal(o), after: nothing };
    case 'proxy':
      return { value: new Proxy(o, {}), after: nothing };
    case 'throwing-read':
      return { value: new Proxy(o, { get: hostile, set: hostile, getPrototypeOf: hostile }), after: nothing };
    case 'detached':
    case 'shared': {
      // A struct carrying a byte view (a packet's payload, a call's wr_bytes): that view is disguised.
      const key = Object.keys(o).find((k) => typeof o[k] === 'object' && o[k] !== null && isView(o[k] as object));
      if (key === undefined) return { value: new Proxy(o, {}), after: nothing };
      const inner = disguiseView(o[key] as Uint8Array, kind);
      return { value: { ...o, [key]: inner.value }, after: inner.after };
    }
    default:
      return { value: accessors(o, {}, Object.keys(o), kind), after: nothing };
  }
}

/**
 * The kinds with which a value of this category and direction must leave the call exactly as the
 * plain value would (the model then checks it): inputs are read once, so a frozen copy or a
 * getter that throws on a second read changes nothing; outputs need a write that lands.
 */
export function transparentKinds(value: unknown, dir: Direction): readonly HostileKind[] {
  if (typeof value !== 'object' || value === null) return [];
  if (isView(value)) return dir === 'in' ? ['frozen', 'sealed', 'getter', 'second-read', 'shared'] : ['sealed', 'getter', 'shared'];
  if (dir === 'in') return ['frozen', 'sealed', 'getter', 'setter', 'proxy', 'second-read', 'shared'];
  return ['sealed', 'getter', 'proxy', 'second-read'];
}

/** The direction of each parameter of each syscall, by stub name. */
export type Directions = ReadonlyMap<string, readonly Direction[]>;

/** Each syscall's parameter directions, from the definitions. */
export function directions(defsDir = join(packageRoot(), 'defs')): Directions {
  const { model, diagnostics } = loadModel(defsSources(defsDir));
  if (!model) throw new Error(`cannot load ${defsDir}: ${diagnostics.map((d) => d.message).join('; ')}`);
  return new Map(model.syscalls.map((sc) => [`zx_${sc.name}`, sc.params.map((p) => (p.dir === 'in' ? 'in' : p.dir === 'out' ? 'out' : 'inout'))]));
}

/** A small deterministic generator, so a replayed command sequence disguises the same arguments. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

/**
 * `sys` with one object argument of about one call in `every` disguised by a transparent kind
 * (see transparentKinds). The syscalls behave exactly as before, which the model checks.
 */
export function hostileSyscalls(sys: Syscalls, dirs: Directions, seed: number, every = 3): Syscalls {
  const rand = prng(seed);
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(sys)) {
    const fn = (sys as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
    const d = dirs.get(name);
    if (!d) {
      out[name] = fn;
      continue;
    }
    out[name] = (...args: unknown[]) => {
      if (rand() * every >= 1) return fn(...args);
      const candidates = args.map((a, i) => [i, transparentKinds(a, d[i] ?? 'in')] as const).filter(([, k]) => k.length > 0);
      if (candidates.length === 0) return fn(...args);
      const [i, kinds] = candidates[Math.floor(rand() * candidates.length)]!;
      const dz = disguise(args[i], kinds[Math.floor(rand() * kinds.length)]!);
      const real = [...args];
      real[i] = dz.value;
      const r = fn(...real);
      if (r instanceof Promise) return r.then((st: unknown) => (dz.after(), st));
      dz.after();
      return r;
    };
  }
  return out as unknown as Syscalls;
}

// ---- the model-free hostile run --------------------------------------------------------------

const PROCS = 3;
const S_OK = 0;
const SIG_READABLE = 1 << 0;
const SIG_PEER_CLOSED = 1 << 2;
const OBJ_CHANNEL = 4;
const OBJ_SOCKET = 14;
const INFO_HANDLE_BASIC = 2;
const INFO_SOCKET = 22;

/** One random call: which syscall, and a few numbers that pick its handles, sizes and disguises. */
export interface HostileCommand {
  readonly op: number;
  readonly p: number;
  readonly picks: readonly number[];
  /** Per object argument: a kind index, or -1 for the plain value. */
  readonly kinds: readonly number[];
}

const OPS = [
  'create', 'duplicate', 'replace', 'close', 'close_many', 'channel_write', 'channel_read', 'channel_read_etc', 'channel_call',
  'socket_write', 'socket_read', 'socket_share', 'socket_accept', 'wait_one', 'wait_many', 'wait_async', 'port_queue',
  'port_wait', 'get_info', 'signal', 'transfer', 'set_property', 'get_property',
] as const;

export const hostileCommand: fc.Arbitrary<HostileCommand> = fc.record({
  op: fc.nat({ max: OPS.length - 1 }),
  p: fc.nat({ max: PROCS - 1 }),
  picks: fc.array(fc.nat({ max: 0xffff }), { minLength: 6, maxLength: 6 }),
  kinds: fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(-1) }, { weight: 2, arbitrary: fc.nat({ max: HOSTILE_KINDS.length - 1 }) }), { minLength: 4, maxLength: 4 }),
});

interface World {
  readonly kernel: Kernel;
  readonly procs: Process[];
  readonly sys: Syscalls[];
  /** The values each process was handed and may still hold. */
  readonly seen: Set<number>[];
  undocumented: string | null;
  /** kernel.stats() once the processes exist: each holds its two startup handles. */
  base: KernelStats;
}

function makeWorld(documented: Documented): World {
  const kernel = new Kernel({ testMode: false });
  const w: World = { kernel, procs: [], sys: [], seen: [], undocumented: null, base: kernel.stats() };
  const onStatus = (name: string, st: number): void => {
    if (!documented.get(name)?.has(st) && w.undocumented === null) w.undocumented = `${name} returned ${st}, which its definition does not document`;
  };
  for (let i = 0; i < PROCS; i++) {
    const p = kernel.createProcess(`h${i}`, { onStatus });
    w.procs.push(p);
    w.sys.push(p.syscalls);
    w.seen.push(new Set());
  }
  w.base = kernel.stats();
  return w;
}

/** A value of process `p` chosen by `pick`: mostly one it holds, sometimes a stale or foreign one. */
function value(w: World, p: number, pick: number): number {
  const own = [...w.seen[p]!];
  if (own.length > 0 && pick % 8 !== 0) return own[pick % own.length]!;
  const other = [...w.seen[(p + 1) % PROCS]!];
  return other.length > 0 && pick % 16 === 0 ? other[pick % other.length]! : (pick * 2 + 1) >>> 0;
}

/** Note every value now in `values` as held by `p`. */
function gained(w: World, p: number, values: Iterable<unknown>): void {
  for (const v of values) if (typeof v === 'number' && v !== 0 && w.procs[p]!.table.lookup(v) !== null) w.seen[p]!.add(v);
}

/** Run one command; an exception escaping a syscall is a violation. */
export async function runHostile(w: World, c: HostileCommand): Promise<void> {
  const p = c.p;
  const sys = w.sys[p]!;
  const pk = (i: number) => c.picks[i]!;
  const v = (i: number) => value(w, p, pk(i));
  let k = 0;
  const afters: (() => void)[] = [];
  /** The next object argument, disguised as the command says. */
  const d = <T>(x: T): T => {
    const kind = c.kinds[k++] ?? -1;
    if (kind < 0) return x;
    const dz = disguise(x, HOSTILE_KINDS[kind]!);
    afters.push(dz.after);
    return dz.value as T;
  };
  const box = () => ({ value: 0 });
  const op = OPS[c.op]!;
  try {
    switch (op) {
      case 'create': {
        const a = box();
        const b = box();
        const which = pk(0) % 5;
        if (which === 0) sys.zx_channel_create(0, d(a), d(b));
        else if (which === 1) sys.zx_socket_create(pk(1) % 8, d(a), d(b));
        else if (which === 2) sys.zx_eventpair_create(0, d(a), d(b));
        else if (which === 3) sys.zx_event_create(0, d(a));
        else sys.zx_port_create(0, d(a));
        gained(w, p, [a.value, b.value]);
        break;
      }
      case 'duplicate':
      case 'replace': {
        const out = box();
        const rights = pk(1) % 4 === 0 ? pk(2) : 0x80000000;
        if (op === 'duplicate') sys.zx_handle_duplicate(v(0), rights, d(out));
        else sys.zx_handle_replace(v(0), rights, d(out));
        gained(w, p, [out.value]);
        break;
      }
      case 'close':
        sys.zx_handle_close(v(0));
        break;
      case 'close_many': {
        const hs = [v(0), v(1), v(2)].slice(0, pk(3) % 4);
        sys.zx_handle_close_many(d(pk(4) % 2 ? Uint32Array.from(hs) : hs), hs.length);
        break;
      }
      case 'channel_write': {
        const hs = [v(1), v(2)].slice(0, pk(3) % 3);
        const n = pk(4) % 40;
        sys.zx_channel_write(v(0), 0, d(new Uint8Array(n).fill(n)), n, d(pk(5) % 2 ? Uint32Array.from(hs) : hs), hs.length);
        break;
      }
      case 'channel_read':
      case 'channel_read_etc': {
        const nb = pk(1) % 2 ? 64 : pk(2) % 8;
        const nh = pk(3) % 3;
        if (op === 'channel_read') {
          const hs = pk(4) % 2 ? new Uint32Array(nh) : new Array<number>(nh).fill(0);
          sys.zx_channel_read(v(0), pk(5) % 2, d(new Uint8Array(nb)), d(hs), nb, nh, d(box()), d(box()));
          gained(w, p, hs);
        } else {
          const infos = Array.from({ length: nh }, () => ({ handle: 0, type: 0, rights: 0, unused: 0 }));
          sys.zx_channel_read_etc(v(0), pk(5) % 2, d(new Uint8Array(nb)), d(infos), nb, nh, d(box()), d(box()));
          gained(w, p, infos.map((i) => i.handle));
        }
        break;
      }
      case 'channel_call': {
        const hs = [v(1)].slice(0, pk(3) % 2);
        const rd: number[] = [0, 0];
        const args: zx_channel_call_args_t = {
          wr_bytes: new Uint8Array(8), wr_handles: hs, rd_bytes: new Uint8Array(8), rd_handles: rd,
          wr_num_bytes: 8, wr_num_handles: hs.length, rd_num_bytes: 8, rd_num_handles: 2,
        };
        await sys.zx_channel_call(v(0), 0, 0n, d(args), d(box()), d(box()));
        gained(w, p, rd);
        break;
      }
      case 'socket_write': {
        const n = pk(1) % 3 === 0 ? 0 : pk(2) % 300;
        sys.zx_socket_write(v(0), pk(3) % 5 === 0 ? 4 : 0, d(new Uint8Array(n).fill(7)), n, d(box()));
        break;
      }
      case 'socket_read': {
        const n = pk(1) % 300;
        sys.zx_socket_read(v(0), pk(3) % 5 === 0 ? 4 : 0, d(new Uint8Array(n)), n, d(box()));
        break;
      }
      case 'socket_share':
        sys.zx_socket_share(v(0), v(1));
        break;
      case 'socket_accept': {
        const out = box();
        sys.zx_socket_accept(v(0), d(out));
        gained(w, p, [out.value]);
        break;
      }
      case 'wait_one':
        await sys.zx_object_wait_one(v(0), pk(1), 0n, d(box()));
        break;
      case 'wait_many': {
        const items: zx_wait_item_t[] = [v(0), v(1)].slice(0, 1 + (pk(2) % 2)).map((h) => ({ handle: h, waitfor: pk(3), pending: 0 }));
        await sys.zx_object_wait_many(d(items.map((i) => d(i))), items.length, 0n);
        break;
      }
      case 'wait_async':
        sys.zx_object_wait_async(v(0), v(1), BigInt(pk(2) % 3), pk(3), pk(4) % 2);
        break;
      case 'port_queue': {
        const packet: zx_port_packet_t = { key: BigInt(pk(1) % 3), type: 0, status: 0, payload: new Uint8Array(32).fill(3) };
        sys.zx_port_queue(v(0), d(packet));
        break;
      }
      case 'port_wait':
        await sys.zx_port_wait(v(0), 0n, d({ key: 0n, type: 0, status: 0, payload: new Uint8Array(32) }));
        break;
      case 'get_info': {
        const topic = [1, 2, 19, 22][pk(1) % 4]!;
        sys.zx_object_get_info(v(0), topic, d(new Uint8Array(48)), 48, d(box()), d(box()));
        break;
      }
      case 'signal':
        sys.zx_object_signal(v(0), 0, 1 << 24);
        break;
      case 'transfer': {
        const to = pk(1) % PROCS;
        const h = v(0);
        try {
          const nv = w.procs[p]!.transferHandle(h, w.procs[to]!);
          gained(w, to, [nv]);
        } catch (e) {
          // Documented: transferHandle throws for a value that is not live; nothing moved.
          if (!(e instanceof Error) || !e.message.startsWith('transferHandle:')) throw e;
        }
        break;
      }
      case 'set_property':
      case 'get_property': {
        const value = new Uint8Array(8);
        if (op === 'set_property') sys.zx_object_set_property(v(0), 12 + (pk(1) % 2), d(value), 8);
        else sys.zx_object_get_property(v(0), 12 + (pk(1) % 2), d(value), 8);
        break;
      }
    }
    for (const a of afters) a();
  } catch (e) {
    throw new Violation(`${op} threw out of the kernel: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  if (w.undocumented !== null) throw new Violation(w.undocumented);
  // Forget what is no longer live (closed, consumed, moved).
  w.seen.forEach((s, q) => {
    for (const x of s) if (w.procs[q]!.table.lookup(x) === null) s.delete(x);
  });
}

/**
 * Signals match what the syscalls report: a socket is READABLE exactly when get_info counts bytes
 * to read; a channel is READABLE exactly when a zero-sized read finds a message (BUFFER_TOO_SMALL)
 * and, empty, PEER_CLOSED exactly when the read says so.
 */
export async function checkSignals(w: World): Promise<void> {
  for (let p = 0; p < PROCS; p++) {
    const sys = w.sys[p]!;
    for (const x of w.seen[p]!) {
      const basic = new Uint8Array(48);
      if (sys.zx_object_get_info(x, INFO_HANDLE_BASIC, basic, 48, null, null) !== S_OK) continue;
      const type = decode_zx_info_handle_basic_t(basic).type;
      const observed = { value: 0 };
      // A handle without ZX_RIGHT_WAIT cannot report its signals: nothing to compare.
      const waited = await sys.zx_object_wait_one(x, 0xffffffff, 0n, observed);
      if (waited !== S_OK && waited !== -21 /* TIMED_OUT */) continue;
      const readable = (observed.value & SIG_READABLE) !== 0;
      if (type === OBJ_SOCKET) {
        const info = new Uint8Array(48);
        if (sys.zx_object_get_info(x, INFO_SOCKET, info, 48, null, null) !== S_OK) continue;
        const avail = decode_zx_info_socket_t(info).rx_buf_available;
        if (readable !== avail > 0) throw new Violation(`socket 0x${x.toString(16)}: READABLE is ${readable} with ${avail} bytes to read`);
      } else if (type === OBJ_CHANNEL) {
        const st = sys.zx_channel_read(x, 0, null, null, 0, 0, null, null);
        // A message of no bytes and no handles is read by the probe itself (OK).
        const queued = st === -15 /* BUFFER_TOO_SMALL */ || st === S_OK;
        if (readable !== queued) throw new Violation(`channel 0x${x.toString(16)}: READABLE is ${readable}, a read says ${st}`);
        if (!queued && ((observed.value & SIG_PEER_CLOSED) !== 0) !== (st === -24 /* PEER_CLOSED */)) {
          throw new Violation(`channel 0x${x.toString(16)}: PEER_CLOSED signal and an empty read (${st}) disagree`);
        }
      }
    }
  }
}

/** Close every handle each process can see; the kernel must then hold nothing. */
export function closeAllSeen(w: World): void {
  w.seen.forEach((s, p) => {
    const values = [...s];
    if (values.length > 0) w.sys[p]!.zx_handle_close_many(values, values.length);
    s.clear();
  });
  const now = w.kernel.stats();
  const st = { objects: now.objects - w.base.objects, handles: now.handles - w.base.handles, userPackets: now.userPackets - w.base.userPackets };
  if (st.objects !== 0 || st.handles !== 0 || st.userPackets !== 0) {
    throw new Violation(`leak after closing every handle the caller holds: ${st.objects} objects, ${st.handles} handles, ${st.userPackets} user packets remain`);
  }
}

export interface HostileFuzzOptions {
  readonly commands: number;
  readonly seed: number;
  readonly documented: Documented;
  readonly perRun?: number;
  readonly onCommand?: (total: number) => void;
  readonly path?: string;
}

export interface HostileFuzzResult {
  readonly commands: number;
  readonly runs: number;
  readonly violations: number;
  readonly report?: string;
  readonly failingSeed?: number;
  readonly failingPath?: string;
}

/** Batches of fast-check runs, each a fresh kernel with up to `perRun` hostile commands. */
export async function runHostileFuzz(o: HostileFuzzOptions): Promise<HostileFuzzResult> {
  const perRun = o.perRun ?? 500;
  let total = 0;
  const property = fc.asyncProperty(fc.array(hostileCommand, { maxLength: perRun, size: 'max' }), async (cmds) => {
    const w = makeWorld(o.documented);
    for (let i = 0; i < cmds.length; i++) {
      await runHostile(w, cmds[i]!);
      total++;
      o.onCommand?.(total);
      if (i % 64 === 63) await checkSignals(w);
    }
    await checkSignals(w);
    closeAllSeen(w);
  });
  const b = await checkInBatches(property, { ...o, perRun }, () => total);
  if (b.failed) {
    const { details, seed } = b.failed;
    const e = details.errorInstance;
    return {
      commands: total,
      runs: b.runs,
      violations: 1,
      failingSeed: seed,
      failingPath: details.counterexamplePath ?? '',
      report: `${e instanceof Error ? e.message : String(e)}\n${fc.defaultReportMessage(details) ?? ''}`,
    };
  }
  return { commands: total, runs: b.runs, violations: 0 };
}
