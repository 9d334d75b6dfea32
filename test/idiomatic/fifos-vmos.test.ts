// Fifo and Vmo: element-sized reads and writes, `for await` over a FIFO's elements, and VMO
// read/write/size/clone/opRange through the idiomatic layer.
import { describe, expect, it } from 'vitest';
import {
  Fifo,
  Vmo,
  ZX_ERR_OUT_OF_RANGE,
  ZX_ERR_PEER_CLOSED,
  ZX_ERR_SHOULD_WAIT,
  ZX_VMO_CLONE_COPY_ON_WRITE,
  ZX_VMO_OP_COMMIT,
  ZX_VMO_OP_DECOMMIT,
} from '../../index.js';
import { boot, bytes, caught, tick } from './helpers.js';

describe('Fifo', () => {
  it('create gives two endpoints that know their element size; writes and reads move whole elements', async () => {
    const { proc } = boot();
    const [a, b] = Fifo.create(proc, 4, 2);
    expect([a, b].every((f) => f instanceof Fifo && f.elemSize === 2)).toBe(true);
    expect(a.write(bytes(1, 2, 3, 4, 5))).toBe(2); // the odd byte is no element
    expect(b.read(8)).toEqual(bytes(1, 2, 3, 4));
    expect(a.write(bytes(0, 1, 0, 2, 0, 3, 0, 4, 0, 5))).toBe(4); // short: the queue holds 4
    expect(await caught(() => a.write(bytes(9, 9)))).toMatchObject({ status: ZX_ERR_SHOULD_WAIT });
    expect(b.read()).toEqual(bytes(0, 1));
    expect(b.read(2)).toEqual(bytes(0, 2, 0, 3));
  });

  it('for await yields each element, waits while the queue is empty, and ends when the peer closes', async () => {
    const { proc } = boot();
    const [a, b] = Fifo.create(proc, 2, 1);
    const got: number[] = [];
    const done = (async () => {
      for await (const el of b) got.push(el[0]!);
    })();
    await tick();
    expect(a.write(bytes(1, 2))).toBe(2);
    await tick();
    expect(a.write(bytes(3))).toBe(1);
    await tick();
    a.close();
    await done;
    expect(got).toEqual([1, 2, 3]);
    expect(await caught(() => b.read())).toMatchObject({ status: ZX_ERR_PEER_CLOSED });
  });

  it('a FIFO whose element size is not set reads and writes nothing but OUT_OF_RANGE', async () => {
    const { proc } = boot();
    const [a] = Fifo.create(proc, 4, 4);
    a.elemSize = 0;
    expect(await caught(() => a.write(bytes(1, 2, 3, 4)))).toMatchObject({ status: ZX_ERR_OUT_OF_RANGE });
  });
});

describe('Vmo', () => {
  it('read(offset, length), write, getSize and setSize', async () => {
    const { proc } = boot();
    const v = Vmo.create(proc, 5000n);
    expect(v.getSize()).toBe(8192n);
    v.write(bytes(7, 8, 9), 4095n);
    expect(v.read(4094n, 5)).toEqual(bytes(0, 7, 8, 9, 0));
    v.setSize(1n);
    expect(v.getSize()).toBe(4096n);
    expect(await caught(() => v.read(4095n, 2))).toMatchObject({ status: ZX_ERR_OUT_OF_RANGE });
  });

  it('clone is a live copy-on-write view; opRange commits and decommits', () => {
    const { proc } = boot();
    const v = Vmo.create(proc, 4096n);
    const c = v.clone(ZX_VMO_CLONE_COPY_ON_WRITE, 0n, 4096n);
    expect(c).toBeInstanceOf(Vmo);
    v.write(bytes(1), 0n);
    expect(c.read(0n, 1)).toEqual(bytes(1));
    c.write(bytes(2), 0n);
    expect(v.read(0n, 1)).toEqual(bytes(1));
    c.opRange(ZX_VMO_OP_DECOMMIT, 0n, 4096n);
    expect(c.read(0n, 1)).toEqual(bytes(1));
    c.opRange(ZX_VMO_OP_COMMIT, 0n, 4096n);
    v.write(bytes(3), 0n);
    expect(c.read(0n, 1)).toEqual(bytes(1));
  });
});
