// Socket endpoints (Zircon's SocketDispatcher): a stream or datagram data plane, an optional
// one-slot control plane, an optional one-deep accept queue, shutdown, and thresholds.
// Methods that move bytes return a byte count (>= 0) or a negative status.
import {
  ZX_DEFAULT_SOCKET_RIGHTS,
  ZX_ERR_BAD_STATE,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NOT_SUPPORTED,
  ZX_ERR_OUT_OF_RANGE,
  ZX_ERR_PEER_CLOSED,
  ZX_ERR_SHOULD_WAIT,
  ZX_OBJ_TYPE_SOCKET,
  ZX_OK,
  ZX_SOCKET_ACCEPT,
  ZX_SOCKET_CONTROL_READABLE,
  ZX_SOCKET_CONTROL_WRITABLE,
  ZX_SOCKET_DATAGRAM,
  ZX_SOCKET_HAS_ACCEPT,
  ZX_SOCKET_HAS_CONTROL,
  ZX_SOCKET_PEER_CLOSED,
  ZX_SOCKET_PEER_WRITE_DISABLED,
  ZX_SOCKET_READABLE,
  ZX_SOCKET_READ_THRESHOLD,
  ZX_SOCKET_SHARE,
  ZX_SOCKET_SHUTDOWN_READ,
  ZX_SOCKET_SHUTDOWN_WRITE,
  ZX_SOCKET_WRITABLE,
  ZX_SOCKET_WRITE_DISABLED,
  ZX_SOCKET_WRITE_THRESHOLD,
  ZX_USER_SIGNAL_ALL,
} from '../../generated/constants.js';
import type { zx_info_socket_t } from '../../generated/types.js';
import { IN_TRANSIT, type Handle, type TypedHandle } from '../handle.js';
import type { Kernel } from '../kernel.js';
import { PeeredObject } from '../kernel-object.js';
import type { ObjectContents } from '../snapshot.js';
import { SOCKET_CAPACITY, SocketBuffer } from './socket-buffer.js';

/** One control message per direction, up to 1024 bytes (spec §4.4). */
export const SOCKET_CONTROL_SIZE = 1024;
/** Sizes are 32-bit in the kernel's buffer code; anything larger is INVALID_ARGS. */
const MAX_IO_SIZE = 0xffffffff;

/** A socket endpoint (zx_socket_create): stream or datagram bytes, a control plane, share/accept. */
export class SocketObject extends PeeredObject<SocketObject> {
  static readonly type = ZX_OBJ_TYPE_SOCKET;
  static readonly defaultRights = ZX_DEFAULT_SOCKET_RIGHTS;

  /** What this endpoint will read. */
  private readonly data: SocketBuffer;
  /** Set by SHUTDOWN_READ here or SHUTDOWN_WRITE on the peer: an empty read is BAD_STATE. */
  private readDisabled = false;
  /** This endpoint's incoming control slot (allocated on first use) and its message length. */
  private control: Uint8Array | null = null;
  private controlLength = 0;
  /** A shared socket waiting for accept() on this endpoint. */
  private acceptQueue: Handle | null = null;
  /** Thresholds are per endpoint, so every handle to it sees the same values. */
  rxThreshold = 0;
  txThreshold = 0;

  private constructor(
    kernel: Kernel,
    readonly options: number,
  ) {
    let signals = ZX_SOCKET_WRITABLE;
    if (options & ZX_SOCKET_HAS_ACCEPT) signals |= ZX_SOCKET_SHARE;
    if (options & ZX_SOCKET_HAS_CONTROL) signals |= ZX_SOCKET_CONTROL_WRITABLE;
    super(kernel, ZX_OBJ_TYPE_SOCKET, signals);
    this.data = new SocketBuffer((options & ZX_SOCKET_DATAGRAM) !== 0);
  }

  /** Both endpoints; endpoint 0 is created first so it gets the lower koid. */
  static create(kernel: Kernel, options: number): [SocketObject, SocketObject] {
    const a = new SocketObject(kernel, options);
    const b = new SocketObject(kernel, options);
    return PeeredObject.link(a, b);
  }

  get userSignalMask(): number {
    return ZX_USER_SIGNAL_ALL;
  }

  private get isDatagram(): boolean {
    return (this.options & ZX_SOCKET_DATAGRAM) !== 0;
  }

  // ---- data plane ------------------------------------------------------------------------

  /** socket_write, data plane: returns bytes written or a status. */
  write(src: Uint8Array | null, len: number): number {
    const p = this.peer;
    if (p === null) return ZX_ERR_PEER_CLOSED;
    if (this.signals & ZX_SOCKET_WRITE_DISABLED) return ZX_ERR_BAD_STATE;
    if (len === 0 || src === null) return 0;
    if (len > MAX_IO_SIZE) return ZX_ERR_INVALID_ARGS;
    return p.writeSelf(src, len);
  }

