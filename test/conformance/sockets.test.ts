// Socket behaviours S1–S20 (spec §5.1), plus a few §4 / §6 quirks.

import { describe, expect, it } from 'vitest';
import {
  ZX_OK,
  ZX_ERR_BAD_HANDLE,
  ZX_ERR_BAD_STATE,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NOT_SUPPORTED,
  ZX_ERR_OUT_OF_RANGE,
  ZX_ERR_PEER_CLOSED,
  ZX_ERR_SHOULD_WAIT,
  ZX_ERR_WRONG_TYPE,
  ZX_SOCKET_READABLE as R,
  ZX_SOCKET_WRITABLE as W,
  ZX_SOCKET_PEER_CLOSED as PC,
  ZX_SOCKET_PEER_WRITE_DISABLED as PWD,
  ZX_SOCKET_WRITE_DISABLED as WD,
  ZX_SOCKET_CONTROL_READABLE as CR,
  ZX_SOCKET_CONTROL_WRITABLE as CW,
  ZX_SOCKET_ACCEPT as ACCEPT,
  ZX_SOCKET_SHARE as SHARE,
  ZX_SOCKET_READ_THRESHOLD as RT,
  ZX_SOCKET_WRITE_THRESHOLD as WT,
  ZX_SOCKET_DATAGRAM,
  ZX_SOCKET_HAS_CONTROL,
  ZX_SOCKET_HAS_ACCEPT,
  ZX_SOCKET_CONTROL,
  ZX_SOCKET_SHUTDOWN_READ,
  ZX_SOCKET_SHUTDOWN_WRITE,
  ZX_USER_SIGNAL_0,
  ZX_USER_SIGNAL_1,
  ZX_EVENTPAIR_PEER_CLOSED,
  ZX_PROP_SOCKET_RX_THRESHOLD as RX,
  ZX_PROP_SOCKET_TX_THRESHOLD as TX,
  ZX_OBJ_TYPE_SOCKET,
} from '../../index.js';
import {
  SENTINEL,
  boot,
  box,
  dup,
  enc,
  getProp,
  handleBasic,
  mkEventpair,
  mkSocket,
  setProp,
  sig,
  socketInfo,
  sockRead,
  sockWrite,
  u32s,
} from './helpers.js';

const CAP = 257024;

