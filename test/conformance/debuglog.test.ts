// The debug log (spec part 2 §7.1): log objects, the record layout, the shared ring, readers'
// positions and signals, the host's view, and every documented status.
import { describe, expect, it } from 'vitest';
import {
  Kernel,
  ZX_DEFAULT_LOG_RIGHTS,
  ZX_ERR_ACCESS_DENIED,
  ZX_ERR_BAD_HANDLE,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NO_MEMORY,
  ZX_ERR_OUT_OF_RANGE,
  ZX_ERR_SHOULD_WAIT,
  ZX_ERR_WRONG_TYPE,
  ZX_INFO_HANDLE_BASIC,
  ZX_LOG_FLAG_READABLE,
  ZX_LOG_INFO,
  ZX_LOG_READABLE,
  ZX_LOG_RECORD_MAX,
  ZX_LOG_WARN,
  ZX_LOG_WRITABLE,
  ZX_OBJ_TYPE_LOG,
  ZX_OK,
  ZX_RIGHT_READ,
  ZX_RIGHT_SAME_RIGHTS,
  ZX_RIGHT_WAIT,
  decode_zx_info_handle_basic_t,
  decode_zx_log_record_t,
} from '../../index.js';
import { bad, box, dup, enc, mkChannel, mkEvent, SENTINEL_H, sig, type Sys } from './helpers.js';

function boot(options: ConstructorParameters<typeof Kernel>[0] = {}): { kernel: Kernel; sys: Sys; pid: number } {
  const kernel = new Kernel({ clock: 'virtual', ...options });
  const proc = kernel.createProcess('logger');
  return { kernel, sys: proc.syscalls, pid: proc.koid };
}

function mkLog(sys: Sys, options = 0): number {
  const out = box(0);
  expect(sys.zx_debuglog_create(0, options, out)).toBe(ZX_OK);
  return out.value;
}

function write(sys: Sys, log: number, text: string, options = 0): void {
  const b = enc(text);
  expect(sys.zx_debuglog_write(log, options, b, b.length)).toBe(ZX_OK);
}

function rightsOf(sys: Sys, h: number): number {
  const info = new Uint8Array(32);
  expect(sys.zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, info, 32, null, null)).toBe(ZX_OK);
  const basic = decode_zx_info_handle_basic_t(info);
  expect(basic.type).toBe(ZX_OBJ_TYPE_LOG);
  return basic.rights;
}

describe('debuglog_create', () => {
  it('a write-only log has 0xD00B and WRITABLE; a readable one adds READ (0xD00F)', async () => {
    const { sys } = boot();
    const w = mkLog(sys);
    const r = mkLog(sys, ZX_LOG_FLAG_READABLE);
    expect(ZX_DEFAULT_LOG_RIGHTS).toBe(0xd00b);
    expect(rightsOf(sys, w)).toBe(0xd00b);
    expect(rightsOf(sys, r)).toBe(0xd00f);
    expect(await sig(sys, w)).toBe(ZX_LOG_WRITABLE);
    expect(await sig(sys, r)).toBe(ZX_LOG_WRITABLE);
  });

  it('a readable log made while records are kept starts READABLE, at the oldest record', async () => {
    const { sys } = boot();
    write(sys, mkLog(sys), 'first');
    const r = mkLog(sys, ZX_LOG_FLAG_READABLE);
    expect(await sig(sys, r)).toBe(ZX_LOG_WRITABLE | ZX_LOG_READABLE);
    const buf = new Uint8Array(ZX_LOG_RECORD_MAX);
    expect(sys.zx_debuglog_read(r, 0, buf, buf.length)).toBe(32 + 5);
  });

  it('options are not checked, and end up in the flags of every record written through the object', () => {
    const { sys, kernel } = boot();
    const log = mkLog(sys, 0x12340000 | ZX_LOG_WARN);
    write(sys, log, 'x', ZX_LOG_INFO);
    expect(kernel.log()[0]!.flags).toBe(ZX_LOG_WARN | ZX_LOG_INFO);
  });

  it('BAD_HANDLE for a dead resource value; WRONG_TYPE for any live handle (zxkit has no resources); out untouched', () => {
    const { sys } = boot();
    const out = box(SENTINEL_H);
    expect(sys.zx_debuglog_create(0x7ffff0, 0, out)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_debuglog_create(mkEvent(sys), 0, out)).toBe(ZX_ERR_WRONG_TYPE);
    expect(out.value).toBe(SENTINEL_H);
  });

  it('INVALID_ARGS: options not a u32, or a bad out box', () => {
    const { sys } = boot();
    expect(sys.zx_debuglog_create(0, bad(-1), box(0))).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_debuglog_create(0, 0, bad(null))).toBe(ZX_ERR_INVALID_ARGS);
  });

  it('NO_MEMORY: no handle slot left', () => {
    const { sys } = boot();
    const ev = mkEvent(sys);
    for (;;) if (sys.zx_handle_duplicate(ev, ZX_RIGHT_SAME_RIGHTS, box(0)) !== ZX_OK) break;
    const out = box(SENTINEL_H);
    expect(sys.zx_debuglog_create(0, 0, out)).toBe(ZX_ERR_NO_MEMORY);
    expect(out.value).toBe(SENTINEL_H);
  });
});

