// The counter ABI on zxkit's kernel: created through this ABI's syscalls, waited on through
// zxkit's own zx_object_wait_one and ports, in one process and one handle table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Kernel } from 'zxkit/runtime';
import {
  ZX_COUNTER_POSITIVE,
  ZX_ERR_ACCESS_DENIED,
  ZX_ERR_OUT_OF_RANGE,
  ZX_ERR_TIMED_OUT,
  ZX_OK,
  ZX_PKT_TYPE_SIGNAL_ONE,
  ZX_RIGHT_READ,
  ZX_TIME_INFINITE,
  ZX_WAIT_ASYNC_ONCE,
} from '../generated/constants.js';
import { createSyscalls } from '../generated/wrappers.js';
import { core } from '../src/core.js';

function setup() {
  const kernel = new Kernel({ testMode: true });
  const proc = kernel.createProcess('app');
  return { kernel, zx: proc.syscalls, counters: proc.bind(createSyscalls, core) };
}

test('zx_object_wait_one wakes when the counter becomes positive', async () => {
  const { zx, counters } = setup();
  const c = { value: 0 };
  assert.equal(counters.zx_counter_create(0, c), ZX_OK);
  const observed = { value: 0 };
  assert.equal(await zx.zx_object_wait_one(c.value, ZX_COUNTER_POSITIVE, 0n, observed), ZX_ERR_TIMED_OUT);
  const waiting = zx.zx_object_wait_one(c.value, ZX_COUNTER_POSITIVE, ZX_TIME_INFINITE, observed);
  assert.equal(counters.zx_counter_add(c.value, 2), ZX_OK);
  assert.equal(await waiting, ZX_OK);
  assert.equal(observed.value, ZX_COUNTER_POSITIVE);
});

test('zx_object_wait_async queues a signal packet on a port', async () => {
  const { zx, counters } = setup();
  const c = { value: 0 }, port = { value: 0 };
  assert.equal(counters.zx_counter_create(0, c), ZX_OK);
  assert.equal(zx.zx_port_create(0, port), ZX_OK);
  assert.equal(zx.zx_object_wait_async(c.value, port.value, 7n, ZX_COUNTER_POSITIVE, ZX_WAIT_ASYNC_ONCE), ZX_OK);
  assert.equal(counters.zx_counter_add(c.value, 1), ZX_OK);
  const packet = { key: 0n, type: 0, status: 0, payload: new Uint8Array(32) };
  assert.equal(await zx.zx_port_wait(port.value, ZX_TIME_INFINITE, packet), ZX_OK);
  assert.equal(packet.key, 7n);
  assert.equal(packet.type, ZX_PKT_TYPE_SIGNAL_ONE);
});

test('the wrappers check type, rights and range before and around the core', () => {
  const { kernel, zx, counters } = setup();
  const before = kernel.stats(); // the root job, the process and its two startup handles
  const c = { value: 0 }, ro = { value: 0 }, ev = { value: 0 };
  assert.equal(counters.zx_counter_create(0, c), ZX_OK);
  assert.equal(zx.zx_handle_duplicate(c.value, ZX_RIGHT_READ, ro), ZX_OK);
  assert.equal(counters.zx_counter_add(ro.value, 1), ZX_ERR_ACCESS_DENIED);
  assert.equal(zx.zx_event_create(0, ev), ZX_OK);
  // Rights come before the type (Zircon's order): an event lacks ZX_RIGHT_INCREMENT.
  assert.equal(counters.zx_counter_add(ev.value, 1), ZX_ERR_ACCESS_DENIED);
  assert.equal(counters.zx_counter_add(c.value, 0xffffffff), ZX_OK);
  assert.equal(counters.zx_counter_add(c.value, 1), ZX_ERR_OUT_OF_RANGE);
  for (const h of [c.value, ro.value, ev.value]) assert.equal(zx.zx_handle_close(h), ZX_OK);
  assert.deepEqual(kernel.stats(), before);
});
