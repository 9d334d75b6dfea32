// The reference model of VMOs (spec part 2 §6), written from the spec: byte o of a VM object is
// its own page's byte if it owns that page, else byte o + offset of its parent while that lies
// inside the parent's current size, else zero. A first write (or COMMIT) gives the object its
// own page, filled with what it saw there. A clone is a live child while it has a handle or live
// children; its parent's VMO shows ZERO_CHILDREN iff it has none. A cache policy other than
// CACHED (settable only on an untouched VMO) makes read, write and clone BAD_STATE (§6.7).
import { type Acquired, type MHandle, type MObj, type Model, R, S, expectBytes, expectEq, expectStatus } from './model.js';

export const VMO_RIGHTS = 0xd0ff;
export const ZERO_CHILDREN = 0x8;
const PAGE = 4096;
const PAGE_N = 4096n;
const MAX_PAGES = (1n << 52n) - 16n; // 2^64 - 65536 bytes
const U64_MAX = (1n << 64n) - 1n;
const EXECUTE = 0x10;
const MAP = 0x20;
const CACHED = 0;
const CACHE_POLICY_MASK = 3;
/** The most pages one COMMIT may add; more is NO_MEMORY (a limit of this kernel, see vmo_op_range). */
const COMMIT_MAX_PAGES = 16384;
const OP = { COMMIT: 1, DECOMMIT: 2, LOCK: 3, UNLOCK: 4, SYNC: 6, INVALIDATE: 7, CLEAN: 8, CLEAN_INVALIDATE: 9 } as const;

/** One VM object. */
export interface MVm {
  readonly own: Map<number, Uint8Array>;
  sizePages: number;
  readonly resizable: boolean;
  readonly parent: MVm | null;
  readonly offsetPages: number;
  children: number;
  /** The VMO that shows this object's ZERO_CHILDREN, while it has handles. */
  owner: MObj | null;
  handleGone: boolean;
  readonly koid: number;
  readonly parentKoid: number;
  name: Uint8Array;
  /** ZX_CACHE_POLICY_*; CACHED (0) unless vmo_set_cache_policy changed it. */
  cachePolicy: number;
}

const pagesOf = (size: bigint): bigint => (size + PAGE_N - 1n) / PAGE_N;

/** The page whose bytes `vm` reads at page index `page`, or null for zeros. */
function source(vm: MVm, page: number): Uint8Array | null {
  const own = vm.own.get(page);
  if (own !== undefined) return own;
  const p = vm.parent;
  if (p === null || page + vm.offsetPages >= p.sizePages) return null;
  return source(p, page + vm.offsetPages);
}

function ownPage(vm: MVm, page: number): Uint8Array {
  let b = vm.own.get(page);
  if (b === undefined) {
    b = source(vm, page)?.slice() ?? new Uint8Array(PAGE);
    vm.own.set(page, b);
  }
  return b;
}

function newVmo(m: Model, p: number, vm: Omit<MVm, 'owner' | 'koid'>, a: Acquired, rights: number, parentRights: number, what: string): void {
  const o = m.newObject('vmo', a.real, ZERO_CHILDREN);
  o.vmo = { ...vm, owner: o, koid: o.koid };
  m.install(p, m.newHandle(o, rights, parentRights), a.value, what);
}

export function vmoCreate(m: Model, p: number, size: bigint, options: number, st: number, out: () => Acquired): void {
  const what = `vmo_create(${size}, ${options})`;
  if (options !== 0 && options !== 1) return expectStatus(what, st, S.INVALID_ARGS);
  const pages = pagesOf(size);
  if (pages > MAX_PAGES) return expectStatus(what, st, S.OUT_OF_RANGE);
  expectStatus(what, st, S.OK);
  const vm = { own: new Map(), sizePages: Number(pages), resizable: options === 0, parent: null, offsetPages: 0, children: 0, handleGone: false, parentKoid: 0, name: new Uint8Array(32), cachePolicy: CACHED };
  newVmo(m, p, vm, out(), VMO_RIGHTS, VMO_RIGHTS, what);
}

