// What generated/wasm-imports.ts imports: the decoding of a wasm32 guest's syscall arguments
// (i32 and i64 values, pointers into its linear memory) into the JavaScript values the generated
// wrappers take, and the write-back of what the wrapper wrote. It knows no syscall: the generator
// prints one descriptor per syscall from its plan, and `wasmSyscall` interprets it. Every
// pointer is checked against the memory (address + size, overflow included) before the wrapper
// runs. A pointer that fails reaches the wrapper as a value no shape test accepts, so the
// wrapper answers ZX_ERR_INVALID_ARGS (Zircon's status for a failed user copy) at that
// parameter's shape step, releasing what its plan says is consumed on that path.
// Nothing here is specific to Node: it runs wherever the kernel runs.
import { SyscallFailure } from './wrappers.js';

/** A scalar as it crosses the wasm boundary (u64/i64 are i64, everything else i32). */
export type WasmScalar = 'u8' | 'u16' | 'u32' | 'i8' | 'i16' | 'i32' | 'u64' | 'i64' | 'size' | 'bool';

/** A parameter by position, or a field of a decoded parameter (a struct's field, a box's `value`). */
export type Ref = number | readonly [number, string];

/** An element count: a literal, or the product of decoded values. */
export type Count = number | readonly Ref[];

/** One field of a struct in the wasm32 layout. */
export type FieldDesc =
  | { readonly name: string; readonly offset: number; readonly is: 'scalar'; readonly scalar: WasmScalar }
  /** An inline array of bytes (`uint8_t payload[32]`): a Uint8Array. */
  | { readonly name: string; readonly offset: number; readonly is: 'inline_bytes'; readonly count: number }
  /** An inline array of other scalars: a plain array. */
  | { readonly name: string; readonly offset: number; readonly is: 'inline'; readonly scalar: WasmScalar; readonly count: number }
  /** A pointer to bytes, counted by the sibling field `count`. */
  | { readonly name: string; readonly offset: number; readonly is: 'ptr_bytes'; readonly count: string }
  /** A pointer to handle values, counted by the sibling field `count`. */
  | { readonly name: string; readonly offset: number; readonly is: 'ptr_handles'; readonly count: string }
  | { readonly name: string; readonly offset: number; readonly is: 'struct'; readonly struct: StructDesc };

export interface StructDesc {
  readonly size: number;
  readonly fields: readonly FieldDesc[];
}

/** How one parameter arrives and what the wrapper gets for it. */
export type ParamDesc =
  | { readonly is: 'scalar'; readonly scalar: WasmScalar }
  | { readonly is: 'bytes'; readonly count: Count }
  /** An input with no size of its own: the memory from the pointer to its end (null for 0). */
  | { readonly is: 'bytes_to_end' }
  | { readonly is: 'handles'; readonly count: Count; readonly out: boolean }
  /** A pointer to one scalar: a `{ value }` box; `inout` boxes start with the guest's value. */
  | { readonly is: 'box'; readonly scalar: WasmScalar; readonly inout: boolean }
  /** A pointer to an input struct, decoded (null for a null pointer). */
  | { readonly is: 'struct'; readonly struct: StructDesc }
  /** A pointer to an output struct: an empty object the wrapper fills, encoded back after. */
  | { readonly is: 'object'; readonly struct: StructDesc }
  /** A pointer to an array of structs (`dir` in: decoded; out: empty objects; inout: both). */
  | { readonly is: 'structs'; readonly count: Count; readonly struct: StructDesc; readonly dir: 'in' | 'out' | 'inout' }
  | { readonly is: 'scalars'; readonly count: Count; readonly scalar: WasmScalar; readonly dir: 'in' | 'out' | 'inout' };

/** How the syscall returns: a status (i32), a 64-bit value (i64), nothing, or a status later. */
export type WasmReturns = 'status' | 'bigint' | 'void' | 'promise';

/** One import of module "zx": the syscall it reaches and how its arguments are decoded. */
export interface WasmSyscall<K extends string = string> {
  /** The import name: the syscall's name without `zx_`. */
  readonly name: string;
  /** The generated wrapper it calls. */
  readonly stub: K;
  readonly returns: WasmReturns;
  /** Absent for a syscall the kernel core does not implement: it answers ZX_ERR_NOT_SUPPORTED. */
  readonly params?: readonly ParamDesc[];
}

/** The two statuses this module produces itself, from the ABI's constants. */
export interface WasmStatuses {
  readonly invalidArgs: number;
  readonly notSupported: number;
}

const SIZES: Readonly<Record<WasmScalar, number>> = { u8: 1, u16: 2, u32: 4, i8: 1, i16: 2, i32: 4, u64: 8, i64: 8, size: 4, bool: 1 };

