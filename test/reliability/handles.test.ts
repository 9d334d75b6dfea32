// Security of handles (issue 6), with generated inputs: values are per process and die with
// their handle, rights only shrink, and transfer is a move whatever the outcome.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Kernel,
  ZX_ERR_ACCESS_DENIED,
  ZX_ERR_BAD_HANDLE,
  ZX_ERR_INVALID_ARGS,
  ZX_INFO_HANDLE_BASIC,
  ZX_OK,
  ZX_RIGHT_DUPLICATE,
  ZX_RIGHT_SAME_RIGHTS,
  ZX_RIGHT_TRANSFER,
} from '../../index.js';
import { box, handleBasic, isValid, mkChannel, mkEvent, mkEventpair, mkPort, mkSocket, type Sys } from '../conformance/helpers.js';
import { since } from '../kernel-stats.js';

const HELD = 10_000;

/** koid of the object behind `value` in `sys`, or null when the value is not a live handle there. */
function koidOf(sys: Sys, value: number): bigint | null {
  const buf = new Uint8Array(32);
  const st = sys.zx_object_get_info(value >>> 0, ZX_INFO_HANDLE_BASIC, buf, 32, null, null);
  if (st !== ZX_OK) {
    expect(st).toBe(ZX_ERR_BAD_HANDLE);
    return null;
  }
  return new DataView(buf.buffer).getBigUint64(0, true);
}

describe('handle values belong to one process and die with their handle', () => {
  const kernel = new Kernel();
  const a = kernel.createProcess('a').syscalls;
  const b = kernel.createProcess('b').syscalls;
  const base = kernel.stats(); // the processes, their startup handles, the root job
  // Each process holds 10,000 handles: one event per 100 handles, duplicated.
  const hold = (sys: Sys) => {
    const values: number[] = [];
    const koids = new Set<bigint>();
    for (let i = 0; values.length < HELD; i++) {
      const ev = mkEvent(sys);
      koids.add(handleBasic(sys, ev).koid);
      values.push(ev);
      for (let j = 0; j < 99 && values.length < HELD; j++) {
        const out = box(0);
        expect(sys.zx_handle_duplicate(ev, ZX_RIGHT_SAME_RIGHTS, out)).toBe(ZX_OK);
        values.push(out.value);
      }
    }
    return { values, set: new Set(values), koids };
  };
  const A = hold(a);
  const B = hold(b);

  it('holds 10,000 distinct values per process', () => {
    expect(A.set.size).toBe(HELD);
    expect(B.set.size).toBe(HELD);
    expect(since(kernel, base).handles).toBe(2 * HELD);
  });

  it("no value of another process is valid, however it is presented", () => {
    for (const v of B.values) expect(koidOf(a, v)).toBeNull();
    for (const v of A.values) expect(koidOf(b, v)).toBeNull();
  });

  it('random 32-bit values hit nothing of the other process (200,000 values)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffffffff }), { minLength: 2000, maxLength: 2000 }), (values) => {
        for (const v of values) {
          const k = koidOf(a, v);
          if (k === null) continue;
          // A hit can only be one of the process's own handles.
          expect(A.set.has(v >>> 0)).toBe(true);
          expect(B.koids.has(k)).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('values next to the other process\'s values (one bit flipped, +-1, +-2) hit nothing of it', () => {
    fc.assert(
      fc.property(fc.nat({ max: HELD - 1 }), fc.nat({ max: 35 }), (i, k) => {
        const base = B.values[i]!;
        const v = k < 32 ? (base ^ (1 << k)) >>> 0 : (base + [1, -1, 2, -2][k - 32]!) >>> 0;
        const koid = koidOf(a, v);
        if (koid !== null) {
          expect(A.set.has(v)).toBe(true);
          expect(B.koids.has(koid)).toBe(false);
        }
      }),
      { numRuns: 20_000 },
    );
  });

  it("a process's own closed values fail, all 10,000 of them", () => {
    for (let i = 0; i < A.values.length; i += 1000) {
      const chunk = A.values.slice(i, i + 1000);
      expect(a.zx_handle_close_many(chunk, chunk.length)).toBe(ZX_OK);
    }
    expect(since(kernel, base).handles).toBe(HELD);
    for (const v of A.values) {
      expect(koidOf(a, v)).toBeNull();
      expect(a.zx_handle_close(v)).toBe(ZX_ERR_BAD_HANDLE);
      // ... and they never turn into the other process's handles.
      const k = koidOf(b, v);
      if (k !== null) expect(B.set.has(v)).toBe(true);
    }
    // New handles in A do not bring the closed values back.
    const fresh = Array.from({ length: 1000 }, () => mkEvent(a));
    for (const v of fresh) expect(A.set.has(v)).toBe(false);
  });
});

// ---- rights only shrink ------------------------------------------------------------------------

type Maker = (sys: Sys) => number;
const MAKERS: [string, Maker][] = [
  ['socket', (s) => mkSocket(s)[0]],
  ['channel', (s) => mkChannel(s)[0]],
  ['event', (s) => mkEvent(s)],
  ['eventpair', (s) => mkEventpair(s)[0]],
  ['port', (s) => mkPort(s)],
];

describe('rights can only shrink', () => {
  it.each(MAKERS)('%s: duplicate and replace give a subset or fail; a superset is rejected', (_name, make) => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }), fc.boolean(), (start, requested, viaReplace) => {
        const kernel = new Kernel();
        const sys = kernel.createProcess().syscalls;
        const h0 = make(sys);
        const full = handleBasic(sys, h0).rights;
        // Start from a random subset that keeps DUPLICATE (so duplicate gets to the rights check).
        const out0 = box(0);
        expect(sys.zx_handle_replace(h0, (start & full) | (full & ZX_RIGHT_DUPLICATE), out0)).toBe(ZX_OK);
        const h = out0.value;
        const have = handleBasic(sys, h).rights;
        const out = box(0x7777);
        const st = viaReplace ? sys.zx_handle_replace(h, requested, out) : sys.zx_handle_duplicate(h, requested, out);
        const subset = (requested & ~have) >>> 0 === 0;
        const same = requested >>> 0 === ZX_RIGHT_SAME_RIGHTS;
        if (!viaReplace && (have & ZX_RIGHT_DUPLICATE) === 0) {
          expect(st).toBe(ZX_ERR_ACCESS_DENIED);
        } else if (same || subset) {
          expect(st).toBe(ZX_OK);
          const got = handleBasic(sys, out.value).rights;
          expect(got).toBe(same ? have : requested >>> 0);
          expect((got & ~have) >>> 0).toBe(0);
        } else {
          expect(st).toBe(ZX_ERR_INVALID_ARGS);
          expect(out.value).toBe(0x7777);
        }
        // replace consumes its source on success and on INVALID_ARGS alike.
        expect(isValid(sys, h)).toBe(!viaReplace);
      }),
      { numRuns: 400 },
    );
  });
});