describe('sockets (spec §5.1)', () => {
  it('S1 basic', () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys);
    const b0 = handleBasic(sys, h0);
    const b1 = handleBasic(sys, h1);
    expect(b0.koid).not.toBe(0n);
    expect(b1.koid).not.toBe(0n);
    expect(b0.related_koid).not.toBe(0n);
    expect(b1.related_koid).not.toBe(0n);
    expect(b0.koid).toBe(b1.related_koid);
    expect(b1.koid).toBe(b0.related_koid);
    expect(b0.type).toBe(ZX_OBJ_TYPE_SOCKET);

    expect(sockRead(sys, h0, 8).status).toBe(ZX_ERR_SHOULD_WAIT);

    expect(sockWrite(sys, h0, u32s(0xdeadbeef))).toEqual({ status: ZX_OK, actual: 4 });
    expect(sockWrite(sys, h0, u32s(0x00c0ffee))).toEqual({ status: ZX_OK, actual: 4 });
    const r = sockRead(sys, h1, 8);
    expect(r.status).toBe(ZX_OK);
    expect(r.actual).toBe(8);
    expect(r.data).toEqual(u32s(0xdeadbeef, 0x00c0ffee));

    // actual = null on both sides
    expect(sys.zx_socket_write(h0, 0, u32s(0xdeadbeef, 0x00c0ffee), 8, null)).toBe(ZX_OK);
    const buf = new Uint8Array(8);
    expect(sys.zx_socket_read(h1, 0, buf, 8, null)).toBe(ZX_OK);
    expect(buf).toEqual(u32s(0xdeadbeef, 0x00c0ffee));

    expect(sys.zx_handle_close(h1)).toBe(ZX_OK);
    expect(sockWrite(sys, h0, u32s(1)).status).toBe(ZX_ERR_PEER_CLOSED);
    expect(sys.zx_handle_close(h0)).toBe(ZX_OK);
  });

  it('S2 signals', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys);
    expect(await sig(sys, h0)).toBe(W);
    expect(await sig(sys, h1)).toBe(W);

    expect(sockWrite(sys, h0, new Uint8Array(8192).fill(7))).toEqual({ status: ZX_OK, actual: 8192 });
    expect(await sig(sys, h0)).toBe(W);
    expect(await sig(sys, h1)).toBe(R | W);

    const r = sockRead(sys, h1, 131072);
    expect(r.status).toBe(ZX_OK);
    expect(r.actual).toBe(8192);
    expect(r.data.every((x) => x === 7)).toBe(true);
    expect(await sig(sys, h0)).toBe(W);
    expect(await sig(sys, h1)).toBe(W);

    expect(sys.zx_object_signal_peer(h0, W, 0)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_object_signal_peer(h0, 0, ZX_USER_SIGNAL_1)).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(W);
    expect(await sig(sys, h1)).toBe(W | ZX_USER_SIGNAL_1);

    expect(sys.zx_handle_close(h1)).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(PC);
  });

  it('S3 peer_closed_signal', () => {
    const { sys } = boot();
    const [s0, s1] = mkSocket(sys);
    expect(sys.zx_handle_close(s1)).toBe(ZX_OK);
    expect(sys.zx_object_signal_peer(s0, 0, ZX_USER_SIGNAL_0)).toBe(ZX_ERR_PEER_CLOSED);
    expect(sys.zx_handle_close(s0)).toBe(ZX_OK);
  });

  it('S4 peer_closed_set_property', () => {
    const { sys } = boot();
    const [s0, s1] = mkSocket(sys);
    expect(setProp(sys, s0, TX, 1)).toBe(ZX_OK);
    expect(sys.zx_handle_close(s1)).toBe(ZX_OK);
    expect(setProp(sys, s0, TX, 1)).toBe(ZX_ERR_PEER_CLOSED);
    expect(sys.zx_handle_close(s0)).toBe(ZX_OK);
  });

  it('S5 shutdown_write', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys);
    expect(await sig(sys, h0)).toBe(W);
    expect(await sig(sys, h1)).toBe(W);

    expect(sockWrite(sys, h1, '12345')).toEqual({ status: ZX_OK, actual: 5 });
    expect(sys.zx_socket_shutdown(h1, ZX_SOCKET_SHUTDOWN_WRITE)).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(W | R | PWD);
    expect(await sig(sys, h1)).toBe(WD);

    expect(sockWrite(sys, h0, 'abcde')).toEqual({ status: ZX_OK, actual: 5 });
    expect(await sig(sys, h1)).toBe(R | WD);
    const bad = sockWrite(sys, h1, 'fghij');
    expect(bad.status).toBe(ZX_ERR_BAD_STATE);
    expect(bad.actual).toBe(SENTINEL);

    const r = sockRead(sys, h0, 10);
    expect(r.status).toBe(ZX_OK);
    expect(r.actual).toBe(5);
    expect(r.text).toBe('12345');
    expect(sockRead(sys, h0, 1).status).toBe(ZX_ERR_BAD_STATE);
    expect(await sig(sys, h0)).toBe(W | PWD);

    const r1 = sockRead(sys, h1, 10);
    expect(r1.status).toBe(ZX_OK);
    expect(r1.actual).toBe(5);
    expect(r1.text).toBe('abcde');

    expect(sys.zx_handle_close(h0)).toBe(ZX_OK);
    expect(sys.zx_socket_shutdown(h1, ZX_SOCKET_SHUTDOWN_READ)).toBe(ZX_OK);
    expect(await sig(sys, h1)).toBe(PWD | WD | PC);
    expect(sys.zx_handle_close(h1)).toBe(ZX_OK);
  });

  it('S6 shutdown_read', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys);
    expect(sockWrite(sys, h1, '12345')).toEqual({ status: ZX_OK, actual: 5 });
    expect(sys.zx_socket_shutdown(h0, ZX_SOCKET_SHUTDOWN_READ)).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(W | R | PWD);
    expect(await sig(sys, h1)).toBe(WD);

    expect(sockWrite(sys, h0, 'abcde')).toEqual({ status: ZX_OK, actual: 5 });
    expect(await sig(sys, h1)).toBe(R | WD);
    expect(sockWrite(sys, h1, 'fghij').status).toBe(ZX_ERR_BAD_STATE);

    const r = sockRead(sys, h0, 10);
    expect(r.status).toBe(ZX_OK);
    expect(r.text).toBe('12345');
    expect(sockRead(sys, h0, 1).status).toBe(ZX_ERR_BAD_STATE);
    expect(await sig(sys, h0)).toBe(W | PWD);

    const r1 = sockRead(sys, h1, 10);
    expect(r1.status).toBe(ZX_OK);
    expect(r1.text).toBe('abcde');
  });

  it('S7 bytes_outstanding', () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys);
    expect(sockRead(sys, h0, 8).status).toBe(ZX_ERR_SHOULD_WAIT);
    expect(sockWrite(sys, h0, u32s(0xdeadbeef))).toEqual({ status: ZX_OK, actual: 4 });
    expect(sockWrite(sys, h0, u32s(0x00c0ffee))).toEqual({ status: ZX_OK, actual: 4 });
    const info = socketInfo(sys, h1);
    expect(info.rx_buf_available).toBe(8);
    expect(info.rx_buf_size).toBe(8);
    const r = sockRead(sys, h1, 8);
    expect(r.status).toBe(ZX_OK);
    expect(r.actual).toBe(8);
    expect(r.data).toEqual(u32s(0xdeadbeef, 0x00c0ffee));
    expect(sys.zx_handle_close(h1)).toBe(ZX_OK);
    expect(sockWrite(sys, h0, u32s(1)).status).toBe(ZX_ERR_PEER_CLOSED);
  });

  it('S8 bytes_outstanding_shutdown_write', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys);
    expect(sockWrite(sys, h1, '12345')).toEqual({ status: ZX_OK, actual: 5 });
    expect(sys.zx_socket_shutdown(h1, ZX_SOCKET_SHUTDOWN_WRITE)).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(W | R | PWD);
    expect(await sig(sys, h1)).toBe(WD);
    expect(sockWrite(sys, h0, 'abcde')).toEqual({ status: ZX_OK, actual: 5 });
    expect(await sig(sys, h1)).toBe(R | WD);
    expect(sockWrite(sys, h1, 'fghij').status).toBe(ZX_ERR_BAD_STATE);

    expect(socketInfo(sys, h0).rx_buf_available).toBe(5);

    const r = sockRead(sys, h0, 10);
    expect(r.status).toBe(ZX_OK);
    expect(r.text).toBe('12345');
    expect(sockRead(sys, h0, 1).status).toBe(ZX_ERR_BAD_STATE);
    expect(await sig(sys, h0)).toBe(W | PWD);
    const r1 = sockRead(sys, h1, 10);
    expect(r1.status).toBe(ZX_OK);
    expect(r1.text).toBe('abcde');
  });

  it('S9 bytes_outstanding_shutdown_read', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys);
    expect(sockWrite(sys, h1, '12345')).toEqual({ status: ZX_OK, actual: 5 });
    expect(sys.zx_socket_shutdown(h0, ZX_SOCKET_SHUTDOWN_READ)).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(W | R | PWD);
    expect(await sig(sys, h1)).toBe(WD);
    expect(sockWrite(sys, h0, 'abcde')).toEqual({ status: ZX_OK, actual: 5 });
    expect(await sig(sys, h1)).toBe(R | WD);
    expect(sockWrite(sys, h1, 'fghij').status).toBe(ZX_ERR_BAD_STATE);

    expect(socketInfo(sys, h0).rx_buf_available).toBe(5);

    const r = sockRead(sys, h0, 10);
    expect(r.status).toBe(ZX_OK);
    expect(r.text).toBe('12345');
    expect(sockRead(sys, h0, 1).status).toBe(ZX_ERR_BAD_STATE);
    expect(await sig(sys, h0)).toBe(W | PWD);
    const r1 = sockRead(sys, h1, 10);
    expect(r1.status).toBe(ZX_OK);
    expect(r1.text).toBe('abcde');
  });

  it('S10 short_write', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys);
    const w = sockWrite(sys, h0, new Uint8Array(262145).fill(1));
    expect(w.status).toBe(ZX_OK);
    expect(w.actual).toBeLessThan(262145);
    expect(w.actual).toBe(CAP);
    // The peer's buffer is exactly full: the writer lost WRITABLE, the next write must wait.
    expect(await sig(sys, h0)).toBe(0);
    expect(await sig(sys, h1)).toBe(R | W);
    expect(sockWrite(sys, h0, 'x').status).toBe(ZX_ERR_SHOULD_WAIT);
    const info = socketInfo(sys, h1);
    expect(info.rx_buf_size).toBe(CAP);
    expect(socketInfo(sys, h0).tx_buf_size).toBe(CAP);
  });

  it('S11 datagram', () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys, ZX_SOCKET_DATAGRAM);
    expect(sockWrite(sys, h0, enc('packet1\0'))).toEqual({ status: ZX_OK, actual: 8 });
    expect(sockWrite(sys, h0, enc('pkt2\0'))).toEqual({ status: ZX_OK, actual: 5 });
    const big = new Uint8Array(4096);
    const marks = [0, 1000, 2000, 3000, 4000, 4095];
    marks.forEach((o, i) => (big[o] = 0x41 + i));
    expect(sockWrite(sys, h0, big)).toEqual({ status: ZX_OK, actual: 4096 });

    let info = socketInfo(sys, h1);
    expect(info.rx_buf_available).toBe(8);
    expect(info.rx_buf_size).toBe(8 + 5 + 4096);
    expect(info.options).toBe(ZX_SOCKET_DATAGRAM);

    let r = sockRead(sys, h1, 3);
    expect(r.status).toBe(ZX_OK);
    expect(r.actual).toBe(3);
    expect(r.text).toBe('pac');
    info = socketInfo(sys, h1);
    expect(info.rx_buf_available).toBe(5);

    r = sockRead(sys, h1, 4096);
    expect(r.status).toBe(ZX_OK);
    expect(r.actual).toBe(5);
    expect(r.data).toEqual(enc('pkt2\0'));

    r = sockRead(sys, h1, 4096);
    expect(r.status).toBe(ZX_OK);
    expect(r.actual).toBe(4096);
    expect(r.data).toEqual(big);
    info = socketInfo(sys, h1);
    expect(info.rx_buf_available).toBe(0);
    expect(info.rx_buf_size).toBe(0);
  });

  it('S12 datagram_no_short_write', () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys, ZX_SOCKET_DATAGRAM);
    const info = socketInfo(sys, h1);
    expect(info.tx_buf_max).toBeGreaterThan(0);
    expect(info.tx_buf_max).toBe(CAP);
    const n = info.tx_buf_max * 2;
    const actual = box(SENTINEL);
    expect(sys.zx_socket_write(h0, 0, new Uint8Array(n), n, actual)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(actual.value).toBe(SENTINEL);
  });

  it('S13 control_plane_absent', () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys, 0);
    expect(sockWrite(sys, h0, 'hi', ZX_SOCKET_CONTROL).status).toBe(ZX_ERR_BAD_STATE);
    expect(sockWrite(sys, h1, 'hi', ZX_SOCKET_CONTROL).status).toBe(ZX_ERR_BAD_STATE);
    expect(sockRead(sys, h0, 10, ZX_SOCKET_CONTROL).status).toBe(ZX_ERR_BAD_STATE);
    expect(sockRead(sys, h1, 10, ZX_SOCKET_CONTROL).status).toBe(ZX_ERR_BAD_STATE);
  });

  it('S14 control_plane', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys, ZX_SOCKET_HAS_CONTROL);
    expect(await sig(sys, h0)).toBe(W | CW);
    expect(await sig(sys, h1)).toBe(W | CW);

    expect(sockWrite(sys, h0, 'hello1', ZX_SOCKET_CONTROL)).toEqual({ status: ZX_OK, actual: 6 });
    expect(await sig(sys, h0)).toBe(W);
    expect(await sig(sys, h1)).toBe(W | CR | CW);
    expect(sockWrite(sys, h0, 'hi', ZX_SOCKET_CONTROL).status).toBe(ZX_ERR_SHOULD_WAIT);

    expect(sockWrite(sys, h1, 'hello0', ZX_SOCKET_CONTROL)).toEqual({ status: ZX_OK, actual: 6 });
    expect(await sig(sys, h0)).toBe(W | CR);
    expect(await sig(sys, h1)).toBe(W | CR);
    expect(sockWrite(sys, h1, 'hi', ZX_SOCKET_CONTROL).status).toBe(ZX_ERR_SHOULD_WAIT);

    expect(sockRead(sys, h0, 10).status).toBe(ZX_ERR_SHOULD_WAIT);
    expect(sockRead(sys, h1, 10).status).toBe(ZX_ERR_SHOULD_WAIT);

    expect(sockWrite(sys, h0, enc('normal\0'))).toEqual({ status: ZX_OK, actual: 7 });
    const d = sockRead(sys, h1, 10);
    expect(d.status).toBe(ZX_OK);
    expect(d.actual).toBe(7);
    expect(d.data).toEqual(enc('normal\0'));

    let c = sockRead(sys, h0, 10, ZX_SOCKET_CONTROL);
    expect(c.status).toBe(ZX_OK);
    expect(c.actual).toBe(6);
    expect(c.text).toBe('hello0');
    expect(sockRead(sys, h0, 10, ZX_SOCKET_CONTROL).status).toBe(ZX_ERR_SHOULD_WAIT);

    c = sockRead(sys, h1, 10, ZX_SOCKET_CONTROL);
    expect(c.status).toBe(ZX_OK);
    expect(c.actual).toBe(6);
    expect(c.text).toBe('hello1');
    expect(sockRead(sys, h1, 10, ZX_SOCKET_CONTROL).status).toBe(ZX_ERR_SHOULD_WAIT);

    expect(await sig(sys, h0)).toBe(W | CW);
    expect(await sig(sys, h1)).toBe(W | CW);
  });

  it('S15 control_plane_shutdown', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys, ZX_SOCKET_HAS_CONTROL);
    expect(sockWrite(sys, h1, '12345')).toEqual({ status: ZX_OK, actual: 5 });
    expect(sys.zx_socket_shutdown(h1, ZX_SOCKET_SHUTDOWN_WRITE)).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(W | CW | R | PWD);
    expect(await sig(sys, h1)).toBe(WD | CW);

    expect(sockWrite(sys, h0, 'hello1', ZX_SOCKET_CONTROL)).toEqual({ status: ZX_OK, actual: 6 });
    expect(sockWrite(sys, h1, 'hello0', ZX_SOCKET_CONTROL)).toEqual({ status: ZX_OK, actual: 6 });
    expect(await sig(sys, h0)).toBe(W | CR | R | PWD);
    expect(await sig(sys, h1)).toBe(WD | CR);
  });

  it('S16 accept', async () => {
    const { sys } = boot();
    const mkA = () => mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    let [a0, a1] = mkA();
    const [b0, b1] = mkSocket(sys);
    const [c0, c1] = mkSocket(sys);
    expect(await sig(sys, a0)).toBe(W | SHARE);
    expect(await sig(sys, a1)).toBe(W | SHARE);

    // 3. share(b0, a0): a HAS_ACCEPT socket is not shareable.
    expect(sys.zx_socket_share(b0, a0)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_handle_close(a0)).toBe(ZX_ERR_BAD_HANDLE);
    expect(await sig(sys, a1)).toBe(SHARE | PC);
    expect(sys.zx_handle_close(a1)).toBe(ZX_OK);
    [a0, a1] = mkA();

    // 4. share(b0, c0): b0 has no HAS_ACCEPT.
    expect(sys.zx_socket_share(b0, c0)).toBe(ZX_ERR_NOT_SUPPORTED);
    expect(sys.zx_handle_close(c0)).toBe(ZX_ERR_BAD_HANDLE);
    expect(await sig(sys, c1)).toBe(PC);
    expect(sys.zx_handle_close(c1)).toBe(ZX_OK);

    // 5–8. self / peer shares.
    expect(sys.zx_socket_share(a0, a0)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_handle_close(a0)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_handle_close(a1)).toBe(ZX_OK);
    [a0, a1] = mkA();

    expect(sys.zx_socket_share(a0, a1)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_handle_close(a1)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_handle_close(a0)).toBe(ZX_OK);
    [a0, a1] = mkA();

    expect(sys.zx_socket_share(a1, a0)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_handle_close(a0)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_handle_close(a1)).toBe(ZX_OK);
    [a0, a1] = mkA();

    expect(sys.zx_socket_share(a1, a1)).toBe(ZX_ERR_BAD_STATE);
    expect(sys.zx_handle_close(a1)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_handle_close(a0)).toBe(ZX_OK);
    [a0, a1] = mkA();

    // 9. accept on a socket without HAS_ACCEPT.
    const out = box(SENTINEL);
    expect(sys.zx_socket_accept(b0, out)).toBe(ZX_ERR_NOT_SUPPORTED);
    expect(out.value).toBe(SENTINEL);

    // 10. share b0 over a0.
    const b0koid = handleBasic(sys, b0).koid;
    expect(sys.zx_socket_share(a0, b0)).toBe(ZX_OK);
    expect(await sig(sys, a0)).toBe(W);
    expect(await sig(sys, a1)).toBe(W | SHARE | ACCEPT);
    // A queued handle keeps its object alive: b1 sees no PEER_CLOSED.
    expect(await sig(sys, b1)).toBe(W);

    // 11. queue occupied: SHOULD_WAIT, and b1 is consumed anyway.
    expect(sys.zx_socket_share(a0, b1)).toBe(ZX_ERR_SHOULD_WAIT);
    expect(sys.zx_handle_close(b1)).toBe(ZX_ERR_BAD_HANDLE);

    // 12. accept on a1 yields the former b0.
    const acc = box(SENTINEL);
    expect(sys.zx_socket_accept(a1, acc)).toBe(ZX_OK);
    expect(acc.value).not.toBe(SENTINEL);
    const hb = handleBasic(sys, acc.value);
    expect(hb.koid).toBe(b0koid);
    expect(hb.type).toBe(ZX_OBJ_TYPE_SOCKET);
    expect(hb.rights).toBe(0xf0cf);
    expect(await sig(sys, acc.value)).toBe(PC); // b1 was destroyed in step 11

    // 13. nothing left to accept on a0.
    const acc2 = box(SENTINEL);
    expect(sys.zx_socket_accept(a0, acc2)).toBe(ZX_ERR_SHOULD_WAIT);
    expect(acc2.value).toBe(SENTINEL);

    // 14.
    expect(await sig(sys, a0)).toBe(W | SHARE);
    expect(await sig(sys, a1)).toBe(W | SHARE);

    // 15.
    expect(sys.zx_handle_close(a0)).toBe(ZX_OK);
    expect(sys.zx_handle_close(a1)).toBe(ZX_OK);
    expect(sys.zx_handle_close(acc.value)).toBe(ZX_OK);
    expect(sys.zx_handle_close(b0)).toBe(ZX_ERR_BAD_HANDLE); // moved
  });

  it('S17 share_invalid_handle', () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    expect(sys.zx_socket_share(s0, 0)).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('S18 share_consumes_on_failure', async () => {
    const { sys } = boot();
    const [s0] = mkSocket(sys);
    const [ep0, ep1] = mkEventpair(sys);
    expect(sys.zx_socket_share(s0, ep0)).toBe(ZX_ERR_WRONG_TYPE);
    const observed = box(SENTINEL);
    expect(await sys.zx_object_wait_one(ep1, ZX_EVENTPAIR_PEER_CLOSED, 0n, observed)).toBe(ZX_OK);
    expect(observed.value & ZX_EVENTPAIR_PEER_CLOSED).toBe(ZX_EVENTPAIR_PEER_CLOSED);
    expect(sys.zx_handle_close(ep0)).toBe(ZX_ERR_BAD_HANDLE);
  });

  it('S19 signals2 (thresholds)', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys);

    expect(setProp(sys, h0, RX, 0)).toBe(ZX_OK);
    expect(setProp(sys, h0, RX, 0xefffffff)).toBe(ZX_ERR_INVALID_ARGS);
    expect(setProp(sys, h1, TX, 0)).toBe(ZX_OK);
    expect(setProp(sys, h1, TX, 0xefffffff)).toBe(ZX_ERR_INVALID_ARGS);

    expect(setProp(sys, h0, RX, 101)).toBe(ZX_OK);
    expect(getProp(sys, h0, RX)).toBe(101n);

    const txMax = socketInfo(sys, h1).tx_buf_max;
    expect(txMax).toBe(CAP);
    const T = txMax - 103;
    expect(T).toBe(256921);
    expect(setProp(sys, h1, TX, T)).toBe(ZX_OK);
    expect(getProp(sys, h1, TX)).toBe(BigInt(T));

    const h0c = dup(sys, h0);
    const h1c = dup(sys, h1);
    expect(getProp(sys, h0c, RX)).toBe(101n);
    expect(getProp(sys, h1c, TX)).toBe(BigInt(T));

    const both = async (a: number, b: number, want: number) => {
      expect(await sig(sys, a)).toBe(want);
      expect(await sig(sys, b)).toBe(want);
    };

    // 6. starting state
    await both(h0, h0c, W);
    await both(h1, h1c, W | WT);

    // 7.
    expect(sockWrite(sys, h1, new Uint8Array(100))).toEqual({ status: ZX_OK, actual: 100 });
    await both(h0, h0c, W | R);
    expect(await sig(sys, h1c)).toBe(W | WT);

    // 8.
    expect(sockWrite(sys, h1, new Uint8Array(1))).toEqual({ status: ZX_OK, actual: 1 });
    await both(h0, h0c, W | R | RT);
    await both(h1, h1c, W | WT);

    // 9.
    expect(setProp(sys, h0, RX, 151)).toBe(ZX_OK);
    await both(h0, h0c, W | R);
    expect(setProp(sys, h0, RX, 101)).toBe(ZX_OK);
    await both(h0, h0c, W | R | RT);

    // 10.
    expect(setProp(sys, h1, TX, txMax - 10)).toBe(ZX_OK);
    await both(h1, h1c, W);
    expect(setProp(sys, h1, TX, T)).toBe(ZX_OK);
    await both(h1, h1c, W | WT);

    // 11.
    expect(sockWrite(sys, h1, new Uint8Array(T - 102))).toEqual({ status: ZX_OK, actual: T - 102 });
    await both(h0, h0c, W | R | RT);
    await both(h1, h1c, W);

    // 12.
    const r = sockRead(sys, h0, T - 92);
    expect(r.status).toBe(ZX_OK);
    expect(r.actual).toBe(T - 92);
    expect(socketInfo(sys, h0).rx_buf_size).toBe(91);
    await both(h0, h0c, W | R);
    await both(h1, h1c, W | WT);

    // 13.
    for (const h of [h0, h1, h0c, h1c]) expect(sys.zx_handle_close(h)).toBe(ZX_OK);
  });

  // S20 as the spec's corrected intent: the zero-size read goes to the receiving end.
  for (const [mode, opts] of [
    ['stream', 0],
    ['datagram', ZX_SOCKET_DATAGRAM],
  ] as const) {
    it(`S20 socket_zero_size (${mode})`, () => {
      const { sys } = boot();
      const [s0, s1] = mkSocket(sys, opts);
      const actual = box(SENTINEL);
      expect(sys.zx_socket_read(s0, 0, null, 0, actual)).toBe(ZX_ERR_SHOULD_WAIT);
      expect(actual.value).toBe(SENTINEL);
      expect(sockWrite(sys, s0, 'a')).toEqual({ status: ZX_OK, actual: 1 });
      // As the kernel implements it, the data sits in s1's buffer: s0 still has nothing.
      expect(sys.zx_socket_read(s0, 0, null, 0, actual)).toBe(ZX_ERR_SHOULD_WAIT);
      // Zero-size read on s1: OK with 0, consumes nothing (null and non-null buffer).
      expect(sys.zx_socket_read(s1, 0, null, 0, actual)).toBe(ZX_OK);
      expect(actual.value).toBe(0);
      const nb = box(SENTINEL);
      expect(sys.zx_socket_read(s1, 0, new Uint8Array(4), 0, nb)).toBe(ZX_OK);
      expect(nb.value).toBe(0);
      expect(socketInfo(sys, s1).rx_buf_size).toBe(1);
      const r = sockRead(sys, s1, 4);
      expect(r.status).toBe(ZX_OK);
      expect(r.text).toBe('a');
    });
  }
});