function resolveVmo(m: Model, p: number, value: number, rights: number, what: string, st: number): MVm | null {
  const h = m.resolve(p, value, rights, 'vmo');
  if (typeof h === 'number') {
    expectStatus(what, st, h);
    return null;
  }
  return h.obj.vmo!;
}

const inRange = (vm: MVm, offset: bigint, len: number): boolean => offset + BigInt(len) <= BigInt(vm.sizePages) * PAGE_N;

export function vmoWrite(m: Model, p: number, value: number, offset: bigint, data: Uint8Array, st: number): void {
  const what = `vmo_write(@${offset}, ${data.length} B)`;
  const vm = resolveVmo(m, p, value, R.WRITE, what, st);
  if (vm === null) return;
  if (vm.cachePolicy !== CACHED) return expectStatus(what, st, S.BAD_STATE);
  if (!inRange(vm, offset, data.length)) return expectStatus(what, st, S.OUT_OF_RANGE);
  expectStatus(what, st, S.OK);
  forEachPiece(offset, data.length, (page, at, done, n) => ownPage(vm, page).set(data.subarray(done, done + n), at));
}

/** Walk [offset, offset+len) page by page: (page index, offset in it, bytes done, bytes here). */
function forEachPiece(offset: bigint, len: number, f: (page: number, at: number, done: number, n: number) => void): void {
  let page = Number(offset / PAGE_N);
  let at = Number(offset % PAGE_N);
  for (let done = 0; done < len; page++, at = 0) {
    const n = Math.min(PAGE - at, len - done);
    f(page, at, done, n);
    done += n;
  }
}

export function vmoRead(m: Model, p: number, value: number, offset: bigint, len: number, st: number, got: Uint8Array): void {
  const what = `vmo_read(@${offset}, ${len} B)`;
  const vm = resolveVmo(m, p, value, R.READ, what, st);
  if (vm === null) return;
  if (vm.cachePolicy !== CACHED) return expectStatus(what, st, S.BAD_STATE);
  if (!inRange(vm, offset, len)) return expectStatus(what, st, S.OUT_OF_RANGE);
  expectStatus(what, st, S.OK);
  const want = new Uint8Array(len);
  forEachPiece(offset, len, (page, at, done, n) => {
    const src = source(vm, page);
    if (src !== null) want.set(src.subarray(at, at + n), done);
  });
  expectBytes(what, got.subarray(0, len), want);
}

export function vmoGetSize(m: Model, p: number, value: number, st: number, size: bigint): void {
  const vm = resolveVmo(m, p, value, 0, 'vmo_get_size', st);
  if (vm === null) return;
  expectStatus('vmo_get_size', st, S.OK);
  expectEq('vmo_get_size size', size, BigInt(vm.sizePages) * PAGE_N);
}

function dropPages(vm: MVm, first: number, end: number): void {
  for (const i of [...vm.own.keys()]) if (i >= first && i < end) vm.own.delete(i);
}

export function vmoSetSize(m: Model, p: number, value: number, size: bigint, st: number): void {
  const what = `vmo_set_size(${size})`;
  const vm = resolveVmo(m, p, value, R.WRITE, what, st);
  if (vm === null) return;
  if (!vm.resizable) return expectStatus(what, st, S.UNAVAILABLE);
  const pages = pagesOf(size);
  if (pages > MAX_PAGES) return expectStatus(what, st, S.OUT_OF_RANGE);
  expectStatus(what, st, S.OK);
  dropPages(vm, Number(pages), Infinity);
  vm.sizePages = Number(pages);
}