describe('debuglog_write and debuglog_read: the record', () => {
  it('header: reserved, datalen, flags, timestamp, pid, tid 0; then the data, not NUL-terminated', () => {
    const { kernel, sys, pid } = boot();
    const log = mkLog(sys, ZX_LOG_FLAG_READABLE);
    kernel.advanceTime(500n);
    write(sys, log, 'ping', ZX_LOG_INFO);
    const buf = new Uint8Array(ZX_LOG_RECORD_MAX).fill(0xee);
    expect(sys.zx_debuglog_read(log, 0, buf, buf.length)).toBe(36);
    const h = decode_zx_log_record_t(buf);
    expect(h.reserved).toBe(0x00024024); // ((32+4) << 12) | (32 + 4)
    expect(h.datalen).toBe(4);
    expect(h.flags).toBe(ZX_LOG_INFO);
    expect(h.timestamp).toBe(kernel.now());
    expect(h.pid).toBe(BigInt(pid));
    expect(h.tid).toBe(0n);
    expect(new TextDecoder().decode(buf.subarray(32, 36))).toBe('ping');
    expect(buf[36]).toBe(0xee);
  });

  it('an odd length pads the ring footprint to 4 bytes in reserved; 224 data bytes is the most', () => {
    const { sys } = boot();
    const log = mkLog(sys, ZX_LOG_FLAG_READABLE);
    const buf = new Uint8Array(ZX_LOG_RECORD_MAX);
    write(sys, log, 'abcde');
    expect(sys.zx_debuglog_read(log, 0, buf, buf.length)).toBe(37);
    expect(decode_zx_log_record_t(buf).reserved).toBe((37 << 12) | 40);
    const max = new Uint8Array(224).fill(7);
    expect(sys.zx_debuglog_write(log, 0, max, 224)).toBe(ZX_OK);
    expect(sys.zx_debuglog_read(log, 0, buf, buf.length)).toBe(256);
    expect(buf.subarray(32, 256)).toEqual(max);
    expect(sys.zx_debuglog_write(log, 0, new Uint8Array(0), 0)).toBe(ZX_OK);
    expect(sys.zx_debuglog_read(log, 0, buf, buf.length)).toBe(32);
  });

  it('each readable object reads every record once, in order; READABLE clears only on SHOULD_WAIT', async () => {
    const { sys } = boot();
    const a = mkLog(sys, ZX_LOG_FLAG_READABLE);
    const b = mkLog(sys, ZX_LOG_FLAG_READABLE);
    const w = mkLog(sys);
    expect(await sig(sys, a)).toBe(ZX_LOG_WRITABLE);
    write(sys, w, 'one');
    write(sys, w, 'two');
    expect(await sig(sys, a)).toBe(ZX_LOG_WRITABLE | ZX_LOG_READABLE);
    expect(await sig(sys, b)).toBe(ZX_LOG_WRITABLE | ZX_LOG_READABLE);
    const buf = new Uint8Array(ZX_LOG_RECORD_MAX);
    for (const h of [a, b]) {
      for (const text of ['one', 'two']) {
        expect(sys.zx_debuglog_read(h, 0, buf, buf.length)).toBe(32 + 3);
        expect(new TextDecoder().decode(buf.subarray(32, 35))).toBe(text);
      }
    }
    expect(await sig(sys, a)).toBe(ZX_LOG_WRITABLE | ZX_LOG_READABLE);
    expect(sys.zx_debuglog_read(a, 0, buf, buf.length)).toBe(ZX_ERR_SHOULD_WAIT);
    expect(await sig(sys, a)).toBe(ZX_LOG_WRITABLE);
    expect(await sig(sys, b)).toBe(ZX_LOG_WRITABLE | ZX_LOG_READABLE);
  });

  it('a full ring drops the oldest records; a reader that was overtaken resumes at the oldest left', () => {
    const { kernel, sys } = boot();
    const r = mkLog(sys, ZX_LOG_FLAG_READABLE);
    const w = mkLog(sys);
    const payload = new Uint8Array(224);
    // Each record takes 256 bytes of the 131072-byte ring: 512 fit.
    for (let i = 0; i < 600; i++) {
      payload[0] = i & 0xff;
      payload[1] = i >> 8;
      expect(sys.zx_debuglog_write(w, 0, payload, 224)).toBe(ZX_OK);
    }
    const kept = kernel.log();
    expect(kept).toHaveLength(512);
    expect(kept[0]!.seq).toBe(88);
    const buf = new Uint8Array(ZX_LOG_RECORD_MAX);
    expect(sys.zx_debuglog_read(r, 0, buf, buf.length)).toBe(256);
    expect(buf[32]! | (buf[33]! << 8)).toBe(88);
  });

  it('the host sees the records through kernel.log() and can echo each one', () => {
    const echoed: string[] = [];
    const { kernel, sys, pid } = boot({ echoLog: (r) => echoed.push(new TextDecoder().decode(r.data)) });
    const log = mkLog(sys);
    write(sys, log, 'hello');
    write(sys, log, 'world', ZX_LOG_WARN);
    expect(echoed).toEqual(['hello', 'world']);
    expect(kernel.log().map((r) => [new TextDecoder().decode(r.data), r.pid, r.flags])).toEqual([['hello', pid, 0], ['world', pid, ZX_LOG_WARN]]);
  });
});