  /** Append to this endpoint's buffer on behalf of the peer (Zircon's WriteSelfLocked). */
  private writeSelf(src: Uint8Array, len: number): number {
    const d = this.data;
    if (d.isFull) return ZX_ERR_SHOULD_WAIT;
    const wasEmpty = d.size === 0;
    let n: number;
    if (this.isDatagram) {
      if (len > SOCKET_CAPACITY) return ZX_ERR_OUT_OF_RANGE;
      if (len > d.free) return ZX_ERR_SHOULD_WAIT;
      n = len;
    } else {
      n = Math.min(len, d.free); // short write
    }
    d.append(src, n);

    let set = 0;
    if (wasEmpty) set |= ZX_SOCKET_READABLE;
    if (this.rxThreshold > 0 && d.size >= this.rxThreshold) set |= ZX_SOCKET_READ_THRESHOLD;
    if (set !== 0) this.updateSignals(0, set);

    const writer = this.peer;
    if (writer !== null) {
      let clear = 0;
      if (writer.txThreshold > 0 && d.free < writer.txThreshold) clear |= ZX_SOCKET_WRITE_THRESHOLD;
      if (d.isFull) clear |= ZX_SOCKET_WRITABLE;
      if (clear !== 0) writer.updateSignals(clear, 0);
    }
    return n;
  }

  /** socket_read, data plane: returns bytes read or a status. */
  read(dst: Uint8Array | null, len: number): number {
    if (len > MAX_IO_SIZE) return ZX_ERR_INVALID_ARGS;
    const d = this.data;
    if (d.size === 0) {
      if (this.peer === null) return ZX_ERR_PEER_CLOSED; // beats BAD_STATE
      return this.readDisabled ? ZX_ERR_BAD_STATE : ZX_ERR_SHOULD_WAIT;
    }
    const wasFull = d.isFull;
    // A zero-size read consumes nothing, datagrams included.
    const n = len === 0 || dst === null ? 0 : d.read(dst, len);

    let clear = 0;
    if (this.rxThreshold > 0 && d.size < this.rxThreshold) clear |= ZX_SOCKET_READ_THRESHOLD;
    if (d.size === 0) clear |= ZX_SOCKET_READABLE;
    if (clear !== 0) this.updateSignals(clear, 0);

    const p = this.peer;
    if (p !== null) {
      let set = 0;
      if (p.txThreshold > 0 && d.free >= p.txThreshold) set |= ZX_SOCKET_WRITE_THRESHOLD;
      // Quirk: WRITABLE comes back even if the peer is WRITE_DISABLED.
      if (wasFull && n > 0) set |= ZX_SOCKET_WRITABLE;
      if (set !== 0) p.updateSignals(0, set);
    }
    return n;
  }

  // ---- control plane ---------------------------------------------------------------------

  /** socket_write with ZX_SOCKET_CONTROL. Ignores shutdown. */
  writeControl(src: Uint8Array | null, len: number): number {
    if ((this.options & ZX_SOCKET_HAS_CONTROL) === 0) return ZX_ERR_BAD_STATE;
    if (len === 0 || src === null) return ZX_ERR_INVALID_ARGS;
    if (len > SOCKET_CONTROL_SIZE) return ZX_ERR_OUT_OF_RANGE;
    const p = this.peer;
    if (p === null) return ZX_ERR_PEER_CLOSED;
    if (p.controlLength !== 0) return ZX_ERR_SHOULD_WAIT;
    p.control ??= new Uint8Array(SOCKET_CONTROL_SIZE);
    p.control.set(src.subarray(0, len));
    p.controlLength = len;
    p.updateSignals(0, ZX_SOCKET_CONTROL_READABLE);
    this.updateSignals(ZX_SOCKET_CONTROL_WRITABLE, 0);
    return len;
  }

  /** socket_read with ZX_SOCKET_CONTROL: consumes the whole message, truncating to `len`. */
  readControl(dst: Uint8Array | null, len: number): number {
    if ((this.options & ZX_SOCKET_HAS_CONTROL) === 0) return ZX_ERR_BAD_STATE;
    // Never PEER_CLOSED: an empty slot is SHOULD_WAIT even after the peer has gone.
    if (this.controlLength === 0 || this.control === null) return ZX_ERR_SHOULD_WAIT;
    const n = dst === null ? 0 : Math.min(len, this.controlLength);
    if (n > 0) dst!.set(this.control.subarray(0, n));
    this.controlLength = 0;
    this.updateSignals(ZX_SOCKET_CONTROL_READABLE, 0);
    this.peer?.updateSignals(0, ZX_SOCKET_CONTROL_WRITABLE);
    return n;
  }

  // ---- share / accept --------------------------------------------------------------------

  /**
   * socket_share: park `h` in the peer's accept queue. On any failure the caller (the wrapper)
   * closes `h`; waits registered through it are deliberately not cancelled on success.
   */
  share(h: TypedHandle<SocketObject>): number {
    const s = h.object;
    // The wrapper has refused this socket and its peer (not_object_of in socket.yaml).
    if (s.options & ZX_SOCKET_HAS_ACCEPT) return ZX_ERR_BAD_STATE;
    if ((this.options & ZX_SOCKET_HAS_ACCEPT) === 0) return ZX_ERR_NOT_SUPPORTED;
    const p = this.peer;
    if (p === null) return ZX_ERR_PEER_CLOSED;
    if (p.acceptQueue !== null) return ZX_ERR_SHOULD_WAIT;
    h.owner = IN_TRANSIT;
    p.acceptQueue = h;
    p.updateSignals(0, ZX_SOCKET_ACCEPT);
    this.updateSignals(ZX_SOCKET_SHARE, 0);
    return ZX_OK;
  }

