// The reference model of the kernel, written from the spec (../shared/spec/zircon-objects.md),
// not from runtime/: per process, which handle values are live with which rights and objects;
// per object, its signal word, the bytes and messages queued in each direction, accept queues,
// control slots, thresholds, async registrations and port queues.
//
// Every method mirrors one syscall: it takes the arguments and what the real kernel returned,
// computes the status the spec predicts, throws a Violation on any difference, and then applies
// the call's effects to the model (learning new handle values from the real out-parameters).
import type { KernelObject } from '../../runtime/kernel-object.js';
import { checkFifoSignals, FIFO_RIGHTS, type MFifo } from './model-fifo.js';
import { checkVmoSignals, setVmoName, type MVm, VMO_RIGHTS, vmoDestroyed, vmoInfo } from './model-vmo.js';

// ---- constants (spec §1) ---------------------------------------------------------------------

export const S = {
  OK: 0,
  INVALID_ARGS: -10,
  BAD_HANDLE: -11,
  WRONG_TYPE: -12,
  OUT_OF_RANGE: -14,
  BUFFER_TOO_SMALL: -15,
  BAD_STATE: -20,
  TIMED_OUT: -21,
  SHOULD_WAIT: -22,
  PEER_CLOSED: -24,
  NOT_FOUND: -25,
  ACCESS_DENIED: -30,
  NOT_SUPPORTED: -2,
  NO_MEMORY: -4,
  UNAVAILABLE: -28,
} as const;

export const R = {
  DUPLICATE: 0x1,
  TRANSFER: 0x2,
  READ: 0x4,
  WRITE: 0x8,
  GET_PROPERTY: 0x40,
  SET_PROPERTY: 0x80,
  SIGNAL: 0x1000,
  SIGNAL_PEER: 0x2000,
  WAIT: 0x4000,
  INSPECT: 0x8000,
  SAME_RIGHTS: 0x80000000,
} as const;

export const SIG = {
  READABLE: 0x1,
  WRITABLE: 0x2,
  PEER_CLOSED: 0x4,
  SIGNALED: 0x8,
  PEER_WRITE_DISABLED: 0x10,
  WRITE_DISABLED: 0x20,
  CONTROL_READABLE: 0x40,
  CONTROL_WRITABLE: 0x80,
  ACCEPT: 0x100,
  SHARE: 0x200,
  READ_THRESHOLD: 0x400,
  WRITE_THRESHOLD: 0x800,
  USER_ALL: 0xff000000,
} as const;

export const SOCKET_DATAGRAM = 0x1;
export const SOCKET_HAS_CONTROL = 0x2;
export const SOCKET_HAS_ACCEPT = 0x4;
export const SOCKET_CONTROL = 0x4;
export const SOCKET_CAPACITY = 257024;
export const CONTROL_CAPACITY = 1024;
export const CHANNEL_MAX_BYTES = 65536;
export const CHANNEL_MAX_HANDLES = 64;
export const PORT_MAX_PENDING = 2048;
export const USER_PACKET_POOL = 16384;

export const PROP = { NAME: 3, PROCESS_DEBUG_ADDR: 5, PROCESS_VDSO_BASE: 6, RX: 12, TX: 13, JOB_KILL_ON_OOM: 15 } as const;
export const TOPIC = { NONE: 0, VALID: 1, BASIC: 2, PROCESS: 3, CPU_STATS: 16, COUNT: 19, SOCKET: 22, VMO: 23 } as const;

export type ObjType = 'socket' | 'channel' | 'event' | 'eventpair' | 'port' | 'fifo' | 'vmo' | 'timer';
export const OBJ_TYPE_NUM: Record<ObjType, number> = { channel: 4, event: 5, port: 6, socket: 14, eventpair: 16, fifo: 19, vmo: 3, timer: 22 };
export const DEFAULT_RIGHTS: Record<ObjType, number> = {
  socket: 0xf0cf,
  channel: 0xf00e,
  event: 0xd003,
  eventpair: 0xf003,
  port: 0x800f,
  fifo: FIFO_RIGHTS,
  vmo: VMO_RIGHTS,
  timer: 0xd00b,
};
const USER_MASK: Record<ObjType, number> = {
  socket: SIG.USER_ALL,
  channel: SIG.USER_ALL,
  event: (SIG.USER_ALL | SIG.SIGNALED) >>> 0,
  eventpair: (SIG.USER_ALL | SIG.SIGNALED) >>> 0,
  port: 0,
  fifo: SIG.USER_ALL,
  vmo: SIG.USER_ALL,
  timer: SIG.USER_ALL,
};

/** A broken contract: the real kernel disagreed with the spec's model or with an invariant. */
export class Violation extends Error {
  override name = 'Violation';
}

const statusName = (s: number): string => {
  for (const [k, v] of Object.entries(S)) if (v === s) return `ZX_${k === 'OK' ? 'OK' : `ERR_${k}`}`;
  return String(s);
};

export function expectStatus(what: string, got: number, want: number): void {
  if (got !== want) throw new Violation(`${what}: kernel returned ${statusName(got)}, the model expects ${statusName(want)}`);
}

export function expectEq(what: string, got: unknown, want: unknown): void {
  if (got !== want) throw new Violation(`${what}: kernel gave ${fmt(got)}, the model expects ${fmt(want)}`);
}

const fmt = (v: unknown): string =>
  typeof v === 'number' ? `${v} (0x${(v >>> 0).toString(16)})` : typeof v === 'bigint' ? `${v}n` : String(v);

export const hasRights = (have: number, want: number): boolean => ((want & ~have) >>> 0) === 0;

// ---- model state -----------------------------------------------------------------------------

export type Where =
  | { readonly kind: 'table'; readonly proc: number; readonly value: number }
  | { readonly kind: 'transit'; readonly holder: MObj }
  | { readonly kind: 'closed' };

let nextId = 1;

export class MHandle {
  readonly id = nextId++;
  where: Where = { kind: 'closed' };
  constructor(
    readonly obj: MObj,
    readonly rights: number,
    /** Rights of the handle this one was made from (the object's default rights for new objects). */
    readonly parentRights: number,
  ) {}
}

export interface MReg {
  readonly obj: MObj;
  readonly handle: MHandle;
  readonly port: MPort;
  readonly key: bigint;
  readonly trigger: number;
  readonly repeating: boolean;
  /** Its signal packet while it sits in the port queue. */
  queued: MPacket | null;
}

export interface MPacket {
  readonly kind: 'user' | 'signal';
  readonly key: bigint;
  readonly status: number;
  readonly payload?: Uint8Array;
  readonly reg?: MReg;
  observed: number;
  count: number;
  /** The command that queued it: packets queued by one command may come out in any order. */
  readonly batch: number;
}

export interface MMessage {
  readonly bytes: Uint8Array;
  readonly handles: MHandle[];
}

