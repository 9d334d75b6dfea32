// Creation policy (spec §2.5): a process whose job denies new objects of a type gets
// ZX_ERR_ACCESS_DENIED from that type's creator, leaves its outputs untouched, and leaks nothing.
import { describe, expect, it } from 'vitest';
import {
  Kernel, ZX_ERR_ACCESS_DENIED, ZX_OBJ_TYPE_CHANNEL, ZX_OBJ_TYPE_EVENT, ZX_OBJ_TYPE_EVENTPAIR, ZX_OBJ_TYPE_PORT,
  ZX_OBJ_TYPE_SOCKET, ZX_OK,
} from '../../index.js';
import type { Syscalls } from '../../index.js';

const SENTINEL = 0x5eed;
type Create = (sys: Syscalls, o0: { value: number }, o1: { value: number }) => number;
const creators: [string, number, Create][] = [
  ['socket_create', ZX_OBJ_TYPE_SOCKET, (s, a, b) => s.zx_socket_create(0, a, b)],
  ['channel_create', ZX_OBJ_TYPE_CHANNEL, (s, a, b) => s.zx_channel_create(0, a, b)],
  ['event_create', ZX_OBJ_TYPE_EVENT, (s, a) => s.zx_event_create(0, a)],
  ['eventpair_create', ZX_OBJ_TYPE_EVENTPAIR, (s, a, b) => s.zx_eventpair_create(0, a, b)],
  ['port_create', ZX_OBJ_TYPE_PORT, (s, a) => s.zx_port_create(0, a)],
];

describe('creation policy', () => {
  for (const [name, type, create] of creators) {
    it(`${name}: ACCESS_DENIED when the policy denies the type, and only that type`, () => {
      const kernel = new Kernel();
      const denied = kernel.createProcess('denied', { denyNew: [type] });
      const idle = kernel.stats(); // the process, its startup handles, the root job
      const a = { value: SENTINEL }, b = { value: SENTINEL };
      expect(create(denied.syscalls, a, b)).toBe(ZX_ERR_ACCESS_DENIED);
      expect([a.value, b.value]).toEqual([SENTINEL, SENTINEL]);
      expect(kernel.stats()).toEqual(idle);
      // Other types are still allowed, and other processes are unaffected.
      const other = creators.find(([, t]) => t !== type)!;
      expect(other[2](denied.syscalls, a, b)).toBe(ZX_OK);
      expect(create(kernel.createProcess('free').syscalls, { value: 0 }, { value: 0 })).toBe(ZX_OK);
    });
  }
});