  /** socket_accept: the queued handle (rights unchanged), or a status. Ignores peer liveness. */
  accept(): Handle | number {
    if ((this.options & ZX_SOCKET_HAS_ACCEPT) === 0) return ZX_ERR_NOT_SUPPORTED;
    const h = this.acceptQueue;
    if (h === null) return ZX_ERR_SHOULD_WAIT;
    this.acceptQueue = null;
    h.owner = null;
    this.updateSignals(ZX_SOCKET_ACCEPT, 0);
    this.peer?.updateSignals(0, ZX_SOCKET_SHARE);
    return h;
  }

  // ---- shutdown --------------------------------------------------------------------------

  /** socket_shutdown (options already validated). Idempotent; never undone. */
  shutdown(how: number): number {
    const read = (how & ZX_SOCKET_SHUTDOWN_READ) !== 0;
    const write = (how & ZX_SOCKET_SHUTDOWN_WRITE) !== 0;
    const want = (read ? ZX_SOCKET_PEER_WRITE_DISABLED : 0) | (write ? ZX_SOCKET_WRITE_DISABLED : 0);
    const have = this.signals & (ZX_SOCKET_PEER_WRITE_DISABLED | ZX_SOCKET_WRITE_DISABLED);
    if (want === have) return ZX_OK;
    this.applyShutdown(read, write);
    // The peer sees the mirror image: our READ shutdown stops its writes and vice versa.
    this.peer?.applyShutdown(write, read);
    return ZX_OK;
  }

  private applyShutdown(stopReading: boolean, stopWriting: boolean): void {
    let clear = 0;
    let set = 0;
    if (stopReading) {
      this.readDisabled = true;
      set |= ZX_SOCKET_PEER_WRITE_DISABLED;
    }
    if (stopWriting) {
      clear |= ZX_SOCKET_WRITABLE;
      set |= ZX_SOCKET_WRITE_DISABLED;
    }
    this.updateSignals(clear, set);
  }

  // ---- thresholds and info ---------------------------------------------------------------

  /** ZX_PROP_SOCKET_RX_THRESHOLD: READ_THRESHOLD means queued >= threshold. */
  setRxThreshold(v: number): number {
    if (v > SOCKET_CAPACITY) return ZX_ERR_INVALID_ARGS;
    this.rxThreshold = v;
    const met = v > 0 && this.data.size >= v;
    this.updateSignals(met ? 0 : ZX_SOCKET_READ_THRESHOLD, met ? ZX_SOCKET_READ_THRESHOLD : 0);
    return ZX_OK;
  }

  /** ZX_PROP_SOCKET_TX_THRESHOLD: WRITE_THRESHOLD means the peer's free space >= threshold. */
  setTxThreshold(v: number): number {
    const p = this.peer;
    if (p === null) return ZX_ERR_PEER_CLOSED;
    if (v > SOCKET_CAPACITY) return ZX_ERR_INVALID_ARGS;
    this.txThreshold = v;
    const met = v > 0 && p.data.free >= v;
    this.updateSignals(met ? 0 : ZX_SOCKET_WRITE_THRESHOLD, met ? ZX_SOCKET_WRITE_THRESHOLD : 0);
    return ZX_OK;
  }

  /** The ZX_INFO_SOCKET record: this endpoint's receive side, and the peer's as its transmit side. */
  info(): zx_info_socket_t {
    const p = this.peer;
    return {
      options: this.options,
      rx_buf_max: SOCKET_CAPACITY,
      rx_buf_size: this.data.size,
      rx_buf_available: this.data.available,
      tx_buf_max: p === null ? 0 : SOCKET_CAPACITY,
      tx_buf_size: p === null ? 0 : p.data.size,
    };
  }

  /** For kernel.snapshot(): queued bytes (control message included) and the shared socket waiting for accept. */
  override contents(): ObjectContents {
    return { queued: { bytes: this.data.size + this.controlLength }, carried: this.acceptQueue === null ? [] : [[this.acceptQueue]], via: 'socket share queue' };
  }

  // ---- lifetime --------------------------------------------------------------------------

  /** Only WRITABLE drops; READABLE, control, share/accept, thresholds and user bits stay. */
  protected onPeerClosed(): void {
    this.updateSignals(ZX_SOCKET_WRITABLE, ZX_SOCKET_PEER_CLOSED);
  }

  protected destroy(): void {
    this.data.release();
    this.control = null;
    const queued = this.acceptQueue;
    this.acceptQueue = null;
    if (queued !== null) this.kernel.closeHandle(queued);
    this.kernel.objectDestroyed();
  }
}