export class MObj {
  readonly id = nextId++;
  signals: number;
  readonly handles = new Set<MHandle>();
  /** Async registrations, newest first (spec §2.3). */
  regs: MReg[] = [];
  destroyed = false;
  peer: MObj | null = null;
  /** Koid of the peer at creation; related_koid keeps it after the peer dies. */
  peerKoid = 0;
  // socket
  options = 0;
  rx: Uint8Array[] = [];
  rxSize = 0;
  control: Uint8Array | null = null;
  acceptQ: MHandle | null = null;
  readDisabled = false;
  rxThr = 0;
  txThr = 0;
  // channel
  msgs: MMessage[] = [];
  // port
  queue: MPacket[] = [];
  alive = true;
  fifo: MFifo | null = null;
  vmo: MVm | null = null;

  constructor(
    readonly type: ObjType,
    readonly real: KernelObject,
    signals: number,
  ) {
    this.signals = signals >>> 0;
  }

  get koid(): number {
    return this.real.koid;
  }

  get datagram(): boolean {
    return (this.options & SOCKET_DATAGRAM) !== 0;
  }

  get rxFree(): number {
    return SOCKET_CAPACITY - this.rxSize;
  }

  toString(): string {
    return `${this.type}#${this.koid}`;
  }
}

export type MPort = MObj;

interface ProcState {
  /** Live values in creation order (the order handle selectors index into). */
  readonly table: Map<number, MHandle>;
  /** Values this process closed or gave away, newest last (bounded). */
  readonly stale: number[];
}

const STALE_KEPT = 64;

/** The handle an out-parameter produced, with the real object behind it (from the real table). */
export interface Acquired {
  readonly value: number;
  readonly real: KernelObject;
}

export class Model {
  readonly procs: ProcState[];
  readonly objects = new Set<MObj>();
  liveHandles = 0;
  userPackets = 0;
  /** Objects whose state changed in the current command (their signals are checked after it). */
  readonly dirty = new Set<MObj>();
  batch = 0;
  private readonly zeroQueue: MObj[] = [];
  private draining = false;

  constructor(nprocs: number) {
    this.procs = Array.from({ length: nprocs }, () => ({ table: new Map(), stale: [] }));
  }

  // ---- handles ----------------------------------------------------------------------------

  lookup(p: number, value: number): MHandle | undefined {
    return this.procs[p]!.table.get(value);
  }

  newHandle(obj: MObj, rights: number, parentRights: number): MHandle {
    const h = new MHandle(obj, rights >>> 0, parentRights >>> 0);
    obj.handles.add(h);
    this.liveHandles++;
    return h;
  }

  /** Put `h` into process `p`'s table under the value the kernel chose, checking that value. */
  install(p: number, h: MHandle, value: number, what: string): void {
    const t = this.procs[p]!.table;
    if (value % 2 !== 1 || value <= 0 || value >= 0x80000000) {
      throw new Violation(`${what}: handle value 0x${(value >>> 0).toString(16)} is not odd, non-zero and below 2^31`);
    }
    if (t.has(value)) throw new Violation(`${what}: handle value 0x${value.toString(16)} is already live in process ${p}`);
    const stale = this.procs[p]!.stale;
    const i = stale.indexOf(value);
    if (i >= 0) stale.splice(i, 1);
    t.set(value, h);
    h.where = { kind: 'table', proc: p, value };
    this.dirty.add(h.obj);
  }

  /** Remove `h` from its table (it goes to transit, to another table, or is closed). */
  private untable(h: MHandle): void {
    const w = h.where;
    if (w.kind !== 'table') return;
    const st = this.procs[w.proc]!;
    st.table.delete(w.value);
    st.stale.push(w.value);
    if (st.stale.length > STALE_KEPT) st.stale.shift();
  }

  private park(h: MHandle, holder: MObj): void {
    this.untable(h);
    h.where = { kind: 'transit', holder };
  }

  /** Close a handle record (spec §2.2): cancel its registrations, drop the object's count. */
  closeHandle(h: MHandle): void {
    if (h.where.kind === 'closed') throw new Error('model: double close');
    this.untable(h);
    h.where = { kind: 'closed' };
    this.cancelByHandle(h);
    const obj = h.obj;
    obj.handles.delete(h);
    this.liveHandles--;
    this.dirty.add(obj);
    if (obj.handles.size === 0) {
      this.zeroQueue.push(obj);
      this.drain();
    }
  }