describe('socket quirks (spec §4, §6)', () => {
  it('§4.3 zero-length datagram write is OK and enqueues nothing', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys, ZX_SOCKET_DATAGRAM);
    const actual = box(SENTINEL);
    expect(sys.zx_socket_write(h0, 0, new Uint8Array(0), 0, actual)).toBe(ZX_OK);
    expect(actual.value).toBe(0);
    expect(await sig(sys, h1)).toBe(W);
    expect(socketInfo(sys, h1).rx_buf_size).toBe(0);
  });

  it('§4.3 datagram that does not fit the remaining space → SHOULD_WAIT while still WRITABLE', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys, ZX_SOCKET_DATAGRAM);
    expect(sockWrite(sys, h0, new Uint8Array(CAP - 10)).status).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(W);
    const w = sockWrite(sys, h0, new Uint8Array(11));
    expect(w.status).toBe(ZX_ERR_SHOULD_WAIT);
    expect(w.actual).toBe(SENTINEL);
    expect(sockWrite(sys, h0, new Uint8Array(10))).toEqual({ status: ZX_OK, actual: 10 });
    expect(await sig(sys, h0)).toBe(0);
    // Full buffer: an over-sized datagram gets SHOULD_WAIT, the full check comes first.
    expect(sockWrite(sys, h0, new Uint8Array(CAP + 1)).status).toBe(ZX_ERR_SHOULD_WAIT);
    const info = socketInfo(sys, h1);
    expect(info.rx_buf_size).toBe(CAP);
    expect(info.rx_buf_available).toBe(CAP - 10);
  });

  it('§4.4 zero-length control read discards the pending message', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys, ZX_SOCKET_HAS_CONTROL);
    expect(sockWrite(sys, h0, 'hello', ZX_SOCKET_CONTROL).status).toBe(ZX_OK);
    const actual = box(SENTINEL);
    expect(sys.zx_socket_read(h1, ZX_SOCKET_CONTROL, null, 0, actual)).toBe(ZX_OK);
    expect(actual.value).toBe(0);
    expect(sockRead(sys, h1, 10, ZX_SOCKET_CONTROL).status).toBe(ZX_ERR_SHOULD_WAIT);
    expect(await sig(sys, h0)).toBe(W | CW);
    expect(await sig(sys, h1)).toBe(W | CW);
  });

  it('§4.4 control read truncates and consumes the whole message', () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys, ZX_SOCKET_HAS_CONTROL);
    expect(sockWrite(sys, h0, 'hello', ZX_SOCKET_CONTROL).status).toBe(ZX_OK);
    const r = sockRead(sys, h1, 2, ZX_SOCKET_CONTROL);
    expect(r.status).toBe(ZX_OK);
    expect(r.actual).toBe(2);
    expect(r.text).toBe('he');
    expect(sockRead(sys, h1, 10, ZX_SOCKET_CONTROL).status).toBe(ZX_ERR_SHOULD_WAIT);
  });

  it('§4.6 peer closure keeps CONTROL/SHARE/ACCEPT bits; control read never PEER_CLOSED', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys, ZX_SOCKET_HAS_CONTROL | ZX_SOCKET_HAS_ACCEPT);
    const [x0] = mkSocket(sys);
    expect(sockWrite(sys, h1, 'ctl', ZX_SOCKET_CONTROL).status).toBe(ZX_OK);
    expect(sockWrite(sys, h1, 'data').status).toBe(ZX_OK);
    expect(sys.zx_socket_share(h1, x0)).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(W | R | CR | CW | SHARE | ACCEPT);
    expect(sys.zx_handle_close(h1)).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(PC | R | CR | CW | SHARE | ACCEPT);

    // Buffered data is still returned, then PEER_CLOSED.
    expect(sockRead(sys, h0, 10).text).toBe('data');
    expect(sockRead(sys, h0, 10).status).toBe(ZX_ERR_PEER_CLOSED);
    // Control: message, then SHOULD_WAIT (never PEER_CLOSED).
    expect(sockRead(sys, h0, 10, ZX_SOCKET_CONTROL).text).toBe('ctl');
    expect(sockRead(sys, h0, 10, ZX_SOCKET_CONTROL).status).toBe(ZX_ERR_SHOULD_WAIT);
    // CONTROL_WRITABLE stays asserted but a control write fails.
    expect(sockWrite(sys, h0, 'x', ZX_SOCKET_CONTROL).status).toBe(ZX_ERR_PEER_CLOSED);
    // Accept does not care about the peer.
    const acc = box(SENTINEL);
    expect(sys.zx_socket_accept(h0, acc)).toBe(ZX_OK);
    expect(handleBasic(sys, acc.value).type).toBe(ZX_OBJ_TYPE_SOCKET);
    expect(await sig(sys, h0)).toBe(PC | CW | SHARE);
    // Shutdown after peer closure only updates E.
    expect(sys.zx_socket_shutdown(h0, ZX_SOCKET_SHUTDOWN_WRITE | ZX_SOCKET_SHUTDOWN_READ)).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(PC | CW | SHARE | WD | PWD);
    // RX threshold still settable, TX not, INFO_SOCKET reports no tx side.
    expect(setProp(sys, h0, RX, 5)).toBe(ZX_OK);
    expect(getProp(sys, h0, RX)).toBe(5n);
    expect(setProp(sys, h0, TX, 5)).toBe(ZX_ERR_PEER_CLOSED);
    const info = socketInfo(sys, h0);
    expect(info.tx_buf_max).toBe(0);
    expect(info.tx_buf_size).toBe(0);
    expect(info.rx_buf_max).toBe(CAP);
    expect(info.options).toBe(ZX_SOCKET_HAS_CONTROL | ZX_SOCKET_HAS_ACCEPT);
  });

  it('§4.5 destroying the endpoint that holds the accept queue closes the queued handle', async () => {
    const { sys } = boot();
    const [a0, a1] = mkSocket(sys, ZX_SOCKET_HAS_ACCEPT);
    const [x0, x1] = mkSocket(sys);
    expect(sys.zx_socket_share(a0, x0)).toBe(ZX_OK); // queued at a1
    expect(await sig(sys, x1)).toBe(W);
    expect(sys.zx_handle_close(a1)).toBe(ZX_OK);
    expect(await sig(sys, x1)).toBe(PC);
    // a0 survives with PEER_CLOSED; SHARE stays deasserted (nothing re-asserts it)
    expect(await sig(sys, a0)).toBe(PC);
  });

  it('§4.8 threshold signals are not touched on peer closure', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys);
    expect(setProp(sys, h0, RX, 1)).toBe(ZX_OK);
    expect(setProp(sys, h0, TX, 1)).toBe(ZX_OK);
    expect(sockWrite(sys, h1, 'abc').status).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(W | R | RT | WT);
    expect(sys.zx_handle_close(h1)).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(PC | R | RT | WT);
  });

  it('§4.8 thresholds: inclusive comparisons; a write never asserts WRITE_THRESHOLD', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys);
    expect(setProp(sys, h0, RX, 3)).toBe(ZX_OK);
    expect(sockWrite(sys, h1, 'ab').status).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(W | R);
    expect(sockWrite(sys, h1, 'c').status).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(W | R | RT);
    // TX threshold on h1 equal to h0's free space exactly → asserted (≥)
    expect(setProp(sys, h1, TX, CAP - 3)).toBe(ZX_OK);
    expect(await sig(sys, h1)).toBe(W | WT);
    expect(setProp(sys, h1, TX, CAP - 2)).toBe(ZX_OK);
    expect(await sig(sys, h1)).toBe(W);
    // reading 1 byte frees exactly enough: asserted by the peer's read
    expect(sockRead(sys, h0, 1).actual).toBe(1);
    expect(await sig(sys, h1)).toBe(W | WT);
    expect(await sig(sys, h0)).toBe(W | R);
    // threshold 0 disables
    expect(setProp(sys, h1, TX, 0)).toBe(ZX_OK);
    expect(await sig(sys, h1)).toBe(W);
    expect(setProp(sys, h0, RX, 0)).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(W | R);
  });

  it('§6.7 reading from a full buffer re-asserts WRITABLE even when WRITE_DISABLED', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys);
    expect(sockWrite(sys, h0, new Uint8Array(CAP)).actual).toBe(CAP);
    expect(await sig(sys, h0)).toBe(0);
    expect(sys.zx_socket_shutdown(h0, ZX_SOCKET_SHUTDOWN_WRITE)).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(WD);
    expect(sockRead(sys, h1, 1).actual).toBe(1);
    expect(await sig(sys, h0)).toBe(W | WD);
    expect(sockWrite(sys, h0, 'x').status).toBe(ZX_ERR_BAD_STATE);
    // A second read from a no-longer-full buffer changes nothing on the writer.
    expect(sockRead(sys, h1, 1).actual).toBe(1);
    expect(await sig(sys, h0)).toBe(W | WD);
  });

  it('§4.2 stream zero-length write is OK with no signal change', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys);
    const actual = box(SENTINEL);
    expect(sys.zx_socket_write(h0, 0, null, 0, actual)).toBe(ZX_OK);
    expect(actual.value).toBe(0);
    expect(await sig(sys, h1)).toBe(W);
    expect(await sig(sys, h0)).toBe(W);
  });

  it('§4.2 short stream reads leave the remainder queued', () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys);
    expect(sockWrite(sys, h0, 'abcdef').actual).toBe(6);
    expect(sockRead(sys, h1, 2).text).toBe('ab');
    expect(socketInfo(sys, h1).rx_buf_available).toBe(4);
    expect(sockRead(sys, h1, 10).text).toBe('cdef');
  });

  it('§3 socket_shutdown with want == have is a no-op; shutdown is idempotent', async () => {
    const { sys } = boot();
    const [h0, h1] = mkSocket(sys);
    expect(sys.zx_socket_shutdown(h0, 0)).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(W);
    expect(await sig(sys, h1)).toBe(W);
    expect(sys.zx_socket_shutdown(h0, ZX_SOCKET_SHUTDOWN_WRITE)).toBe(ZX_OK);
    expect(sys.zx_socket_shutdown(h0, ZX_SOCKET_SHUTDOWN_WRITE)).toBe(ZX_OK);
    expect(await sig(sys, h0)).toBe(WD);
    expect(await sig(sys, h1)).toBe(W | PWD);
  });

  it('§3 socket_create accepts every subset of 0x7 with the right initial signals and rights', async () => {
    const { sys } = boot();
    for (let opts = 0; opts < 8; opts++) {
      const [a, b] = mkSocket(sys, opts);
      let want = W;
      if (opts & ZX_SOCKET_HAS_ACCEPT) want |= SHARE;
      if (opts & ZX_SOCKET_HAS_CONTROL) want |= CW;
      expect(await sig(sys, a)).toBe(want);
      expect(await sig(sys, b)).toBe(want);
      expect(handleBasic(sys, a).rights).toBe(0xf0cf);
      expect(handleBasic(sys, b).rights).toBe(0xf0cf);
      expect(socketInfo(sys, a).options).toBe(opts);
    }
  });
});
