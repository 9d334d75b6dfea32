// Eventpair behaviours E1–E4 (spec §5.4), plus event / eventpair signalling rules (§1.4, §3).

import { describe, expect, it } from 'vitest';
import {
  ZX_OK,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NOT_SUPPORTED,
  ZX_ERR_PEER_CLOSED,
  ZX_EVENTPAIR_PEER_CLOSED as PC,
  ZX_EVENTPAIR_SIGNALED,
  ZX_EVENT_SIGNALED,
  ZX_USER_SIGNAL_0 as U0,
  ZX_USER_SIGNAL_1 as U1,
  ZX_USER_SIGNAL_2 as U2,
  ZX_USER_SIGNAL_3 as U3,
  ZX_USER_SIGNAL_4 as U4,
  ZX_USER_SIGNAL_7 as U7,
  ZX_OBJ_TYPE_EVENTPAIR,
} from '../../index.js';
import { boot, box, handleBasic, mkEvent, mkEventpair, sig } from './helpers.js';

describe('eventpairs (spec §5.4)', () => {
  it('E1 create', () => {
    const { sys } = boot();
    const [e0, e1] = mkEventpair(sys);
    const b0 = handleBasic(sys, e0);
    const b1 = handleBasic(sys, e1);
    expect(b0.rights).toBe(0xf003);
    expect(b1.rights).toBe(0xf003);
    expect(b0.type).toBe(ZX_OBJ_TYPE_EVENTPAIR);
    expect(b1.type).toBe(16);
    expect(b0.koid).toBe(b1.related_koid);
    expect(b1.koid).toBe(b0.related_koid);
    expect(b0.props).toBe(1);

    const o0 = box(0);
    const o1 = box(0);
    expect(sys.zx_eventpair_create(1, o0, o1)).toBe(ZX_ERR_NOT_SUPPORTED);
    expect(o0.value).toBe(0);
    expect(o1.value).toBe(0);
  });

  it('E2 signal', async () => {
    const { sys } = boot();
    const [e0, e1] = mkEventpair(sys);
    expect(await sig(sys, e0)).toBe(0);
    expect(await sig(sys, e1)).toBe(0);
    expect(sys.zx_object_signal(e0, 0, U0)).toBe(ZX_OK);
    expect(await sig(sys, e0)).toBe(U0);
    expect(await sig(sys, e1)).toBe(0);
    expect(sys.zx_object_signal(e0, U0, 0)).toBe(ZX_OK);
    expect(await sig(sys, e0)).toBe(0);
    expect(await sig(sys, e1)).toBe(0);
    expect(sys.zx_handle_close(e0)).toBe(ZX_OK);
    expect(await sig(sys, e1)).toBe(PC);
    expect(PC).toBe(0x4);
  });

  it('E3 signal_peer', async () => {
    const { sys } = boot();
    const [e0, e1] = mkEventpair(sys);
    expect(sys.zx_object_signal_peer(e0, 0, U0)).toBe(ZX_OK);
    expect(await sig(sys, e0)).toBe(0);
    expect(await sig(sys, e1)).toBe(U0);
    expect(sys.zx_object_signal_peer(e1, 0, U1 | U2)).toBe(ZX_OK);
    expect(await sig(sys, e0)).toBe(U1 | U2);
    expect(await sig(sys, e1)).toBe(U0);
    expect(sys.zx_object_signal_peer(e0, U0, U3 | U4)).toBe(ZX_OK);
    expect(await sig(sys, e0)).toBe(U1 | U2);
    expect(await sig(sys, e1)).toBe(U3 | U4);
    expect(sys.zx_handle_close(e0)).toBe(ZX_OK);
    expect(await sig(sys, e1)).toBe(PC | U3 | U4);
  });

  it('E4 signal_peer_closed', () => {
    const { sys } = boot();
    const [e0, e1] = mkEventpair(sys);
    expect(sys.zx_handle_close(e1)).toBe(ZX_OK);
    expect(sys.zx_object_signal_peer(e0, 0, U0)).toBe(ZX_ERR_PEER_CLOSED);
  });
});

describe('event / eventpair signalling (spec §1.4, §2.3, §3 object_signal)', () => {
  it('events accept USER_SIGNAL_ALL | SIGNALED only; set wins over clear', async () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    expect(await sig(sys, ev)).toBe(0);
    expect(sys.zx_object_signal(ev, 0, (ZX_EVENT_SIGNALED | U7) >>> 0)).toBe(ZX_OK);
    expect(await sig(sys, ev)).toBe((ZX_EVENT_SIGNALED | U7) >>> 0);
    expect(sys.zx_object_signal(ev, 0, 0x1)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_signal(ev, 0x10, 0)).toBe(ZX_ERR_INVALID_ARGS);
    // A bit in both masks ends up set.
    expect(sys.zx_object_signal(ev, (U7 | U1) >>> 0, U1)).toBe(ZX_OK);
    expect(await sig(sys, ev)).toBe(ZX_EVENT_SIGNALED | U1);
  });

  it('eventpair: SIGNALED allowed; PEER_CLOSED bit is not settable; signal(self) works after peer closed', async () => {
    const { sys } = boot();
    const [e0, e1] = mkEventpair(sys);
    expect(sys.zx_object_signal(e0, 0, ZX_EVENTPAIR_SIGNALED)).toBe(ZX_OK);
    expect(sys.zx_object_signal_peer(e0, 0, ZX_EVENTPAIR_SIGNALED)).toBe(ZX_OK);
    expect(sys.zx_object_signal(e0, 0, PC)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_signal_peer(e0, 0, PC)).toBe(ZX_ERR_INVALID_ARGS);
    expect(await sig(sys, e0)).toBe(ZX_EVENTPAIR_SIGNALED);
    expect(await sig(sys, e1)).toBe(ZX_EVENTPAIR_SIGNALED);
    expect(sys.zx_handle_close(e1)).toBe(ZX_OK);
    expect(await sig(sys, e0)).toBe(ZX_EVENTPAIR_SIGNALED | PC);
    expect(sys.zx_object_signal(e0, ZX_EVENTPAIR_SIGNALED, U2)).toBe(ZX_OK);
    expect(await sig(sys, e0)).toBe(PC | U2);
  });
});