// ---- transfer is a move ------------------------------------------------------------------------

type Outcome =
  | 'ok' | 'bad-options' | 'bad-channel' | 'wrong-type' | 'no-write' | 'too-many-bytes' | 'too-many-handles'
  | 'duplicate-entry' | 'invalid-entry' | 'no-transfer' | 'itself' | 'peer-closed';
const OUTCOMES: Outcome[] = ['ok', 'bad-options', 'bad-channel', 'wrong-type', 'no-write', 'too-many-bytes', 'too-many-handles', 'duplicate-entry', 'invalid-entry', 'no-transfer', 'itself', 'peer-closed'];

describe('transfer is a move', () => {
  it('after zx_channel_write the sender\'s values are invalid, whatever the outcome', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OUTCOMES), fc.array(fc.constantFrom(...MAKERS.map((m) => m[1])), { minLength: 1, maxLength: 5 }), (outcome, makers) => {
        const kernel = new Kernel();
        const sys = kernel.createProcess().syscalls;
        const other = kernel.createProcess().syscalls;
        let [ch, peer] = mkChannel(sys);
        const sent = makers.map((m) => m(sys));
        let list = [...sent];
        let options = 0;
        let bytes = 4;
        if (outcome === 'bad-options') options = 1;
        if (outcome === 'bad-channel') ch = mkChannel(other)[0];
        if (outcome === 'wrong-type') ch = mkEvent(sys);
        if (outcome === 'no-write') {
          const out = box(0);
          expect(sys.zx_handle_replace(ch, ZX_RIGHT_TRANSFER, out)).toBe(ZX_OK);
          ch = out.value;
        }
        if (outcome === 'too-many-bytes') bytes = 65537;
        if (outcome === 'too-many-handles') while (list.length <= 64) list.push(mkEvent(sys));
        if (outcome === 'duplicate-entry') list.push(list[0]!);
        if (outcome === 'invalid-entry') list.splice(list.length >> 1, 0, 0x12345679);
        if (outcome === 'no-transfer') {
          const out = box(0);
          expect(sys.zx_handle_duplicate(mkEvent(sys), ZX_RIGHT_DUPLICATE, out)).toBe(ZX_OK);
          list.push(out.value);
        }
        if (outcome === 'itself') list.push(ch);
        if (outcome === 'peer-closed') expect(sys.zx_handle_close(peer)).toBe(ZX_OK);
        const live = list.filter((v) => isValid(sys, v));
        const st = sys.zx_channel_write(ch, options, new Uint8Array(bytes), bytes, list, list.length);
        expect(st === ZX_OK).toBe(outcome === 'ok');
        for (const v of live) expect(isValid(sys, v)).toBe(false);
        // The other process never gained anything either.
        for (const v of live) expect(isValid(other, v)).toBe(false);
        void peer;
      }),
      { numRuns: 300 },
    );
  });

  it('socket_share consumes the offered handle whatever the outcome', () => {
    fc.assert(
      fc.property(fc.nat({ max: 7 }), fc.nat({ max: 7 }), fc.boolean(), fc.boolean(), (o1, o2, sameSocket, closePeer) => {
        const kernel = new Kernel();
        const sys = kernel.createProcess().syscalls;
        const [e, p] = mkSocket(sys, o1);
        const s = sameSocket ? p : mkSocket(sys, o2)[0];
        if (closePeer && !sameSocket) sys.zx_handle_close(p);
        sys.zx_socket_share(e, s);
        expect(isValid(sys, s)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
