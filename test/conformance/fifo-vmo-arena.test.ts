// NO_MEMORY from the FIFO and VMO creators: with the kernel's handle arena (2^18 slots) full,
// each fails, installs nothing and leaks nothing; a VMO replaced while the arena is full keeps
// the rule that a valid input handle is consumed.
import { expect, it } from 'vitest';
import { ZX_ERR_NO_MEMORY, ZX_OK, ZX_RIGHT_SAME_RIGHTS, ZX_VMO_CLONE_COPY_ON_WRITE } from '../../index.js';
import { SENTINEL_H, boot, box, isValid, mkEvent } from './helpers.js';

it('fifo_create, vmo_create, vmo_clone and vmo_replace_as_executable report NO_MEMORY', () => {
  const { kernel, sys } = boot('arena');
  const vmo = box(0);
  expect(sys.zx_vmo_create(4096n, 0, vmo)).toBe(ZX_OK);
  const ev = mkEvent(sys);
  let st = ZX_OK;
  while (st === ZX_OK) st = sys.zx_handle_duplicate(ev, ZX_RIGHT_SAME_RIGHTS, box(0));
  expect(st).toBe(ZX_ERR_NO_MEMORY);
  const before = kernel.stats();
  const a = box(SENTINEL_H), b = box(SENTINEL_H);
  expect(sys.zx_fifo_create(8, 8, 0, a, b)).toBe(ZX_ERR_NO_MEMORY);
  expect(sys.zx_vmo_create(4096n, 0, a)).toBe(ZX_ERR_NO_MEMORY);
  expect(sys.zx_vmo_clone(vmo.value, ZX_VMO_CLONE_COPY_ON_WRITE, 0n, 4096n, a)).toBe(ZX_ERR_NO_MEMORY);
  expect([a.value, b.value]).toEqual([SENTINEL_H, SENTINEL_H]);
  expect(kernel.stats()).toEqual(before);
  // The VMO handle is taken first, so its slot is not free for the new one: NO_MEMORY, consumed.
  expect(sys.zx_vmo_replace_as_executable(vmo.value, 0, a)).toBe(ZX_ERR_NO_MEMORY);
  expect(isValid(sys, vmo.value)).toBe(false);
  expect(kernel.stats().objects).toBe(before.objects - 1);
}, 120_000);
