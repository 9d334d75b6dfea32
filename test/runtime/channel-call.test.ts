// channel_call edge cases around handle ownership once the request has been delivered.
import { describe, expect, it } from 'vitest';
import {
  ZX_ERR_BUFFER_TOO_SMALL,
  ZX_ERR_PEER_CLOSED,
  ZX_ERR_TIMED_OUT,
  ZX_OK,
  ZX_TIME_INFINITE,
} from '../../generated/constants.js';
import { Kernel } from '../../runtime/kernel.js';
import { since } from '../kernel-stats.js';

function boot() {
  const kernel = new Kernel({ testMode: true });
  const sys = kernel.createProcess('c').syscalls;
  const base = kernel.stats(); // the process, its startup handles, the root job
  const a = { value: 0 };
  const b = { value: 0 };
  expect(sys.zx_channel_create(0, a, b)).toBe(ZX_OK);
  const ev = { value: 0 };
  expect(sys.zx_event_create(0, ev)).toBe(ZX_OK);
  return { base, kernel, sys, client: a.value, server: b.value, ev: ev.value };
}

const args = (handles: number[], rdBytes = 64) => ({
  wr_bytes: new Uint8Array(8),
  wr_handles: handles,
  rd_bytes: new Uint8Array(rdBytes),
  rd_handles: [0],
  wr_num_bytes: 8,
  wr_num_handles: handles.length,
  rd_num_bytes: rdBytes,
  rd_num_handles: 1,
});

describe('channel_call', () => {
  it('a timed-out call leaves the handles it delivered to the server', async () => {
    const { sys, client, server, ev } = boot();
    const st = await sys.zx_channel_call(client, 0, 0n, args([ev]), { value: 0 }, { value: 0 });
    expect(st).toBe(ZX_ERR_TIMED_OUT);
    const hs = [0];
    const ah = { value: 0 };
    expect(sys.zx_channel_read(server, 0, new Uint8Array(8), hs, 8, 1, null, ah)).toBe(ZX_OK);
    expect(ah.value).toBe(1);
    expect(sys.zx_object_signal(hs[0]!, 0, 0)).toBe(ZX_OK); // still a live event handle
  });

  it('a call ended by PEER_CLOSED does not double-close handles destroyed with the server', async () => {
    const { base, kernel, sys, client, server, ev } = boot();
    const p = sys.zx_channel_call(client, 0, ZX_TIME_INFINITE, args([ev]), { value: 0 }, { value: 0 });
    expect(sys.zx_handle_close(server)).toBe(ZX_OK);
    expect(await p).toBe(ZX_ERR_PEER_CLOSED);
    expect(since(kernel, base)).toMatchObject({ objects: 1, handles: 1 });
  });

  it('a reply that does not fit is discarded with its handles', async () => {
    const { base, kernel, sys, client, server, ev } = boot();
    const ab = { value: 99 };
    const p = sys.zx_channel_call(client, 0, ZX_TIME_INFINITE, args([], 4), ab, { value: 0 });
    const req = new Uint8Array(8);
    expect(sys.zx_channel_read(server, 0, req, null, 8, 0, null, null)).toBe(ZX_OK);
    expect(sys.zx_channel_write(server, 0, req, 8, [ev], 1)).toBe(ZX_OK);
    expect(await p).toBe(ZX_ERR_BUFFER_TOO_SMALL);
    expect(ab.value).toBe(99);
    expect(since(kernel, base)).toMatchObject({ objects: 2, handles: 2 });
  });
});
