// The reusable ring under socket buffers, and the FIFO used for messages and datagram lengths.
import { describe, expect, it } from 'vitest';
import { ByteRing } from '../../runtime/byte-ring.js';
import { Deque } from '../../runtime/deque.js';

const seq = (n: number, start = 0): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (start + i) & 0xff);

describe('ByteRing', () => {
  it('keeps FIFO order across wrap-around', () => {
    const r = new ByteRing(10000);
    const out = new Uint8Array(5000);
    let next = 0;
    let expectNext = 0;
    for (let round = 0; round < 50; round++) {
      r.write(seq(3000, next), 3000);
      next += 3000;
      r.read(out, 2500);
      expect(out.subarray(0, 2500)).toEqual(seq(2500, expectNext));
      expectNext += 2500;
      if (r.size > 5000) {
        r.read(out, 2500);
        expect(out.subarray(0, 2500)).toEqual(seq(2500, expectNext));
        expectNext += 2500;
      }
    }
    expect(r.size).toBe(next - expectNext);
  });

  it('grows while wrapped without reordering', () => {
    const r = new ByteRing(1 << 20);
    const out = new Uint8Array(1 << 16);
    r.write(seq(4000), 4000); // ring is 4096 bytes
    r.read(out, 3000);
    r.write(seq(3000, 4000), 3000); // wraps
    r.write(seq(10000, 7000), 10000); // grows while wrapped
    expect(r.size).toBe(14000);
    r.read(out, 14000);
    expect(out.subarray(0, 14000)).toEqual(seq(14000, 3000));
    expect(r.size).toBe(0);
  });

  it('fills to capacity and discards without copying', () => {
    const r = new ByteRing(257024);
    r.write(new Uint8Array(257024), 257024);
    expect(r.free).toBe(0);
    r.discard(1000);
    expect(r.size).toBe(256024);
    expect(r.free).toBe(1000);
  });

  it('reads through a reused view still see the bytes written since', () => {
    const r = new ByteRing(1 << 16);
    const out = new Uint8Array(100);
    for (let round = 0; round < 5; round++) {
      r.write(seq(100, round * 7), 100); // the ring restarts at 0, so every read is [0, 100)
      r.read(out, 100);
      expect(out).toEqual(seq(100, round * 7));
    }
    r.write(seq(300, 1), 300);
    r.read(out, 100); // [0, 100) again, then [100, 200) and [200, 300): new views
    expect(out).toEqual(seq(100, 1));
    r.read(out, 100);
    expect(out).toEqual(seq(100, 101));
    r.read(out, 100);
    expect(out).toEqual(seq(100, 201));
  });

  it('copies short and long runs the same way, and forgets its storage on shrinkIfEmpty', () => {
    const r = new ByteRing(1 << 20);
    for (const n of [1, 15, 16, 17, 64, 65, 5000]) {
      const src = seq(n + 3, n);
      r.write(src, n); // a prefix of a longer array: not the whole source
      const out = new Uint8Array(n);
      r.read(out, n);
      expect(out).toEqual(src.subarray(0, n));
    }
    r.write(seq(300000), 300000);
    r.shrinkIfEmpty(1024);
    expect(r.size).toBe(300000); // not empty: kept
    r.discard(300000);
    r.shrinkIfEmpty(1024);
    r.write(seq(10, 9), 10);
    const out = new Uint8Array(10);
    r.read(out, 10);
    expect(out).toEqual(seq(10, 9));
  });
});

describe('Deque', () => {
  it('is FIFO through growth and supports removal', () => {
    const d = new Deque<number>();
    for (let i = 0; i < 3; i++) d.push(i);
    expect(d.shift()).toBe(0);
    for (let i = 3; i < 20; i++) d.push(i); // grows while head != 0
    expect(d.remove(10)).toBe(true);
    expect(d.remove(99)).toBe(false);
    const got: number[] = [];
    for (let v = d.shift(); v !== undefined; v = d.shift()) got.push(v);
    expect(got).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(d.length).toBe(0);
  });
});