/** Whether a scalar travels as an i64 (a bigint in JavaScript). */
export const isWide = (s: WasmScalar): boolean => s === 'u64' || s === 'i64';

/**
 * A guest's linear memory as the kernel reads it. The buffer is re-read only when a range falls
 * outside the one known, since memory only grows (and a shared memory's buffer must be re-read to
 * see the growth).
 */
export class GuestMemory {
  private buf: ArrayBufferLike;
  private u8view: Uint8Array;
  private dv: DataView;

  constructor(private readonly memory: { readonly buffer: ArrayBufferLike }) {
    this.buf = memory.buffer;
    this.u8view = new Uint8Array(this.buf);
    this.dv = new DataView(this.buf);
  }

  /** Whether [ptr, ptr + size) lies inside the memory (size may be any number, NaN included). */
  inside(ptr: number, size: number): boolean {
    if (!(size >= 0) || ptr < 0) return false;
    if (size <= this.u8view.length && ptr <= this.u8view.length - size) return true;
    this.refresh();
    return size <= this.u8view.length && ptr <= this.u8view.length - size;
  }

  private refresh(): void {
    if (this.memory.buffer.byteLength === this.buf.byteLength) return;
    this.buf = this.memory.buffer;
    this.u8view = new Uint8Array(this.buf);
    this.dv = new DataView(this.buf);
  }

  get bytes(): Uint8Array {
    return this.u8view;
  }

  get view(): DataView {
    return this.dv;
  }

  /** `size` bytes at `ptr`, a view (writes go to the guest). The range must be inside. */
  slice(ptr: number, size: number): Uint8Array {
    return new Uint8Array(this.buf, ptr, size);
  }
}

function readScalar(dv: DataView, at: number, s: WasmScalar): number | bigint | boolean {
  switch (s) {
    case 'u8': return dv.getUint8(at);
    case 'u16': return dv.getUint16(at, true);
    case 'u32':
    case 'size': return dv.getUint32(at, true);
    case 'i8': return dv.getInt8(at);
    case 'i16': return dv.getInt16(at, true);
    case 'i32': return dv.getInt32(at, true);
    case 'u64': return dv.getBigUint64(at, true);
    case 'i64': return dv.getBigInt64(at, true);
    case 'bool': return dv.getUint8(at) !== 0;
  }
}

function writeScalar(dv: DataView, at: number, s: WasmScalar, v: unknown): void {
  switch (s) {
    case 'u8':
    case 'i8': dv.setUint8(at, Number(v) & 0xff); return;
    case 'u16':
    case 'i16': dv.setUint16(at, Number(v) & 0xffff, true); return;
    case 'u32':
    case 'i32':
    case 'size': dv.setUint32(at, Number(v) >>> 0, true); return;
    case 'u64':
    case 'i64': dv.setBigUint64(at, BigInt.asUintN(64, BigInt(v as bigint)), true); return;
    case 'bool': dv.setUint8(at, v ? 1 : 0); return;
  }
}

/** An argument as the wrapper takes it: i32 values are reinterpreted by their C type. */
function scalarArg(v: number | bigint, s: WasmScalar): number | bigint | boolean {
  switch (s) {
    case 'u8': return Number(v) & 0xff;
    case 'u16': return Number(v) & 0xffff;
    case 'u32':
    case 'size': return Number(v) >>> 0;
    case 'i8': return (Number(v) << 24) >> 24;
    case 'i16': return (Number(v) << 16) >> 16;
    case 'i32': return Number(v) | 0;
    case 'u64': return BigInt.asUintN(64, BigInt(v));
    case 'i64': return BigInt.asIntN(64, BigInt(v));
    case 'bool': return Number(v) !== 0;
  }
}

/** A write to do once the wrapper has returned. */
type After = () => void;

/** Thrown inside decoding for a pointer that fails; never escapes `wasmSyscall`. */
class BadPointer {}
const BAD = new BadPointer();
/** What the wrapper gets for a pointer that fails: not null, not an object, not a buffer. */
export const BAD_POINTER: unique symbol = Symbol('a pointer outside the guest memory');

function count(values: readonly unknown[], c: Count): number {
  if (typeof c === 'number') return c;
  let n = 1;
  for (const r of c) {
    const v = typeof r === 'number' ? values[r] : (values[r[0]] as Record<string, unknown> | null)?.[r[1]];
    n *= typeof v === 'number' ? v : Number.NaN;
  }
  return n;
}

function checked(mem: GuestMemory, ptr: number, size: number): void {
  if (!mem.inside(ptr, size)) throw BAD;
}

