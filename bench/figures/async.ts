// Blocking syscalls that do not block: the promise overhead of a satisfied wait and of a port
// round trip, against awaiting an already-resolved promise.
import { Kernel, ZX_EVENT_SIGNALED, ZX_OK, ZX_TIME_INFINITE } from '../../index.js';
import type { zx_port_packet_t } from '../../index.js';
import { expectOk, interleave } from '../harness.js';
import { goals, pairResult, type Row } from '../row.js';

const awaitResolved = { name: 'await Promise.resolve()', body: () => Promise.resolve() };

export const waitOneSignalled: Row = {
  name: 'await zx_object_wait_one, event already signalled',
  async run(s) {
    const sys = new Kernel({ testMode: false }).createProcess('bench').syscalls;
    const ev = { value: 0 };
    expectOk('zx_event_create', sys.zx_event_create(0, ev));
    expectOk('zx_object_signal', sys.zx_object_signal(ev.value, 0, ZX_EVENT_SIGNALED));
    const h = ev.value;
    const observed = { value: 0 };
    expectOk('zx_object_wait_one', await sys.zx_object_wait_one(h, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, observed));
    // The timer awaits the returned promise: exactly `await zx_object_wait_one(...)`.
    const t = await interleave(
      { name: 'wait_one', body: () => sys.zx_object_wait_one(h, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, observed) },
      awaitResolved,
      s.micro,
    );
    return pairResult(this.name, 'await Promise.resolve()', goals.ratioAtMost(3), t);
  },
};

export const portQueueWait: Row = {
  name: 'zx_port_queue + await zx_port_wait',
  async run(s) {
    const sys = new Kernel({ testMode: false }).createProcess('bench').syscalls;
    const port = { value: 0 };
    expectOk('zx_port_create', sys.zx_port_create(0, port));
    const h = port.value;
    const payload = new Uint8Array(32);
    payload[0] = 42;
    const packet: zx_port_packet_t = { key: 7n, type: 0, status: 0, payload };
    const out: zx_port_packet_t = { key: 0n, type: 0, status: 0, payload: new Uint8Array(32) };
    expectOk('zx_port_queue', sys.zx_port_queue(h, packet));
    expectOk('zx_port_wait', await sys.zx_port_wait(h, ZX_TIME_INFINITE, out));
    if (out.key !== 7n || out.payload[0] !== 42) throw new Error('bench setup: port packet lost');
    const t = await interleave(
      {
        name: 'port',
        body: () => {
          sys.zx_port_queue(h, packet);
          return sys.zx_port_wait(h, ZX_TIME_INFINITE, out);
        },
      },
      awaitResolved,
      s.micro,
    );
    if ((await sys.zx_port_wait(h, 0n, out)) === ZX_OK) throw new Error('bench: port queue grew during the run');
    return pairResult(this.name, 'await Promise.resolve()', goals.ratioAtMost(4), t);
  },
};
