// Shared helpers for the conformance suite (spec: ../shared/spec/zircon-objects.md).
// Everything here goes through the public syscall surface only.

import { expect } from 'vitest';
import {
  Kernel,
  ZX_OK,
  ZX_ERR_TIMED_OUT,
  ZX_INFO_HANDLE_BASIC,
  ZX_INFO_HANDLE_COUNT,
  ZX_INFO_HANDLE_VALID,
  ZX_INFO_SOCKET,
  ZX_RIGHT_SAME_RIGHTS,
} from '../../index.js';

export type Proc = ReturnType<Kernel['createProcess']>;
export type Sys = Proc['syscalls'];

/** A fresh kernel with one process. */
export function boot(name = 'conformance'): { kernel: Kernel; proc: Proc; sys: Sys } {
  const kernel = new Kernel();
  const proc = kernel.createProcess(name);
  return { kernel, proc, sys: proc.syscalls };
}

/** Out-parameter box. */
export interface Box<T> {
  value: T;
}
export const box = <T>(value: T): Box<T> => ({ value });

/** Sentinels written into out boxes to prove the kernel did not touch them. */
export const SENTINEL = 0x5eed;
export const SENTINEL_H = 0x7777;

/** Deliberately ill-typed argument (null buffer, bad struct, ...). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const bad = <T = any>(v: unknown): T => v as T;

// ---------------------------------------------------------------------------------------------
// Signals and time

/** `sig(h)` of spec §5: wait_one(h, 0, deadline 0) → TIMED_OUT, and return `observed`. */
export async function sig(sys: Sys, h: number): Promise<number> {
  const observed = box(SENTINEL);
  const st = await sys.zx_object_wait_one(h, 0, 0n, observed);
  expect(st, `sig(${h}) status`).toBe(ZX_ERR_TIMED_OUT);
  return observed.value;
}

/** An absolute deadline `ns` nanoseconds from the kernel's now. */
export const after = (kernel: Kernel, ns: bigint): bigint => kernel.now() + ns;
export const MS = 1_000_000n;

/** Real-time sleep (lets other async tasks and timers run). */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
export { tick } from '../macrotask.js';

/** Track whether a promise has settled, without awaiting it. */
export function track<T>(p: Promise<T>): { done: () => boolean; promise: Promise<T> } {
  let settled = false;
  const promise = p.then(
    (v) => {
      settled = true;
      return v;
    },
    (e) => {
      settled = true;
      throw e;
    },
  );
  return { done: () => settled, promise };
}

// ---------------------------------------------------------------------------------------------
// Creators (assert ZX_OK)

export function mkSocket(sys: Sys, options = 0): [number, number] {
  const a = box(0);
  const b = box(0);
  expect(sys.zx_socket_create(options, a, b)).toBe(ZX_OK);
  return [a.value, b.value];
}

export function mkChannel(sys: Sys): [number, number] {
  const a = box(0);
  const b = box(0);
  expect(sys.zx_channel_create(0, a, b)).toBe(ZX_OK);
  return [a.value, b.value];
}

export function mkEventpair(sys: Sys): [number, number] {
  const a = box(0);
  const b = box(0);
  expect(sys.zx_eventpair_create(0, a, b)).toBe(ZX_OK);
  return [a.value, b.value];
}

export function mkEvent(sys: Sys): number {
  const a = box(0);
  expect(sys.zx_event_create(0, a)).toBe(ZX_OK);
  return a.value;
}

export function mkPort(sys: Sys, options = 0): number {
  const a = box(0);
  expect(sys.zx_port_create(options, a)).toBe(ZX_OK);
  return a.value;
}

export function dup(sys: Sys, h: number, rights: number = ZX_RIGHT_SAME_RIGHTS): number {
  const out = box(0);
  expect(sys.zx_handle_duplicate(h, rights, out)).toBe(ZX_OK);
  return out.value;
}

export function replace(sys: Sys, h: number, rights: number): number {
  const out = box(0);
  expect(sys.zx_handle_replace(h, rights, out)).toBe(ZX_OK);
  return out.value;
}

/** True if `h` is a live handle of this process (ZX_INFO_HANDLE_VALID). */
export function isValid(sys: Sys, h: number): boolean {
  return sys.zx_object_get_info(h, ZX_INFO_HANDLE_VALID, null, 0, null, null) === ZX_OK;
}

// ---------------------------------------------------------------------------------------------
// Bytes

const te = new TextEncoder();
const td = new TextDecoder();
export const enc = (s: string): Uint8Array => te.encode(s);
export const dec = (b: Uint8Array, n: number = b.length): string => td.decode(b.subarray(0, n));

export function u32s(...words: number[]): Uint8Array {
  const b = new Uint8Array(words.length * 4);
  const dv = new DataView(b.buffer);
  words.forEach((w, i) => dv.setUint32(i * 4, w >>> 0, true));
  return b;
}

export function getU32(b: Uint8Array, off: number): number {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(off, true);
}

export function getU64(b: Uint8Array, off: number): bigint {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(off, true);
}

export function u64(v: number | bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(v), true);
  return b;
}

