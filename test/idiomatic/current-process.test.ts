// Creators work without a process argument, in the current process, as the issue's
// `Socket.create(options)` reads; `useProcess` picks which process that is.
import { expect, it } from 'vitest';
import { Channel, Kernel, Socket, ZX_ERR_BAD_HANDLE, ZX_SOCKET_DATAGRAM, useProcess } from '../../index.js';

it('Socket.create(options) uses the current process, and useProcess changes it', () => {
  const [a, b] = Socket.create(ZX_SOCKET_DATAGRAM);
  a.write(new Uint8Array([1, 2, 3]));
  expect([...b.read()]).toEqual([1, 2, 3]);

  const kernel = new Kernel();
  const p = kernel.createProcess('mine');
  const startup = kernel.stats().handles; // p's process.self and process.job
  useProcess(p);
  const [c0, c1] = Channel.create();
  expect(c0.syscalls).toBe(p.syscalls);
  c0.write(new Uint8Array([9]), []);
  expect([...c1.read().bytes]).toEqual([9]);
  // The earlier socket lives in the default process, not in `p`.
  expect(p.syscalls.zx_handle_close(a.raw)).toBe(ZX_ERR_BAD_HANDLE);
  for (const h of [a, b, c0, c1]) h.close();
  expect(kernel.stats().handles).toBe(startup);
});