export function vmoOpRange(m: Model, p: number, value: number, op: number, offset: bigint, size: bigint, st: number): void {
  const what = `vmo_op_range(op ${op}, @${offset}, ${size})`;
  const h = m.resolve(p, value, 0, 'vmo');
  if (typeof h === 'number') return expectStatus(what, st, h);
  if (op === OP.LOCK || op === OP.UNLOCK) return expectStatus(what, st, S.NOT_SUPPORTED);
  const needs = op === OP.COMMIT || op === OP.DECOMMIT || op === OP.INVALIDATE ? R.WRITE : op === OP.SYNC || op === OP.CLEAN || op === OP.CLEAN_INVALIDATE ? R.READ : 0;
  if (needs === 0) return expectStatus(what, st, S.INVALID_ARGS);
  if ((h.rights & needs) === 0) return expectStatus(what, st, S.ACCESS_DENIED);
  const vm = h.obj.vmo!;
  const vmoSize = BigInt(vm.sizePages) * PAGE_N;
  if (op !== OP.COMMIT && op !== OP.DECOMMIT) {
    if (size === 0n) return expectStatus(what, st, S.INVALID_ARGS);
    return expectStatus(what, st, offset + size > U64_MAX || offset + size > vmoSize ? S.OUT_OF_RANGE : S.OK);
  }
  if (offset > vmoSize || offset + size > U64_MAX) return expectStatus(what, st, S.OUT_OF_RANGE);
  const end = offset + size < vmoSize ? offset + size : vmoSize;
  if (end === offset) return expectStatus(what, st, S.OK);
  if (op === OP.DECOMMIT) expectStatus(what, st, S.OK);
  const first = Number(offset / PAGE_N);
  const stop = Number(pagesOf(end));
  if (op === OP.DECOMMIT) return dropPages(vm, first, stop);
  let missing = stop - first - vm.own.size;
  if (missing <= COMMIT_MAX_PAGES) {
    missing = 0;
    for (let i = first; i < stop; i++) if (!vm.own.has(i)) missing++;
  }
  if (missing > COMMIT_MAX_PAGES) return expectStatus(what, st, S.NO_MEMORY);
  expectStatus(what, st, S.OK);
  for (let i = first; i < stop; i++) ownPage(vm, i);
}

export function vmoClone(m: Model, p: number, value: number, options: number, offset: bigint, size: bigint, st: number, out: () => Acquired): void {
  const what = `vmo_clone(0x${(options >>> 0).toString(16)}, @${offset}, ${size})`;
  const h = m.resolve(p, value, R.DUPLICATE | R.READ, 'vmo');
  if (typeof h === 'number') return expectStatus(what, st, h);
  if ((options & 1) === 0 || (options & ~3) !== 0) return expectStatus(what, st, S.INVALID_ARGS);
  const pages = pagesOf(size);
  if (pages > MAX_PAGES) return expectStatus(what, st, S.OUT_OF_RANGE);
  if (h.obj.vmo!.cachePolicy !== CACHED) return expectStatus(what, st, S.BAD_STATE);
  if (offset % PAGE_N !== 0n) return expectStatus(what, st, S.INVALID_ARGS);
  if (offset + pages * PAGE_N > U64_MAX) return expectStatus(what, st, S.OUT_OF_RANGE);
  expectStatus(what, st, S.OK);
  const parent = h.obj.vmo!;
  if (parent.children++ === 0 && parent.owner !== null) m.update(parent.owner, ZERO_CHILDREN, 0);
  const name = (h.rights & R.GET_PROPERTY) !== 0 ? parent.name.slice() : new Uint8Array(32);
  const vm = { own: new Map(), sizePages: Number(pages), resizable: (options & 2) === 0, parent, offsetPages: Number(offset / PAGE_N), children: 0, handleGone: false, parentKoid: parent.koid, name, cachePolicy: CACHED };
  const rights = (h.rights | R.GET_PROPERTY | R.SET_PROPERTY | R.WRITE) >>> 0;
  newVmo(m, p, vm, out(), rights, rights, what);
}

/** The policy's bits before the handle; then only an untouched VMO (no own page, no clone, not a clone) takes it. */
export function vmoSetCachePolicy(m: Model, p: number, value: number, policy: number, st: number): void {
  const what = `vmo_set_cache_policy(${policy})`;
  if ((policy & ~CACHE_POLICY_MASK) !== 0) return expectStatus(what, st, S.INVALID_ARGS);
  const vm = resolveVmo(m, p, value, MAP, what, st);
  if (vm === null) return;
  if (vm.own.size > 0 || vm.children > 0 || vm.parent !== null) return expectStatus(what, st, S.BAD_STATE);
  expectStatus(what, st, S.OK);
  vm.cachePolicy = policy;
}