describe('debuglog_write errors', () => {
  it('OUT_OF_RANGE: more than 224 bytes, checked before the options and the handle', () => {
    const { sys } = boot();
    expect(sys.zx_debuglog_write(mkLog(sys), 0, new Uint8Array(225), 225)).toBe(ZX_ERR_OUT_OF_RANGE);
    expect(sys.zx_debuglog_write(0x7ffff0, 0x10000, new Uint8Array(225), 225)).toBe(ZX_ERR_OUT_OF_RANGE);
  });

  it('INVALID_ARGS: options outside 0xFFFF (before the handle), a null buffer even of size 0', () => {
    const { sys, kernel } = boot();
    const log = mkLog(sys);
    expect(sys.zx_debuglog_write(log, 0x10000, new Uint8Array(1), 1)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_debuglog_write(0x7ffff0, 0x10000, new Uint8Array(1), 1)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_debuglog_write(log, 0, null, 0)).toBe(ZX_ERR_INVALID_ARGS);
    expect(kernel.log()).toHaveLength(0);
  });

  it('BAD_HANDLE, ACCESS_DENIED (no WRITE), WRONG_TYPE', () => {
    const { sys } = boot();
    const log = mkLog(sys);
    const b = new Uint8Array(1);
    expect(sys.zx_debuglog_write(0x7ffff0, 0, b, 1)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_debuglog_write(dup(sys, log, ZX_RIGHT_WAIT), 0, b, 1)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_debuglog_write(mkChannel(sys)[0], 0, b, 1)).toBe(ZX_ERR_WRONG_TYPE);
  });
});

describe('debuglog_read errors', () => {
  it('INVALID_ARGS: options not 0; a buffer too small for the record consumes it', () => {
    const { sys } = boot();
    const log = mkLog(sys, ZX_LOG_FLAG_READABLE);
    write(sys, log, 'lost');
    write(sys, log, 'kept');
    expect(sys.zx_debuglog_read(log, 1, new Uint8Array(256), 256)).toBe(ZX_ERR_INVALID_ARGS);
    expect(sys.zx_debuglog_read(log, 0, new Uint8Array(8), 8)).toBe(ZX_ERR_INVALID_ARGS);
    const buf = new Uint8Array(256);
    expect(sys.zx_debuglog_read(log, 0, buf, 256)).toBe(36);
    expect(new TextDecoder().decode(buf.subarray(32, 36))).toBe('kept');
  });

  it('buffer_size is not consulted: the whole record is written when the buffer holds it', () => {
    const { sys } = boot();
    const log = mkLog(sys, ZX_LOG_FLAG_READABLE);
    write(sys, log, 'abc');
    const buf = new Uint8Array(64);
    expect(sys.zx_debuglog_read(log, 0, buf, 4)).toBe(35);
  });

  it('ACCESS_DENIED for a log made without READABLE; BAD_HANDLE; WRONG_TYPE; SHOULD_WAIT when empty', () => {
    const { sys } = boot();
    const buf = new Uint8Array(256);
    expect(sys.zx_debuglog_read(mkLog(sys), 0, buf, 256)).toBe(ZX_ERR_ACCESS_DENIED);
    expect(sys.zx_debuglog_read(0x7ffff0, 0, buf, 256)).toBe(ZX_ERR_BAD_HANDLE);
    expect(sys.zx_debuglog_read(mkChannel(sys)[0], 0, buf, 256)).toBe(ZX_ERR_WRONG_TYPE);
    const r = mkLog(sys, ZX_LOG_FLAG_READABLE);
    expect(rightsOf(sys, r) & ZX_RIGHT_READ).toBe(ZX_RIGHT_READ);
    expect(sys.zx_debuglog_read(r, 0, buf, 256)).toBe(ZX_ERR_SHOULD_WAIT);
  });

  it('closing the last handle of a reader destroys it; the log keeps its records', () => {
    const { kernel, sys } = boot();
    const before = kernel.stats().objects;
    const r = mkLog(sys, ZX_LOG_FLAG_READABLE);
    write(sys, r, 'x');
    expect(sys.zx_handle_close(r)).toBe(ZX_OK);
    expect(kernel.stats().objects).toBe(before);
    expect(kernel.log()).toHaveLength(1);
  });
});
