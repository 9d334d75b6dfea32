// Destruction cascades run from a work queue, never by recursion (spec §2.2, test C13).
import { describe, expect, it } from 'vitest';
import {
  ZX_CHANNEL_PEER_CLOSED,
  ZX_ERR_TIMED_OUT,
  ZX_OK,
} from '../../generated/constants.js';
import { Kernel } from '../../runtime/kernel.js';
import { since } from '../kernel-stats.js';

async function nest(depth: number): Promise<void> {
  const kernel = new Kernel({ testMode: true });
  const sys = kernel.createProcess('nest').syscalls;
  const base = kernel.stats(); // the process, its startup handles, the root job
  const a = { value: 0 };
  const b = { value: 0 };
  expect(sys.zx_channel_create(0, a, b)).toBe(ZX_OK);
  const [ch0, ch1] = [a.value, b.value];
  // Innermost pair: keep `end`, send its peer down the chain.
  expect(sys.zx_channel_create(0, a, b)).toBe(ZX_OK);
  const end = a.value;
  let carry = b.value;
  for (let i = 0; i < depth; i++) {
    expect(sys.zx_channel_create(0, a, b)).toBe(ZX_OK);
    // carry is queued at b.value (a.value is closed at once); b.value travels on.
    expect(sys.zx_channel_write(a.value, 0, null, 0, [carry], 1)).toBe(ZX_OK);
    expect(sys.zx_handle_close(a.value)).toBe(ZX_OK);
    carry = b.value;
  }
  expect(sys.zx_channel_write(ch0, 0, null, 0, [carry], 1)).toBe(ZX_OK);
  expect(since(kernel, base).objects).toBe(depth + 4); // each level keeps the receiving end

  expect(sys.zx_handle_close(ch1)).toBe(ZX_OK);
  const observed = { value: 0 };
  expect(await sys.zx_object_wait_one(end, 0, 0n, observed)).toBe(ZX_ERR_TIMED_OUT);
  expect(observed.value & ZX_CHANNEL_PEER_CLOSED).toBe(ZX_CHANNEL_PEER_CLOSED);
  expect(sys.zx_handle_close(ch0)).toBe(ZX_OK);
  expect(sys.zx_handle_close(end)).toBe(ZX_OK);
  expect(since(kernel, base)).toMatchObject({ objects: 0, handles: 0 });
}

describe('destruction cascade', () => {
  it('unwinds 200 nested channels', () => nest(200));
  it('unwinds 20000 nested channels without growing the stack', () => nest(20000));
});