  /** A moved handle's registrations end (channel read, host transfer). */
  private cancelByHandle(h: MHandle): void {
    const obj = h.obj;
    if (obj.regs.some((r) => r.handle === h)) obj.regs = obj.regs.filter((r) => r.handle !== h);
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let i = 0; i < this.zeroQueue.length; i++) this.zeroHandles(this.zeroQueue[i]!);
    } finally {
      this.zeroQueue.length = 0;
      this.draining = false;
    }
  }

  /** Zero handles (spec §2.2): peers are told, the object dies, and what it held is closed. */
  private zeroHandles(obj: MObj): void {
    if (obj.destroyed) return;
    const p = obj.peer;
    if (p !== null) {
      obj.peer = null;
      p.peer = null;
      this.peerClosed(p);
      if (p.handles.size === 0) this.destroy(p);
    }
    this.destroy(obj);
  }

  private peerClosed(obj: MObj): void {
    switch (obj.type) {
      case 'socket':
        this.update(obj, SIG.WRITABLE, SIG.PEER_CLOSED);
        break;
      case 'channel':
        this.update(obj, SIG.WRITABLE, SIG.PEER_CLOSED);
        if ([...obj.handles].every((h) => h.where.kind === 'transit')) this.collectUnreachable(obj);
        break;
      case 'eventpair':
        this.update(obj, 0, SIG.PEER_CLOSED);
        break;
      case 'fifo':
        this.update(obj, SIG.WRITABLE, SIG.PEER_CLOSED);
        break;
      default:
        throw new Error(`model: ${obj.type} has no peer`);
    }
  }

  /**
   * No process may lose a handle for good: a channel endpoint that no process can reach any more
   * (not held in a table, its peer gone or unreachable, sitting only in queues nobody can read)
   * is garbage. Reachability: table handles are roots; an object reaches its peer, the objects
   * of the handles queued in it (channel messages) and its accept queue. Garbage endpoints drop
   * their queued messages, closing the handles, so the garbage dies by the usual cascade.
   */
  private collectUnreachable(trigger: MObj): void {
    const reached = new Set<MObj>();
    const stack: MObj[] = [];
    for (const st of this.procs) for (const h of st.table.values()) stack.push(h.obj);
    while (stack.length > 0) {
      const o = stack.pop()!;
      if (reached.has(o) || o.destroyed) continue;
      reached.add(o);
      if (o.peer !== null) stack.push(o.peer);
      for (const m of o.msgs) for (const h of m.handles) stack.push(h.obj);
      if (o.acceptQ !== null) stack.push(o.acceptQ.obj);
    }
    if (reached.has(trigger)) return;
    const garbage = [...this.objects].filter((o) => o.type === 'channel' && !reached.has(o));
    const held: MHandle[] = [];
    for (const o of garbage) {
      for (const m of o.msgs) held.push(...m.handles);
      o.msgs = [];
    }
    for (const h of held) this.closeHandle(h);
  }

  private destroy(obj: MObj): void {
    if (obj.destroyed) return;
    obj.destroyed = true;
    this.objects.delete(obj);
    this.dirty.delete(obj);
    obj.rx = [];
    obj.rxSize = 0;
    obj.control = null;
    if (obj.vmo !== null) vmoDestroyed(this, obj);
    if (obj.type === 'port') {
      obj.alive = false;
      for (const pk of obj.queue) {
        if (pk.kind === 'user') this.userPackets--;
        else pk.reg!.queued = null;
      }
      obj.queue = [];
    }
    const held: MHandle[] = [];
    if (obj.acceptQ !== null) held.push(obj.acceptQ);
    obj.acceptQ = null;
    for (const m of obj.msgs) held.push(...m.handles);
    obj.msgs = [];
    for (const h of held) this.closeHandle(h);
  }

  // ---- signals and async registrations ----------------------------------------------------

  /** Clear then set; registrations hear about it only if the word changed (spec §2.3). */
  update(obj: MObj, clear: number, set: number): void {
    const old = obj.signals;
    const now = ((old & ~clear) | set) >>> 0;
    if (now === old) return;
    obj.signals = now;
    this.dirty.add(obj);
    if (obj.regs.length === 0) return;
    for (const r of [...obj.regs]) {
      if (!obj.regs.includes(r)) continue;
      if (this.fire(r, now, 1)) obj.regs = obj.regs.filter((x) => x !== r);
    }
  }

  /** Queue (or OR into) a registration's packet; true when the registration ends. */
  private fire(r: MReg, signals: number, count: number): boolean {
    if ((r.trigger & signals) === 0) return false;
    const port = r.port;
    let ok: boolean;
    if (!port.alive || port.queue.length > PORT_MAX_PENDING) ok = false;
    else if (r.queued !== null) {
      r.queued.observed = (r.queued.observed | signals) >>> 0;
      ok = true;
    } else {
      const pk: MPacket = { kind: 'signal', key: r.key, status: 0, reg: r, observed: signals >>> 0, count, batch: this.batch };
      r.queued = pk;
      port.queue.push(pk);
      ok = true;
    }
    return !r.repeating || !ok;
  }

  // ---- creation ---------------------------------------------------------------------------

  newObject(type: ObjType, real: KernelObject, signals: number): MObj {
    const o = new MObj(type, real, signals);
    this.objects.add(o);
    this.dirty.add(o);
    return o;
  }

  pair(p: number, type: ObjType, signals: number, outs: readonly Acquired[], options = 0): [MObj, MObj] {
    const [a, b] = outs as [Acquired, Acquired];
    const oa = this.newObject(type, a.real, signals);
    const ob = this.newObject(type, b.real, signals);
    oa.options = ob.options = options;
    oa.peer = ob;
    ob.peer = oa;
    oa.peerKoid = ob.koid;
    ob.peerKoid = oa.koid;
    if (a.real === b.real) throw new Violation(`${type}_create: both handles refer to one object`);
    const r = DEFAULT_RIGHTS[type];
    this.install(p, this.newHandle(oa, r, r), a.value, `${type}_create out0`);
    this.install(p, this.newHandle(ob, r, r), b.value, `${type}_create out1`);
    return [oa, ob];
  }

  socketCreate(p: number, options: number, st: number, outs: () => Acquired[]): void {
    const want = (options & ~0x7) !== 0 ? S.INVALID_ARGS : S.OK;
    expectStatus(`socket_create(0x${(options >>> 0).toString(16)})`, st, want);
    if (st !== S.OK) return;
    let sig = SIG.WRITABLE;
    if (options & SOCKET_HAS_ACCEPT) sig |= SIG.SHARE;
    if (options & SOCKET_HAS_CONTROL) sig |= SIG.CONTROL_WRITABLE;
    this.pair(p, 'socket', sig, outs(), options);
  }

  channelCreate(p: number, options: number, st: number, outs: () => Acquired[]): void {
    expectStatus('channel_create', st, options !== 0 ? S.INVALID_ARGS : S.OK);
    if (st === S.OK) this.pair(p, 'channel', SIG.WRITABLE, outs());
  }

  eventpairCreate(p: number, options: number, st: number, outs: () => Acquired[]): void {
    expectStatus('eventpair_create', st, options !== 0 ? S.NOT_SUPPORTED : S.OK);
    if (st === S.OK) this.pair(p, 'eventpair', 0, outs());
  }

  eventCreate(p: number, options: number, st: number, out: () => Acquired): void {
    expectStatus('event_create', st, options !== 0 ? S.INVALID_ARGS : S.OK);
    if (st !== S.OK) return;
    const a = out();
    const o = this.newObject('event', a.real, 0);
    this.install(p, this.newHandle(o, DEFAULT_RIGHTS.event, DEFAULT_RIGHTS.event), a.value, 'event_create');
  }

  portCreate(p: number, options: number, st: number, out: () => Acquired): void {
    expectStatus('port_create', st, options !== 0 && options !== 1 ? S.INVALID_ARGS : S.OK);
    if (st !== S.OK) return;
    const a = out();
    const o = this.newObject('port', a.real, 0);
    o.options = options;
    this.install(p, this.newHandle(o, DEFAULT_RIGHTS.port, DEFAULT_RIGHTS.port), a.value, 'port_create');
  }

  /** A single object a creator made (models of other families, such as model-timer.ts, call it). */
  adoptCreated(p: number, type: ObjType, a: Acquired, signals: number, what: string): MObj {
    const o = this.newObject(type, a.real, signals);
    this.install(p, this.newHandle(o, DEFAULT_RIGHTS[type], DEFAULT_RIGHTS[type]), a.value, what);
    return o;
  }

  // ---- the standard lookup (spec §2.1) ----------------------------------------------------

  /** BAD_HANDLE, then ACCESS_DENIED, then WRONG_TYPE; returns the handle or the status. */
  resolve(p: number, value: number, rights: number, type?: ObjType): MHandle | number {
    const h = this.lookup(p, value);
    if (h === undefined) return S.BAD_HANDLE;
    if (!hasRights(h.rights, rights)) return S.ACCESS_DENIED;
    if (type !== undefined && h.obj.type !== type) return S.WRONG_TYPE;
    return h;
  }

  /** Take a value out of the table and close it, if it is live (the wrappers' consumeOne). */
  consume(p: number, value: number): void {
    const h = this.lookup(p, value);
    if (h !== undefined) this.closeHandle(h);
  }

  // ---- sockets ----------------------------------------------------------------------------

  /** socket_write: returns bytes the model accepted (actual) or -1. */
  socketWrite(p: number, value: number, options: number, data: Uint8Array | null, size: number, st: number, actual: number): void {
    const what = `socket_write(opts ${options}, ${size} B${data === null ? ', null buffer' : ''})`;
    if (data === null && size > 0) return expectStatus(what, st, S.INVALID_ARGS);
    const h = this.resolve(p, value, R.WRITE, 'socket');
    if (typeof h === 'number') return expectStatus(what, st, h);
    if (options !== 0 && options !== SOCKET_CONTROL) return expectStatus(what, st, S.INVALID_ARGS);
    const e = h.obj;
    if (options === SOCKET_CONTROL) {
      let want: number = S.OK;
      if ((e.options & SOCKET_HAS_CONTROL) === 0) want = S.BAD_STATE;
      else if (size === 0 || data === null) want = S.INVALID_ARGS;
      else if (size > CONTROL_CAPACITY) want = S.OUT_OF_RANGE;
      else if (e.peer === null) want = S.PEER_CLOSED;
      else if (e.peer.control !== null) want = S.SHOULD_WAIT;
      expectStatus(what, st, want);
      if (want !== S.OK) return;
      expectEq(`${what} actual`, actual, size);
      const pe = e.peer!;
      pe.control = data!.slice(0, size);
      this.update(pe, 0, SIG.CONTROL_READABLE);
      this.update(e, SIG.CONTROL_WRITABLE, 0);
      return;
    }
    const pe = e.peer;
    let want: number = S.OK;
    let n = 0;
    if (pe === null) want = S.PEER_CLOSED;
    else if (e.signals & SIG.WRITE_DISABLED) want = S.BAD_STATE;
    else if (size === 0 || data === null) n = 0;
    else if (pe.rxSize >= SOCKET_CAPACITY) want = S.SHOULD_WAIT;
    else if (e.datagram) {
      if (size > SOCKET_CAPACITY) want = S.OUT_OF_RANGE;
      else if (size > pe.rxFree) want = S.SHOULD_WAIT;
      else n = size;
    } else n = Math.min(size, pe.rxFree);
    expectStatus(what, st, want);
    if (want !== S.OK) return;
    expectEq(`${what} actual`, actual, n);
    if (n === 0) return;
    const wasEmpty = pe!.rxSize === 0;
    pe!.rx.push(data!.subarray(0, n));
    pe!.rxSize += n;
    let set = 0;
    if (wasEmpty) set |= SIG.READABLE;
    if (pe!.rxThr > 0 && pe!.rxSize >= pe!.rxThr) set |= SIG.READ_THRESHOLD;
    this.update(pe!, 0, set);
    let clear = 0;
    if (e.txThr > 0 && pe!.rxFree < e.txThr) clear |= SIG.WRITE_THRESHOLD;
    if (pe!.rxSize >= SOCKET_CAPACITY) clear |= SIG.WRITABLE;
    this.update(e, clear, 0);
  }

  /** socket_read: checks the bytes the kernel returned against what the model has queued. */
  socketRead(p: number, value: number, options: number, size: number, nullBuf: boolean, st: number, got: Uint8Array | null): void {
    const what = `socket_read(opts ${options}, ${size} B${nullBuf ? ', null buffer' : ''})`;
    if (nullBuf && size > 0) return expectStatus(what, st, S.INVALID_ARGS);
    const h = this.resolve(p, value, R.READ, 'socket');
    if (typeof h === 'number') return expectStatus(what, st, h);
    if (options !== 0 && options !== SOCKET_CONTROL) return expectStatus(what, st, S.INVALID_ARGS);
    const e = h.obj;
    if (options === SOCKET_CONTROL) {
      let want: number = S.OK;
      if ((e.options & SOCKET_HAS_CONTROL) === 0) want = S.BAD_STATE;
      else if (e.control === null) want = S.SHOULD_WAIT;
      expectStatus(what, st, want);
      if (want !== S.OK) return;
      const msg = e.control!;
      const n = nullBuf ? 0 : Math.min(size, msg.length);
      expectBytes(`${what} control message`, got!, msg.subarray(0, n));
      e.control = null;
      this.update(e, SIG.CONTROL_READABLE, 0);
      if (e.peer !== null) this.update(e.peer, 0, SIG.CONTROL_WRITABLE);
      return;
    }
    if (e.rxSize === 0) {
      return expectStatus(what, st, e.peer === null ? S.PEER_CLOSED : e.readDisabled ? S.BAD_STATE : S.SHOULD_WAIT);
    }
    expectStatus(what, st, S.OK);
    const wasFull = e.rxSize >= SOCKET_CAPACITY;
    let expected: Uint8Array;
    if (size === 0 || nullBuf) expected = new Uint8Array(0);
    else if (e.datagram) {
      const d = e.rx.shift()!;
      e.rxSize -= d.length;
      expected = d.subarray(0, Math.min(size, d.length));
    } else expected = takeStream(e, size);
    expectBytes(`${what} data`, got!, expected);
    const n = expected.length;
    let clear = 0;
    if (e.rxThr > 0 && e.rxSize < e.rxThr) clear |= SIG.READ_THRESHOLD;
    if (e.rxSize === 0) clear |= SIG.READABLE;
    this.update(e, clear, 0);
    const pe = e.peer;
    if (pe !== null) {
      let set = 0;
      if (pe.txThr > 0 && e.rxFree >= pe.txThr) set |= SIG.WRITE_THRESHOLD;
      if (wasFull && n > 0) set |= SIG.WRITABLE;
      this.update(pe, 0, set);
    }
  }

  socketShare(p: number, value: number, shareValue: number, st: number): void {
    const what = 'socket_share';
    const h = this.resolve(p, value, R.WRITE, 'socket');
    if (typeof h === 'number') {
      expectStatus(what, st, h);
      this.consume(p, shareValue);
      return;
    }
    const s = this.lookup(p, shareValue);
    if (s === undefined) return expectStatus(what, st, S.BAD_HANDLE);
    let want: number = S.OK;
    const e = h.obj;
    const so = s.obj;
    if (!hasRights(s.rights, R.TRANSFER)) want = S.ACCESS_DENIED;
    else if (so.type !== 'socket') want = S.WRONG_TYPE;
    else if (so.options & SOCKET_HAS_ACCEPT || so === e || so === e.peer) want = S.BAD_STATE;
    else if ((e.options & SOCKET_HAS_ACCEPT) === 0) want = S.NOT_SUPPORTED;
    else if (e.peer === null) want = S.PEER_CLOSED;
    else if (e.peer.acceptQ !== null) want = S.SHOULD_WAIT;
    expectStatus(what, st, want);
    if (want !== S.OK) {
      this.closeHandle(s);
      return;
    }
    const pe = e.peer!;
    this.park(s, pe);
    pe.acceptQ = s;
    this.update(pe, 0, SIG.ACCEPT);
    this.update(e, SIG.SHARE, 0);
  }

  socketAccept(p: number, value: number, st: number, out: () => Acquired): void {
    const what = 'socket_accept';
    const h = this.resolve(p, value, R.READ, 'socket');
    if (typeof h === 'number') return expectStatus(what, st, h);
    const e = h.obj;
    const want = (e.options & SOCKET_HAS_ACCEPT) === 0 ? S.NOT_SUPPORTED : e.acceptQ === null ? S.SHOULD_WAIT : S.OK;
    expectStatus(what, st, want);
    if (want !== S.OK) return;
    const s = e.acceptQ!;
    e.acceptQ = null;
    const a = out();
    if (a.real !== s.obj.real) throw new Violation(`socket_accept: the accepted handle is not the shared socket ${s.obj}`);
    this.install(p, s, a.value, 'socket_accept');
    this.update(e, SIG.ACCEPT, 0);
    if (e.peer !== null) this.update(e.peer, 0, SIG.SHARE);
  }

  socketShutdown(p: number, value: number, options: number, st: number): void {
    const what = `socket_shutdown(0x${(options >>> 0).toString(16)})`;
    if ((options & ~0x3) !== 0) return expectStatus(what, st, S.INVALID_ARGS);
    const h = this.resolve(p, value, R.WRITE, 'socket');
    if (typeof h === 'number') return expectStatus(what, st, h);
    expectStatus(what, st, S.OK);
    const e = h.obj;
    const read = (options & 0x2) !== 0;
    const write = (options & 0x1) !== 0;
    const want = (read ? SIG.PEER_WRITE_DISABLED : 0) | (write ? SIG.WRITE_DISABLED : 0);
    const have = e.signals & (SIG.PEER_WRITE_DISABLED | SIG.WRITE_DISABLED);
    if (want === have) return;
    this.applyShutdown(e, read, write);
    if (e.peer !== null) this.applyShutdown(e.peer, write, read);
  }

  private applyShutdown(o: MObj, stopReading: boolean, stopWriting: boolean): void {
    let clear = 0;
    let set = 0;
    if (stopReading) {
      o.readDisabled = true;
      set |= SIG.PEER_WRITE_DISABLED;
    }
    if (stopWriting) {
      clear |= SIG.WRITABLE;
      set |= SIG.WRITE_DISABLED;
    }
    this.update(o, clear, set);
  }

  // ---- handles ----------------------------------------------------------------------------

  handleClose(p: number, value: number, st: number): void {
    if (value === 0) return expectStatus('handle_close(0)', st, S.OK);
    const h = this.lookup(p, value);
    expectStatus('handle_close', st, h === undefined ? S.BAD_HANDLE : S.OK);
    if (h !== undefined) this.closeHandle(h);
  }

  handleCloseMany(p: number, values: readonly number[], st: number): void {
    let want: number = S.OK;
    const toClose: MHandle[] = [];
    const seen = new Set<number>();
    for (const v of values) {
      if (v === 0) continue;
      const h = seen.has(v) ? undefined : this.lookup(p, v);
      seen.add(v);
      if (h === undefined) want = S.BAD_HANDLE;
      else toClose.push(h);
    }
    expectStatus(`handle_close_many(${values.length})`, st, want);
    for (const h of toClose) this.closeHandle(h);
  }

  private derived(src: number, requested: number): number {
    if (requested >>> 0 === R.SAME_RIGHTS) return src;
    return hasRights(src, requested) ? requested >>> 0 : -1;
  }

  handleDuplicate(p: number, value: number, rights: number, st: number, out: () => Acquired): void {
    const what = `handle_duplicate(rights 0x${(rights >>> 0).toString(16)})`;
    const h = this.resolve(p, value, R.DUPLICATE);
    if (typeof h === 'number') return expectStatus(what, st, h);
    const r = this.derived(h.rights, rights);
    expectStatus(what, st, r < 0 ? S.INVALID_ARGS : S.OK);
    if (r < 0) return;
    const a = out();
    if (a.real !== h.obj.real) throw new Violation(`${what}: the duplicate refers to another object`);
    this.install(p, this.newHandle(h.obj, r, h.rights), a.value, what);
  }

  handleReplace(p: number, value: number, rights: number, st: number, out: () => Acquired): void {
    const what = `handle_replace(rights 0x${(rights >>> 0).toString(16)})`;
    const h = this.lookup(p, value);
    if (h === undefined) return expectStatus(what, st, S.BAD_HANDLE);
    const r = this.derived(h.rights, rights);
    expectStatus(what, st, r < 0 ? S.INVALID_ARGS : S.OK);
    if (r >= 0) {
      const a = out();
      if (a.real !== h.obj.real) throw new Violation(`${what}: the replacement refers to another object`);
      this.install(p, this.newHandle(h.obj, r, h.rights), a.value, what);
    }
    this.closeHandle(h);
  }

  /** Host hand-off (Process.transferHandle): a move that cancels registrations, like a read. */
  transfer(p: number, value: number, to: number, threw: boolean, newValue: number): void {
    const h = this.lookup(p, value);
    if (h === undefined) {
      if (!threw) throw new Violation('transferHandle accepted a value that is not live in the process');
      return;
    }
    if (threw) throw new Violation('transferHandle threw for a live handle');
    this.untable(h);
    this.cancelByHandle(h);
    this.install(to, h, newValue, 'transferHandle');
  }

  // ---- channels ---------------------------------------------------------------------------

  channelWrite(p: number, value: number, options: number, bytes: Uint8Array, numBytes: number, values: readonly number[], st: number): void {
    const what = `channel_write(opts ${options}, ${numBytes} B, ${values.length} handles)`;
    const consumeAll = (status: number): void => {
      expectStatus(what, st, status);
      for (const v of values) this.consume(p, v);
    };
    if (options !== 0) return consumeAll(S.INVALID_ARGS);
    const h = this.resolve(p, value, R.WRITE, 'channel');
    if (typeof h === 'number') return consumeAll(h);
    if (numBytes > CHANNEL_MAX_BYTES || values.length > CHANNEL_MAX_HANDLES) return consumeAll(S.OUT_OF_RANGE);
    const e = h.obj;
    const taken: MHandle[] = [];
    let want: number = S.OK;
    const seen = new Set<number>();
    for (const v of values) {
      const t = seen.has(v) ? undefined : this.lookup(p, v);
      seen.add(v);
      if (t === undefined) {
        if (want === S.OK) want = S.BAD_HANDLE;
        continue;
      }
      taken.push(t);
      if (want !== S.OK) continue;
      // Per entry, in list order: BAD_HANDLE, then ACCESS_DENIED, then "this endpoint itself"
      // (spec §3 channel_write step 4); the first entry with a problem decides.
      if (!hasRights(t.rights, R.TRANSFER)) want = S.ACCESS_DENIED;
      else if (t.obj === e) want = S.NOT_SUPPORTED;
    }
    if (want === S.OK && e.peer === null) want = S.PEER_CLOSED;
    expectStatus(what, st, want);
    if (want !== S.OK) {
      // Every listed handle was taken out of the table first, then the taken ones are closed.
      for (const t of taken) this.untable(t);
      for (const t of taken) this.closeHandle(t);
      return;
    }
    const pe = e.peer!;
    for (const t of taken) this.park(t, pe);
    pe.msgs.push({ bytes: bytes.slice(0, numBytes), handles: taken });
    this.update(pe, 0, SIG.READABLE);
  }

  /** channel_read / read_etc. `got` is what the kernel returned (on OK). */
  channelRead(
    p: number,
    value: number,
    options: number,
    numBytes: number,
    numHandles: number,
    st: number,
    real: {
      actualBytes: number;
      actualHandles: number;
      bytes: Uint8Array;
      handles: readonly number[];
      infos?: readonly { handle: number; type: number; rights: number; unused: number }[];
      untouched: number;
      realObjects: () => (KernelObject | undefined)[];
    },
  ): void {
    const what = `channel_read${real.infos ? '_etc' : ''}(opts ${options}, ${numBytes} B, ${numHandles} handles)`;
    const h = this.resolve(p, value, R.READ, 'channel');
    if (typeof h === 'number') return expectStatus(what, st, h);
    if ((options & ~1) !== 0) return expectStatus(what, st, S.NOT_SUPPORTED);
    const e = h.obj;
    const m = e.msgs[0];
    if (m === undefined) {
      expectStatus(what, st, e.peer === null ? S.PEER_CLOSED : S.SHOULD_WAIT);
      expectEq(`${what} actual_bytes`, real.actualBytes, real.untouched);
      return;
    }
    expectEq(`${what} actual_bytes`, real.actualBytes, m.bytes.length);
    expectEq(`${what} actual_handles`, real.actualHandles, m.handles.length);
    if (m.bytes.length > numBytes || m.handles.length > numHandles) {
      expectStatus(what, st, S.BUFFER_TOO_SMALL);
      if (options & 1) {
        e.msgs.shift();
        if (e.msgs.length === 0) this.update(e, SIG.READABLE, 0);
        for (const t of m.handles) this.closeHandle(t);
      }
      return;
    }
    expectStatus(what, st, S.OK);
    e.msgs.shift();
    if (e.msgs.length === 0) this.update(e, SIG.READABLE, 0);
    expectBytes(`${what} bytes`, real.bytes.subarray(0, m.bytes.length), m.bytes);
    const objs = real.realObjects();
    m.handles.forEach((t, i) => {
      const v = real.handles[i]!;
      if (objs[i] !== t.obj.real) throw new Violation(`${what}: received handle ${i} is not the one sent (${t.obj})`);
      const info = real.infos?.[i];
      if (info !== undefined) {
        expectEq(`${what} info[${i}].handle`, info.handle, v);
        expectEq(`${what} info[${i}].type`, info.type, OBJ_TYPE_NUM[t.obj.type]);
        expectEq(`${what} info[${i}].rights`, info.rights, t.rights);
        expectEq(`${what} info[${i}].unused`, info.unused, 0);
      }
      this.cancelByHandle(t);
      this.install(p, t, v, `${what} handle ${i}`);
    });
  }

  // ---- signals ----------------------------------------------------------------------------

  objectSignal(p: number, value: number, clear: number, set: number, st: number): void {
    const what = `object_signal(clear 0x${(clear >>> 0).toString(16)}, set 0x${(set >>> 0).toString(16)})`;
    const h = this.resolve(p, value, R.SIGNAL);
    if (typeof h === 'number') return expectStatus(what, st, h);
    if (h.obj.type === 'port') return expectStatus(what, st, S.NOT_SUPPORTED);
    if (((clear | set) & ~USER_MASK[h.obj.type]) >>> 0 !== 0) return expectStatus(what, st, S.INVALID_ARGS);
    expectStatus(what, st, S.OK);
    this.update(h.obj, clear >>> 0, set >>> 0);
  }

  objectSignalPeer(p: number, value: number, clear: number, set: number, st: number): void {
    const what = `object_signal_peer(clear 0x${(clear >>> 0).toString(16)}, set 0x${(set >>> 0).toString(16)})`;
    const h = this.resolve(p, value, R.SIGNAL_PEER);
    if (typeof h === 'number') return expectStatus(what, st, h);
    const o = h.obj;
    if (o.type === 'event' || o.type === 'port') return expectStatus(what, st, S.NOT_SUPPORTED);
    if (((clear | set) & ~USER_MASK[o.type]) >>> 0 !== 0) return expectStatus(what, st, S.INVALID_ARGS);
    if (o.peer === null) return expectStatus(what, st, S.PEER_CLOSED);
    expectStatus(what, st, S.OK);
    this.update(o.peer, clear >>> 0, set >>> 0);
  }

  /** wait_one with a past deadline: OK if any wanted bit is up, else TIMED_OUT; observed = state. */
  waitOne(p: number, value: number, want: number, st: number, observed: number, untouched: number): void {
    const what = `object_wait_one(0x${(want >>> 0).toString(16)}, past deadline)`;
    const h = this.resolve(p, value, R.WAIT);
    if (typeof h === 'number') {
      expectStatus(what, st, h);
      expectEq(`${what} observed (untouched)`, observed, untouched);
      return;
    }
    const now = h.obj.signals;
    expectStatus(what, st, (now & want) !== 0 ? S.OK : S.TIMED_OUT);
    expectEq(`${what} observed`, observed >>> 0, now);
  }

  objectWaitAsync(p: number, value: number, portValue: number, key: bigint, trigger: number, options: number, st: number): void {
    const what = `object_wait_async(key ${key}, 0x${(trigger >>> 0).toString(16)}, opts ${options})`;
    const ph = this.resolve(p, portValue, R.WRITE, 'port');
    if (typeof ph === 'number') return expectStatus(what, st, ph);
    const h = this.resolve(p, value, R.WAIT);
    if (typeof h === 'number') return expectStatus(what, st, h);
    if (options !== 0 && options !== 1) return expectStatus(what, st, S.INVALID_ARGS);
    expectStatus(what, st, S.OK);
    const obj = h.obj;
    const r: MReg = { obj, handle: h, port: ph.obj, key, trigger: trigger >>> 0, repeating: options === 1, queued: null };
    let count = 1;
    if (obj.type === 'channel' && r.trigger & SIG.READABLE && obj.msgs.length > 0) count = obj.msgs.length;
    if (this.fire(r, obj.signals, count)) return;
    obj.regs.unshift(r);
  }

  // ---- ports ------------------------------------------------------------------------------

  portQueue(p: number, value: number, key: bigint, status: number, payload: Uint8Array, st: number): void {
    const what = 'port_queue';
    const h = this.resolve(p, value, R.WRITE, 'port');
    if (typeof h === 'number') return expectStatus(what, st, h);
    const port = h.obj;
    let want: number = S.OK;
    if (this.userPackets >= USER_PACKET_POOL) want = S.NO_MEMORY;
    else if (port.queue.length > PORT_MAX_PENDING) want = S.SHOULD_WAIT;
    expectStatus(what, st, want);
    if (want !== S.OK) return;
    port.queue.push({ kind: 'user', key, status, payload: payload.slice(0, 32), observed: 0, count: 0, batch: this.batch });
    this.userPackets++;
  }

  /** port_wait with a past deadline: the oldest packet (packets of one command in any order). */
  portWait(
    p: number,
    value: number,
    st: number,
    got: { key: bigint; type: number; status: number; payload: Uint8Array },
  ): void {
    const what = 'port_wait(past deadline)';
    const h = this.resolve(p, value, R.READ, 'port');
    if (typeof h === 'number') return expectStatus(what, st, h);
    const port = h.obj;
    if (port.queue.length === 0) return expectStatus(what, st, S.TIMED_OUT);
    expectStatus(what, st, S.OK);
    const batch = port.queue[0]!.batch;
    const sources = new Set<unknown>();
    const candidates: number[] = [];
    for (let i = 0; i < port.queue.length && port.queue[i]!.batch === batch; i++) {
      const pk = port.queue[i]!;
      const src = pk.kind === 'user' ? pk : pk.reg!.obj;
      if (sources.has(src)) continue; // one object's packets keep their order
      sources.add(src);
      candidates.push(i);
    }
    const i = candidates.find((j) => packetMatches(port.queue[j]!, got));
    if (i === undefined) {
      throw new Violation(
        `${what}: got ${describeGot(got)}; the model expects one of ${candidates.map((j) => describePacket(port.queue[j]!)).join(' | ')}`,
      );
    }
    const [pk] = port.queue.splice(i, 1);
    if (pk!.kind === 'user') this.userPackets--;
    else pk!.reg!.queued = null;
  }

  portCancel(p: number, value: number, sourceValue: number, key: bigint, st: number): void {
    const what = `port_cancel(key ${key})`;
    const ph = this.resolve(p, value, R.WRITE, 'port');
    if (typeof ph === 'number') return expectStatus(what, st, ph);
    const sh = this.resolve(p, sourceValue, R.WAIT);
    if (typeof sh === 'number') return expectStatus(what, st, sh);
    const port = ph.obj;
    const obj = sh.obj;
    const match = (r: MReg): boolean => r.handle === sh && r.port === port && r.key === key;
    const regs = obj.regs.filter(match);
    const packets = port.queue.filter((pk) => pk.kind === 'signal' && pk.reg!.handle === sh && pk.key === key);
    expectStatus(what, st, regs.length + packets.length > 0 ? S.OK : S.NOT_FOUND);
    if (regs.length) obj.regs = obj.regs.filter((r) => !match(r));
    if (packets.length) {
      port.queue = port.queue.filter((pk) => !packets.includes(pk));
      for (const pk of packets) pk.reg!.queued = null;
    }
  }

  // ---- properties and info ----------------------------------------------------------------

  setProperty(p: number, value: number, prop: number, v: number, size: number, nullValue: boolean, st: number): void {
    const what = `object_set_property(${prop}, ${v}, size ${size})`;
    if (nullValue) return expectStatus(what, st, S.INVALID_ARGS);
    const h = this.resolve(p, value, R.SET_PROPERTY);
    if (typeof h === 'number') return expectStatus(what, st, h);
    const o = h.obj;
    if (prop === PROP.PROCESS_DEBUG_ADDR || prop === PROP.JOB_KILL_ON_OOM) return expectStatus(what, st, S.WRONG_TYPE);
    if ((prop === PROP.RX || prop === PROP.TX) && o.type !== 'socket') return expectStatus(what, st, S.WRONG_TYPE);
    if (prop === PROP.NAME && o.vmo !== null) {
      expectStatus(what, st, S.OK);
      return setVmoName(o, v, size);
    }
    if (prop === PROP.NAME) return expectStatus(what, st, S.NOT_SUPPORTED);
    if (prop !== PROP.RX && prop !== PROP.TX) return expectStatus(what, st, S.INVALID_ARGS);
    if (size < 8) return expectStatus(what, st, S.BUFFER_TOO_SMALL);
    if (prop === PROP.RX) {
      if (v > SOCKET_CAPACITY) return expectStatus(what, st, S.INVALID_ARGS);
      expectStatus(what, st, S.OK);
      o.rxThr = v;
      const met = v > 0 && o.rxSize >= v;
      this.update(o, met ? 0 : SIG.READ_THRESHOLD, met ? SIG.READ_THRESHOLD : 0);
      return;
    }
    if (o.peer === null) return expectStatus(what, st, S.PEER_CLOSED);
    if (v > SOCKET_CAPACITY) return expectStatus(what, st, S.INVALID_ARGS);
    expectStatus(what, st, S.OK);
    o.txThr = v;
    const met = v > 0 && o.peer.rxFree >= v;
    this.update(o, met ? 0 : SIG.WRITE_THRESHOLD, met ? SIG.WRITE_THRESHOLD : 0);
  }

  getProperty(p: number, value: number, prop: number, size: number, nullValue: boolean, st: number, got: Uint8Array | null): void {
    const what = `object_get_property(${prop}, size ${size})`;
    if (nullValue) return expectStatus(what, st, S.INVALID_ARGS);
    const h = this.resolve(p, value, R.GET_PROPERTY);
    if (typeof h === 'number') return expectStatus(what, st, h);
    const o = h.obj;
    if (prop === PROP.PROCESS_DEBUG_ADDR || prop === PROP.PROCESS_VDSO_BASE) return expectStatus(what, st, S.WRONG_TYPE);
    if ((prop === PROP.RX || prop === PROP.TX) && o.type !== 'socket') return expectStatus(what, st, S.WRONG_TYPE);
    if (prop === PROP.RX || prop === PROP.TX) {
      if (size < 8) return expectStatus(what, st, S.BUFFER_TOO_SMALL);
      expectStatus(what, st, S.OK);
      const dv = new DataView(got!.buffer, got!.byteOffset, 8);
      expectEq(`${what} value`, Number(dv.getBigUint64(0, true)), prop === PROP.RX ? o.rxThr : o.txThr);
      return;
    }
    if (prop === PROP.NAME) {
      if (size < 32) return expectStatus(what, st, S.BUFFER_TOO_SMALL);
      expectStatus(what, st, S.OK);
      expectBytes(`${what} name`, got!.subarray(0, 32), o.vmo?.name ?? new Uint8Array(32));
      return;
    }
    expectStatus(what, st, S.INVALID_ARGS);
  }

  getInfo(
    p: number,
    value: number,
    topic: number,
    size: number,
    st: number,
    got: { buf: Uint8Array; actual: number; avail: number; untouched: number },
  ): void {
    const what = `object_get_info(topic ${topic}, size ${size})`;
    const known = new Set<number>([1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);
    if (!known.has(topic)) return expectStatus(what, st, S.NOT_SUPPORTED);
    const h = this.lookup(p, value);
    if (h === undefined) return expectStatus(what, st, S.BAD_HANDLE);
    const o = h.obj;
    if (topic === TOPIC.VMO) return vmoInfo(h, what, st, got);
    if (topic === TOPIC.PROCESS) return expectStatus(what, st, hasRights(h.rights, R.INSPECT) ? S.WRONG_TYPE : S.ACCESS_DENIED);
    if ((topic === TOPIC.COUNT || topic === TOPIC.SOCKET) && !hasRights(h.rights, R.INSPECT)) return expectStatus(what, st, S.ACCESS_DENIED);
    if (topic === TOPIC.SOCKET && o.type !== 'socket') return expectStatus(what, st, S.WRONG_TYPE);
    if (topic === TOPIC.VALID) {
      expectStatus(what, st, S.OK);
      expectEq(`${what} actual (untouched)`, got.actual, got.untouched);
      return;
    }
    if (topic !== TOPIC.BASIC && topic !== TOPIC.COUNT && topic !== TOPIC.SOCKET) return expectStatus(what, st, S.NOT_SUPPORTED);
    const recordSize = topic === TOPIC.BASIC ? 32 : topic === TOPIC.COUNT ? 4 : 48;
    const fits = size >= recordSize;
    expectStatus(what, st, fits ? S.OK : S.BUFFER_TOO_SMALL);
    expectEq(`${what} actual`, got.actual, fits ? 1 : 0);
    expectEq(`${what} avail`, got.avail, 1);
    if (!fits) return;
    const dv = new DataView(got.buf.buffer, got.buf.byteOffset, recordSize);
    const u64 = (off: number) => Number(dv.getBigUint64(off, true));
    if (topic === TOPIC.BASIC) {
      expectEq(`${what} koid`, u64(0), o.koid);
      expectEq(`${what} rights`, dv.getUint32(8, true), h.rights);
      expectEq(`${what} type`, dv.getUint32(12, true), OBJ_TYPE_NUM[o.type]);
      expectEq(`${what} related_koid`, u64(16), o.peerKoid);
      expectEq(`${what} props`, dv.getUint32(24, true), o.type === 'port' ? 0 : 1);
    } else if (topic === TOPIC.COUNT) {
      expectEq(`${what} handle_count`, dv.getUint32(0, true), o.handles.size);
    } else {
      expectEq(`${what} options`, dv.getUint32(0, true), o.options);
      expectEq(`${what} rx_buf_max`, u64(8), SOCKET_CAPACITY);
      expectEq(`${what} rx_buf_size`, u64(16), o.rxSize);
      expectEq(`${what} rx_buf_available`, u64(24), o.datagram ? (o.rx[0]?.length ?? 0) : o.rxSize);
      expectEq(`${what} tx_buf_max`, u64(32), o.peer === null ? 0 : SOCKET_CAPACITY);
      expectEq(`${what} tx_buf_size`, u64(40), o.peer === null ? 0 : o.peer.rxSize);
    }
  }

  // ---- invariants -------------------------------------------------------------------------

  /**
   * Signals the contract derives from state, checked on the kernel's signal word: READABLE iff
   * bytes (or messages) are queued, WRITABLE only with a live peer (and, unless write-disabled,
   * iff the peer has room), PEER_CLOSED iff the peer is gone, and so on.
   */
  checkDerivedSignals(o: MObj, real: number): void {
    const has = (bit: number) => (real & bit) !== 0;
    const say = (rule: string) => {
      throw new Violation(`${o}: signals 0x${(real >>> 0).toString(16)} break "${rule}"`);
    };
    if (o.type === 'socket') {
      if (has(SIG.READABLE) !== o.rxSize > 0) say('READABLE iff bytes queued');
      if (has(SIG.PEER_CLOSED) !== (o.peer === null)) say('PEER_CLOSED iff the peer is gone');
      if (o.peer !== null && !has(SIG.WRITE_DISABLED) && has(SIG.WRITABLE) !== o.peer.rxSize < SOCKET_CAPACITY) {
        say('WRITABLE iff the peer is alive and has room');
      }
      if (o.peer === null && has(SIG.WRITABLE)) say('no WRITABLE without a peer');
      if (o.options & SOCKET_HAS_CONTROL) {
        if (has(SIG.CONTROL_READABLE) !== (o.control !== null)) say('CONTROL_READABLE iff a control message is queued');
        if (o.peer !== null && has(SIG.CONTROL_WRITABLE) !== (o.peer.control === null)) say("CONTROL_WRITABLE iff the peer's slot is free");
      } else if (has(SIG.CONTROL_READABLE) || has(SIG.CONTROL_WRITABLE)) say('no control signals without HAS_CONTROL');
      if (o.options & SOCKET_HAS_ACCEPT) {
        if (has(SIG.ACCEPT) !== (o.acceptQ !== null)) say('ACCEPT iff a socket waits in the accept queue');
        if (o.peer !== null && has(SIG.SHARE) !== (o.peer.acceptQ === null)) say("SHARE iff the peer's accept queue is free");
      } else if (has(SIG.ACCEPT) || has(SIG.SHARE)) say('no share/accept signals without HAS_ACCEPT');
      if (has(SIG.READ_THRESHOLD) !== (o.rxThr > 0 && o.rxSize >= o.rxThr)) say('READ_THRESHOLD iff queued >= RX threshold');
      if (o.peer !== null && has(SIG.WRITE_THRESHOLD) !== (o.txThr > 0 && o.peer.rxFree >= o.txThr)) {
        say("WRITE_THRESHOLD iff the peer's free space >= TX threshold");
      }
    } else if (o.type === 'channel') {
      if (has(SIG.READABLE) !== o.msgs.length > 0) say('READABLE iff messages queued');
      if (has(SIG.PEER_CLOSED) !== (o.peer === null)) say('PEER_CLOSED iff the peer is gone');
      if (has(SIG.WRITABLE) !== (o.peer !== null)) say('WRITABLE iff the peer is alive');
    } else if (o.type === 'eventpair') {
      if (has(SIG.PEER_CLOSED) !== (o.peer === null)) say('PEER_CLOSED iff the peer is gone');
    } else if (o.type === 'port') {
      if (real !== 0) say('ports have no signals');
    } else if (o.type === 'fifo') {
      checkFifoSignals(o, real, say);
    } else if (o.type === 'vmo') {
      checkVmoSignals(o, real, say);
    }
  }
}