/** Fast byte-wise equality (vitest's deep equality is slow on large typed arrays); no Buffer, so it runs in a page. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pattern(n: number, seed = 1): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed * 7 + (i >> 8)) & 0xff;
  return b;
}

// ---------------------------------------------------------------------------------------------
// Info records (little-endian C layouts, spec §1.7)

export interface SocketInfo {
  options: number;
  rx_buf_max: number;
  rx_buf_size: number;
  rx_buf_available: number;
  tx_buf_max: number;
  tx_buf_size: number;
}

export function decodeSocketInfo(b: Uint8Array): SocketInfo {
  expect(b.length).toBeGreaterThanOrEqual(48);
  return {
    options: getU32(b, 0),
    rx_buf_max: Number(getU64(b, 8)),
    rx_buf_size: Number(getU64(b, 16)),
    rx_buf_available: Number(getU64(b, 24)),
    tx_buf_max: Number(getU64(b, 32)),
    tx_buf_size: Number(getU64(b, 40)),
  };
}

export interface HandleBasic {
  koid: bigint;
  rights: number;
  type: number;
  related_koid: bigint;
  props: number;
}

export function decodeHandleBasic(b: Uint8Array): HandleBasic {
  expect(b.length).toBeGreaterThanOrEqual(32);
  return {
    koid: getU64(b, 0),
    rights: getU32(b, 8),
    type: getU32(b, 12),
    related_koid: getU64(b, 16),
    props: getU32(b, 24),
  };
}

export function socketInfo(sys: Sys, h: number): SocketInfo {
  const buf = new Uint8Array(48);
  const actual = box(SENTINEL);
  const avail = box(SENTINEL);
  expect(sys.zx_object_get_info(h, ZX_INFO_SOCKET, buf, 48, actual, avail)).toBe(ZX_OK);
  expect(actual.value).toBe(1);
  expect(avail.value).toBe(1);
  return decodeSocketInfo(buf);
}

export function handleBasic(sys: Sys, h: number): HandleBasic {
  const buf = new Uint8Array(32);
  const actual = box(SENTINEL);
  const avail = box(SENTINEL);
  expect(sys.zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, buf, 32, actual, avail)).toBe(ZX_OK);
  expect(actual.value).toBe(1);
  expect(avail.value).toBe(1);
  return decodeHandleBasic(buf);
}

export function handleCount(sys: Sys, h: number): number {
  const buf = new Uint8Array(4);
  expect(sys.zx_object_get_info(h, ZX_INFO_HANDLE_COUNT, buf, 4, null, null)).toBe(ZX_OK);
  return getU32(buf, 0);
}

// ---------------------------------------------------------------------------------------------
// Properties

export function getProp(sys: Sys, h: number, prop: number): bigint {
  const v = new Uint8Array(8).fill(0xcc);
  expect(sys.zx_object_get_property(h, prop, v, 8)).toBe(ZX_OK);
  return getU64(v, 0);
}

export function setProp(sys: Sys, h: number, prop: number, value: number | bigint): number {
  return sys.zx_object_set_property(h, prop, u64(value), 8);
}

// ---------------------------------------------------------------------------------------------
// Socket I/O

export function sockWrite(
  sys: Sys,
  h: number,
  data: Uint8Array | string,
  options = 0,
): { status: number; actual: number } {
  const bytes = typeof data === 'string' ? enc(data) : data;
  const actual = box(SENTINEL);
  const status = sys.zx_socket_write(h, options, bytes, bytes.length, actual);
  return { status, actual: actual.value };
}

export function sockRead(
  sys: Sys,
  h: number,
  size: number,
  options = 0,
): { status: number; actual: number; data: Uint8Array; text: string } {
  const buf = new Uint8Array(size);
  const actual = box(SENTINEL);
  const status = sys.zx_socket_read(h, options, buf, size, actual);
  const n = status === ZX_OK ? actual.value : 0;
  return { status, actual: actual.value, data: buf.subarray(0, n), text: dec(buf, n) };
}

// ---------------------------------------------------------------------------------------------
// Channel I/O

export function chWrite(
  sys: Sys,
  h: number,
  bytes: Uint8Array | string = new Uint8Array(0),
  handles: number[] = [],
): number {
  const b = typeof bytes === 'string' ? enc(bytes) : bytes;
  return sys.zx_channel_write(h, 0, b, b.length, handles, handles.length);
}

export function chRead(
  sys: Sys,
  h: number,
  numBytes = 65536,
  numHandles = 64,
  options = 0,
): {
  status: number;
  bytes: Uint8Array;
  handles: number[];
  actualBytes: number;
  actualHandles: number;
  raw: Uint32Array;
} {
  const buf = new Uint8Array(numBytes);
  const hs = new Uint32Array(numHandles);
  const ab = box(SENTINEL);
  const ah = box(SENTINEL);
  const status = sys.zx_channel_read(h, options, buf, hs, numBytes, numHandles, ab, ah);
  const ok = status === ZX_OK;
  return {
    status,
    bytes: ok ? buf.subarray(0, ab.value) : new Uint8Array(0),
    handles: ok ? Array.from(hs.subarray(0, ah.value)) : [],
    actualBytes: ab.value,
    actualHandles: ah.value,
    raw: hs,
  };
}

// ---------------------------------------------------------------------------------------------
// Port packets

export interface Packet {
  key: bigint;
  type: number;
  status: number;
  payload: Uint8Array;
}

export function blankPacket(): Packet {
  return { key: 0xdeadn, type: 0xee, status: 0x77, payload: new Uint8Array(32).fill(0xab) };
}

export function userPacket(key: bigint, type = 0, status = 0, payload: Uint8Array = new Uint8Array(32)): Packet {
  return { key, type, status, payload };
}

export function signalOf(p: Packet): { trigger: number; observed: number; count: bigint } {
  return { trigger: getU32(p.payload, 0), observed: getU32(p.payload, 4), count: getU64(p.payload, 8) };
}

/** Dequeue everything currently in the port (deadline 0). */
export async function drain(sys: Sys, port: number): Promise<Packet[]> {
  const out: Packet[] = [];
  for (;;) {
    const p = blankPacket();
    const st = await sys.zx_port_wait(port, 0n, p);
    if (st !== ZX_OK) {
      expect(st).toBe(ZX_ERR_TIMED_OUT);
      return out;
    }
    out.push(p);
    if (out.length > 100000) throw new Error('drain: runaway port');
  }
}
