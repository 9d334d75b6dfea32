// The kernel's debug log (Zircon's dlog and LogDispatcher): one ring of records per kernel,
// shared by every log object, plus the log objects that write into it and read from it with
// their own read positions (spec §7.1).
import {
  ZX_DEFAULT_LOG_RIGHTS,
  ZX_LOG_FLAG_READABLE,
  ZX_LOG_READABLE,
  ZX_LOG_WRITABLE,
  ZX_OBJ_TYPE_LOG,
  ZX_RIGHT_READ,
  ZX_USER_SIGNAL_ALL,
} from '../../generated/constants.js';
import { encode_zx_log_record_t } from '../../generated/structs.js';
import { Deque } from '../deque.js';
import type { Kernel } from '../kernel.js';
import { KernelObject } from '../kernel-object.js';

/** The ring's size in bytes: records are dropped, oldest first, to keep their total within it. */
export const LOG_RING_BYTES = 131072;
/** The record header (zx_log_record_t). */
export const LOG_HEADER_BYTES = 32;
/** The most data one record carries. */
export const LOG_MAX_DATA = 224;

/** One record of the kernel log, as the host sees it (`kernel.log()`). */
export interface LogRecord {
  /** Position in the log: 0 for the kernel's first record, counting up. */
  readonly seq: number;
  /** Monotonic time of the write, in ns. */
  readonly timestamp: bigint;
  /** Koid of the writing process. */
  readonly pid: number;
  /** Koid of the writing thread: 0, zxkit processes have no thread objects. */
  readonly tid: number;
  /** The log object's creation options OR-ed with the write's options, cut to 16 bits. */
  readonly flags: number;
  /** The bytes written (a copy). */
  readonly data: Uint8Array;
}

const align4 = (n: number): number => (n + 3) & ~3;

/** Ring space a record of `len` data bytes takes. */
const footprint = (len: number): number => LOG_HEADER_BYTES + align4(len);

/**
 * The kernel-wide ring: records in order, the bytes they take, and the readable log objects to
 * wake. Writes never block: the oldest records go to make room.
 */
export class LogRing {
  private readonly records = new Deque<LogRecord>();
  private bytes = 0;
  /** Sequence number of the oldest record kept (the next one when the ring is empty). */
  first = 0;
  private readonly readers = new Set<LogObject>();

  constructor(private readonly echo: ((record: LogRecord) => void) | null) {}

  /** The sequence number the next record will get. */
  get end(): number {
    return this.first + this.records.length;
  }

  append(timestamp: bigint, pid: number, tid: number, flags: number, data: Uint8Array): void {
    const size = footprint(data.length);
    while (this.bytes + size > LOG_RING_BYTES && this.records.length > 0) {
      this.bytes -= footprint(this.records.shift()!.data.length);
      this.first++;
    }
    const record: LogRecord = { seq: this.end, timestamp, pid, tid, flags, data };
    this.records.push(record);
    this.bytes += size;
    for (const r of this.readers) r.updateSignals(0, ZX_LOG_READABLE);
    this.echo?.(record);
  }

  /** The record `seq`, if still kept. */
  at(seq: number): LogRecord | undefined {
    return this.records.at(seq - this.first);
  }

  /** Every record kept, oldest first. */
  all(): LogRecord[] {
    const out: LogRecord[] = [];
    for (let i = 0; i < this.records.length; i++) out.push(this.records.at(i)!);
    return out;
  }

  addReader(r: LogObject): void {
    this.readers.add(r);
  }

  removeReader(r: LogObject): void {
    this.readers.delete(r);
  }
}

/** The bytes of `record` as zx_debuglog_read() returns them: the header, then the data. */
export function encodeRecord(record: LogRecord): Uint8Array {
  const len = record.data.length;
  const out = new Uint8Array(LOG_HEADER_BYTES + len);
  encode_zx_log_record_t({
    // The ring's own bookkeeping, which Zircon leaves in the first word: never 0.
    reserved: ((((LOG_HEADER_BYTES + len) & 0xfff) << 12) | (footprint(len) & 0xfff)) >>> 0,
    datalen: len,
    flags: record.flags,
    timestamp: record.timestamp,
    pid: BigInt(record.pid),
    tid: BigInt(record.tid),
  }, out);
  out.set(record.data, LOG_HEADER_BYTES);
  return out;
}

/** A log object (zx_debuglog_create): writes into the kernel's ring, and reads when readable. */
export class LogObject extends KernelObject {
  static readonly type = ZX_OBJ_TYPE_LOG;

  /** The next record this object reads, when it was created readable; otherwise null. */
  private cursor: number | null;

  private constructor(kernel: Kernel, readonly options: number) {
    super(kernel, ZX_OBJ_TYPE_LOG, ZX_LOG_WRITABLE);
    const ring = kernel.logRing;
    this.cursor = (options & ZX_LOG_FLAG_READABLE) !== 0 ? ring.first : null;
    if (this.cursor !== null) {
      ring.addReader(this);
      if (ring.end > this.cursor) this.signals |= ZX_LOG_READABLE;
    }
  }

  static create(kernel: Kernel, options: number): LogObject {
    return new LogObject(kernel, options >>> 0);
  }

  /** The rights of a new handle: READ too when the object reads. */
  get handleRights(): number {
    return this.cursor === null ? ZX_DEFAULT_LOG_RIGHTS : ZX_DEFAULT_LOG_RIGHTS | ZX_RIGHT_READ;
  }

  get waitable(): boolean {
    return true;
  }

  get userSignalMask(): number {
    return ZX_USER_SIGNAL_ALL;
  }

  /** Append one record written through this object. */
  write(pid: number, options: number, data: Uint8Array): void {
    this.kernel.logRing.append(this.kernel.now(), pid, 0, (this.options | options) & 0xffff, data.slice());
  }

  /**
   * Take the record at the read position, snapping past records the ring dropped; null when
   * none is waiting (and READABLE is then cleared). Only a readable object is ever asked.
   */
  read(): LogRecord | null {
    const ring = this.kernel.logRing;
    let seq = this.cursor!;
    if (seq < ring.first) seq = ring.first;
    const record = ring.at(seq);
    if (record === undefined) {
      this.cursor = seq;
      this.updateSignals(ZX_LOG_READABLE, 0);
      return null;
    }
    this.cursor = seq + 1;
    return record;
  }

  onZeroHandles(): void {
    this.kernel.logRing.removeReader(this);
    this.kernel.objectDestroyed();
  }
}