function takeStream(e: MObj, size: number): Uint8Array {
  const n = Math.min(size, e.rxSize);
  const out = new Uint8Array(n);
  let off = 0;
  while (off < n) {
    const c = e.rx[0]!;
    const k = Math.min(c.length, n - off);
    out.set(c.subarray(0, k), off);
    off += k;
    if (k === c.length) e.rx.shift();
    else e.rx[0] = c.subarray(k);
  }
  e.rxSize -= n;
  return out;
}

export function expectBytes(what: string, got: Uint8Array, want: Uint8Array): void {
  if (got.length !== want.length) throw new Violation(`${what}: kernel gave ${got.length} bytes, the model expects ${want.length}`);
  if (!Buffer.from(got.buffer, got.byteOffset, got.length).equals(Buffer.from(want.buffer, want.byteOffset, want.length))) {
    let i = 0;
    while (got[i] === want[i]) i++;
    throw new Violation(`${what}: byte ${i} of ${want.length} differs (kernel 0x${got[i]!.toString(16)}, model 0x${want[i]!.toString(16)})`);
  }
}

function packetMatches(pk: MPacket, got: { key: bigint; type: number; status: number; payload: Uint8Array }): boolean {
  if (got.key !== pk.key || got.status !== pk.status) return false;
  if (pk.kind === 'user') {
    return got.type === 0 && Buffer.from(got.payload.subarray(0, 32)).equals(Buffer.from(pk.payload!));
  }
  const dv = new DataView(got.payload.buffer, got.payload.byteOffset, 32);
  return (
    got.type === (pk.reg!.repeating ? 2 : 1) &&
    dv.getUint32(0, true) === pk.reg!.trigger &&
    dv.getUint32(4, true) === pk.observed &&
    dv.getBigUint64(8, true) === BigInt(pk.count) &&
    dv.getBigUint64(16, true) === 0n &&
    dv.getBigUint64(24, true) === 0n
  );
}

function describePacket(pk: MPacket): string {
  if (pk.kind === 'user') return `user{key ${pk.key}, status ${pk.status}}`;
  const r = pk.reg!;
  return `${r.repeating ? 'rep' : 'once'}{key ${pk.key}, on ${r.obj}, trigger 0x${r.trigger.toString(16)}, observed 0x${pk.observed.toString(16)}, count ${pk.count}}`;
}

function describeGot(got: { key: bigint; type: number; status: number; payload: Uint8Array }): string {
  const dv = new DataView(got.payload.buffer, got.payload.byteOffset, 32);
  return `{key ${got.key}, type ${got.type}, status ${got.status}, trigger 0x${dv.getUint32(0, true).toString(16)}, observed 0x${dv.getUint32(4, true).toString(16)}, count ${dv.getBigUint64(8, true)}}`;
}
