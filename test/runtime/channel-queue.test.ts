// Channel messages queue back to back in one byte ring per endpoint: message boundaries, order,
// handles and discards must survive wrap-around, growth and the ring being dropped when empty.
import { describe, expect, it } from 'vitest';
import {
  ZX_CHANNEL_READ_MAY_DISCARD,
  ZX_ERR_BUFFER_TOO_SMALL,
  ZX_ERR_SHOULD_WAIT,
  ZX_OK,
} from '../../generated/constants.js';
import { Kernel } from '../../runtime/kernel.js';
import { since } from '../kernel-stats.js';

function boot() {
  const kernel = new Kernel({ testMode: true });
  const sys = kernel.createProcess('q').syscalls;
  const base = kernel.stats(); // the process, its startup handles, the root job
  const a = { value: 0 };
  const b = { value: 0 };
  expect(sys.zx_channel_create(0, a, b)).toBe(ZX_OK);
  return { base, kernel, sys, w: a.value, r: b.value };
}

const msg = (n: number, tag: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (tag * 31 + i) & 0xff);
/** Byte equality without a per-element deep compare (64 KiB messages). */
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);

describe('channel message queue', () => {
  it('keeps boundaries and order for mixed sizes across wrap-around and growth', () => {
    const { sys, w, r } = boot();
    const sizes = [0, 1, 64, 3000, 17, 65536, 5, 4096, 0, 999];
    const pending: { n: number; tag: number }[] = [];
    const buf = new Uint8Array(65536);
    const ab = { value: 0 };
    let tag = 0;
    for (let round = 0; round < 40; round++) {
      for (let k = 0; k < 3; k++) {
        const n = sizes[(round * 3 + k) % sizes.length]!;
        expect(sys.zx_channel_write(w, 0, msg(n, tag), n, null, 0)).toBe(ZX_OK);
        pending.push({ n, tag: tag++ });
      }
      // Read fewer than were written, so the queue keeps some messages across rounds.
      for (let k = 0; k < (round % 2 === 0 ? 2 : 3) && pending.length > 0; k++) {
        const { n, tag: t } = pending.shift()!;
        expect(sys.zx_channel_read(r, 0, buf, null, buf.length, 0, ab, null)).toBe(ZX_OK);
        expect(ab.value).toBe(n);
        expect(same(buf.subarray(0, n), msg(n, t))).toBe(true);
      }
    }
    while (pending.length > 0) {
      const { n, tag: t } = pending.shift()!;
      expect(sys.zx_channel_read(r, 0, buf, null, buf.length, 0, ab, null)).toBe(ZX_OK);
      expect(same(buf.subarray(0, n), msg(n, t))).toBe(true);
    }
    expect(sys.zx_channel_read(r, 0, buf, null, buf.length, 0, ab, null)).toBe(ZX_ERR_SHOULD_WAIT);
  });

  it('a too-small read leaves the message; MAY_DISCARD drops exactly it and its handles', () => {
    const { base, kernel, sys, w, r } = boot();
    const ev = { value: 0 };
    expect(sys.zx_event_create(0, ev)).toBe(ZX_OK);
    expect(sys.zx_channel_write(w, 0, msg(100, 1), 100, [ev.value], 1)).toBe(ZX_OK);
    expect(sys.zx_channel_write(w, 0, msg(10, 2), 10, null, 0)).toBe(ZX_OK);
    const small = new Uint8Array(50);
    const ab = { value: 0 };
    const ah = { value: 0 };
    expect(sys.zx_channel_read(r, 0, small, [0], 50, 1, ab, ah)).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect([ab.value, ah.value]).toEqual([100, 1]);
    expect(since(kernel, base).handles).toBe(3); // two endpoints + the event, still in transit
    expect(sys.zx_channel_read(r, ZX_CHANNEL_READ_MAY_DISCARD, small, [0], 50, 1, ab, ah)).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect(since(kernel, base)).toMatchObject({ handles: 2, objects: 2 });
    expect(sys.zx_channel_read(r, 0, small, null, 50, 0, ab, null)).toBe(ZX_OK);
    expect(small.subarray(0, 10)).toEqual(msg(10, 2));
  });

  it('a burst bigger than the kept ring size drains correctly and the channel keeps working', () => {
    const { sys, w, r } = boot();
    const buf = new Uint8Array(65536);
    for (let i = 0; i < 10; i++) expect(sys.zx_channel_write(w, 0, msg(65536, i), 65536, null, 0)).toBe(ZX_OK);
    for (let i = 0; i < 10; i++) {
      expect(sys.zx_channel_read(r, 0, buf, null, 65536, 0, null, null)).toBe(ZX_OK);
      expect(same(buf, msg(65536, i))).toBe(true);
    }
    expect(sys.zx_channel_write(w, 0, msg(64, 77), 64, null, 0)).toBe(ZX_OK);
    expect(sys.zx_channel_read(r, 0, buf, null, 65536, 0, null, null)).toBe(ZX_OK);
    expect(buf.subarray(0, 64)).toEqual(msg(64, 77));
  });

  it('closing an endpoint with queued handle-carrying messages closes those handles', () => {
    const { base, kernel, sys, w, r } = boot();
    for (let i = 0; i < 3; i++) {
      const ev = { value: 0 };
      expect(sys.zx_event_create(0, ev)).toBe(ZX_OK);
      expect(sys.zx_channel_write(w, 0, msg(8, i), 8, [ev.value], 1)).toBe(ZX_OK);
    }
    expect(since(kernel, base)).toMatchObject({ handles: 5, objects: 5 });
    expect(sys.zx_handle_close(r)).toBe(ZX_OK);
    expect(since(kernel, base)).toMatchObject({ handles: 1, objects: 1 });
  });
});