/** vmex is ZX_HANDLE_INVALID, a dead value or a handle that is no VMEX resource (none exist). */
export function vmoReplaceAsExecutable(m: Model, p: number, value: number, vmex: number, st: number, out: () => Acquired): void {
  const what = `vmo_replace_as_executable(vmex ${vmex === 0 ? 0 : 'set'})`;
  const h = m.lookup(p, value);
  if (h === undefined) return expectStatus(what, st, S.BAD_HANDLE);
  const want = vmex !== 0 ? (m.lookup(p, vmex) === undefined ? S.BAD_HANDLE : S.WRONG_TYPE) : h.obj.type !== 'vmo' ? S.BAD_HANDLE : S.OK;
  expectStatus(what, st, want);
  if (st === S.OK) {
    const a = out();
    m.install(p, m.newHandle(h.obj, (h.rights | EXECUTE) >>> 0, (h.rights | EXECUTE) >>> 0), a.value, what);
  }
  m.closeHandle(h);
}

/** The VMO's last handle went: its VM object lives on while clones read through it. */
export function vmoDestroyed(m: Model, o: MObj): void {
  const vm = o.vmo!;
  vm.owner = null;
  vm.handleGone = true;
  for (let v: MVm | null = vm; v !== null && v.handleGone && v.children === 0; ) {
    v.own.clear();
    const parent: MVm | null = v.parent;
    if (parent === null || --parent.children > 0) break;
    if (parent.owner !== null) m.update(parent.owner, 0, ZERO_CHILDREN);
    v = parent;
  }
}

/** ZX_PROP_NAME set from the fuzzer's value (a u64 `v`, then zeros): at most 31 bytes, cut at the first NUL. */
export function setVmoName(o: MObj, v: number, size: number): void {
  const value = new Uint8Array(Math.max(size, 8));
  new DataView(value.buffer).setBigUint64(0, BigInt(v), true);
  let n = Math.min(size, 31);
  const nul = value.subarray(0, n).indexOf(0);
  if (nul >= 0) n = nul;
  o.vmo!.name = new Uint8Array(32);
  o.vmo!.name.set(value.subarray(0, n));
}

/** ZX_INFO_VMO: no rights, buffer_size ignored, one record or INVALID_ARGS; actual 1, avail 0. */
export function vmoInfo(h: MHandle, what: string, st: number, got: { buf: Uint8Array; actual: number; avail: number }): void {
  if (h.obj.type !== 'vmo') return expectStatus(what, st, S.WRONG_TYPE);
  if (got.buf.length < 112) return expectStatus(what, st, S.INVALID_ARGS);
  expectStatus(what, st, S.OK);
  expectEq(`${what} actual`, got.actual, 1);
  expectEq(`${what} avail`, got.avail, 0);
  const vm = h.obj.vmo!;
  const dv = new DataView(got.buf.buffer, got.buf.byteOffset, 112);
  expectEq(`${what} koid`, dv.getBigUint64(0, true), BigInt(vm.koid));
  expectBytes(`${what} name`, got.buf.subarray(8, 40), vm.name);
  expectEq(`${what} size_bytes`, dv.getBigUint64(40, true), BigInt(vm.sizePages) * PAGE_N);
  expectEq(`${what} parent_koid`, dv.getBigUint64(48, true), BigInt(vm.parentKoid));
  expectEq(`${what} num_children`, dv.getBigUint64(56, true), BigInt(vm.children));
  expectEq(`${what} flags`, dv.getUint32(80, true), vm.parent === null ? 9 : 13);
  expectEq(`${what} committed_bytes`, dv.getBigUint64(88, true), BigInt(vm.own.size * PAGE));
  expectEq(`${what} handle_rights`, dv.getUint32(96, true), 0);
  expectEq(`${what} create_options`, dv.getUint32(100, true), vm.resizable ? 1 : 0);
  expectEq(`${what} cache_policy`, dv.getUint32(104, true), vm.cachePolicy);
}

export function checkVmoSignals(o: MObj, real: number, say: (rule: string) => void): void {
  if (((real & ZERO_CHILDREN) !== 0) !== (o.vmo!.children === 0)) say('ZERO_CHILDREN iff the VMO has no live clone');
}