/** Handle values at `ptr`: a view when aligned, else a copy written back after (`out`). */
function handleArray(mem: GuestMemory, ptr: number, n: number, out: boolean, after: After[]): Uint32Array | null {
  if (ptr === 0) return null;
  checked(mem, ptr, n * 4);
  if (ptr % 4 === 0) return new Uint32Array(mem.bytes.buffer, ptr, n);
  const copy = new Uint32Array(n);
  for (let i = 0; i < n; i++) copy[i] = mem.view.getUint32(ptr + 4 * i, true);
  if (out) after.push(() => { for (let i = 0; i < n; i++) mem.view.setUint32(ptr + 4 * i, copy[i]!, true); });
  return copy;
}

function decodeStruct(mem: GuestMemory, ptr: number, d: StructDesc, after: After[]): Record<string, unknown> {
  checked(mem, ptr, d.size);
  const dv = mem.view;
  const o: Record<string, unknown> = {};
  // Scalars first: the pointer fields are counted by them.
  for (const f of d.fields) {
    const at = ptr + f.offset;
    switch (f.is) {
      case 'scalar': o[f.name] = readScalar(dv, at, f.scalar); break;
      case 'inline_bytes': o[f.name] = mem.bytes.slice(at, at + f.count); break;
      case 'inline': o[f.name] = Array.from({ length: f.count }, (_, i) => readScalar(dv, at + i * SIZES[f.scalar], f.scalar)); break;
      case 'struct': o[f.name] = decodeStruct(mem, at, f.struct, after); break;
      default: break;
    }
  }
  for (const f of d.fields) {
    if (f.is !== 'ptr_bytes' && f.is !== 'ptr_handles') continue;
    const p = dv.getUint32(ptr + f.offset, true);
    const n = o[f.count] as number;
    if (f.is === 'ptr_handles') o[f.name] = handleArray(mem, p, n, true, after);
    else if (p === 0) o[f.name] = null;
    else {
      checked(mem, p, n);
      o[f.name] = mem.slice(p, n);
    }
  }
  return o;
}

/** Write back the fields the wrapper set; pointer fields are views and already written. */
function encodeStruct(mem: GuestMemory, ptr: number, d: StructDesc, o: Record<string, unknown>): void {
  const dv = mem.view;
  for (const f of d.fields) {
    const v = o[f.name];
    if (v === undefined) continue;
    const at = ptr + f.offset;
    switch (f.is) {
      case 'scalar': writeScalar(dv, at, f.scalar, v); break;
      case 'inline_bytes': if (v instanceof Uint8Array) mem.bytes.set(v.subarray(0, f.count), at); break;
      case 'inline': if (Array.isArray(v)) for (let i = 0; i < f.count; i++) writeScalar(dv, at + i * SIZES[f.scalar], f.scalar, v[i]); break;
      case 'struct': if (typeof v === 'object' && v !== null) encodeStruct(mem, at, f.struct, v as Record<string, unknown>); break;
      default: break;
    }
  }
}

const filled = (o: object): boolean => Object.keys(o).length > 0;

/** Decode parameter `i` into `values[i]`; writes to do after the call go to `after`. */
function decodeParam(mem: GuestMemory, d: ParamDesc, raw: number | bigint, values: unknown[], i: number, after: After[]): void {
  if (d.is === 'scalar') {
    values[i] = scalarArg(raw, d.scalar);
    return;
  }
  const ptr = Number(raw) >>> 0;
  switch (d.is) {
    case 'box': {
      if (ptr === 0) { values[i] = null; return; }
      checked(mem, ptr, SIZES[d.scalar]);
      const initial = d.inout ? readScalar(mem.view, ptr, d.scalar) : undefined;
      const box = { value: initial };
      values[i] = box;
      after.push(() => { if (box.value !== initial) writeScalar(mem.view, ptr, d.scalar, box.value); });
      return;
    }
    case 'struct':
      values[i] = ptr === 0 ? null : decodeStruct(mem, ptr, d.struct, after);
      return;
    case 'object': {
      if (ptr === 0) { values[i] = null; return; }
      checked(mem, ptr, d.struct.size);
      const o: Record<string, unknown> = {};
      values[i] = o;
      after.push(() => { if (filled(o)) encodeStruct(mem, ptr, d.struct, o); });
      return;
    }
    case 'bytes': {
      const n = count(values, d.count);
      if (ptr === 0) { values[i] = null; return; }
      checked(mem, ptr, n);
      values[i] = mem.slice(ptr, n);
      return;
    }
    case 'bytes_to_end': {
      if (ptr === 0) { values[i] = null; return; }
      checked(mem, ptr, 0);
      values[i] = mem.slice(ptr, mem.bytes.length - ptr);
      return;
    }
    case 'handles':
      values[i] = handleArray(mem, ptr, count(values, d.count), d.out, after);
      return;
    case 'structs': {
      const n = count(values, d.count);
      if (ptr === 0) { values[i] = null; return; }
      const size = d.struct.size;
      checked(mem, ptr, n * size);
      const items: Record<string, unknown>[] = [];
      for (let k = 0; k < n; k++) items.push(d.dir === 'out' ? {} : decodeStruct(mem, ptr + k * size, d.struct, after));
      values[i] = items;
      if (d.dir !== 'in') after.push(() => { for (let k = 0; k < n; k++) if (filled(items[k]!)) encodeStruct(mem, ptr + k * size, d.struct, items[k]!); });
      return;
    }
    case 'scalars': {
      const n = count(values, d.count);
      if (ptr === 0) { values[i] = null; return; }
      const size = SIZES[d.scalar];
      checked(mem, ptr, n * size);
      const items = Array.from({ length: n }, (_, k) => (d.dir === 'out' ? 0 : readScalar(mem.view, ptr + k * size, d.scalar)));
      values[i] = items;
      if (d.dir !== 'in') after.push(() => { for (let k = 0; k < n; k++) writeScalar(mem.view, ptr + k * size, d.scalar, items[k]); });
      return;
    }
  }
}

/** Decoding order: scalars, then boxes and structs (which counts may name), then the buffers. */
function rank(d: ParamDesc): number {
  return d.is === 'scalar' ? 0 : d.is === 'box' || d.is === 'struct' || d.is === 'object' ? 1 : 2;
}

/** What a guest's syscall gives back: an i32 status or value, an i64, nothing, or a status later. */
export type WasmResult = number | bigint | undefined | Promise<number>;

/** The function a descriptor describes: decode, call the wrapper, write back. */
export type WasmCall = (mem: GuestMemory, args: readonly (number | bigint)[]) => WasmResult;

function failed(returns: WasmReturns, status: number): WasmResult {
  switch (returns) {
    case 'status': return status;
    case 'bigint': return BigInt(status);
    case 'void': return undefined;
    case 'promise': return Promise.resolve(status);
  }
}

/** The call of one syscall `desc` on the wrapper surface `syscalls`. */
export function wasmSyscall<K extends string>(desc: WasmSyscall<K>, syscalls: Readonly<Record<K, unknown>>, st: WasmStatuses): WasmCall {
  const params = desc.params;
  if (params === undefined) {
    const r = failed(desc.returns, st.notSupported);
    return () => (desc.returns === 'promise' ? failed('promise', st.notSupported) : r);
  }
  const fn = syscalls[desc.stub] as (...a: unknown[]) => number | bigint | undefined | Promise<number>;
  const order = params.map((d, i) => ({ d, i })).sort((a, b) => rank(a.d) - rank(b.d));
  const finish = (after: readonly After[], r: number): number => {
    try {
      for (const a of after) a();
      return r;
    } catch {
      return st.invalidArgs; // a write-back outside memory; cannot happen after the checks
    }
  };
  return (mem, args) => {
    const values: unknown[] = new Array(params.length);
    const after: After[] = [];
    for (const { d, i } of order) {
      try {
        decodeParam(mem, d, args[i] ?? 0, values, i, after);
      } catch (e) {
        if (e !== BAD) throw e;
        values[i] = BAD_POINTER;
      }
    }
    let r: number | bigint | undefined | Promise<number>;
    try {
      r = fn(...values);
    } catch (e) {
      // A stub that returns a value reports failure by throwing it: the guest gets what Zircon's
      // call gives there, the status in the value's type. One that returns nothing has no way to
      // tell its caller, so Zircon ends the caller (zx_cprng_draw's bad buffer): the throw goes
      // on to the server, which ends the process with EXIT_FAULT.
      if (e instanceof SyscallFailure) {
        if (desc.returns === 'void') throw e;
        return failed(desc.returns, e.status);
      }
      if (desc.returns === 'void') return undefined;
      throw e;
    }
    if (r instanceof Promise) return r.then((s) => finish(after, s));
    if (after.length === 0) return r;
    if (typeof r === 'number') return finish(after, r);
    for (const a of after) a();
    return r;
  };
}

/** Every descriptor's call, by import name. */
export function wasmSyscalls<K extends string>(table: readonly WasmSyscall<K>[], syscalls: Readonly<Record<K, unknown>>, st: WasmStatuses): Map<string, WasmCall> {
  return new Map(table.map((d) => [d.name, wasmSyscall(d, syscalls, st)]));
}
